// How deep a body nests lists, blockquotes, elements and emphasis. Sätteri, the native Markdown
// parser of Astro 7's builds, recurses once per level and dies with signal 11 (no message) past a
// depth, so the check refuses documents that nest beyond these limits.
import { blankCodeSpans, isBlank } from './delimited.ts';
import type { LineKind } from './headings.ts';

/**
 * Measured by bisecting `astro build` of one MDX page (Sätteri 0.10.5, Linux x64; the thread's
 * stack does not follow `ulimit -s`): it crashed at 227 nested lists, 452 blockquotes, 672
 * nested elements (block or inline) and 1,344 emphasis markers in a row (672 levels). Each limit
 * is under a quarter of that, and a page nesting all four inside each other at their limits
 * (150 divs, 100 blockquotes, 50 lists, 300 markers) builds.
 */
export const NESTING_LIMITS = { list: 50, blockquote: 100, element: 150, emphasis: 300, bracket: 200, unary: 200 } as const;

export type NestingKind = keyof typeof NESTING_LIMITS;

export interface DeepNesting {
	kind: NestingKind;
	/** The depth (for emphasis: the markers in a row) where the limit was first passed. */
	depth: number;
	/** 1-based body line and column. */
	line: number;
	column: number;
}

type Report = (found: DeepNesting) => void;
/** What is reported already: only the first place of each kind is, and a line can hold 500,000. */
type Reported = ReadonlyMap<NestingKind, DeepNesting>;

const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;

/**
 * Where the rest of a line is a thematic break (`* * *`, `---`): from the first marker of its
 * uniform tail up to the third marker from the end. One pass; `THEMATIC_BREAK` on every suffix
 * would be quadratic.
 */
function thematicTail(line: string): { from: number; to: number } {
	let end = line.length - 1;
	while (end >= 0 && isBlank(line[end])) end--;
	const marker = line[end];
	if (marker === undefined || !'-*_'.includes(marker)) return { from: 1, to: 0 };
	const positions: number[] = [];
	let i = end;
	for (; i >= 0 && (line[i] === marker || isBlank(line[i])); i--) if (line[i] === marker) positions.push(i);
	return positions.length < 3 ? { from: 1, to: 0 } : { from: positions.at(-1)!, to: positions[2]! };
}

/** The width of a list marker at `at` (`-`, `*`, `+`, `1.`, `1)`) followed by a blank or the end, or 0. */
function listMarker(line: string, at: number): number {
	let end = at;
	if ('-*+'.includes(line[at] ?? '_')) end++;
	else {
		while (end - at < 9 && line[end]! >= '0' && line[end]! <= '9') end++;
		if (end === at || (line[end] !== '.' && line[end] !== ')')) return 0;
		end++;
	}
	return end === line.length || isBlank(line[end]) ? end - at : 0;
}

/** Lists and blockquotes: markers at the start of each line, and list items kept open by indentation. */
function containers(lines: readonly string[], kinds: readonly LineKind[], report: Report, reported: Reported): void {
	// Content columns of the open list items, for lines whose quotes match `quotes`.
	let items: number[] = [];
	let quotes = 0;
	let afterBlank = true;
	lines.forEach((line, index) => {
		if (kinds[index] === 'code' || kinds[index] === 'comment') return;
		if (line.trim() === '') {
			afterBlank = true;
			return;
		}
		const rule = thematicTail(line);
		let at = 0;
		let leading = 0;
		let inner = 0;
		let lists = 0;
		let opened = false;
		for (;;) {
			while (isBlank(line[at])) at++;
			if (line[at] === '>') {
				at++;
				if (lists === 0 && !opened) leading++;
				else inner++;
				continue;
			}
			const width = at >= rule.from && at <= rule.to ? 0 : listMarker(line, at);
			if (width === 0) break;
			if (!opened && inner === 0) {
				if (leading !== quotes) items = [];
				quotes = leading;
				while (items.length && items.at(-1)! > at) items.pop();
			}
			opened = true;
			const column = at + 1;
			let content = at + width;
			while (isBlank(line[content]) && content - at - width < 4) content++;
			if (inner === 0) items.push(content);
			else lists++;
			at = content;
			if (items.length + lists > NESTING_LIMITS.list && !reported.has('list')) report({ kind: 'list', depth: items.length + lists, line: index + 1, column });
		}
		if (!opened) {
			if (leading !== quotes) items = [];
			quotes = leading;
			// A line that continues a paragraph keeps every list open; after a blank line it closes
			// the items it is not indented into.
			if (afterBlank) while (items.length && items.at(-1)! > at) items.pop();
		}
		if (leading + inner > NESTING_LIMITS.blockquote) report({ kind: 'blockquote', depth: leading + inner, line: index + 1, column: 1 });
		afterBlank = false;
	});
}

const SIGNIFICANT = /[<*_]/g;
/** A run of one marker one longer than the limit allows. */
const LONG_RUN = { '*': '*'.repeat(NESTING_LIMITS.emphasis + 1), '_': '_'.repeat(NESTING_LIMITS.emphasis + 1) };

/** Elements (`<div>`, `<Aside>`, fragments) open across lines, and runs of emphasis markers. */
function elements(lines: readonly string[], kinds: readonly LineKind[], report: Report, reported: Reported): void {
	let depth = 0;
	let tag: { closing: boolean; quote: string; braces: number; last: string; line: number; column: number } | undefined;
	lines.forEach((raw, index) => {
		if (kinds[index] === 'code' || kinds[index] === 'comment') return;
		// Outside a tag, a line with no `<` and no run of markers past the limit can change nothing
		// (blanking its code spans only removes characters): most prose lines end here.
		if (!tag && !raw.includes('<') && !(raw.length > NESTING_LIMITS.emphasis && (raw.includes(LONG_RUN['*']) || raw.includes(LONG_RUN['_'])))) return;
		const line = blankCodeSpans(raw);
		const rule = THEMATIC_BREAK.test(line);
		for (let i = 0; i < line.length; i++) {
			if (!tag) {
				// Outside a tag only `<`, `*` and `_` matter: jump to the next one (most lines have none).
				SIGNIFICANT.lastIndex = i;
				const found = SIGNIFICANT.exec(line);
				if (!found) break;
				i = found.index;
			}
			const c = line[i]!;
			if (tag) {
				if (tag.quote) {
					if (c === tag.quote) tag.quote = '';
				} else if (tag.braces) {
					tag.braces += c === '{' ? 1 : c === '}' ? -1 : 0;
				} else if (c === '"' || c === "'") tag.quote = c;
				else if (c === '{') tag.braces = 1;
				else if (c === '>') {
					if (tag.closing) depth = Math.max(0, depth - 1);
					else if (tag.last !== '/' && ++depth > NESTING_LIMITS.element && !reported.has('element')) {
						report({ kind: 'element', depth, line: tag.line, column: tag.column });
					}
					tag = undefined;
				} else if (!isBlank(c)) tag.last = c;
				continue;
			}
			const next = line[i + 1] ?? '';
			// `<name`, `</name` and `<>`; not `a < b`, comments or `<https://…>` autolinks.
			if (c === '<' && (/[A-Za-z>/]/.test(next) && !/^[A-Za-z][\w+.-]*:\/\//.test(line.slice(i + 1, i + 40)))) {
				tag = { closing: next === '/', quote: '', braces: 0, last: '', line: index + 1, column: i + 1 };
				if (next === '/') i++;
			} else if ((c === '*' || c === '_') && !rule) {
				let end = i;
				while (line[end] === c) end++;
				if (end - i > NESTING_LIMITS.emphasis) report({ kind: 'emphasis', depth: end - i, line: index + 1, column: i + 1 });
				i = end - 1;
			}
		}
	});
}

/** The first place each kind of nesting passes its limit, if any does. */
/**
 * Brackets nested inside each other (`(((…)))`, `[[[…]]]`, `{{{…}}}`) and unary operators in a row
 * within an MDX expression (`{!!!…1}`): the expression parsers recurse once per level, and the
 * check died with signal 11 on `{` and 50,000 `!`, or 7,000 `(` (the build, on 20,000 `!`, with
 * "Maximum call stack size exceeded" and no file). No document nests them near the limits.
 */
function brackets(lines: readonly string[], kinds: readonly LineKind[], report: Report, reported: Reported): void {
	let depth = 0;
	let braces = 0;
	lines.forEach((raw, index) => {
		if (kinds[index] === 'code' || kinds[index] === 'comment') return;
		if (reported.has('bracket') && reported.has('unary')) return;
		// A blank line ends a paragraph, and with it what its stray brackets opened ("a :(" smiley).
		if (braces === 0 && raw.trim() === '') depth = 0;
		const line = blankCodeSpans(raw);
		let run = 0;
		for (let at = 0; at < line.length; at++) {
			const c = line[at]!;
			if (c === '(' || c === '[' || c === '{') {
				depth++;
				if (c === '{') braces++;
				if (depth === NESTING_LIMITS.bracket + 1) report({ kind: 'bracket', depth, line: index + 1, column: at + 1 });
			} else if (c === ')' || c === ']' || c === '}') {
				depth = Math.max(0, depth - 1);
				if (c === '}') braces = Math.max(0, braces - 1);
			}
			if (braces > 0 && (c === '!' || c === '~' || c === '-' || c === '+')) {
				run++;
				if (run === NESTING_LIMITS.unary + 1) report({ kind: 'unary', depth: run, line: index + 1, column: at + 1 });
			} else if (!isBlank(c)) run = 0;
		}
	});
}

export function deepNesting(lines: readonly string[], kinds: readonly LineKind[]): DeepNesting[] {
	const first = new Map<NestingKind, DeepNesting>();
	const report = (found: DeepNesting) => {
		if (!first.has(found.kind)) first.set(found.kind, found);
	};
	containers(lines, kinds, report, first);
	elements(lines, kinds, report, first);
	brackets(lines, kinds, report, first);
	return [...first.values()];
}
