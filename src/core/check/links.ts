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
import { sourceTarget } from '../source-links.ts';

const HREF = /href=["']([^"']+)["']/g;

/** A link reference definition, `[id]: destination`: the href a `[text][id]` link takes (`[^1]:` is a footnote). */
const DEFINITION = /^ {0,3}\[(?!\^)(?:[^\]\\]|\\.)+\]:[ \t]*<?([^\s>]+)>?/;

export interface LinkTarget {
	href: string;
	line: number;
	column: number;
	/**
	 * `markdown`: a link or a link definition, which the site follows as GitHub does (a relative one
	 * leads to the document's page or the file in the repository); `image`: Astro publishes the file
	 * it shows; `html`: an `href=` attribute, published as written.
	 */
	kind: 'markdown' | 'image' | 'html';
}

/** Links in prose (not in code), with body-relative positions. */
export function findLinks(doc: { body: string }): LinkTarget[] {
	const { lines, mask } = parsedBodyOf(doc);
	const links: LinkTarget[] = [];
	lines.forEach((raw, i) => {
		if (!mask[i] || (!raw.includes('](') && !raw.includes('href=') && !raw.includes(']:'))) return;
		const line = blankCodeSpans(raw);
		for (const link of inlineLinks(line)) {
			// An image's `!` is not where its link starts.
			const image = line[link.start] === '!';
			links.push({ href: link.href, line: i + 1, column: (image ? link.start + 1 : link.start) + 1, kind: image ? 'image' : 'markdown' });
		}
		const definition = DEFINITION.exec(line);
		if (definition) links.push({ href: definition[1]!, line: i + 1, column: line.indexOf('[') + 1, kind: 'markdown' });
		for (const match of line.matchAll(HREF)) {
			links.push({ href: match[1]!, line: i + 1, column: match.index + 1, kind: 'html' });
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
	const documentPaths = new Set(documentTypeNames.flatMap((type) => (program.documents[type] as SourceDocument[]).map((doc) => doc.path)));
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
					// The site follows a relative Markdown link to a document's page, and to any other file
					// only in the repository's web view: without a repository it would lead nowhere.
					const source = link.kind === 'markdown' && ok ? sourceTarget(doc.path, href) : undefined;
					if (source && !documentPaths.has(source.path) && !program.project?.repository) {
						const line = doc.bodyLine + link.line - 1;
						findings.push(finding(doc.path, line, 'error', `Link "${href}" names ${source.path}, a file of the project that the site does not publish, expected a document or, for the site to link the file in the repository's web view, repository in content/project.yaml`, 'references/link', link.column));
						continue;
					}
				}
				if (!ok) {
					findings.push(finding(doc.path, doc.bodyLine + link.line - 1, 'error', `Unresolved link "${href}", expected a page of the site (such as /phases/1/) or a file of the project`, 'references/link', link.column));
				}
			}
		}
	}
	return findings;
}
