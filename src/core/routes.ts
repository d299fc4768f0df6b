// The site's URL scheme, shared by the pages, the link checker and the CLI's messages.
import type { DocumentTypeName } from './schemas/index.ts';

/** Pages that exist whatever the content. */
export const staticRoutes = [
	'/',
	'/phases/',
	'/rcas/',
	'/handoffs/',
	'/reviews/',
	'/changelog/',
	'/board/',
	'/traceability/',
	'/readiness/',
	'/search/',
] as const;

export function slugify(id: string): string {
	const slug = id.toLowerCase().replace(/[^a-z0-9.-]+/g, '-');
	// Trimmed with a scan: `/-+$/` backtracks quadratically over a long run of dashes.
	let start = 0;
	let end = slug.length;
	while (slug[start] === '-') start++;
	while (end > start && slug[end - 1] === '-') end--;
	return slug.slice(start, end);
}

/** Site-absolute route of a document, without the base path. */
export function documentRoute(type: DocumentTypeName, id: string): string {
	switch (type) {
		case 'phase':
			return `/phases/${slugify(id)}/`;
		case 'rca':
			return `/rcas/${slugify(id)}/`;
		case 'handoff':
			return `/handoffs/${slugify(id)}/`;
		case 'review':
			return `/reviews/${slugify(id)}/`;
		case 'changelog':
			return `/changelog/#v${slugify(id.replace(/^v/, ''))}`;
	}
}

/** The id of a task's card on the board, and the route to it. */
export function taskAnchor(id: string): string {
	return `task-${slugify(id)}`;
}

export function taskRoute(id: string): string {
	return `/board/#${taskAnchor(id)}`;
}

export function evidenceRoute(phase: string, gate: string): string {
	return `/phases/${slugify(phase)}/gates/${slugify(gate)}/`;
}

/**
 * Where the site publishes an evidence run file (`content/evidence/1/unit/<run>.json` at
 * `/evidence/1/unit/<run>.json`), so a page that lists part of a run can link all of it.
 * Undefined for a file whose name needs escaping (the importer never writes one).
 */
export function evidenceFileRoute(path: string): string | undefined {
	const rest = path.startsWith('content/evidence/') ? path.slice('content/'.length) : undefined;
	return rest && rest.split('/').every((part) => /^[\w.-]+$/.test(part) && part !== '..') ? `/${rest}` : undefined;
}

/** Strips hash and query and ensures a trailing slash, so `/rcas/rca-0001` matches `/rcas/rca-0001/`. */
export function normaliseRoute(href: string): string {
	const path = href.replace(/[?#].*$/, '');
	return path.endsWith('/') || /\.[a-z0-9]+$/i.test(path) ? path : `${path}/`;
}
