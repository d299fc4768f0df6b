// Rules: the change inventory against git: rows naming files that do not exist (ghosts), listed
// files the range left unchanged, and changed files the inventory leaves out.
import { changesInScope, type CodeFacts, type PhaseCode } from '../git/code-facts.ts';
import type { ChangeStatus, FileDiff } from '../git/parse.ts';
import { finding, type Finding } from '../findings.ts';
import type { Program, SourceDocument } from '../load.ts';
import type { InventoryRow } from '../markdown/change-inventory.ts';
import { isMultiPath, pathPattern } from '../path-patterns.ts';
import { PROJECT_FILE } from '../load.ts';
import { phaseDraftStatuses, type Phase } from '../schemas/index.ts';
import { locatedInventory, saysAdded, saysModified, saysRemoved, saysRenamed, saysUnchanged, statedLines } from './inventory.ts';

/** How many paths a finding names before "and N more". */
const NAMED = 5;

/**
 * A range's changed and removed paths as sets, made once per list of changes (phases that share a
 * range share the list): rows look files up, never scan.
 */
type ChangeSets = { changed: Set<string>; removed: Set<string>; diff: Map<string, FileDiff> };
const changeSets = new WeakMap<object, ChangeSets>();
function changesOf(code: PhaseCode): ChangeSets {
	let sets = changeSets.get(code.changes);
	if (!sets) {
		sets = {
			// Both paths of a rename.
			changed: new Set(code.changes.flatMap((c) => (c.from ? [c.path, c.from] : [c.path]))),
			// A rename's old path is gone from the end of the range too.
			removed: new Set(code.changes.flatMap((c) => (c.status === 'removed' ? [c.path] : c.from ? [c.from] : []))),
			// Each changed path's change, by its path at the end of the range.
			diff: new Map(code.changes.map((c) => [c.path, c])),
		};
		changeSets.set(code.changes, sets);
	}
	return sets;
}

/** The paths a range changed, both paths of a rename: what a row or an artifact must name to be delivered. */
export const changedPaths = (code: PhaseCode): ReadonlySet<string> => changesOf(code).changed;

/** Whether a row names a removed file: git says so, or its Change says "Removed" or "Deleted". */
function isRemoval(row: InventoryRow, code: PhaseCode): boolean {
	if (changesOf(code).removed.has(row.file)) return true;
	return saysRemoved(row.change);
}

/**
 * What a row's Change text says that git contradicts, for a row of one file: "Removed" for a file
 * the range leaves in place, "New", "Added" or "Created" for one it removed or that existed before
 * it, "Modified" (or "Changed", "Updated", "Edited") for one it added or removed, "Unchanged" for
 * one it changed, "Renamed" for one it did not rename (or from another path), and drafted line
 * counts ("(+6 −0)") that are not git's.
 */
function contradiction(row: InventoryRow, code: PhaseCode, phase: string, covered: ReadonlySet<string>): string | undefined {
	if (isMultiPath(row.file)) return groupContradiction(row, code, covered);
	const diff = changesOf(code).diff.get(row.file);
	const status = diff?.status;
	if (saysRemoved(row.change) && status !== 'removed' && code.filesAtEnd.has(row.file)) {
		return `its Change says it was removed, but it exists at ${describeEnd(code, 'to')}`;
	}
	if (saysAdded(row.change) && (status === 'removed' || status === 'modified')) {
		return `its Change says it is new, but git shows it ${status} in ${code.label}${status === 'modified' ? ', so it was there before' : ''}`;
	}
	if (saysModified(row.change) && (status === 'added' || status === 'removed')) {
		return `its Change says it was modified, but git shows it ${status} in ${code.label}${status === 'added' ? ', so it was not there before' : ''}`;
	}
	if (saysUnchanged(row.change) && status !== undefined) {
		return `its Change says it is unchanged, but git shows it ${status} in ${code.label}`;
	}
	const renamed = saysRenamed(row.change);
	if (renamed && status !== undefined && status !== 'renamed') {
		return `its Change says it was renamed${renamed.from ? ` from ${renamed.from}` : ''}, but git shows it ${status} in ${code.label}`;
	}
	if (renamed?.from !== undefined && diff?.from !== undefined && renamed.from !== diff.from) {
		return `its Change says it was renamed from ${renamed.from}, but git shows it renamed from ${diff.from} in ${code.label}`;
	}
	// Drafted counts go stale when commits land after the draft: the page would publish the old figures.
	const stated = statedLines(row.change);
	if (stated && diff && diff.added !== undefined && (stated.added !== diff.added || stated.removed !== diff.removed)) {
		return `its Change says (+${stated.added} −${stated.removed}), but git shows (+${diff.added} −${diff.removed}) in ${code.label}; draft it again (npx phasebook inventory --phase ${phase} --write) or write the counts git shows`;
	}
	return undefined;
}

/**
 * What git contradicts of a folder's or a glob's row, which sums up its files: "Removed" while
 * files of it are still there, or a status none of the files it covers has ("tests/ | Added" when
 * the range only modified its tests).
 */
function groupContradiction(row: InventoryRow, code: PhaseCode, covered: ReadonlySet<string>): string | undefined {
	if (saysRemoved(row.change)) {
		const left = rowMatches(row.file, code.filesAtEnd);
		return left.length ? `its Change says it was removed, but ${left.length === 1 ? `${left[0]} still exists` : `${left.length} files of it still exist`} at ${describeEnd(code, 'to')}` : undefined;
	}
	// The changes of the files it covers (a rename's old path has none of its own).
	const { diff } = changesOf(code);
	const statuses = new Set([...covered].flatMap((path) => diff.get(path)?.status ?? []));
	const none = (said: string, wanted: ChangeStatus[]) => (statuses.size > 0 && !wanted.some((s) => statuses.has(s)) ? `its Change says ${said}, but git shows none of its files ${wanted[0]} in ${code.label}, only ${[...statuses].sort().join(' and ')}` : undefined);
	if (saysAdded(row.change)) return none('its files are new', ['added', 'renamed']);
	if (saysModified(row.change)) return none('its files were modified', ['modified', 'renamed']);
	if (saysUnchanged(row.change) && statuses.size > 0) return `its Change says it is unchanged, but git shows ${statuses.size === 1 ? `files of it ${[...statuses][0]}` : 'files of it changed'} in ${code.label}`;
	return undefined;
}

/** The files a row names: itself, or what its folder or glob matches among `files`. */
export function rowMatches(file: string, files: ReadonlySet<string>): string[] {
	if (!isMultiPath(file)) return files.has(file) ? [file] : [];
	const match = pathPattern(file);
	return [...files].filter(match);
}

/** The changed paths a row covers (both paths of a rename). */
function rowCovers(row: InventoryRow, code: PhaseCode): Set<string> {
	return new Set(rowMatches(row.file, changesOf(code).changed));
}

export function describeEnd(code: PhaseCode, which: 'from' | 'to'): string {
	const commit = (which === 'to' ? code.to : code.from)?.slice(0, 7) ?? 'the first commit';
	return `${commit} (${which === 'to' ? 'end' : 'start'} of ${code.label})`;
}

export type RowState = 'listed' | 'unchanged' | 'ghost' | 'not-code';

export interface InventoryStatus {
	/**
	 * Each row with its state against git; `removal` rows are looked up at the range's start, and
	 * `contradiction` says what of its Change text git contradicts.
	 */
	rows: (InventoryRow & { state: RowState; removal: boolean; contradiction?: string; notCode?: 'own' | 'excluded' })[];
	/** Changed files within the phase's paths that no row lists. */
	unlisted: string[];
	/** The table's header line. */
	line: number;
}

/**
 * The inventory against the range: each row listed (it names changed files), unchanged or a ghost
 * (it names no file at all), and the changed files no row lists. The phase page shows this; the
 * rules below report it. A phase that has not started has changed nothing: its rows are its plan.
 */
export function inventoryStatus(phase: SourceDocument<Phase>, code: PhaseCode): InventoryStatus | undefined {
	const located = locatedInventory(phase);
	// An empty table is the sections rule's or the inventory rule's finding already.
	if (!located || located.rows.length === 0 || code.to === undefined) return undefined;
	const listed = new Set<string>();
	const rows = located.rows.filter((row) => row.file).map((row) => {
		const removal = isRemoval(row, code);
		let named = rowMatches(row.file, removal ? code.filesAtStart : code.filesAtEnd);
		// "Removed" for a file git did not remove, and that is there at the end: the Change text is
		// what is wrong (inventory/change), not the path; the first phase has no start to look in.
		if (named.length === 0 && removal && !changesOf(code).removed.has(row.file)) named = rowMatches(row.file, code.filesAtEnd);
		if (named.length === 0) return { ...row, removal, state: 'ghost' as const };
		const covered = rowCovers(row, code);
		// The program's own files and those code.exclude names are never changes of the code: a row
		// of them is out of place, whatever git says of them (an earlier Phasebook listed docs/'s files).
		const why = covered.size === 0 ? code.notCode(named[0]!) : undefined;
		if (why && named.every((path) => code.notCode(path) === why)) return { ...row, removal, state: 'not-code' as const, notCode: why };
		for (const path of covered) listed.add(path);
		const contradicted = contradiction(row, code, phase.id, covered);
		return { ...row, removal, state: covered.size ? ('listed' as const) : ('unchanged' as const), ...(contradicted && { contradiction: contradicted }) };
	});
	const started = phase.data.status !== 'planned';
	const unlisted = started ? changesInScope(code).filter((c) => !listed.has(c.path)).map((c) => c.path) : [];
	return { rows, unlisted, line: located.line };
}

/**
 * Every phase's inventory status, by phase id, computed once for the check and the site; with
 * `checks` (check --changed's scope), only the phases it picks, since the findings are the phase's own.
 */
export function inventoryStatuses(program: Program, facts: CodeFacts, checks: (path: string) => boolean = () => true): Map<string, InventoryStatus> {
	const statuses = new Map<string, InventoryStatus>();
	for (const phase of program.documents.phase) {
		if (!checks(phase.path)) continue;
		const code = facts.phases.get(phase.id);
		const status = code && inventoryStatus(phase, code);
		if (status) statuses.set(phase.id, status);
	}
	return statuses;
}

function checkPhase(phase: SourceDocument<Phase>, code: PhaseCode, status: InventoryStatus | undefined, codeDir: string): Finding[] {
	if (!status) return [];
	const findings: Finding[] = [];
	const draft = phaseDraftStatuses.includes(phase.data.status);
	// A done or released phase's range is closed: its inventory is the record of what it changed,
	// published as the requirements' code, so a file it lists unchanged or leaves out is an error.
	const closed = phase.data.status === 'done' || phase.data.release !== undefined;
	// A done phase with no release still ends at HEAD: the next phase's commits land in its range,
	// and CI fails on a phase nobody touched. Each error of its inventory says how to close it.
	const open = phase.data.status === 'done' && !phase.data.release && code.spec.to.source === 'head';
	const extras = open ? { hint: `Phase ${phase.id} is done, but its range still ends at HEAD, so later commits count as its changes: tag its release (release: in its frontmatter), or pin range.to to its last commit` } : {};
	for (const row of status.rows) {
		if (row.state === 'ghost') {
			const where = describeEnd(code, row.removal ? 'from' : 'to');
			findings.push(finding(phase.path, row.line, draft ? 'warning' : 'error', `Unexpected file "${row.file}" in the change inventory: it does not exist at ${where}, expected a path relative to ${codeDir}`, 'inventory/ghost', row.column, extras));
		} else if (row.state === 'not-code') {
			const why = row.notCode === 'own' ? "is one of the program's own files" : 'is left out of the code by code.exclude';
			findings.push(finding(phase.path, row.line, 'warning', `"${row.file}" is in the change inventory, but it ${why}, never a code change: remove the row`, 'inventory/not-code', row.column));
		} else if (row.state === 'unchanged' && phase.data.status !== 'planned') {
			findings.push(finding(phase.path, row.line, closed ? 'error' : 'warning', `"${row.file}" is in the change inventory, but git shows it unchanged in ${code.label}`, 'inventory/unchanged', row.column, extras));
		} else if (row.contradiction && phase.data.status !== 'planned') {
			findings.push(finding(phase.path, row.line, closed ? 'error' : 'warning', `"${row.file}" in the change inventory: ${row.contradiction}`, 'inventory/change', row.column, extras));
		}
	}
	const { unlisted } = status;
	if (unlisted.length) {
		const named = unlisted.slice(0, NAMED).join(', ') + (unlisted.length > NAMED ? ` and ${unlisted.length - NAMED} more` : '');
		const count = unlisted.length === 1 ? '1 file' : `${unlisted.length} files`;
		findings.push(finding(phase.path, status.line, closed ? 'error' : 'warning', `${count} changed in ${code.label} but missing from the change inventory: ${named} (npx phasebook inventory --phase ${phase.id} drafts the rows)`, 'inventory/unlisted', 1, extras));
	}
	return findings;
}

/** How the finding that git could not be read begins; the reason follows. */
export const GIT_SKIPPED = 'Git checks skipped: ';

/**
 * Every phase's inventory against its range; one finding when git cannot be read at all: a
 * warning, or with `strict` an error, since no claim of the documents was held to the code (a
 * shallow CI checkout or a mistyped `code.path` would otherwise publish them unchecked).
 */
export function checkCodeInventory(program: Program, facts: CodeFacts, statuses: Map<string, InventoryStatus>, strict = false): Finding[] {
	if (facts.reason) {
		const hint = strict ? 'With --strict the documents\' claims must be checked against git: fix what the message names, or check without --strict' : undefined;
		return [finding(PROJECT_FILE, program.projectLineOf(['code']), strict ? 'error' : 'warning', `${GIT_SKIPPED}${facts.reason}`, 'git/unavailable', 1, hint ? { hint } : undefined)];
	}
	const codeDir = facts.codePrefix || 'the repository';
	const findings: Finding[] = [];
	// Two phase reports with one id share one range and one inventory by id: what either would be
	// told is the other's (references/duplicate-id says so until one is renamed).
	const seen = new Map<string, number>();
	for (const phase of program.documents.phase) seen.set(phase.id, (seen.get(phase.id) ?? 0) + 1);
	for (const phase of program.documents.phase) {
		const code = facts.phases.get(phase.id);
		if (!code || seen.get(phase.id)! > 1) continue;
		if (code.unknownPin) {
			const { field, ref } = code.unknownPin;
			findings.push(finding(phase.path, phase.lineOf(['range', field]), 'error', `Unknown commit "${ref}" in range.${field}, expected a commit, tag or branch of the repository`, 'git/range'));
		}
		// `from..to` holds no commit only when the end is in the start's history: a release tagged
		// on an older commit than the one before it. Its inventory would be told of the changes in
		// reverse (files "added" that the later code removed), so that is all it is told.
		if (code.from && code.to && code.from !== code.to && code.commits.length === 0) {
			const { from, to } = code.spec;
			const field = to.source === 'pinned' ? ['range', 'to'] : to.source === 'tag' ? ['release'] : from?.source === 'pinned' ? ['range', 'from'] : ['dependsOn'];
			// A ref that is a commit id is named by its short form alone.
			const named = (ref: string, sha: string) => (sha.startsWith(ref.toLowerCase()) ? sha.slice(0, 7) : `${ref} (${sha.slice(0, 7)})`);
			const [end, start] = [named(to.ref, code.to), named(from!.ref, code.from)];
			findings.push(finding(phase.path, phase.lineOf(field), 'error', `Range ${code.label} runs backwards: ${end} is already in the history of ${start}, so phase ${phase.id} has no commits of its own and its changes would read reversed; expected ${end.split(' ')[0]} on a commit after ${start.split(' ')[0]}`, 'git/range'));
			continue;
		}
		findings.push(...checkPhase(phase, code, statuses.get(phase.id), codeDir));
	}
	findings.push(...checkReleasedOverlap(program, facts));
	return findings;
}

/**
 * A pinned range.from that reaches back past another phase's release counts that release's work
 * as this phase's own (F14 of the attack: a phase listed an earlier release's files as "new in this
 * phase", with nothing said). Commits both ranges hold, in code both phases' paths cover, are the
 * overlap; phases run in parallel on separate `range.paths` share none.
 */
function checkReleasedOverlap(program: Program, facts: CodeFacts): Finding[] {
	const findings: Finding[] = [];
	for (const phase of program.documents.phase) {
		const code = facts.phases.get(phase.id);
		if (!phase.data.range?.from || code?.to === undefined || code.unknownPin) continue;
		const own = new Set(code.commits.map((c) => c.sha));
		for (const other of program.documents.phase) {
			const released = facts.phases.get(other.id);
			if (other === phase || !other.data.release || released?.to === undefined || released.untagged) continue;
			// The other phase's release commit lies inside this range: this range spans that release.
			if (released.to === code.to || !own.has(released.to)) continue;
			const shared = released.commits.filter((c) => own.has(c.sha) && c.files.some((f) => code.inScope(f) && released.inScope(f) && code.notCode(f) === undefined));
			if (shared.length === 0) continue;
			findings.push(finding(phase.path, phase.lineOf(['range', 'from']), 'warning', `range.from reaches back past release ${other.data.release} of phase ${other.id}: ${shared.length} of that phase's commit${shared.length === 1 ? '' : 's'} (${shared[0]!.sha.slice(0, 7)}${shared.length > 1 ? ', …' : ''}) count${shared.length === 1 ? 's' : ''} as phase ${phase.id}'s too, expected the range to start at or after the release, or range.paths that keep the two phases' code apart`, 'git/range'));
		}
	}
	return findings;
}
