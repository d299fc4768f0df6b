// Rule: a phase's change-inventory table has File, Change and Requirement columns naming its requirements.
import { finding, type Finding } from '../findings.ts';
import type { SourceDocument } from '../load.ts';
import { parseChangeInventory, type ChangeInventory, type InventoryRow } from '../markdown/change-inventory.ts';
import { isEmptySection, parsedBodyOf } from '../markdown/sections.ts';
import { categorize } from '../path-patterns.ts';
import { DEFAULT_CATEGORIES } from '../schemas/code.ts';
import type { Phase } from '../schemas/index.ts';
import type { TemplateContract } from '../templates.ts';

export const INVENTORY_SECTION = 'change inventory';

/** The change-inventory section of a phase body, with its first body line. */
export function inventorySection(doc: { body: string }): { content: string; startLine: number } | undefined {
	const section = parsedBodyOf(doc).sections.find((s) => s.heading.depth === 2 && s.key === INVENTORY_SECTION);
	return section && { content: section.content, startLine: section.startLine };
}

/** A phase's change-inventory section: its first body line and its table (undefined without the section). */
export type PhaseInventory = { startLine: number; table: ChangeInventory } | undefined;

const inventories = new WeakMap<object, PhaseInventory>();

/** The phase's change-inventory section and parsed table, once per document (checker and traceability share it). */
export function phaseInventory(phase: { body: string }): PhaseInventory {
	if (!inventories.has(phase)) {
		const section = inventorySection(phase);
		inventories.set(phase, section && { startLine: section.startLine, table: parseChangeInventory(section.content) });
	}
	return inventories.get(phase);
}

/** Gives a phase the inventory read from its text before (the check's document cache): its text is then not needed. */
export function keepPhaseInventory(phase: object, inventory: PhaseInventory): void {
	inventories.set(phase, inventory);
}

export function changeInventoryOf(phase: { body: string }): ChangeInventory | undefined {
	return phaseInventory(phase)?.table;
}

/**
 * A Change cell that states the file's status: the word alone, or as a label before what
 * changed ("Added", "Added: the b module", "Modified (+3 −1)", "Removed — superseded"). A
 * sentence ("Added retry helper", "Removed dead code") says what changed inside the file.
 */
const status = (words: string) => new RegExp(`^\\W*(?:${words})\\b(?=\\s*(?:$|[:(—–-]))`, 'i');
const REMOVAL = status('removed|deleted');
const ADDITION = status('new|added|created');
const MODIFICATION = status('modified|changed|updated|edited');
const NO_CHANGE = status('unchanged');

/** Whether a row's Change text says its file was removed ("Removed", "Deleted: …", not "Removed dead code"). */
export const saysRemoved = (change: string): boolean => REMOVAL.test(change);
/** Whether a row's Change text says its file is new ("New", "Added: …", "Created"). */
export const saysAdded = (change: string): boolean => ADDITION.test(change);
/** Whether a row's Change text says its file was there before and changed ("Modified (+3 −1)", "Updated: …"). */
export const saysModified = (change: string): boolean => MODIFICATION.test(change);
/** Whether a row's Change text says its file did not change ("Unchanged"). */
export const saysUnchanged = (change: string): boolean => NO_CHANGE.test(change);

/**
 * A rename a row's Change text states, and the old path when it names one, as `inventory --write`
 * drafts it ("Renamed from `src/old.ts` (+1 −1)", "Renamed", "Moved from src/a.ts").
 */
export function saysRenamed(change: string): { from?: string } | undefined {
	const said = /^\W*(?:renamed|moved)\b(?:\s+from\s+(?:`([^`]+)`|([^\s(]+)))?(?=\s*(?:$|[:(—–-]))/i.exec(change);
	if (!said) return undefined;
	const from = said[1] ?? said[2];
	return from === undefined ? {} : { from };
}

/** The line counts a row's Change text states, as drafted: "(+6 −0)", with a minus or a hyphen. */
export function statedLines(change: string): { added: number; removed: number } | undefined {
	const counts = /\(\+(\d+)\s*[−-](\d+)\)/.exec(change);
	return counts ? { added: Number(counts[1]), removed: Number(counts[2]) } : undefined;
}

/**
 * Whether a row of the inventory says its file was removed or deleted. The body is searched for
 * the word before a table is parsed for it: most phases have none, and parsing every phase's
 * table to find none cost a check that reads cached ranges most of its git time.
 */
export function inventoryRemovesFiles(phase: { body: string }): boolean {
	if (!inventories.has(phase) && !/\b(?:removed|deleted)\b/i.test(phase.body)) return false;
	return (changeInventoryOf(phase)?.rows ?? []).some((r) => saysRemoved(r.change));
}

/** The inventory table's rows and header at their file lines; undefined without a table. */
export function tableInFile(phase: SourceDocument<Phase>): (ChangeInventory & { line: number }) | undefined {
	const kept = phaseInventory(phase);
	const inventory = kept?.table;
	if (!kept || inventory?.line === undefined) return undefined;
	const fileLine = (line: number) => phase.bodyLine + kept.startLine + line - 2;
	return { ...inventory, line: fileLine(inventory.line), rows: inventory.rows.map((r) => ({ ...r, line: fileLine(r.line) })) };
}

/** The rows of a well-formed inventory table at their file lines, for the rules that read them. */
export function locatedInventory(phase: SourceDocument<Phase>): { line: number; rows: InventoryRow[] } | undefined {
	const table = tableInFile(phase);
	return table && !table.missingColumns.length ? table : undefined;
}

const DELIMITER_ROW = /^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$/;

/**
 * The body lines of tables outside the change-inventory section whose header has its File and
 * Change columns: published like the inventory, a reader cannot tell them apart, yet git never
 * checked their rows (`## Further changes` listed files that never existed).
 */
function inventoryLikeTables(phase: { body: string }): number[] {
	const { lines, mask, sections } = parsedBodyOf(phase);
	const own = sections.find((s) => s.heading.depth === 2 && s.key === INVENTORY_SECTION);
	const found: number[] = [];
	for (let i = 0; i + 1 < lines.length; i++) {
		const line = lines[i]!;
		if (!mask[i] || !line.includes('|') || !/\bfile\b/i.test(line) || !DELIMITER_ROW.test(lines[i + 1]!)) continue;
		if (own && i + 1 >= own.heading.line && i + 1 <= own.endLine) continue;
		const cells = line.split('|').map((c) => c.trim().toLowerCase());
		if (cells.includes('file') && cells.includes('change')) found.push(i + 1);
	}
	return found;
}

/** The default categories' reading of a path, for files that serve the project rather than a requirement. */
const defaultCategory = categorize(DEFAULT_CATEGORIES);

/**
 * Whether a changed file is one a requirement is not asked of: documentation and configuration
 * as the default categories name them (README.md, .gitignore, a lock file, CI's workflow), which
 * `inventory --write` drafts with no requirement. Fixed, not the project's categories: a
 * document's findings depend on its text and template alone (document-facts.ts).
 */
const servesNoRequirement = (file: string) => ['docs', 'configuration'].includes(defaultCategory(file));

export function checkInventory(phase: SourceDocument<Phase>, contract: TemplateContract): Finding[] {
	const elsewhere = inventoryLikeTables(phase).map((line) => finding(phase.path, phase.bodyLine + line - 1, 'warning', 'A table with the change inventory\'s File and Change columns outside its section: the check reads only the change inventory, so git never checks these rows; move them into it', 'references/change-inventory'));
	return [...elsewhere, ...checkInventoryTable(phase, contract)];
}

function checkInventoryTable(phase: SourceDocument<Phase>, contract: TemplateContract): Finding[] {
	const section = inventorySection(phase);
	const template = contract.sections.find((r) => r.key === INVENTORY_SECTION)?.templateText;
	// A missing or empty section is the sections rule's finding, not this one's.
	if (!section || isEmptySection(section.content, template)) return [];
	const fileLine = (line: number) => phase.bodyLine + section.startLine + line - 2;
	const inventory = changeInventoryOf(phase)!;
	const at = fileLine(inventory.line ?? 1);
	if (inventory.line === undefined) {
		return [finding(phase.path, at, 'error', 'Missing change-inventory table, expected a GFM table with File, Change and Requirement columns', 'references/change-inventory')];
	}
	if (inventory.missingColumns.length) {
		const names = inventory.missingColumns.map((c) => c[0]!.toUpperCase() + c.slice(1)).join(', ');
		return [finding(phase.path, at, 'error', `Change-inventory table lacks the column(s) ${names}, expected File, Change and Requirement`, 'references/change-inventory')];
	}
	if (inventory.rows.length === 0) {
		return [finding(phase.path, at, 'error', 'Change-inventory table has no rows, expected one row per changed file', 'references/change-inventory')];
	}
	const known = new Set(phase.data.requirements.map((r) => r.id));
	const findings: Finding[] = [];
	// The page would show a table git never checked: one inventory, one table.
	for (const line of inventory.moreTables ?? []) {
		findings.push(finding(phase.path, fileLine(line), 'error', `A second table in the change inventory (the first is at line ${at}); the check reads only the first, so move these rows into it`, 'references/change-inventory'));
	}
	// One row per file: a second row of a file (`x` and `./x` are one) ties it to more requirements
	// than its own row says, and the page lists the file twice.
	const firstRow = new Map<string, number>();
	for (const row of inventory.rows) {
		if (!row.file) continue;
		const first = firstRow.get(row.file);
		if (first === undefined) firstRow.set(row.file, row.line);
		else findings.push(finding(phase.path, fileLine(row.line), 'warning', `"${row.file}" is in the change inventory twice (first at line ${fileLine(first)}): one row per file, naming every requirement it serves`, 'references/change-inventory'));
	}
	for (const row of inventory.rows) {
		if (row.requirements.length === 0 && !servesNoRequirement(row.file)) {
			findings.push(finding(phase.path, fileLine(row.line), 'warning', `Change to "${row.file}" names no requirement`, 'references/change-inventory'));
		}
		for (const id of row.requirements) {
			if (!known.has(id)) {
				findings.push(finding(phase.path, fileLine(row.line), 'error', `Unknown requirement "${id}" in the change inventory, expected one of phase ${phase.id}'s: ${[...known].join(', ') || '(none)'}`, 'references/change-inventory'));
			}
		}
	}
	return findings;
}
