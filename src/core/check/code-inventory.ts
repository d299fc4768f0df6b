// Rules: the change inventory against git: rows naming files that do not exist (ghosts), listed
// files the range left unchanged, and changed files the inventory leaves out.
import type { CodeFacts, PhaseCode } from '../git/code-facts.ts';
import { finding, type Finding } from '../findings.ts';
import type { Program, SourceDocument } from '../load.ts';
import type { InventoryRow } from '../markdown/change-inventory.ts';
import { isMultiPath, pathPattern } from '../path-patterns.ts';
import { PROJECT_FILE } from '../load.ts';
import { phaseDraftStatuses, type Phase } from '../schemas/index.ts';
import { locatedInventory } from './inventory.ts';

/** How many paths a finding names before "and N more". */
const NAMED = 5;

/** Whether a row names a removed file: git says so, or its Change says "Removed" or "Deleted". */
function isRemoval(row: InventoryRow, code: PhaseCode): boolean {
	if (code.changes.some((c) => c.status === 'removed' && c.path === row.file)) return true;
	return /^(removed|deleted)\b/i.test(row.change.replace(/^[*_~]+/, ''));
}

/** The files a row names: itself, or what its folder or glob matches among `files`. */
export function rowMatches(file: string, files: Iterable<string>): string[] {
	if (!isMultiPath(file)) return [...files].filter((f) => f === file);
	const match = pathPattern(file);
	return [...files].filter(match);
}

/** The changed paths a row covers (both paths of a rename). */
function rowCovers(row: InventoryRow, code: PhaseCode): Set<string> {
	const paths = code.changes.flatMap((c) => (c.from ? [c.path, c.from] : [c.path]));
	return new Set(rowMatches(row.file, paths));
}

export function describeEnd(code: PhaseCode, which: 'from' | 'to'): string {
	const commit = (which === 'to' ? code.to : code.from)?.slice(0, 7) ?? 'the first commit';
	return `${commit} (${which === 'to' ? 'end' : 'start'} of ${code.label})`;
}

function checkPhase(phase: SourceDocument<Phase>, code: PhaseCode, codeDir: string): Finding[] {
	const located = locatedInventory(phase);
	// An empty table is the sections rule's or the inventory rule's finding already.
	if (!located || located.rows.length === 0 || code.to === undefined) return [];
	const findings: Finding[] = [];
	const draft = phaseDraftStatuses.includes(phase.data.status);
	const listed = new Set<string>();
	for (const row of located.rows) {
		if (!row.file) continue;
		const removal = isRemoval(row, code);
		const tree = removal ? code.filesAtStart : code.filesAtEnd;
		if (rowMatches(row.file, tree).length === 0) {
			const where = describeEnd(code, removal ? 'from' : 'to');
			findings.push(finding(phase.path, row.line, draft ? 'warning' : 'error', `Unexpected file "${row.file}" in the change inventory: it does not exist at ${where}, expected a path relative to ${codeDir}`, 'inventory/ghost', row.column));
			continue;
		}
		const covered = rowCovers(row, code);
		for (const path of covered) listed.add(path);
		// A phase that has not started has changed nothing yet: its rows are the plan.
		if (covered.size === 0 && phase.data.status !== 'planned') {
			findings.push(finding(phase.path, row.line, 'warning', `"${row.file}" is in the change inventory, but git shows it unchanged in ${code.label}`, 'inventory/unchanged', row.column));
		}
	}
	if (phase.data.status !== 'planned') {
		const unlisted = code.changes.filter((c) => code.inScope(c.path) && !listed.has(c.path)).map((c) => c.path);
		if (unlisted.length) {
			const named = unlisted.slice(0, NAMED).join(', ') + (unlisted.length > NAMED ? ` and ${unlisted.length - NAMED} more` : '');
			const count = unlisted.length === 1 ? '1 file' : `${unlisted.length} files`;
			findings.push(finding(phase.path, located.line, 'warning', `${count} changed in ${code.label} but missing from the change inventory: ${named} (npm run inventory -- --phase ${phase.id} drafts the rows)`, 'inventory/unlisted'));
		}
	}
	return findings;
}

/** Every phase's inventory against its range; one finding when git cannot be read at all. */
export function checkCodeInventory(program: Program, facts: CodeFacts): Finding[] {
	if (facts.reason) {
		return [finding(PROJECT_FILE, program.projectLineOf(['code']), 'warning', `Git checks skipped: ${facts.reason}`, 'git/unavailable')];
	}
	const codeDir = facts.codePrefix || 'the repository';
	const findings: Finding[] = [];
	for (const phase of program.documents.phase) {
		const code = facts.phases.get(phase.id);
		if (!code) continue;
		if (code.unknownPin) {
			const { field, ref } = code.unknownPin;
			findings.push(finding(phase.path, phase.lineOf(['range', field]), 'error', `Unknown commit "${ref}" in range.${field}, expected a commit, tag or branch of the repository`, 'git/range'));
		}
		findings.push(...checkPhase(phase, code, codeDir));
	}
	return findings;
}
