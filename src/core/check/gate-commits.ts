// Rule: a phase's gates judged one commit of its range: the latest required runs agree on the
// commit, that commit is in the phase's git range, and for a released phase it is the release.
// (Which run is a gate's latest, the newest code's, is gate-status.ts's currentRun.)
import { changesInScope, codeCommits, type CodeFacts, type PhaseCode } from '../git/code-facts.ts';
import type { RangeCommit } from '../git/repository.ts';
import { finding, type Finding } from '../findings.ts';
import type { Program } from '../load.ts';
import { compareCoverage } from '../coverage-delta.ts';
import type { CommitAge } from '../gate-status.ts';
import { categorize } from '../path-patterns.ts';
import { codeOf } from '../code-files.ts';
import type { Readiness } from '../readiness.ts';
import { DEFAULT_CATEGORIES } from '../schemas/code.ts';

const short = (sha: string) => sha.slice(0, 7);

/**
 * The commits of the range after `sha` that change its code (newest first), or undefined when
 * git does not place `sha` in the range. A commit of documents alone changes no code: the code
 * a gate judged is still the code at the range's end. What `code.exclude` leaves out of the
 * inventories (generated code, a lock file) still changes what the gates would judge.
 */
function codeChangedAfter(range: PhaseCode, sha: string): RangeCommit[] | undefined {
	const after = commitsAfter(range, sha);
	if (!after) return undefined;
	let changed = codeShas.get(range);
	if (!changed) codeShas.set(range, (changed = new Set(range.commits.filter((c) => c.files.some((path) => range.inScope(path) && range.notCode(path) !== 'own')).map((c) => c.sha))));
	return after.filter((c) => changed.has(c.sha));
}

/**
 * The commits of the range that `sha`'s history does not hold (newest first): those after it,
 * a branch merged after it included, though its commits are dated before it (git's log, newest
 * first by date, lists them after `sha`). Undefined when the range does not hold `sha`.
 */
function commitsAfter(range: PhaseCode, sha: string): RangeCommit[] | undefined {
	const start = range.commits.find((c) => c.sha.startsWith(sha.toLowerCase()));
	if (!start) return undefined;
	let bySha = commitsBySha.get(range);
	if (!bySha) commitsBySha.set(range, (bySha = new Map(range.commits.map((c) => [c.sha, c]))));
	const held = new Set<string>();
	for (const queue = [start.sha]; queue.length > 0; ) {
		const next = queue.pop()!;
		if (held.has(next)) continue;
		held.add(next);
		for (const parent of bySha.get(next)!.parents) if (bySha.has(parent)) queue.push(parent);
	}
	return range.commits.filter((c) => !held.has(c.sha));
}

/** The files a commit outside the phase's `range.paths` changes that its release ships as code. */
function otherCode(range: PhaseCode, commit: RangeCommit, shipped: (path: string) => boolean): string[] {
	return commit.files.filter((path) => !range.inScope(path) && range.notCode(path) === undefined && shipped(path));
}

/**
 * The commits after `sha` that change code outside the phase's `range.paths` (none without
 * paths): a release tag holds them too, though the phase's gates need not have judged them.
 */
function otherCodeChangedAfter(range: PhaseCode, sha: string, shipped: (path: string) => boolean): RangeCommit[] {
	if (range.spec.paths.length === 0) return [];
	return (commitsAfter(range, sha) ?? []).filter((c) => otherCode(range, c, shipped).length > 0);
}

/** Each range's commits by id, for walking a commit's history. */
const commitsBySha = new WeakMap<PhaseCode, Map<string, RangeCommit>>();

/** Each range's commits that change its code, worked out once however many runs ask. */
const codeShas = new WeakMap<PhaseCode, Set<string>>();

/** The code files those commits changed, a few by name: "src/a.ts, src/b.ts (commit 1a2b3c4 and 2 more)". */
function changedFiles(range: PhaseCode, commits: readonly RangeCommit[], counts: (path: string) => boolean = () => true): string {
	const files = [...new Set(commits.flatMap((c) => c.files.filter((path) => range.inScope(path) && range.notCode(path) === undefined && counts(path))))];
	const named = files.slice(0, 3).join(', ') + (files.length > 3 ? ` and ${files.length - 3} more` : '');
	const more = commits.length > 1 ? ` and ${commits.length - 1} more` : '';
	return `${named} (commit ${short(commits[0]!.sha)}${more})`;
}

/**
 * Files, from the repository's top, that a coverage report's path may name: the same path, one
 * the path ends with (`com/x/App.java` for `src/main/java/com/x/App.java`, as JaCoCo names it), or
 * one that ends the path (a folder named twice). Tools name files from different roots.
 */
class ReportPaths {
	readonly #files: Set<string>;
	readonly #tails = new Set<string>();

	constructor(files: Iterable<string>) {
		this.#files = new Set(files);
		for (const file of this.#files) for (let at = 0; at !== -1; at = file.indexOf('/', at + 1)) this.#tails.add(at === 0 ? file : file.slice(at + 1));
	}

	has(path: string): boolean {
		const clean = path.replace(/^\.\//, '');
		if (this.#tails.has(clean)) return true;
		for (let at = clean.indexOf('/'); at !== -1; at = clean.indexOf('/', at + 1)) if (this.#files.has(clean.slice(at + 1))) return true;
		return false;
	}
}

/** Each range's code files at its end, as a report may name them. */
const codeFiles = new WeakMap<PhaseCode, ReportPaths>();

/** Whether a coverage report's path names a file of the code at the range's end. */
function codeHas(range: PhaseCode, prefix: string, path: string): boolean {
	let known = codeFiles.get(range);
	if (!known) codeFiles.set(range, (known = new ReportPaths([...range.filesAtEnd].map((f) => `${prefix}${f}`))));
	return known.has(path);
}

/**
 * The source files the phase's range added or changed (those `code.categories` files under
 * source), from the repository's top: what its coverage run is about.
 */
function changedSource(range: PhaseCode, prefix: string, category: (path: string) => string): string[] {
	return changesInScope(range).filter((c) => c.status !== 'removed' && range.notCode(c.path) === undefined && category(c.path) === 'source').map((c) => `${prefix}${c.path}`);
}

/**
 * What shows a coverage run recorded against the range's end is of an older checkout: files it
 * measures that the range once had and its end does not (removed, or renamed away; files git
 * never had, generated ones, are not asked). A run of part of the code is not: the threshold
 * judges its figure, so a source file the range added and the run leaves out is no sign.
 */
function staleCoverage(range: PhaseCode, code: CodeFacts, judged: readonly { path: string }[], what: string, path: string): Finding | undefined {
	const prefix = code.codePrefix;
	// Not one still in the working tree: a file git stopped tracking (a generated _version.py) is
	// measured by a report of the code as it stands.
	const touched = new Set([...range.filesAtStart, ...range.commits.flatMap((c) => c.files)].filter((f) => !range.filesAtEnd.has(f) && !code.onDisk?.(f)));
	const gone = touched.size ? new ReportPaths([...touched].map((f) => `${prefix}${f}`)) : undefined;
	const measuredGone = gone ? judged.filter((f) => gone.has(f.path) && !codeHas(range, prefix, f.path)).map((f) => f.path) : [];
	if (measuredGone.length === 0) return undefined;
	const named = measuredGone.slice(0, 3).join(', ') + (measuredGone.length > 3 ? ` and ${measuredGone.length - 3} more` : '');
	return finding(path, 1, 'warning', `${what} measures ${named}, which the code at ${short(range.to!)} (end of ${range.label}) no longer has: the run is of an older checkout than the commit it is recorded against`, 'evidence/coverage-files', 1, {
		hint: 'Run the tests on the commit the run names and import that report',
	});
}

/**
 * A gate's judged coverage run that no longer measures a file its run before measured, and that
 * is still in the code: re-importing a report of part of the code (the Python report without the
 * Go one) lifted a phase from 47 % to "100 %, +40 pp" and passed the gate. Files the code no
 * longer has (a removal) are not asked for; without git every dropped file is named.
 */
export function checkCoverageFiles(program: Program, readiness: Map<string, Readiness>, code: CodeFacts | undefined, age?: CommitAge): Finding[] {
	const findings: Finding[] = [];
	const category = categorize(program.project?.code.categories ?? DEFAULT_CATEGORIES);
	for (const phase of program.documents.phase) {
		const range = code && !code.reason ? code.phases.get(phase.id) : undefined;
		// The source files the phase changed, as a report may name them: worked out once, for the first gate that asks.
		let changedByPhase: { files: string[]; paths: ReportPaths } | undefined;
		const inCode = (path: string) => !range?.to || !code || (path.startsWith(code.codePrefix) && range.filesAtEnd.has(path.slice(code.codePrefix.length)));
		for (const gate of readiness.get(phase.id)?.gates ?? []) {
			// A judged run of the code as it stands none of whose files the code has is a report of
			// other code: a coverage-summary.json of vendor/fake.js alone passed the gate at 100 %.
			// Tools name files from different roots (JaCoCo from its package, coverage.py from its
			// source folder, Go from its module), so a file matches at either end of its path.
			const judged = gate.latest?.coverage?.files;
			const current = gate.latest && (!gate.latest.commit || (range?.to !== undefined && codeChangedAfter(range, gate.latest.commit)?.length === 0));
			if (range?.to && current && code && judged && judged.length > 0 && !judged.some((f) => codeHas(range, code.codePrefix, f.path))) {
				const named = judged.slice(0, 3).map((f) => f.path).join(', ') + (judged.length > 3 ? ` and ${judged.length - 3} more` : '');
				findings.push(
					finding(gate.latest!.path, 1, 'error', `The ${gate.gate.id} gate's coverage run measures ${named}, none of them a file of the code at ${short(range.to)} (end of ${range.label}): its ${gate.latest!.coverage!.lines} % is not the phase's code's`, 'evidence/coverage-files', 1, {
						hint: 'Import the report the tool wrote for this repository\'s code; if its paths are relative to another folder, import it with --ran-in <folder>',
					}),
				);
				continue;
			}
			// A run of other files of the code (`pytest --cov=meter.ingest` when the phase changed
			// meter/api.py) passed the gate at 100 % while the phase's own code was 32 % covered.
			if (range?.to && current && code && judged && judged.length > 0) {
				if (!changedByPhase) {
					const files = changedSource(range, code.codePrefix, category);
					changedByPhase = { files, paths: new ReportPaths(files) };
				}
				const { files: changed, paths } = changedByPhase;
				if (changed.length > 0 && !judged.some((f) => paths.has(f.path))) {
					const named = changed.slice(0, 3).join(', ') + (changed.length > 3 ? ` and ${changed.length - 3} more` : '');
					findings.push(
						finding(gate.latest!.path, 1, 'warning', `The ${gate.gate.id} gate's coverage run measures none of the source files phase ${phase.id} changed (${named}): its ${gate.latest!.coverage!.lines} % is of other code`, 'evidence/coverage-files', 1, {
							hint: 'Import the coverage report of all the code, or of the code the phase changed',
						}),
					);
				} else {
					// A run of an older checkout (`--commit HEAD` on a report made before the phase's last
					// commits) measures files the code no longer has.
					const stale = staleCoverage(range, code, judged, `The ${gate.gate.id} gate's coverage run`, gate.latest!.path);
					if (stale) findings.push(stale);
				}
			}
			const comparison = compareCoverage(gate.runs, [], age);
			const before = comparison?.previousRun?.run.coverage?.files;
			const now = comparison?.latest.coverage?.files;
			if (!comparison || !before || !now) continue;
			const measured = new Set(now.map((f) => f.path));
			const dropped = before.map((f) => f.path).filter((path) => !measured.has(path) && inCode(path));
			if (dropped.length === 0) continue;
			const named = dropped.slice(0, 3).join(', ') + (dropped.length > 3 ? ` and ${dropped.length - 3} more` : '');
			const previous = comparison.previousRun!.run;
			findings.push(
				finding(comparison.latest.path, 1, 'warning', `The ${gate.gate.id} gate's coverage run measures no ${named}, which its run before (${previous.recordedAt.slice(0, 10)}) measured and the code still has: its ${comparison.latest.coverage?.lines} % leaves that code out`, 'evidence/coverage-files', 1, {
					hint: 'Import the coverage reports of all the code at once (several reports make one run), or merge them with the tool first',
				}),
			);
		}
	}
	return findings;
}

export function checkGateCommits(program: Program, readiness: Map<string, Readiness>, code: CodeFacts | undefined, strict = false): Finding[] {
	const findings: Finding[] = [];
	const shipped = codeOf(program.project?.code.categories, ['docs', 'tests']);
	const judgedCode = codeOf(program.project?.code.categories, ['docs']);
	for (const phase of program.documents.phase) {
		const latest = (readiness.get(phase.id)?.gates ?? []).flatMap((g) => (g.latest?.commit ? [g.latest] : []));
		const commits = new Map<string, string[]>();
		for (const run of latest) commits.set(short(run.commit!), [...(commits.get(short(run.commit!)) ?? []), run.gate]);
		if (commits.size > 1) {
			const named = [...commits].map(([sha, gates]) => `${sha} (${gates.join(', ')})`).join(', ');
			findings.push(finding(phase.path, phase.lineOf(['status']), 'warning', `Phase ${phase.id}'s latest required gate runs judged different commits: ${named}, expected one commit for every gate`, 'evidence/commits'));
		}
		// A report of a working tree imported against HEAD credits HEAD with code it does not hold.
		for (const run of latest) {
			if (!run.uncommitted?.length) continue;
			// The run names 20 at the most; uncommittedCount is how many there were.
			const total = run.uncommittedCount ?? run.uncommitted.length;
			const named = run.uncommitted.slice(0, 3).join(', ') + (total > 3 ? ` and ${total - 3} more` : '');
			findings.push(finding(run.path, 1, strict ? 'error' : 'warning', `Run of the ${run.gate} gate is recorded against commit ${short(run.commit!)}, but the code had changes not committed when it was imported (${named}), so it may be a run of them and not of that commit`, 'evidence/commits', 1, {
				hint: 'Commit the changes, run the tool again and import its report (CI does, from a clean checkout)',
			}));
		}
		const range = code?.reason ? undefined : code?.phases.get(phase.id);
		if (!range || range.to === undefined) continue;
		const inRange = (sha: string) => range.commits.some((c) => c.sha.startsWith(sha.toLowerCase()));
		// A released phase's gates must have judged the released commit: an older passing run
		// imported last made a release of failing code read as ready. A release not tagged yet has
		// no commit to judge (release/tag says so); a pinned range.to is not the release, its tag is.
		const release = range.untagged ? undefined : phase.data.release;
		const released = range.releaseCommit ?? range.to;
		if (release && range.releaseCommit && range.releaseCommit !== range.to) {
			findings.push(finding(phase.path, phase.lineOf(['range', 'to']), 'error', `range.to is commit ${short(range.to)}, but release ${release}'s tag is on commit ${short(range.releaseCommit)}, expected the range to end at the release`, 'evidence/commits'));
		}
		// Runs of an earlier commit judged the released code when no commit since changed it (a
		// release tagged on the commit that marks the phase done, after CI judged the code).
		const judgedRelease = (sha: string) => released.startsWith(sha.toLowerCase()) || (released === range.to && codeChangedAfter(range, sha)?.length === 0);
		const stale = release ? latest.filter((run) => !judgedRelease(run.commit!)) : [];
		if (stale.length) {
			const named = stale.map((run) => `${run.gate} judged ${short(run.commit!)}`).join(', ');
			findings.push(finding(phase.path, phase.lineOf(['release']), 'error', `Release ${release} of phase ${phase.id} is commit ${short(released)}, but its latest gate runs did not judge it (${named}), so the released code is not the code the gates passed`, 'evidence/commits'));
		}
		// With range.paths the phase's gates judge its paths, but its tag ships the whole tree: code
		// outside them committed after the judged commit goes out untested by these gates.
		if (release && stale.length === 0 && released === range.to) {
			const judged = new Set(latest.map((run) => run.commit!));
			const other = [...judged].flatMap((sha) => otherCodeChangedAfter(range, sha, shipped));
			if (other.length) {
				const unique = [...new Map(other.map((c) => [c.sha, c])).values()];
				const files = [...new Set(unique.flatMap((c) => otherCode(range, c, shipped)))];
				const named = files.slice(0, 3).join(', ') + (files.length > 3 ? ` and ${files.length - 3} more` : '');
				findings.push(finding(phase.path, phase.lineOf(['release']), 'warning', `Release ${release} of phase ${phase.id} is commit ${short(released)}, which also holds code outside the phase's range.paths committed after the commit its gates judged: ${named} (commit ${short(unique[0]!.sha)}${unique.length > 1 ? ` and ${unique.length - 1} more` : ''}); the tag ships it untested by these gates`, 'evidence/commits'));
			}
		}
		// A run that names no commit cannot show it judged the release: say so, where it is.
		if (release) {
			for (const gate of readiness.get(phase.id)?.gates ?? []) {
				const run = gate.latest;
				if (!run || run.commit) continue;
				findings.push(finding(run.path, 1, 'warning', `Run of the ${run.gate} gate names no commit, so nothing shows it judged release ${release} of phase ${phase.id} (commit ${short(released)}); import the report with --commit, or from CI, which names its commit`, 'evidence/commits'));
			}
		}
		// A done phase not released yet: its range ends at HEAD, and code committed after the commit
		// its gates judged was never judged (untested code listed as changed read READY at 100 %).
		// A phase in review is asked to pass its gate on the same runs: a warning, which says its
		// "ready" is of older code. A README edit is no code change (judgedCode).
		const reviewing = phase.data.status === 'in-review';
		if (!release && (phase.data.status === 'done' || reviewing)) {
			const gates = new Map<string, string[]>();
			for (const run of latest) gates.set(run.commit!, [...(gates.get(run.commit!) ?? []), run.gate]);
			for (const [sha, names] of gates) {
				const later = codeChangedAfter(range, sha)?.filter((c) => c.files.some((path) => range.inScope(path) && range.notCode(path) === undefined && judgedCode(path)));
				if (!later?.length) continue;
				const which = names.length === 1 ? `the ${names[0]} gate judged` : `the ${names.join(', ')} gates judged`;
				findings.push(
					reviewing
						? finding(phase.path, phase.lineOf(['status']), 'warning', `Phase ${phase.id} is in review, but ${which} commit ${short(sha)} and code changed after it: ${changedFiles(range, later, judgedCode)}, so its readiness is of older code`, 'evidence/commits', 1, {
								hint: "Import the gates' reports of the newest code (CI does, with its commit) before the review",
							})
						: finding(phase.path, phase.lineOf(['status']), 'error', `Phase ${phase.id} is done, but ${which} commit ${short(sha)} and code changed after it: ${changedFiles(range, later, judgedCode)}, so the code the phase delivers is not the code the gates passed`, 'evidence/commits', 1, {
						hint: `Import the gates' reports of the newest code (CI does, with its commit), or pin range.to to ${short(sha)} if the later changes belong to the next phase`,
					}),
				);
			}
		}
		// A done phase whose range changed code delivers that code: a run of a commit outside the
		// range (an older checkout, an unmerged branch) judged other code, as an older one in it does.
		const delivers = !release && phase.data.status === 'done' && codeCommits(range).some((c) => c.files.some((path) => range.inScope(path) && judgedCode(path)));
		for (const run of latest) {
			if (inRange(run.commit!)) continue;
			findings.push(
				delivers
					? finding(run.path, 1, 'error', `Phase ${phase.id} is done, but the ${run.gate} gate judged commit ${short(run.commit!)}, which is not in its range ${range.label}, so the code the phase delivers is not the code the gates passed`, 'evidence/commits', 1, {
							hint: "Import the gates' reports of the range's newest code (CI does, with its commit)",
						})
					: finding(run.path, 1, 'warning', `Run of the ${run.gate} gate judged commit ${short(run.commit!)}, which is not in phase ${phase.id}'s range ${range.label}`, 'evidence/commits'),
			);
		}
	}
	return findings;
}
