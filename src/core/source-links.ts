// Relative links in documents, as authors write them on GitHub: `[RCA-0001](./rca-0001.mdx)` or
// `[the parser](../../src/parse.ts)`. GitHub follows them from the file; the site serves the page at
// /rcas/rca-0002/, where the same href leads nowhere. So the compiler marks each relative link with
// the project path it names (a pure function of the document's path and text, so a compiled body
// stays valid), and the page, when it renders, turns the mark into the document's page, or into the
// file in the repository's web view at the commit the site is built from.
import { posix } from 'node:path';

/** The scheme of a marked link: what the compiler writes, and the page reads back. */
export const SOURCE_LINK = 'phasebook-source:';

/** An href with a scheme (https:, mailto:), a site route (/phases/1/), a protocol-relative address, a fragment or a query. */
const notRelative = (href: string) => /^[a-z][a-z0-9+.-]*:/i.test(href) || /^[/#?]/.test(href) || href === '';

/**
 * The project path (from the root, forward slashes) a relative href names from the document at
 * `documentPath`, and the fragment it carries; undefined for any other href, or one that leaves
 * the project.
 */
export function sourceTarget(documentPath: string, href: string): { path: string; fragment: string } | undefined {
	if (notRelative(href)) return undefined;
	const at = href.search(/[?#]/);
	const written = at === -1 ? href : href.slice(0, at);
	const fragment = at === -1 ? '' : href.slice(at).replace(/^\?[^#]*/, '');
	let decoded: string;
	try {
		decoded = decodeURIComponent(written);
	} catch {
		decoded = written;
	}
	const path = posix.normalize(posix.join(posix.dirname(documentPath), decoded)).replace(/\/$/, '');
	if (path === '..' || path.startsWith('../') || path === '.' || posix.isAbsolute(path)) return undefined;
	return { path, fragment };
}

/** What the compiler writes for a relative href: the path it names, marked; undefined to leave the href alone. */
export function markSourceLink(documentPath: string, href: string): string | undefined {
	const target = sourceTarget(documentPath, href);
	return target && `${SOURCE_LINK}${target.path}${target.fragment}`;
}

export interface SourceLinkTargets {
	/** The site route of the document at a project path, if it is one. */
	routeOf(path: string): string | undefined;
	/** The repository's web address (project.yaml `repository`), if set. */
	repository?: string | undefined;
	/** The commit (or ref) the files are shown at. */
	ref: string;
	/** The project's folder inside the repository ('' or ending with '/'). */
	projectPrefix: string;
	/** Whether a project path is a folder (shown as a tree, not a file). */
	isFolder(path: string): boolean;
}

/**
 * Where a marked link leads on the site: the document's page (a site route, with its fragment), or
 * the file in the repository at `ref`; undefined when it names a file and no repository is set,
 * since the site publishes only documents (the check reports such a link).
 */
export function publishedSourceLink(marked: string, targets: SourceLinkTargets): string | undefined {
	if (!marked.startsWith(SOURCE_LINK)) return marked;
	const rest = marked.slice(SOURCE_LINK.length);
	const at = rest.indexOf('#');
	const path = at === -1 ? rest : rest.slice(0, at);
	const fragment = at === -1 ? '' : rest.slice(at);
	const route = targets.routeOf(path);
	// A changelog entry's route has its own fragment (/changelog/#v0-2-0): it wins.
	if (route) return route.includes('#') ? route : `${route}${fragment}`;
	if (!targets.repository) return undefined;
	const parts = `${targets.projectPrefix}${path}`.split('/').filter(Boolean).map(encodeURIComponent);
	return `${targets.repository.replace(/\/+$/, '')}/${targets.isFolder(path) ? 'tree' : 'blob'}/${targets.ref}/${parts.join('/')}${fragment}`;
}
