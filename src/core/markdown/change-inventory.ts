// Reads a phase's change-inventory table (the "code" link of requirement -> code -> test).
import type { Root, Table, TableCell } from 'mdast';
import { createRequire } from 'node:module';

export interface InventoryRow {
	file: string;
	change: string;
	requirements: string[];
	/** 1-based line within the parsed text. */
	line: number;
	/** 1-based column of the File cell's text. */
	column: number;
	/** Each cell as written (trimmed, `\|` kept), one per column of the header: what `inventory --write` keeps. */
	cells: string[];
}

/** A header cell: as written, and its text lower-cased, by which a column is known. */
export interface InventoryColumn {
	source: string;
	name: string;
}

export interface ChangeInventory {
	/** Missing required columns; empty when the table is well formed. */
	missingColumns: string[];
	rows: InventoryRow[];
	/** Line of the table's header, or undefined when there is no table. */
	line?: number;
	/** Lines where further tables start: the page shows them, the check reads only the first. */
	moreTables?: number[];
	/** The header's cells, in order; empty when there is no table. */
	columns: InventoryColumn[];
}

export const INVENTORY_COLUMNS = ['file', 'change', 'requirement'] as const;

// Only the change-inventory section is parsed with unified, never whole documents: the line scan
// covers everything else and keeps `npm run check` fast. Most tables never need it (see
// cellTexts), so the parser is loaded on first use: importing unified, remark and micromark took
// 0.11 s of every check's start-up. `require` loads these ES modules synchronously (Node >= 22.12)
// and resolves them as a static import from this file would.
const load = createRequire(import.meta.url);
let parser: { parse: (markdown: string) => Root; text: (node: TableCell) => string } | undefined;

function gfmParser(): NonNullable<typeof parser> {
	if (!parser) {
		const { unified } = load('unified') as typeof import('unified');
		const remarkParse = (load('remark-parse') as typeof import('remark-parse')).default;
		const remarkGfm = (load('remark-gfm') as typeof import('remark-gfm')).default;
		const { toString } = load('mdast-util-to-string') as typeof import('mdast-util-to-string');
		const processor = unified().use(remarkParse).use(remarkGfm);
		parser = { parse: (markdown) => processor.runSync(processor.parse(markdown)) as Root, text: (node) => toString(node) };
	}
	return parser;
}

/**
 * micromark is super-linear on some inline input (a 1 MB cell of `[` took 84 s), so rows are split
 * here, extra cells dropped as GFM does, and only cells up to this length are parsed for their
 * text; a longer cell is taken as written.
 */
export const MAX_PARSED_CELL = 1000;
/** Columns past this many are not read (the inventory needs three). */
export const MAX_COLUMNS = 64;

const DELIMITER_CELL = /^:?-+:?$/;

const ROW = /^ {0,3}\|/;

/** The first run of lines that look like a table row, so prose around it is never parsed. */
function tableLines(markdown: string): { lines: string[]; offset: number; more: number[] } | undefined {
	const lines = markdown.split(/\r?\n/);
	const [start, ...more] = tableStarts(lines);
	if (start === undefined) return undefined;
	let end = start;
	while (end < lines.length && ROW.test(lines[end]!)) end++;
	return { lines: lines.slice(start, end), offset: start, more };
}

/**
 * The index of each line that starts a run of table rows outside fenced code (```, ~~~) and MDX
 * comments (`{/* … *\/}`): a table shown in a code block is an example and one in a comment is
 * not published, so neither is the inventory, and `inventory --write` must not replace them.
 */
function tableStarts(lines: readonly string[]): number[] {
	const starts: number[] = [];
	let fence: { char: string; length: number } | undefined;
	let comment = false;
	let inTable = false;
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i]!;
		const marker = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line);
		const row = !fence && !comment && ROW.test(line);
		if (row && !inTable) starts.push(i);
		inTable = row;
		if (comment) {
			if (line.includes('*/}')) comment = false;
		} else if (fence) {
			// CommonMark: closed by a fence of the same character, at least as long, with nothing after it.
			if (marker && marker[1]![0] === fence.char && marker[1]!.length >= fence.length && marker[2]!.trim() === '') fence = undefined;
		} else if (marker && !(marker[1]![0] === '`' && marker[2]!.includes('`'))) {
			fence = { char: marker[1]![0]!, length: marker[1]!.length };
		} else if (!row) {
			// A comment opened on this line and not closed on it runs on to the line that closes it.
			const open = line.lastIndexOf('{/*');
			if (open !== -1 && !line.includes('*/}', open + 3)) comment = true;
		}
	}
	return starts;
}

/** A cell as written (trimmed), and the 1-based column where its text starts. */
export interface Cell {
	text: string;
	column: number;
}

/** A GFM row's cells: split on pipes not escaped with a backslash, outer pipes optional. */
export function splitRow(line: string): Cell[] {
	const cells: Cell[] = [];
	const add = (from: number, to: number) => {
		const raw = line.slice(from, to);
		const lead = raw.length - raw.trimStart().length;
		cells.push({ text: raw.trim(), column: from + lead + 1 });
	};
	let start = 0;
	for (let at = line.indexOf('|'); at !== -1; at = line.indexOf('|', at + 1)) {
		if (line[at - 1] === '\\') continue;
		add(start, at);
		start = at + 1;
	}
	add(start, line.length);
	if (cells[0]!.text === '') cells.shift();
	if (cells.length > 0 && cells.at(-1)!.text === '') cells.pop();
	return cells;
}

/** Characters that may make a cell's Markdown differ from its text (emphasis, links, code, HTML, escapes, entities). */
const MARKUP = /[`*_[\]<>\\&!~]/;
/**
 * A cell that is one code span with no other markup: `src/a_b.ts`. One holding a pipe (written
 * `\|`) is left to the parser, which unescapes it as GFM does within a table's code spans.
 */
const CODE_ONLY = /^`([^`|]+)`$/;

/** A cell's text: a cell that is one code span is its content, which a stray backtick never ends. */
interface CellText {
	text: string;
	code: boolean;
}

/** The text of a cell written without markup, or undefined when only a Markdown parser can tell. */
function plainText(text: string): CellText | undefined {
	const code = CODE_ONLY.exec(text);
	if (code) return { text: code[1]!.trim(), code: true };
	return MARKUP.test(text) ? undefined : { text, code: false };
}

/** The text of each cell (code, links and emphasis reduced to their text), row by row. */
function cellTexts(rows: readonly Cell[][], width: number): CellText[][] {
	const raw = (cells: readonly Cell[], i: number) => cells[i]?.text ?? '';
	// Most inventories are plain paths and words: their text is known without parsing the table,
	// which cost 2-3 ms a phase (a quarter of the whole check at a hundred phases).
	const plain = rows.map((cells) => Array.from({ length: width }, (_, i) => plainText(raw(cells, i))));
	if (plain.every((cells) => cells.every((c) => c !== undefined))) return plain as CellText[][];
	const line = (cells: readonly Cell[]) =>
		`|${Array.from({ length: width }, (_, i) => (raw(cells, i).length > MAX_PARSED_CELL ? '' : raw(cells, i))).join('|')}|`;
	const text = [line(rows[0]!), `|${'-|'.repeat(width)}`, ...rows.slice(1).map(line)].join('\n');
	const gfm = gfmParser();
	const table = gfm.parse(text).children.find((node): node is Table => node.type === 'table');
	return rows.map((cells, r) =>
		Array.from({ length: width }, (_, i): CellText => {
			if (raw(cells, i).length > MAX_PARSED_CELL) return { text: raw(cells, i).replaceAll('\\|', '|'), code: false };
			const cell: TableCell | undefined = table?.children[r]?.children[i];
			const only = cell?.children.length === 1 ? cell.children[0] : undefined;
			if (only?.type === 'inlineCode') return { text: only.value.trim(), code: true };
			return { text: cell ? gfm.text(cell).trim() : '', code: false };
		}),
	);
}

export function parseChangeInventory(markdown: string): ChangeInventory {
	const block = tableLines(markdown);
	if (!block || block.lines.length < 2) return { missingColumns: [], rows: [], columns: [] };
	const [headerLine, delimiterLine, ...bodyLines] = block.lines as [string, string, ...string[]];
	const header = splitRow(headerLine);
	const delimiter = splitRow(delimiterLine);
	// GFM: no table unless the delimiter row has one `:-:` cell per header cell.
	if (delimiter.length !== header.length || !delimiter.every((c) => DELIMITER_CELL.test(c.text))) {
		return { missingColumns: [], rows: [], columns: [] };
	}
	const width = Math.min(header.length, MAX_COLUMNS);
	const bodyCells = bodyLines.map(splitRow);
	const [names, ...body] = cellTexts([header, ...bodyCells], width);
	const columns = names!.map((n, i) => ({ source: header[i]!.text, name: n.text.toLowerCase() }));
	const index = (name: string) => columnIndex(columns, name);
	const missingColumns = INVENTORY_COLUMNS.filter((c) => index(c) === -1);
	const [fileCol, changeCol, reqCol] = INVENTORY_COLUMNS.map(index) as [number, number, number];
	const rows = body.map((cells, i) => ({
		file: fileText(cells[fileCol]),
		change: cells[changeCol]?.text ?? '',
		requirements: (cells[reqCol]?.text ?? '').split(/[\s,;]+/).filter(Boolean),
		line: block.offset + 3 + i,
		column: bodyCells[i]![fileCol]?.column ?? 1,
		cells: Array.from({ length: width }, (_, c) => bodyCells[i]![c]?.text ?? ''),
	}));
	return { missingColumns, rows, columns, line: block.offset + 1, ...(block.more.length > 0 && { moreTables: block.more.map((i) => i + 1) }) };
}

/** The index of the column named `name` or its plural ("File" or "Files"), or -1. */
export function columnIndex(columns: readonly InventoryColumn[], name: string): number {
	return columns.findIndex((c) => c.name === name || c.name === `${name}s`);
}

/** A File cell's path: a code span's content, else its text without a stray backtick at either end (`` `src/a.ts ``). */
function fileText(cell: CellText | undefined): string {
	if (!cell) return '';
	const written = cell.code ? cell.text : cell.text.replace(/^`|`$/g, '');
	// Paths are the code's, from its folder: `./src/a.ts` and `/src/a.ts` name `src/a.ts`.
	return written.replace(/^(?:\.\/|\/)+/, '');
}

// Writing cells. `inventory --write` drafts the table that the check then reads: the cells it writes
// are made here, beside the reader, and a file name is written only when this reader reads it back.

/**
 * A CommonMark code span holding exactly `text` (one line): fenced with one backtick more than its
 * longest run of backticks, and padded with a space on each side when it holds one or starts and
 * ends with a space, as CommonMark takes one space off each side of a span that starts and ends
 * with one (so that a backtick can start or end it).
 */
export function codeSpan(text: string): string {
	const runs = text.match(/`+/g) ?? [];
	const fence = '`'.repeat(Math.max(0, ...runs.map((r) => r.length)) + 1);
	const pad = runs.length || (/^ [\s\S]* $/.test(text) && /[^ ]/.test(text)) ? ' ' : '';
	return `${fence}${pad}${text}${pad}${fence}`;
}

/**
 * Inline Markdown as the text of a GFM table cell: line breaks, which would end the row, joined
 * with a space, and pipes escaped (GFM unescapes `\|` within a cell's code spans too).
 */
export function tableCell(markdown: string): string {
	return markdown.replace(/\s*[\r\n]\s*/g, ' ').replaceAll('|', '\\|');
}

/** The File cell naming `path`: a code span; {@link unwritableFileName} tells whether it reads back. */
export function fileCell(path: string): string {
	return tableCell(codeSpan(path));
}

/** A pipe after an odd run of backslashes: `\\` pairs up in a GFM row, so `\|` cannot be written in one. */
const BACKSLASH_PIPE = /(?<!\\)(?:\\\\)*\\\|/;

/**
 * Why a file's name cannot be written in the inventory's File column so that this reader reads it
 * back as the same path, or undefined when it can: a line break ends a table row, other control
 * characters are refused with it, the reader trims white space at either end of a cell (as GFM
 * trims cells), and a pipe after a backslash cannot be escaped in a GFM row. Whatever else the
 * reader would read otherwise (a name too long to be parsed) is refused too.
 */
export function unwritableFileName(path: string): string | undefined {
	if (/[\r\n]/.test(path)) return 'it holds a line break, which would end the table row';
	if (/\p{Cc}/u.test(path)) return 'it holds a control character';
	if (path !== path.trim()) return 'it begins or ends with white space, which a table cell drops';
	if (BACKSLASH_PIPE.test(path)) return 'it holds a backslash right before a pipe, which a GFM table cell cannot hold';
	// Any other name without a backtick or a pipe is a code span's content as it stands, read back
	// without the parser; the others are read back both ways (the parser costs a millisecond).
	if (!/[`|]/.test(path)) return undefined;
	const cell = fileCell(path);
	const read = (...rows: string[]) => parseChangeInventory(['| File | Change | Requirement |', '| - | - | - |', ...rows].join('\n')).rows[0]?.file;
	// Whether a table needs the Markdown parser depends on all its cells: the name must read back either way.
	if (read(`| ${cell} | x | y |`) !== path || read(`| ${cell} | x | y |`, '| *x* | x | y |') !== path) {
		return 'it does not read back from a Markdown table cell';
	}
	return undefined;
}
