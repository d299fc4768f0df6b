// Inline links `[text](destination "title")` on a line, found in one pass, their destinations
// read as CommonMark reads them (tests/unit/markdown/links.test.ts holds them to the renderer's).
// It replaced a regular expression that took quadratic time on a line of `[`s (every `[` scanned
// to the end of the line) and cut `<a b.mdx>` and `Foo_(bar)` short.
import { decodeEntities } from '../entities.ts';

export interface InlineLink {
	/** Offset of the `[` (or of the `!` of an image). */
	start: number;
	/** Offset just past the closing `)`. */
	end: number;
	text: string;
	href: string;
}

const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c);

/** A backslash escape in a destination (`a\(b`): the character stands for itself. */
const ESCAPE = /\\([!-/:-@[-`{-~])/g;

/**
 * What the line's destinations are read from, each worked out once for the whole line (so a line
 * of a million `](` costs one pass, not one per attempt): where a destination that starts at each
 * offset ends, where the next `<` or `>` is, where the next quote of each kind is.
 */
class LineScan {
	readonly #line: string;
	#bareEnd: Int32Array | undefined;
	#nextAngle: Int32Array | undefined;
	#escaped: Uint8Array | undefined;
	/** Per closing character of a title: the last search, from where, and what it found (-1: none). */
	readonly #found = new Map<string, { from: number; at: number }>();

	constructor(line: string) {
		this.#line = line;
	}

	/**
	 * Where a destination written without `<>` that starts at `start` ends: at a space, at a `)`
	 * that closes nothing, or at a `(` that nothing closes. Parentheses that pair up and escaped
	 * ones are part of it (`wiki/Foo_(bar)`, `a\)b`), as CommonMark reads them.
	 */
	bareEnd(start: number): number {
		if (!this.#bareEnd) {
			const line = this.#line;
			const n = line.length;
			// Each `(`'s partner, paired left to right within a run without spaces.
			const closeOf = new Int32Array(n).fill(-1);
			const open: number[] = [];
			for (let i = 0; i < n; i++) {
				const c = line[i]!;
				if (isSpace(c)) open.length = 0;
				else if (c === '\\' && i + 1 < n && !isSpace(line[i + 1])) i++;
				else if (c === '(') open.push(i);
				else if (c === ')' && open.length > 0) closeOf[open.pop()!] = i;
			}
			const end = new Int32Array(n + 1);
			end[n] = n;
			const after = (i: number) => (i >= n ? n : end[i]!);
			for (let i = n - 1; i >= 0; i--) {
				const c = line[i]!;
				if (isSpace(c) || c === ')' || c < ' ') end[i] = i;
				else if (c === '(') end[i] = closeOf[i]! === -1 ? i : after(closeOf[i]! + 1);
				else if (c === '\\' && i + 1 < n && !isSpace(line[i + 1])) end[i] = after(i + 2);
				else end[i] = end[i + 1]!;
			}
			this.#bareEnd = end;
		}
		return this.#bareEnd[start]!;
	}

	/** The first `<` or `>` at or after `from` that no backslash escapes, or -1. */
	nextAngle(from: number): number {
		if (!this.#nextAngle) {
			const line = this.#line;
			const escaped = this.#escapedAt();
			const next = new Int32Array(line.length + 1).fill(-1);
			for (let i = line.length - 1; i >= 0; i--) next[i] = (line[i] === '<' || line[i] === '>') && !escaped[i] ? i : next[i + 1]!;
			this.#nextAngle = next;
		}
		return from >= this.#line.length ? -1 : this.#nextAngle[from]!;
	}

	/**
	 * The first `c` at or after `from` that no backslash escapes, or -1: a search that starts
	 * inside the last one ends where it did.
	 */
	next(c: string, from: number): number {
		const last = this.#found.get(c);
		if (last && from >= last.from && (last.at === -1 || from <= last.at)) return last.at;
		let at = this.#line.indexOf(c, from);
		while (at !== -1 && this.#escapedAt()[at]) at = this.#line.indexOf(c, at + 1);
		this.#found.set(c, { from, at });
		return at;
	}

	/** Per character: whether a backslash escapes it (`\\` escapes the second backslash only). */
	#escapedAt(): Uint8Array {
		if (!this.#escaped) {
			const line = this.#line;
			const escaped = new Uint8Array(line.length);
			for (let i = 0; i < line.length - 1; i++) {
				if (line[i] === '\\') escaped[++i] = 1;
			}
			this.#escaped = escaped;
		}
		return this.#escaped;
	}
}

const TITLE_CLOSE: Record<string, string> = { '"': '"', "'": "'", '(': ')' };

/**
 * The destination part after `](`, as CommonMark reads it: spaces, a destination (`<a b.mdx>`,
 * or one without spaces whose parentheses pair up), then an optional title in `"…"`, `'…'` or
 * `(…)` after a space, spaces, and the closing `)`.
 */
function destination(line: string, from: number, scan: LineScan): { href: string; end: number } | undefined {
	let i = from;
	while (isSpace(line[i])) i++;
	let href: string;
	if (line[i] === '<') {
		const close = scan.nextAngle(i + 1);
		if (close === -1 || line[close] !== '>') return undefined;
		href = line.slice(i + 1, close);
		i = close + 1;
	} else {
		const end = scan.bareEnd(i);
		href = line.slice(i, end);
		i = end;
	}
	if (href === '') return undefined;
	if (href.includes('\\')) href = href.replace(ESCAPE, '$1');
	// An entity stands for its character, as in text: `a&amp;b.ts` names `a&b.ts`.
	if (href.includes('&')) href = decodeEntities(href);
	let j = i;
	while (isSpace(line[j])) j++;
	const closer = TITLE_CLOSE[line[j]!];
	if (j > i && closer) {
		const close = scan.next(closer, j + 1);
		if (close !== -1) {
			let k = close + 1;
			while (isSpace(line[k])) k++;
			if (line[k] === ')') return { href, end: k + 1 };
		}
	}
	return line[j] === ')' ? { href, end: j + 1 } : undefined;
}

/**
 * The inline links of one line, leftmost first; an image's `!` is part of its link. Brackets pair
 * up as CommonMark pairs them: a `]` closes the nearest open `[` (escaped ones are text), so a link's
 * text may hold brackets and images (`[![badge](b.svg)](./ci.mdx)`), and once a link is found the
 * brackets open before it can no longer start one (links do not nest).
 */
export function inlineLinks(line: string): InlineLink[] {
	const links: InlineLink[] = [];
	const scan = new LineScan(line);
	const open: number[] = [];
	for (let i = 0; i < line.length; i++) {
		const c = line[i];
		if (c === '\\') i++;
		else if (c === '[') open.push(i);
		else if (c === ']' && open.length > 0) {
			const opener = open.pop()!;
			const found = line[i + 1] === '(' ? destination(line, i + 2, scan) : undefined;
			if (!found) continue;
			const image = opener > 0 && line[opener - 1] === '!';
			links.push({ start: image ? opener - 1 : opener, end: found.end, text: line.slice(opener + 1, i), href: found.href });
			i = found.end - 1;
			if (!image) open.length = 0;
		}
	}
	return links.sort((a, b) => a.start - b.start);
}
