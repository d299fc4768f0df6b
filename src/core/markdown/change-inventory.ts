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
}

export interface ChangeInventory {
	/** Missing required columns; empty when the table is well formed. */
	missingColumns: string[];
	rows: InventoryRow[];
	/** Line of the table's header, or undefined when there is no table. */
	line?: number;
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

/** The first run of lines that look like a table row, so prose around it is never parsed. */
function tableLines(markdown: string): { lines: string[]; offset: number } | undefined {
	const lines = markdown.split(/\r?\n/);
	const start = firstTableLine(lines);
	if (start === -1) return undefined;
	let end = start;
	while (end < lines.length && /^ {0,3}\|/.test(lines[end]!)) end++;
	return { lines: lines.slice(start, end), offset: start };
}

/**
 * The index of the first line that starts a table row outside fenced code (```, ~~~): a table
 * shown in a code block is an example, not the inventory, and `inventory --write` must not
 * replace it.
 */
function firstTableLine(lines: readonly string[]): number {
	let fence: { char: string; length: number } | undefined;
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i]!;
		const marker = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line);
		if (fence) {
			// CommonMark: closed by a fence of the same character, at least as long, with nothing after it.
			if (marker && marker[1]![0] === fence.char && marker[1]!.length >= fence.length && marker[2]!.trim() === '') fence = undefined;
		} else if (marker && !(marker[1]![0] === '`' && marker[2]!.includes('`'))) {
			fence = { char: marker[1]![0]!, length: marker[1]!.length };
		} else if (/^ {0,3}\|/.test(line)) return i;
	}
	return -1;
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
/** A cell that is one code span with no other markup: `src/a_b.ts`. */
const CODE_ONLY = /^`([^`]+)`$/;

/** The text of a cell written without markup, or undefined when only a Markdown parser can tell. */
function plainText(text: string): string | undefined {
	const code = CODE_ONLY.exec(text);
	if (code) return code[1]!.trim();
	return MARKUP.test(text) ? undefined : text;
}

/** The text of each cell (code, links and emphasis reduced to their text), row by row. */
function cellTexts(rows: readonly Cell[][], width: number): string[][] {
	const raw = (cells: readonly Cell[], i: number) => cells[i]?.text ?? '';
	// Most inventories are plain paths and words: their text is known without parsing the table,
	// which cost 2-3 ms a phase (a quarter of the whole check at a hundred phases).
	const plain = rows.map((cells) => Array.from({ length: width }, (_, i) => plainText(raw(cells, i))));
	if (plain.every((cells) => cells.every((c) => c !== undefined))) return plain as string[][];
	const line = (cells: readonly Cell[]) =>
		`|${Array.from({ length: width }, (_, i) => (raw(cells, i).length > MAX_PARSED_CELL ? '' : raw(cells, i))).join('|')}|`;
	const text = [line(rows[0]!), `|${'-|'.repeat(width)}`, ...rows.slice(1).map(line)].join('\n');
	const gfm = gfmParser();
	const table = gfm.parse(text).children.find((node): node is Table => node.type === 'table');
	return rows.map((cells, r) =>
		Array.from({ length: width }, (_, i) => {
			if (raw(cells, i).length > MAX_PARSED_CELL) return raw(cells, i).replaceAll('\\|', '|');
			const cell: TableCell | undefined = table?.children[r]?.children[i];
			return cell ? gfm.text(cell).trim() : '';
		}),
	);
}

export function parseChangeInventory(markdown: string): ChangeInventory {
	const block = tableLines(markdown);
	if (!block || block.lines.length < 2) return { missingColumns: [], rows: [] };
	const [headerLine, delimiterLine, ...bodyLines] = block.lines as [string, string, ...string[]];
	const header = splitRow(headerLine);
	const delimiter = splitRow(delimiterLine);
	// GFM: no table unless the delimiter row has one `:-:` cell per header cell.
	if (delimiter.length !== header.length || !delimiter.every((c) => DELIMITER_CELL.test(c.text))) {
		return { missingColumns: [], rows: [] };
	}
	const width = Math.min(header.length, MAX_COLUMNS);
	const bodyCells = bodyLines.map(splitRow);
	const [names, ...body] = cellTexts([header, ...bodyCells], width);
	const lower = names!.map((n) => n.toLowerCase());
	const index = (name: string) => lower.findIndex((n) => n === name || n === `${name}s`);
	const missingColumns = INVENTORY_COLUMNS.filter((c) => index(c) === -1);
	const [fileCol, changeCol, reqCol] = INVENTORY_COLUMNS.map(index) as [number, number, number];
	const rows = body.map((cells, i) => ({
		file: (cells[fileCol] ?? '').replace(/^`|`$/g, ''),
		change: cells[changeCol] ?? '',
		requirements: (cells[reqCol] ?? '').split(/[\s,;]+/).filter(Boolean),
		line: block.offset + 3 + i,
		column: bodyCells[i]![fileCol]?.column ?? 1,
	}));
	return { missingColumns, rows, line: block.offset + 1 };
}
