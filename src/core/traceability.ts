// Requirement -> code -> test: each requirement's change-inventory files and its test cases by layer.
import { compareIds } from './order.ts';
import { phaseDependencies } from './relations.ts';
import { changeInventoryOf } from './check/inventory.ts';
import { commitAge, type CodeFacts } from './git/code-facts.ts';
import { isMultiPath } from './path-patterns.ts';
import { currentRun, type CommitAge, type StoredRun } from './gate-status.ts';
import type { Program } from './load.ts';
import { evidenceRoute } from './routes.ts';
import type { Project } from './schemas/index.ts';
import { repositoryView } from './source-links.ts';

export interface CaseRef {
	name: string;
	suite: string;
	phase: string;
	gate: string;
	status: 'passed' | 'failed' | 'skipped';
	message?: string;
	href: string;
}

export interface TraceRow {
	id: string;
	title: string;
	phase: string;
	/** The change-inventory files; `href` opens the file in the repository at the range's end. */
	files: { file: string; change: string; href?: string }[];
	/** Cases per test layer. */
	cells: Record<string, CaseRef[]>;
	/** passing: tested and nothing fails; failing: some case fails; untested: no case at all. */
	status: 'passing' | 'failing' | 'untested';
}

export interface PhaseTraceCoverage {
	phase: string;
	total: number;
	covered: number;
	/** Share of requirements covered by passing tests, 0-100, one decimal. */
	percent: number;
}

export interface Traceability {
	layers: string[];
	rows: TraceRow[];
	byPhase: PhaseTraceCoverage[];
}

/**
 * The run each phase's gate is judged on (currentRun): older runs are history, not the current
 * state. `runs` in the store's order (oldest first within a phase and gate).
 */
export function latestRuns(runs: readonly StoredRun[], age?: CommitAge): StoredRun[] {
	const groups = new Map<string, StoredRun[]>();
	for (const run of runs) {
		const key = `${run.phase}\u0000${run.gate}`;
		const list = groups.get(key);
		if (list) list.push(run);
		else groups.set(key, [run]);
	}
	return [...groups.values()].map((history) => currentRun(history, age)!);
}

/** Where a code file is seen in the repository's web view, at a commit. */
export function codeHref(project: Pick<Project, 'repository'>, code: CodeFacts | undefined, commit: string | undefined, file: string): string | undefined {
	if (!project.repository || !code || code.reason || !commit) return undefined;
	// A folder or glob row opens the folder it names (the part before the first wildcard).
	const folder = isMultiPath(file) ? file.split('/').filter((part, i, all) => i < all.length - 1 && !/[*?[\]{}!]/.test(part)) : undefined;
	return repositoryView(project.repository, commit, `${code.codePrefix}${folder ? folder.join('/') : file}`, folder !== undefined);
}

/** A case as found in a run, with the run: which of several runs holding one test counts is chosen by it. */
type Found = CaseRef & { run: StoredRun };

/**
 * Each test of a requirement once per layer: the same report imported for several phases (each
 * phase's unit gate running the whole suite) holds the same tests, which would be counted once per
 * phase, "6 passing" where the tool ran 2. A test's results come from one run: the requirement's own
 * phase's when it has one, else the most recent. Cases of that run are all kept (a suite may name
 * two cases alike), and a test that only other phases ran still shows, saying which phase ran it.
 */
function oncePerTest(found: readonly Found[], phase: string, layerOf: ReadonlyMap<string, string>): CaseRef[] {
	const testOf = (c: Found) => `${layerOf.get(c.gate) ?? c.gate}\u0000${c.suite}\u0000${c.name}`;
	const better = (a: StoredRun, b: StoredRun) => (a.phase === phase) !== (b.phase === phase) ? a.phase === phase : a.recordedAt > b.recordedAt || (a.recordedAt === b.recordedAt && a.path > b.path);
	const chosen = new Map<string, StoredRun>();
	for (const c of found) {
		const seen = chosen.get(testOf(c));
		if (!seen || better(c.run, seen)) chosen.set(testOf(c), c.run);
	}
	return found.filter((c) => chosen.get(testOf(c)) === c.run).map(({ run: _run, ...ref }) => ref);
}

/** `only`: the one phase whose requirements to trace (a handoff's), instead of every phase. */
export function traceability(program: Program, project: Project, runs: readonly StoredRun[], code?: CodeFacts, only?: string): Traceability {
	const layerOf = new Map(project.gates.map((g) => [g.id, g.layer]));
	const layers = [...new Set(project.gates.map((g) => g.layer))];
	const casesByRequirement = new Map<string, Found[]>();
	for (const run of latestRuns(runs, commitAge(code))) {
		for (const c of run.cases ?? []) {
			for (const id of c.requirements) {
				const list = casesByRequirement.get(id) ?? [];
				list.push({
					run,
					name: c.name,
					suite: c.suite,
					phase: run.phase,
					gate: run.gate,
					status: c.status,
					...(c.message ? { message: c.message } : {}),
					href: evidenceRoute(run.phase, run.gate),
				});
				casesByRequirement.set(id, list);
			}
		}
	}
	const rows: TraceRow[] = [];
	const byPhase: PhaseTraceCoverage[] = [];
	const phases = program.documents.phase.filter((p) => only === undefined || p.id === only).sort((a, b) => compareIds(a.id, b.id));
	for (const phase of phases) {
		const inventory = changeInventoryOf(phase)?.rows ?? [];
		// A run of a phase this one depends on is of code before this phase's: a test it ran that
		// the phase has since deleted read "Passing" for the phase's requirement. Runs of the phase
		// and of later phases (code that holds it) count.
		const earlier = phaseDependencies(program, phase.id);
		let covered = 0;
		for (const req of phase.data.requirements) {
			const cases = oncePerTest((casesByRequirement.get(req.id) ?? []).filter((c) => !earlier.has(c.phase)), phase.id, layerOf);
			const cells: Record<string, CaseRef[]> = Object.fromEntries(layers.map((l) => [l, []]));
			for (const c of cases) cells[layerOf.get(c.gate) ?? c.gate]?.push(c);
			const failing = cases.some((c) => c.status === 'failed');
			const passing = cases.some((c) => c.status === 'passed');
			const status = failing ? 'failing' : passing ? 'passing' : 'untested';
			if (status === 'passing') covered++;
			rows.push({
				id: req.id,
				title: req.title,
				phase: phase.id,
				files: inventory.filter((r) => r.requirements.includes(req.id)).map(({ file, change }) => {
					const link = codeHref(project, code, code?.phases.get(phase.id)?.to, file);
					return { file, change, ...(link ? { href: link } : {}) };
				}),
				cells,
				status,
			});
		}
		const total = phase.data.requirements.length;
		byPhase.push({ phase: phase.id, total, covered, percent: total ? Math.round((covered / total) * 1000) / 10 : 0 });
	}
	return { layers, rows, byPhase };
}
