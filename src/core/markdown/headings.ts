// Finds the headings of a Markdown/MDX body with a line scan: fast enough for a pre-commit hook.
// Headings inside fenced code, HTML or MDX comments and JSX elements do not count. Every scan is
// linear in the line's length (tests/unit/check/linear.test.ts runs each over a 1 MB line).
import {
	collapseWhitespace,
	COMMENT_DELIMITERS,
	isBlank,
	removeChars,
	replaceDelimited,
	trimEndWhere,
} from './delimited.ts';
import { decodeEntities } from '../entities.ts';
import { inlineLinks } from './links.ts';

export interface Heading {
	depth: number;
	/** Heading text as written, without the markers and without inline comments. */
	text: string;
	/** 1-based line in the body. */
	line: number;
	/** True when the heading carries an "optional" MDX comment marker (used by templates). */
	optional: boolean;
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;
const JSX_OPEN = /^ {0,3}<([A-Za-z][\w.:-]*)(?=[\s/>]|$)/;
const OPTIONAL_MARKER = /\{\/\*\s*optional\s*\*\/\}/i;

/**
 * An ATX heading line (`## Text ##`): its depth and its text without the markers, or undefined.
 * Written as a scan: the regex it replaces, `(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$`, backtracked
 * quadratically over a heading followed by a long run of spaces.
 */
export function atxHeading(line: string): { depth: number; text: string } | undefined {
	let i = 0;
	while (i < 3 && line[i] === ' ') i++;
	let depth = 0;
	while (line[i + depth] === '#') depth++;
	if (depth < 1 || depth > 6) return undefined;
	const rest = line.slice(i + depth);
	if (rest !== '' && !isBlank(rest[0])) return undefined;
	let text = trimEndWhere(rest, isBlank);
	// A closing sequence of #s counts only after a space (or as the whole text).
	const hashes = trimEndWhere(text, (c) => c === '#');
	if (hashes.length < text.length && (hashes === '' || isBlank(hashes.at(-1)))) text = trimEndWhere(hashes, isBlank);
	let start = 0;
	while (isBlank(text[start])) start++;
	return { depth, text: text.slice(start) };
}

const isTrailingPunctuation = (c: string) => /[\s.:;,!?…]/u.test(c);

/** `text` without a trailing `{#id}` attribute (the last `{#…}` with no `}` inside it). */
function withoutIdAttribute(text: string): string {
	const trimmed = trimEndWhere(text, (c) => /\s/.test(c));
	if (!trimmed.endsWith('}')) return text;
	const open = trimmed.indexOf('{#', trimmed.lastIndexOf('}', trimmed.length - 2) + 1);
	return open === -1 ? text : trimmed.slice(0, open);
}

/** Text with each inline link replaced by its text: `[Root cause](#rc)` reads "Root cause". */
export function linksAsText(text: string): string {
	if (!text.includes('](')) return text;
	let out = '';
	let last = 0;
	for (const link of inlineLinks(text)) {
		out += text.slice(last, link.start) + link.text;
		last = link.end;
	}
	return out + text.slice(last);
}

/** A heading's text as it reads: a link as its text (`[Root cause](#rc)`), entities decoded (`&nbsp;`). */
function readText(text: string): string {
	const read = linksAsText(text);
	return read.includes('&') ? decodeEntities(read.replace(/&nbsp;/gi, ' ')) : read;
}

/** Normalises heading text for comparison: case, whitespace and trailing punctuation ignored. */
export function headingKey(text: string): string {
	const plain = collapseWhitespace(
		removeChars(withoutIdAttribute(replaceDelimited(readText(text), COMMENT_DELIMITERS, '')), '*_`'),
	).trim();
	return trimEndWhere(plain, isTrailingPunctuation).toLowerCase();
}

function cleanText(raw: string): string {
	return collapseWhitespace(replaceDelimited(raw, COMMENT_DELIMITERS, '')).trim();
}

/** True when a line could continue a paragraph, so a following `---`/`===` makes it a heading. */
function isParagraphLine(line: string): boolean {
	if (line.trim() === '') return false;
	return !/^ {0,3}(?:[#>|]|[-*+][ \t]|\d+[.)][ \t]|<|\{|`{3}|~{3}|-{3,}\s*$|\*{3,}\s*$|_{3,}\s*$)/.test(
		line,
	);
}

/** Openings minus closings of the element `name` on a line: `<name` then a space, `/`, `>` or the end. */
function tagBalance(line: string, name: string): number {
	let balance = 0;
	for (let at = line.indexOf(`<${name}`); at !== -1; at = line.indexOf(`<${name}`, at + 1)) {
		const next = line[at + name.length + 1];
		if (next === undefined || next === '/' || next === '>' || /\s/.test(next)) balance++;
	}
	for (let at = line.indexOf(`</${name}`); at !== -1; at = line.indexOf(`</${name}`, at + 1)) {
		let end = at + name.length + 2;
		while (/\s/.test(line[end] ?? '')) end++;
		if (line[end] === '>') balance--;
	}
	return balance;
}

/** What a line of a body is: prose, fenced code (fences included), a comment, or a JSX element's. */
export type LineKind = 'prose' | 'code' | 'comment' | 'jsx';

/**
 * Yields, per line, what it is. One pass, no regex backtracking across lines, so a 5 MB
 * document costs the same per line as a small one.
 */
export function lineKinds(lines: readonly string[]): LineKind[] {
	const kinds = new Array<LineKind>(lines.length).fill('prose');
	let fence: { char: string; size: number } | null = null;
	let comment: '*/}' | '-->' | null = null;
	let jsx: { tag: string; depth: number } | null = null;
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i]!;
		if (fence) {
			kinds[i] = 'code';
			const close = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(line);
			if (close && close[1]![0] === fence.char && close[1]!.length >= fence.size) fence = null;
			continue;
		}
		if (comment) {
			kinds[i] = 'comment';
			if (line.includes(comment)) comment = null;
			continue;
		}
		if (jsx) {
			kinds[i] = 'jsx';
			jsx.depth += tagBalance(line, jsx.tag);
			if (jsx.depth <= 0) jsx = null;
			continue;
		}
		const open = FENCE_OPEN.exec(line);
		if (open && !(open[1]![0] === '`' && open[2]!.includes('`'))) {
			kinds[i] = 'code';
			fence = { char: open[1]![0]!, size: open[1]!.length };
			continue;
		}
		const trimmed = line.trimStart();
		if (trimmed.startsWith('{/*') || trimmed.startsWith('<!--')) {
			kinds[i] = 'comment';
			const end = trimmed.startsWith('{/*') ? '*/}' : '-->';
			if (!trimmed.slice(3).includes(end)) comment = end;
			continue;
		}
		const tag = JSX_OPEN.exec(line);
		if (tag) {
			kinds[i] = 'jsx';
			const name = tag[1]!;
			const selfClosing = /\/>\s*$/.test(line) && !line.includes(`</${name}`);
			const balance = tagBalance(line, name);
			if (!selfClosing && balance > 0) jsx = { tag: name, depth: balance };
		}
	}
	return kinds;
}

/** Per line, whether it is prose (outside code, comments and JSX). */
export function proseMask(lines: readonly string[]): boolean[] {
	return lineKinds(lines).map((kind) => kind === 'prose');
}

export function findHeadings(body: string): Heading[] {
	const lines = body.split(/\r?\n/);
	return headingsIn(lines, proseMask(lines));
}

/** Headings of already split lines with their prose mask (see `proseMask`). */
export function headingsIn(lines: readonly string[], mask: readonly boolean[]): Heading[] {
	const headings: Heading[] = [];
	for (let i = 0; i < lines.length; i++) {
		if (!mask[i]) continue;
		const line = lines[i]!;
		const atx = atxHeading(line);
		if (atx) {
			const raw = atx.text;
			headings.push({
				depth: atx.depth,
				text: cleanText(raw),
				line: i + 1,
				optional: OPTIONAL_MARKER.test(raw),
			});
			continue;
		}
		const next = lines[i + 1];
		if (next !== undefined && mask[i + 1] && isParagraphLine(line) && SETEXT.exec(next)) {
			// A setext heading's text is the whole paragraph above the underline.
			let start = i;
			while (start > 0 && mask[start - 1] && isParagraphLine(lines[start - 1]!)) start--;
			const raw = lines.slice(start, i + 1).join(' ');
			headings.push({
				depth: next.trim()[0] === '=' ? 1 : 2,
				text: cleanText(raw),
				line: start + 1,
				optional: OPTIONAL_MARKER.test(raw),
			});
			i++;
		}
	}
	return headings;
}
