// Rule: links between documents resolve to a page of the site or a file of the project.
import { existsSync, statSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { containingFolder, fileKind, realPlaceOutside } from '../files.ts';
import { finding, type Finding } from '../findings.ts';
import { isPublicFile } from './public-files.ts';
import { requiredGates } from '../gate-status.ts';
import type { Program, SourceDocument } from '../load.ts';
import { bodyAnchors, isPageFurniture } from '../markdown/anchors.ts';
import { blankCodeSpans } from '../markdown/delimited.ts';
import { inlineLinks } from '../markdown/links.ts';
import { parseBody, parsedBodyOf } from '../markdown/sections.ts';
import { documentRoute, evidenceRoute, normaliseRoute, staticRoutes } from '../routes.ts';
import { documentTypeNames, documentTypes } from '../schemas/index.ts';
import { leavesProject, repositoryPath, sourceTarget } from '../source-links.ts';
import { nearestName } from '../text-distance.ts';

const HREF = /href=["']([^"']+)["']/g;

/** A link reference definition, `[id]: destination`: the href a `[text][id]` link takes (`[^1]:` is a footnote). */
const DEFINITION = /^ {0,3}\[(?!\^)(?:[^\]\\]|\\.)+\]:[ \t]*(?:<([^<>\n]+)>|([^\s<]\S*))/;

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

/**
 * A line that starts a block of its own: a list item, a quote, a heading or a table row. A link's
 * text may wrap onto the next line of its paragraph, never into another block.
 */
const BLOCK_START = /^\s{0,3}(?:[-*+][ \t]|\d{1,9}[.)][ \t]|>|#{1,6}(?:[ \t]|$))/;

/**
 * Links in prose (not in code), with body-relative positions; and the `href=` of HTML written as a
 * block of its own (`<a href="…">` on its line), which is published as written too. A paragraph's
 * lines are read together, since hard-wrapped prose wraps a link's text onto the next line.
 */
export function findLinks(doc: { body: string }): LinkTarget[] {
	const { lines, mask, kinds } = parsedBodyOf(doc);
	const links: LinkTarget[] = [];
	// A line of text: prose, or a line among an element's children (`<details>`, a component),
	// which MDX reads as Markdown too; not a tag, an expression or a brace of one.
	const text = (j: number) => (kinds[j] === 'jsx' ? !/^\s*[<{}]/.test(lines[j]!) : mask[j]!);
	// A line a paragraph may hold (a table row is a block of one line), and one that starts a block.
	const inParagraph = (j: number) => text(j) && !lines[j]!.includes('|') && lines[j]!.trim() !== '';
	const startsBlock = (j: number) => BLOCK_START.test(lines[j]!);
	// The last line of the paragraphs read so far: each is read once, from the first line with a `](`.
	let read = -1;
	lines.forEach((raw, i) => {
		const html = kinds[i] === 'jsx';
		if (i > read && text(i) && raw.includes('](')) {
			let first = i;
			let last = i;
			if (inParagraph(i)) {
				while (first - 1 > read && !startsBlock(first) && inParagraph(first - 1)) first--;
				while (last + 1 < lines.length && inParagraph(last + 1) && !startsBlock(last + 1)) last++;
			}
			inlineLinksOf(lines, first, last, links);
			read = last;
		}
		if ((!mask[i] && !html) || (!raw.includes('href=') && !raw.includes(']:'))) return;
		const line = blankCodeSpans(raw);
		if (!html) {
			const definition = DEFINITION.exec(line);
			if (definition) links.push({ href: definition[1] ?? definition[2]!, line: i + 1, column: line.indexOf('[') + 1, kind: 'markdown' });
		}
		for (const match of line.matchAll(HREF)) links.push({ href: match[1]!, line: i + 1, column: match.index + 1, kind: 'html' });
	});
	return links;
}

/** The inline links of lines `first`..`last` read as one paragraph, each at the line and column it starts. */
function inlineLinksOf(lines: readonly string[], first: number, last: number, links: LinkTarget[]): void {
	const starts: number[] = [];
	let text = '';
	for (let i = first; i <= last; i++) {
		starts.push(text.length);
		text += `${blankCodeSpans(lines[i]!)}${i < last ? '\n' : ''}`;
	}
	let k = 0;
	for (const link of inlineLinks(text)) {
		// An image's `!` is not where its link starts.
		const image = text[link.start] === '!';
		const at = image ? link.start + 1 : link.start;
		while (k + 1 < starts.length && starts[k + 1]! <= at) k++;
		links.push({ href: link.href, line: first + k + 1, column: at - starts[k]! + 1, kind: image ? 'image' : 'markdown' });
	}
}

export function knownRoutes(program: Program): Set<string> {
	const routes = new Set<string>(staticRoutes);
	for (const type of documentTypeNames) {
		for (const doc of program.documents[type] as SourceDocument[]) routes.add(normaliseRoute(documentRoute(type, doc.id)));
	}
	// A document left out for its own errors gets its page once it is fixed: a link to it is not the problem.
	for (const doc of program.invalid ?? []) routes.add(normaliseRoute(documentRoute(doc.type, doc.id)));
	// So is one whose frontmatter cannot be read at all: its file name stands for its id. A YAML typo
	// in rca-0001.mdx came eighth of nine errors, after an "Unresolved link" in each file naming it.
	for (const path of program.unloaded ?? []) {
		const type = documentTypeNames.find((t) => path.startsWith(`content/${documentTypes[t].collection}/`));
		if (type) routes.add(normaliseRoute(documentRoute(type, posix.basename(path, '.mdx'))));
	}
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
 * documents whose links are read: the others' bodies need not even be parsed. `projectPrefix` is
 * the project's folder in its git repository ('' or ending with '/'), when git can say: a relative
 * link may name a file of the repository outside the project (the code beside `docs/`).
 */
export function checkLinks(
	program: Program,
	checks: (path: string) => boolean = () => true,
	linksOf: (doc: SourceDocument) => readonly LinkTarget[] = findLinks,
	projectPrefix?: string,
	/** Paths (from the root) git ignores, of those `linkedFiles` named: never in the repository. */
	ignored: ReadonlySet<string> = new Set(),
	/** A document's body as the site publishes it (publishedBody: without the sections nobody wrote). */
	published: (doc: SourceDocument) => string = (doc) => doc.body,
): Finding[] {
	const routes = knownRoutes(program);
	const documentPaths = documentPathsOf(program);
	const anchors = new AnchorIndex(program, published);
	const within = containingFolder(program.root, projectPrefix);
	const findings: Finding[] = [];
	for (const type of documentTypeNames) {
		for (const doc of program.documents[type] as SourceDocument[]) {
			if (!checks(doc.path)) continue;
			for (const link of linksOf(doc)) {
				const line = doc.bodyLine + link.line - 1;
				// A link that runs script when followed is code in the reader's browser, as an event handler is.
				const scheme = /^\s*(javascript|vbscript|data):/i.exec(link.href)?.[1]?.toLowerCase();
				if (scheme) {
					findings.push(finding(doc.path, line, 'warning', `Unexpected ${scheme}: link "${link.href.length > 60 ? `${link.href.slice(0, 60)}…` : link.href}": it runs in the reader's browser; review it as code`, 'mdx/code', link.column));
					continue;
				}
				if (/^\s*file:/i.test(link.href)) {
					findings.push(finding(doc.path, line, 'error', `Link "${link.href}" names a file of the machine it was written on, which no reader has; expected a page of the site, a document or a file of the repository`, 'references/link', link.column));
					continue;
				}
				const problem = linkProblem(program, doc, link, routes, documentPaths, projectPrefix, ignored, within);
				if (problem) findings.push(finding(doc.path, line, 'error', problem, 'references/link', link.column));
				else {
					const missing = anchors.problem(doc, link);
					if (missing) findings.push(finding(doc.path, line, 'warning', missing, 'references/anchor', link.column));
				}
			}
		}
	}
	return findings;
}

/**
 * The headings' anchors of the documents links lead to, worked out for those a link names with a
 * `#fragment` only: most documents are never linked that way.
 */
class AnchorIndex {
	readonly #byPath = new Map<string, SourceDocument>();
	readonly #byRoute = new Map<string, SourceDocument>();
	/** The changelog page's entries, each with the anchor its section has there (`v0.1.0`). */
	readonly #entries: { doc: SourceDocument; anchor: string }[] = [];
	#changelog: { anchors: Set<string>; unread: string[] } | undefined;
	/** Per document: the anchors of its page, and those of its headings the page leaves out. */
	readonly #anchors = new Map<SourceDocument, { shown: string[]; unwritten: Set<string> } | undefined>();
	readonly #published: (doc: SourceDocument) => string;

	constructor(program: Program, published: (doc: SourceDocument) => string) {
		this.#published = published;
		for (const type of documentTypeNames) {
			for (const doc of program.documents[type] as SourceDocument[]) {
				this.#byPath.set(doc.path, doc);
				// The changelog's entries share one page, whose ids are the entries' own (`#v1-2-0`).
				const route = documentRoute(type, doc.id);
				if (type === 'changelog') this.#entries.push({ doc, anchor: route.slice(route.indexOf('#') + 1) });
				else this.#byRoute.set(normaliseRoute(route), doc);
			}
		}
	}

	/** A warning when the link's fragment is no heading (nor `id`) of the document it leads to. */
	problem(doc: SourceDocument, link: LinkTarget): string | undefined {
		const hash = link.href.indexOf('#');
		if (hash === -1 || hash === link.href.length - 1) return undefined;
		const fragment = decodedFragment(link.href.slice(hash + 1));
		if (isPageFurniture(fragment)) return undefined;
		const before = link.href.slice(0, hash);
		if (before.startsWith('/') && normaliseRoute(before) === CHANGELOG) return this.#changelogProblem(link, fragment);
		const target = this.#target(doc, link, before);
		if (!target) return undefined;
		const known = this.#anchorsOf(target);
		if (!known || known.shown.includes(fragment)) return undefined;
		const where = target === doc ? 'this document' : target.path;
		if (known.unwritten.has(fragment)) return `Link "${link.href}" names a section of ${where} that nobody has written yet, which the site leaves out, so it opens the page at its top; write the section or link another`;
		const anchors = known.shown;
		// A typo, or the anchor's start (`#rollback` for `#rollback-plan`) when only one heading has it.
		const starting = anchors.filter((a) => a.startsWith(fragment));
		const meant = nearestName(fragment, anchors) ?? (starting.length === 1 ? starting[0] : undefined);
		const listed = anchors.length === 0 ? `${where} has no headings` : meant ? `did you mean "#${meant}"?` : `its headings' anchors are ${someAnchors(anchors)}`;
		return `Link "${link.href}" names no heading of ${where}, so it opens the page at its top; ${listed}`;
	}

	/**
	 * A fragment of the changelog page: an entry's anchor, or one of its headings' under it
	 * (`#v0.1.0-fixed`, as the page scopes each entry's ids). Not judged where it may be an id of
	 * an entry whose headings the check cannot read.
	 */
	#changelogProblem(link: LinkTarget, fragment: string): string | undefined {
		const page = (this.#changelog ??= this.#changelogAnchors());
		if (page.anchors.has(fragment) || page.unread.some((prefix) => fragment.startsWith(prefix))) return undefined;
		const entries = this.#entries.map((e) => e.anchor);
		const meant = nearestName(fragment, [...page.anchors]);
		const listed = entries.length === 0 ? 'the changelog has no entries' : meant ? `did you mean "#${meant}"?` : `its entries' anchors are ${someAnchors(entries)}`;
		return `Link "${link.href}" names no entry or heading of the changelog, so it opens the page at its top; ${listed}`;
	}

	/** The changelog page's anchors, and the prefixes of the entries whose headings cannot be read. */
	#changelogAnchors(): { anchors: Set<string>; unread: string[] } {
		const anchors = new Set<string>();
		const unread: string[] = [];
		for (const { doc, anchor } of this.#entries) {
			anchors.add(anchor);
			const known = this.#anchorsOf(doc);
			if (!known) unread.push(`${anchor}-`);
			for (const a of known?.shown ?? []) anchors.add(`${anchor}-${a}`);
		}
		return { anchors, unread };
	}

	#anchorsOf(doc: SourceDocument): { shown: string[]; unwritten: Set<string> } | undefined {
		if (this.#anchors.has(doc)) return this.#anchors.get(doc);
		const published = this.#published(doc);
		const shown = bodyAnchors(published === doc.body ? parsedBodyOf(doc) : parseBody(published));
		const all = published === doc.body ? shown : bodyAnchors(parsedBodyOf(doc));
		const known = shown && { shown, unwritten: new Set((all ?? []).filter((a) => !shown.includes(a))) };
		this.#anchors.set(doc, known);
		return known;
	}

	#target(doc: SourceDocument, link: LinkTarget, before: string): SourceDocument | undefined {
		if (before === '') return doc.type === 'changelog' ? undefined : doc;
		if (before.startsWith('/')) return this.#byRoute.get(normaliseRoute(before));
		if (link.kind !== 'markdown') return undefined;
		const source = sourceTarget(doc.path, link.href);
		return source ? this.#byPath.get(source.path) : undefined;
	}
}

const CHANGELOG = normaliseRoute('/changelog/');

/** The first six anchors, and how many more: "#a, #b, and 3 more". */
const someAnchors = (anchors: readonly string[]) => `${anchors.slice(0, 6).map((a) => `#${a}`).join(', ')}${anchors.length > 6 ? `, and ${anchors.length - 6} more` : ''}`;

/** `%C3%A9` read as the `é` a heading's anchor holds; a malformed escape stays as written. */
function decodedFragment(fragment: string): string {
	try {
		return decodeURIComponent(fragment);
	} catch {
		return fragment;
	}
}

/** The documents' files, those the check could not read included: a link to one is a link to a document. */
const documentPathsOf = (program: Program) => new Set([...documentTypeNames.flatMap((type) => (program.documents[type] as SourceDocument[]).map((doc) => doc.path)), ...(program.unloaded ?? [])]);

/**
 * The files and folders of the repository that the checked documents' relative Markdown links
 * name, other than documents: the site links them in the repository, so git is asked which of
 * them it ignores (a build's output, node_modules), which the repository never has.
 */
export function linkedFiles(program: Program, checks: (path: string) => boolean, linksOf: (doc: SourceDocument) => readonly LinkTarget[], projectPrefix: string | undefined): string[] {
	if (projectPrefix === undefined || !program.project?.repository) return [];
	const documentPaths = documentPathsOf(program);
	const paths = new Set<string>();
	for (const type of documentTypeNames) {
		for (const doc of program.documents[type] as SourceDocument[]) {
			if (!checks(doc.path)) continue;
			for (const link of linksOf(doc)) {
				const source = link.kind === 'markdown' ? sourceTarget(doc.path, link.href) : undefined;
				if (!source || documentPaths.has(source.path) || repositoryPath(source.path, projectPrefix) === undefined) continue;
				if (existsSync(join(program.root, source.path))) paths.add(source.path);
			}
		}
	}
	return [...paths];
}

const UNRESOLVED = (href: string) => `Unresolved link "${href}", expected a page of the site (such as /phases/1/) or a file of the project`;

function linkProblem(program: Program, doc: SourceDocument, link: LinkTarget, routes: Set<string>, documentPaths: Set<string>, projectPrefix: string | undefined, ignored: ReadonlySet<string>, within: { path: string; name: string }): string | undefined {
	const href = link.href;
	if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('#') || href.startsWith('//')) return undefined;
	// A root-relative address is the site's, the build putting it under the base path: a page, or a
	// file of public/, which every build copies to the site's root.
	if (href.startsWith('/')) return routes.has(normaliseRoute(href)) || isPublicFile(program.root, href) ? undefined : `Unresolved link "${href}", expected a page of the site (such as /phases/1/) or a file of public/ (such as /robots.txt for public/robots.txt)`;
	if (link.kind !== 'markdown') {
		// An image Astro publishes: the file must be there.
		const target = posix.normalize(posix.join(dirname(doc.path), href.replace(/[?#].*$/, '')));
		const info = statSync(join(program.root, target), { throwIfNoEntry: false });
		if (!info) return UNRESOLVED(href);
		// A named pipe would hang the build's read of it, and a folder is no image to import.
		if (!info.isFile()) return `Image "${href}" is a ${fileKind(info)}, not a file, so the build cannot publish it; expected an image file`;
		// The build reads the file and publishes it, or prints it in its error when it is no image:
		// one whose real place is outside (a link out, a path that climbs out) is a file of this machine.
		const outside = realPlaceOutside(join(program.root, target), within.path);
		if (outside) return `Image "${href}" leads out of the ${within.name} (to ${outside}), so the build would publish a file of this machine; expected a file inside the ${within.name}`;
		// An HTML link is published as written, and from the page's address a file's path leads nowhere.
		if (link.kind === 'html') return `Link "${href}" is written as HTML, which the site publishes as written, where it leads nowhere from the page; expected a Markdown link [text](${href}), which the site follows to the document or the file, or a page's address such as /phases/1/`;
		return undefined;
	}
	// A Markdown link the site follows as GitHub does (source-links.ts): read as GitHub reads it.
	const source = sourceTarget(doc.path, href);
	if (!source) return undefined;
	// Outside the project only the rest of its repository is shown, and only git knows where that
	// ends: a path beyond it is never looked for, whatever the machine running the check holds.
	if (leavesProject(source.path) && (projectPrefix === undefined || repositoryPath(source.path, projectPrefix) === undefined)) {
		return `Link "${href}" leads out of ${projectPrefix === undefined ? 'the project (and git cannot say where its repository is)' : 'the repository'}, expected a page of the site, a document or a file of the repository`;
	}
	// git's own files are in no repository's web view.
	if (source.path.split('/').includes('.git')) return `Link "${href}" names ${source.path}, one of git's own files, which the repository the site links it in does not show; expected a page of the site, a document or a file of the repository`;
	if (!existsSync(join(program.root, source.path))) return UNRESOLVED(href);
	// A definition an image uses (`![a][d]`) is read and published by the build as an image is.
	const outside = realPlaceOutside(join(program.root, source.path), within.path);
	if (outside) return `Link "${href}" is a symbolic link that leads out of the ${within.name} (to ${outside}), which no reader has, and an image that uses it would publish that file of this machine; expected a file inside the ${within.name}`;
	if (ignored.has(source.path)) return `Link "${href}" names ${source.path}, which git ignores, so the repository the site links it in does not have it; expected a file git keeps`;
	// Settings that failed their schema have already said so; a link is no second problem of theirs.
	if (documentPaths.has(source.path) || !program.project || program.project.repository) return undefined;
	return `Link "${href}" names ${source.path}, a file or folder the site does not publish, expected a document or, for the site to link it in the repository's web view, repository in content/project.yaml`;
}
