// The ids a document's page gives its headings, worked out from the body as the site's renderer
// gives them: Astro's Sätteri processor takes each heading's text (after smart punctuation) and
// hands it to github-slugger, one slugger per page, so a second "Timeline" is `timeline-1`.
// A link's `#fragment` is checked against them (check/links.ts).
import GithubSlugger from 'github-slugger';
import { decodeEntities } from '../entities.ts';
import { atxHeading, linksAsText } from './headings.ts';
import type { ParsedBody } from './sections.ts';

/** An `id="…"` written in HTML or JSX: a place a link may go besides the headings. */
const ID_ATTRIBUTE = /\bid=(?:"([^"\n]{1,200})"|'([^'\n]{1,200})')/g;
/** A heading the line scan does not see (in a quote or a list item) but the renderer gives an id. */
const NESTED_HEADING = /^[ \t]*(?:(?:>|[-*+]|\d{1,9}[.)])[ \t]*)+#{1,6}(?:\s|$)/;
const HEADING = /^\s{0,3}#{1,6}(?:\s|$)/;
const SETEXT_UNDERLINE = /^ {0,3}(?:=+|-+)[ \t]*$/;
/** A component, inline or as a block: it may render ids of its own, which no text shows. */
const COMPONENT = /<[A-Z]/;

/**
 * The heading's text as the page shows it, or undefined when the renderer may read it otherwise
 * (an expression, inline HTML or JSX, an image, an escape, a reference link or footnote).
 */
function shownText(text: string): string | undefined {
	// No one links a heading longer than this; the scans below need not meet one.
	if (text.length > 2000) return undefined;
	// An MDX comment is an expression whose text the renderer reads as written, delimiters and all
	// ("Added {/* optional */}" is `added--optional-`).
	let shown = text.includes('{/*') ? text.replace(/\{(\/\*[^]*?\*\/)\}/g, '$1') : text;
	if (/[{}<\\]|!\[/.test(shown)) return undefined;
	shown = linksAsText(shown);
	if (shown.includes('[')) return undefined;
	// Code spans are shown as written. An underscore inside a word is text; one at a word's edge
	// may open or close emphasis, or stay text when nothing pairs with it (`_leading`, `foo_bar_`):
	// which, only a full reading of the delimiters says, so such a heading is left unjudged.
	const parts = shown.split(/(`+[^`]*`+)/);
	if (parts.some((part, i) => i % 2 === 0 && /(?:^|[^\p{L}\p{N}_])_|_(?=$|[^\p{L}\p{N}_])/u.test(part))) return undefined;
	shown = parts.map((part, i) => (i % 2 === 1 ? part.replace(/^`+|`+$/g, '') : part)).join('');
	// Smart punctuation turns `--` and `---` into dashes, which github-slugger drops; a longer run
	// the renderer reads some other way.
	if (/-{4,}/.test(shown)) return undefined;
	shown = shown.replace(/-{2,3}/g, '\u2013');
	if (!shown.includes('&')) return shown;
	shown = decodeEntities(shown.replace(/&nbsp;/gi, '\u00a0'));
	// A named entity other than XML's own: the renderer knows HTML's two thousand, this does not.
	return /&[A-Za-z][A-Za-z0-9]*;/.test(shown) ? undefined : shown;
}

/**
 * The ids the page gives the body's headings, in order, and those its HTML writes (`id="…"`);
 * undefined when the check cannot tell them all (a heading it cannot read as the renderer does, a
 * heading inside a quote, list or HTML block, a component that may render ids of its own).
 */
export function bodyAnchors(parsed: ParsedBody): string[] | undefined {
	const { lines, kinds, headings } = parsed;
	const ids: string[] = [];
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i]!;
		const kind = kinds[i];
		if (kind === 'code' || kind === 'comment') continue;
		if (COMPONENT.test(line)) return undefined;
		if (kind === 'jsx' ? HEADING.test(line) : NESTED_HEADING.test(line)) return undefined;
		if (line.includes('id=')) for (const match of line.matchAll(ID_ATTRIBUTE)) ids.push(match[1] ?? match[2]!);
	}
	const slugger = new GithubSlugger();
	for (const heading of headings) {
		// The text as written: the heading's own has its comments taken out and its spaces collapsed.
		const line = lines[heading.line - 1]!;
		const atx = atxHeading(line);
		// A setext heading's text is its line, unless its paragraph runs over several.
		const raw = atx ? atx.text : SETEXT_UNDERLINE.test(lines[heading.line] ?? '') ? line.trim() : undefined;
		const text = raw === undefined ? undefined : shownText(raw);
		if (text === undefined) return undefined;
		ids.push(slugger.slug(text));
	}
	return ids;
}

/** Ids every page has whatever its body: the top of the page, the site's own parts, footnotes. */
export function isPageFurniture(id: string): boolean {
	return id === '_top' || id === 'footnote-label' || /^(?:pb-|fn-|fnref-|user-content-)/.test(id);
}
