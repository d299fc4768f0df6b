// Rule: a phase's change-inventory table has File, Change and Requirement columns naming its requirements.
import { finding, type Finding } from '../findings.ts';
import type { SourceDocument } from '../load.ts';
import { parseChangeInventory, type ChangeInventory, type InventoryRow } from '../markdown/change-inventory.ts';
import { isEmptySection, parsedBodyOf } from '../markdown/sections.ts';
import type { Phase } from '../schemas/index.ts';
import type { TemplateContract } from '../templates.ts';

export const INVENTORY_SECTION = 'change inventory';

/** The change-inventory section of a phase body, with its first body line. */
export function inventorySection(doc: { body: string }): { content: string; startLine: number } | undefined {
	const section = parsedBodyOf(doc).sections.find((s) => s.heading.depth === 2 && s.key === INVENTORY_SECTION);
	return section && { content: section.content, startLine: section.startLine };
}

const inventories = new WeakMap<object, ChangeInventory | undefined>();

/** The phase's parsed change-inventory table, parsed once per document (checker and traceability share it). */
export function changeInventoryOf(phase: { body: string }): ChangeInventory | undefined {
	if (!inventories.has(phase)) {
		const section = inventorySection(phase);
		inventories.set(phase, section && parseChangeInventory(section.content));
	}
	return inventories.get(phase);
}

/** The inventory table's rows and header at their file lines; undefined without a table. */
export function tableInFile(phase: SourceDocument<Phase>): (ChangeInventory & { line: number }) | undefined {
	const section = inventorySection(phase);
	const inventory = changeInventoryOf(phase);
	if (!section || inventory?.line === undefined) return undefined;
	const fileLine = (line: number) => phase.bodyLine + section.startLine + line - 2;
	return { ...inventory, line: fileLine(inventory.line), rows: inventory.rows.map((r) => ({ ...r, line: fileLine(r.line) })) };
}

/** The rows of a well-formed inventory table at their file lines, for the rules that read them. */
export function locatedInventory(phase: SourceDocument<Phase>): { line: number; rows: InventoryRow[] } | undefined {
	const table = tableInFile(phase);
	return table && !table.missingColumns.length ? table : undefined;
}

export function checkInventory(phase: SourceDocument<Phase>, contract: TemplateContract): Finding[] {
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
	for (const row of inventory.rows) {
		if (row.requirements.length === 0) {
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
