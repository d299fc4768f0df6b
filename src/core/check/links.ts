// Rule: links between documents resolve to a page of the site or a file of the project.
import { existsSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { finding, type Finding } from '../findings.ts';
import { requiredGates } from '../gate-status.ts';
import type { Program, SourceDocument } from '../load.ts';
import { blankCodeSpans } from '../markdown/delimited.ts';
import { inlineLinks } from '../markdown/links.ts';
import { parsedBodyOf } from '../markdown/sections.ts';
import { documentRoute, evidenceRoute, normaliseRoute, staticRoutes } from '../routes.ts';
import { documentTypeNames } from '../schemas/index.ts';

const HREF = /href=["']([^"']+)["']/g;

export interface LinkTarget {
	href: string;
	line: number;
	column: number;
}

/** Links in prose (not in code), with body-relative positions. */
export function findLinks(doc: { body: string }): LinkTarget[] {
	const { lines, mask } = parsedBodyOf(doc);
	const links: LinkTarget[] = [];
	lines.forEach((raw, i) => {
		if (!mask[i] || (!raw.includes('](') && !raw.includes('href='))) return;
		const line = blankCodeSpans(raw);
		for (const link of inlineLinks(line)) {
			// An image's `!` is not where its link starts.
			const start = line[link.start] === '!' ? link.start + 1 : link.start;
			links.push({ href: link.href, line: i + 1, column: start + 1 });
		}
		for (const match of line.matchAll(HREF)) {
			links.push({ href: match[1]!, line: i + 1, column: match.index + 1 });
		}
	});
	return links;
}

export function knownRoutes(program: Program): Set<string> {
	const routes = new Set<string>(staticRoutes);
	for (const type of documentTypeNames) {
		for (const doc of program.documents[type] as SourceDocument[]) routes.add(normaliseRoute(documentRoute(type, doc.id)));
	}
	// A document left out for its own errors gets its page once it is fixed: a link to it is not the problem.
	for (const doc of program.invalid ?? []) routes.add(normaliseRoute(documentRoute(doc.type, doc.id)));
	// Every phase has a page per gate it requires, with or without evidence yet.
	if (program.project) {
		for (const phase of program.documents.phase) {
			for (const gate of requiredGates(phase.data, program.project)) routes.add(evidenceRoute(phase.id, gate.id));
		}
	}
	return routes;
}

/**
 * Every link's finding is on its own document, so `checks` (check --changed's scope) picks the
 * documents whose links are read: the others' bodies need not even be parsed.
 */
export function checkLinks(
	program: Program,
	checks: (path: string) => boolean = () => true,
	linksOf: (doc: SourceDocument) => readonly LinkTarget[] = findLinks,
): Finding[] {
	const routes = knownRoutes(program);
	const findings: Finding[] = [];
	for (const type of documentTypeNames) {
		for (const doc of program.documents[type] as SourceDocument[]) {
			if (!checks(doc.path)) continue;
			for (const link of linksOf(doc)) {
				const href = link.href;
				if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('#') || href.startsWith('//')) continue;
				let ok: boolean;
				if (href.startsWith('/')) ok = routes.has(normaliseRoute(href));
				else {
					const target = posix.normalize(posix.join(dirname(doc.path), href.replace(/[?#].*$/, '')));
					ok = existsSync(join(program.root, target));
				}
				if (!ok) {
					findings.push(finding(doc.path, doc.bodyLine + link.line - 1, 'error', `Unresolved link "${href}", expected a page of the site (such as /phases/1/) or a file of the project`, 'references/link', link.column));
				}
			}
		}
	}
	return findings;
}
