// Drafts a phase's change inventory from git: one row per changed file with its line counts and
// category, the requirement ids its commits name, a summary by category and a commit message.
import { userRegExp } from '../user-regexp.ts';
import { changesInScope, type PhaseCode } from '../git/code-facts.ts';
import type { ChangeStatus } from '../git/parse.ts';
import { printableLine } from '../findings-format.ts';
import { codeSpan, columnIndex, fileCell, tableCell, unwritableFileName, type ChangeInventory, type InventoryRow } from '../markdown/change-inventory.ts';
import { categorize, isMultiPath, pathPattern } from '../path-patterns.ts';
import type { CodeSettings, Phase } from '../schemas/index.ts';

export interface DraftRow {
	path: string;
	category: string;
	status: ChangeStatus;
	from?: string;
	added?: number;
	removed?: number;
	requirements: string[];
	/** The Change text: the one already written for this file, else one drafted from git. */
	change: string;
	/** The cells the author wrote for this file, kept as written: its Change, Requirement and other columns. */
	written?: WrittenCells;
}

/** Cells of the existing table, as written, that a drafted table carries over. */
export interface WrittenCells {
	change?: string;
	requirement?: string;
	/** One per {@link InventoryDraft.extraColumns}. */
	extra: string[];
}

/**
 * A row of the existing table that no changed file took its text from: a file git shows unchanged
 * in the range, a misspelt path, a note. It is kept as written, never dropped unsaid.
 */
export interface KeptRow {
	file: string;
	line: number;
	cells: { file: string; category: string; change: string; requirement: string; extra: string[] };
}

export interface CategorySummary {
	category: string;
	files: number;
	added: number;
	removed: number;
}

export interface InventoryDraft {
	rows: DraftRow[];
	/** Rows of the existing table kept as written, after the drafted ones. */
	kept: KeptRow[];
	/** The existing table's columns other than File, Category, Change and Requirement, as written. */
	extraColumns: string[];
	summary: CategorySummary[];
	commitMessage: string;
}

/** The Change text `inventory` drafts; one the author left as drafted is drafted again, so its counts follow git. */
const DRAFTED = /^(?:Added|Modified|Removed|Renamed(?: from .+)?) \((?:\+\d+ −\d+|binary)\)$/;

const lines = (r: Pick<DraftRow, 'added' | 'removed'>) => (r.added === undefined ? 'binary' : `+${r.added} −${r.removed}`);

function draftedChange(r: Omit<DraftRow, 'change' | 'category' | 'requirements'>): string {
	// The old name is only shown: one that cannot be written in a cell is left out.
	const from = r.from !== undefined && unwritableFileName(r.from) === undefined ? ` from ${codeSpan(r.from)}` : '';
	const verb = { added: 'Added', modified: 'Modified', removed: 'Removed', renamed: `Renamed${from}` }[r.status];
	return `${verb} (${lines(r)})`;
}


/** Ids matching the project's requirement pattern anywhere in a text. */
function requirementIds(text: string, pattern: string): string[] {
	// Without look-arounds, so that V8 may run it in linear time (user-regexp.ts): the character
	// after the id is matched (not a word character, "-", or "." before a digit), the one before tested.
	const re = userRegExp(`((?:${pattern}))(?:$|[^\\w.-]|\\.(?:$|\\D))`, 'g');
	const ids: string[] = [];
	for (let match = re.exec(text); match; match = re.exec(text)) {
		const id = match[1] ?? '';
		if (match.index > 0 && /[\w.-]/.test(text[match.index - 1]!)) {
			re.lastIndex = match.index + 1;
			continue;
		}
		if (id) ids.push(id);
		re.lastIndex = match.index + Math.max(1, id.length);
	}
	return ids;
}

export function draftInventory(
	code: PhaseCode,
	phase: { id: string; data: Pick<Phase, 'title' | 'requirements'> },
	settings: { code: Pick<CodeSettings, 'categories'>; requirementPattern: string },
	existing: Pick<ChangeInventory, 'rows' | 'columns'> = { rows: [], columns: [] },
): InventoryDraft {
	const category = categorize(settings.code.categories);
	const own = new Set(phase.data.requirements.map((r) => r.id));
	const rowsWritten = existing.rows.filter((r) => r.file !== '');
	const exact = new Map(rowsWritten.filter((r) => !isMultiPath(r.file)).map((r) => [r.file, r]));
	const grouped = rowsWritten.filter((r) => isMultiPath(r.file)).map((r) => ({ row: r, match: pathPattern(r.file) }));
	const order = [...settings.code.categories.map((c) => c.name), 'other'];
	const { cellsOf, extraColumns } = writtenColumns(existing.columns);
	const used = new Set<InventoryRow>();
	const rows = changesInScope(code)
		.map((c): DraftRow => {
			const touching = code.commits.filter((commit) => commit.files.includes(c.path) || (c.from !== undefined && commit.files.includes(c.from)));
			const named = touching.flatMap((commit) => requirementIds(commit.message, settings.requirementPattern));
			// A folder or glob row written by hand lends its Change text to each file it covers.
			const listed = exact.get(c.path) ?? (c.from ? exact.get(c.from) : undefined);
			const written = listed ?? grouped.find((g) => g.match(c.path))?.row;
			if (written) used.add(written);
			// The file's own row keeps the ids its author wrote: a commit that names more (a fix for
			// REQ-1.2 that touched the file) does not make them the file's.
			const ownIds = listed !== undefined && listed.requirements.length > 0;
			// Only the phase's own ids: the check refuses any other in its inventory, so a phase with no
			// requirements gets none from its commit messages (they name other phases' ids).
			const requirements = ownIds ? listed.requirements : [...new Set([...(written?.requirements ?? []), ...named.filter((id) => own.has(id))])];
			const authored = written && !DRAFTED.test(written.change) ? written.change : '';
			const cells = written && cellsOf(written);
			return {
				...c,
				category: category(c.path),
				requirements,
				change: authored || draftedChange(c),
				...(cells && {
					written: {
						...(authored && { change: cells.change }),
						// The cell as written (links, emphasis) while it names every id the row gets.
						...(requirements.every((id) => written.requirements.includes(id)) && { requirement: cells.requirement }),
						extra: cells.extra,
					},
				}),
			};
		})
		.sort((a, b) => order.indexOf(a.category) - order.indexOf(b.category) || (a.path < b.path ? -1 : 1));
	const kept = existing.rows
		.filter((r) => !used.has(r))
		.map((r): KeptRow => {
			const cells = cellsOf(r);
			return { file: r.file, line: r.line, cells: { ...cells, category: cells.category || (r.file ? tableCell(category(r.file)) : '') } };
		});
	const summary = order
		.map((name) => {
			const of = rows.filter((r) => r.category === name);
			return { category: name, files: of.length, added: of.reduce((n, r) => n + (r.added ?? 0), 0), removed: of.reduce((n, r) => n + (r.removed ?? 0), 0) };
		})
		.filter((s) => s.files > 0);
	return { rows, kept, extraColumns, summary, commitMessage: commitMessage(phase, summary, rows) };
}

/** How to read a written row's cells by role, and the headers of the columns the draft has no role for. */
function writtenColumns(columns: ChangeInventory['columns']) {
	const at = (name: string) => columnIndex(columns, name);
	const [file, category, change, requirement] = ['file', 'category', 'change', 'requirement'].map(at) as [number, number, number, number];
	const roles = new Set([file, category, change, requirement]);
	const extra = columns.flatMap((_, i) => (roles.has(i) ? [] : [i]));
	const cell = (row: InventoryRow, i: number) => (i === -1 ? '' : (row.cells[i] ?? ''));
	return {
		extraColumns: extra.map((i) => columns[i]!.source),
		cellsOf: (row: InventoryRow) => ({
			file: cell(row, file),
			category: cell(row, category),
			change: cell(row, change),
			requirement: cell(row, requirement),
			extra: extra.map((i) => cell(row, i)),
		}),
	};
}

function commitMessage(phase: { id: string; data: Pick<Phase, 'title'> }, summary: CategorySummary[], rows: DraftRow[]): string {
	const only = summary.length === 1 ? summary[0]!.category : undefined;
	const type = only === 'tests' ? 'test' : only === 'docs' ? 'docs' : only === 'configuration' ? 'chore' : 'feat';
	const requirements = [...new Set(rows.flatMap((r) => r.requirements))];
	return [
		// A subject line is one line: a title's line breaks and control characters are shown escaped.
		`${type}(phase ${phase.id}): ${printableLine(phase.data.title)}`,
		'',
		...summary.map((s) => `- ${s.category}: ${s.files} file${s.files === 1 ? '' : 's'} (+${s.added} −${s.removed})`),
		...(requirements.length ? ['', `Requirements: ${requirements.join(', ')}`] : []),
	].join('\n');
}

/** The rows whose file names cannot be written in the table so that the check reads them back, and why. */
export function unwritableRows(rows: readonly DraftRow[]): { path: string; reason: string }[] {
	return rows.flatMap((r) => {
		const reason = unwritableFileName(r.path);
		return reason === undefined ? [] : [{ path: r.path, reason }];
	});
}

/**
 * The draft as a GFM table: File, Category, Change and Requirement columns, grouped by category.
 * Each file is a code span the check reads back as its path; see {@link unwritableRows} for those
 * it cannot be.
 */
export function inventoryTable(rows: readonly DraftRow[], layout: Pick<InventoryDraft, 'kept' | 'extraColumns'> = { kept: [], extraColumns: [] }): string {
	const extra = layout.extraColumns;
	const row = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
	return [
		row(['File', 'Category', 'Change', 'Requirement', ...extra]),
		row(['----', '--------', '------', '-----------', ...extra.map(() => '---')]),
		...rows.map((r) =>
			row([
				fileCell(r.path),
				tableCell(r.category),
				r.written?.change ?? tableCell(r.change),
				r.written?.requirement ?? r.requirements.join(', '),
				...extra.map((_, i) => r.written?.extra[i] ?? ''),
			]),
		),
		...layout.kept.map((k) => row([k.cells.file, k.cells.category, k.cells.change, k.cells.requirement, ...k.cells.extra])),
	].join('\n');
}
