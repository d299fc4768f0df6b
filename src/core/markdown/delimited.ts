// Linear text scans for what a regular expression would do with backtracking: delimited spans
// (MDX and HTML comments, mermaid directives) and trimming a run of characters at the end.
// `/\{\/\*[\s\S]*?\*\/\}/g` or `/[\s.]+$/` take quadratic time on a line of openers or of dots
// followed by something else: a 100 KB heading line took 16 to 52 s (issue 13). These take one pass.

export interface Delimiter {
	open: string;
	close: string;
}

export const COMMENT_DELIMITERS: readonly Delimiter[] = [
	{ open: '{/*', close: '*/}' },
	{ open: '<!--', close: '-->' },
];

export interface ReplaceOptions {
	/** Also drop the text from the first opener that is never closed to the end (a cut-off excerpt). */
	dropUnclosed?: boolean;
}

/**
 * Replaces every span from an opener to the first closer after it, leftmost first, like a global
 * regex of lazy alternatives. Once an opener finds no closer, no later opener of its kind can, so
 * that kind is dropped: every character is looked at a bounded number of times.
 */
export function replaceDelimited(
	text: string,
	delimiters: readonly Delimiter[],
	replacement: string,
	options: ReplaceOptions = {},
): string {
	const alive = delimiters.map((d) => ({ ...d, next: text.indexOf(d.open) }));
	let out = '';
	let cursor = 0;
	for (;;) {
		let first: (typeof alive)[number] | undefined;
		for (const d of alive) {
			if (d.next !== -1 && d.next < cursor) d.next = text.indexOf(d.open, cursor);
			if (d.next !== -1 && (!first || d.next < first.next)) first = d;
		}
		if (!first) break;
		const end = text.indexOf(first.close, first.next + first.open.length);
		if (end === -1) {
			if (options.dropUnclosed) return out + text.slice(cursor, first.next);
			first.next = -1;
			continue;
		}
		out += text.slice(cursor, first.next) + replacement;
		cursor = end + first.close.length;
	}
	return out + text.slice(cursor);
}

/** The line with each `` `code` `` span blanked out, so links in code do not count (columns kept). */
export function blankCodeSpans(line: string): string {
	let out = '';
	let last = 0;
	for (let open = line.indexOf('`'); open !== -1; ) {
		const close = line.indexOf('`', open + 1);
		if (close === -1) break;
		out += line.slice(last, open) + ' '.repeat(close - open + 1);
		last = close + 1;
		open = line.indexOf('`', last);
	}
	return last === 0 ? line : out + line.slice(last);
}

/** `text` without the characters at its end for which `drop` holds (a linear `/[…]+$/`). */
export function trimEndWhere(text: string, drop: (char: string) => boolean): string {
	let end = text.length;
	while (end > 0 && drop(text[end - 1]!)) end--;
	return text.slice(0, end);
}

/**
 * Every run of whitespace as one space, like `.replace(/\s+/g, ' ')` but touching only runs and
 * other whitespace characters: a line of 500,000 single spaces is otherwise 500,000 replacements.
 */
export function collapseWhitespace(text: string): string {
	return text.replace(/\s{2,}|[^\S ]/g, ' ');
}

/** `text` without any of the characters in `chars` (a loop: one regex replacement per character is slow). */
export function removeChars(text: string, chars: string): string {
	let out = '';
	let last = 0;
	for (let i = 0; i < text.length; i++) {
		if (!chars.includes(text[i]!)) continue;
		out += text.slice(last, i);
		last = i + 1;
	}
	return last === 0 ? text : out + text.slice(last);
}

/** Spaces and tabs: the whitespace of Markdown's line syntax. */
export const isBlank = (char: string | undefined) => char === ' ' || char === '\t';
