// Reads a phase's change-inventory table (the "code" link of requirement -> code -> test).
import type { Root, Table, TableCell } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

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
// covers everything else and keeps `npm run check` fast.
const processor = unified().use(remarkParse).use(remarkGfm);

const cellText = (cell: TableCell | undefined) => (cell ? toString(cell).trim() : '');

/** The first run of lines that look like a table row, so prose around it is never parsed. */
function tableLines(markdown: string): { text: string; offset: number } | undefined {
	const lines = markdown.split(/\r?\n/);
	const start = lines.findIndex((l) => /^ {0,3}\|/.test(l));
	if (start === -1) return undefined;
	let end = start;
	while (end < lines.length && /^ {0,3}\|/.test(lines[end]!)) end++;
	return { text: lines.slice(start, end).join('\n'), offset: start };
}

/** Where a cell's text starts: after the pipe and the spaces that pad it. */
function cellColumn(cell: TableCell | undefined, text: string): number {
	const start = cell?.position?.start;
	if (!start || start.offset === undefined) return 1;
	const lead = /^\|?[ \t]*/.exec(text.slice(start.offset))![0].length;
	return start.column + lead;
}

export function parseChangeInventory(markdown: string): ChangeInventory {
	const block = tableLines(markdown);
	if (!block) return { missingColumns: [], rows: [] };
	const tree = processor.runSync(processor.parse(block.text)) as Root;
	const table = tree.children.find((node): node is Table => node.type === 'table');
	if (!table) return { missingColumns: [], rows: [] };
	const [header, ...body] = table.children;
	const names = (header?.children ?? []).map((cell) => cellText(cell).toLowerCase());
	const index = (name: string) => names.findIndex((n) => n === name || n === `${name}s`);
	const missingColumns = INVENTORY_COLUMNS.filter((c) => index(c) === -1);
	const [fileCol, changeCol, reqCol] = INVENTORY_COLUMNS.map(index) as [number, number, number];
	const rows = body.map((row) => ({
		file: cellText(row.children[fileCol]).replace(/^`|`$/g, ''),
		change: cellText(row.children[changeCol]),
		requirements: cellText(row.children[reqCol])
			.split(/[\s,;]+/)
			.filter(Boolean),
		line: (row.position?.start.line ?? 1) + block.offset,
		column: cellColumn(row.children[fileCol], block.text),
	}));
	return { missingColumns, rows, line: (table.position?.start.line ?? 1) + block.offset };
}
