// Which gates a phase requires, and each gate's status from its evidence runs.
import { compareRuns, type StoredRun } from './evidence/store.ts';
import { evaluateGate } from './gates.ts';
import type { Gate, Phase, Project } from './schemas/index.ts';

export type { StoredRun };

export interface GateStatus {
	gate: Gate;
	/** Every run for this phase and gate, oldest first. */
	runs: StoredRun[];
	/** The run the gate is judged on (currentRun): the latest, unless a run of newer code came before it. */
	latest?: StoredRun;
	/** `missing` when there is no run yet. The latest run decides, re-evaluated today. */
	status: 'pass' | 'fail' | 'missing';
	reasons: string[];
}

/**
 * Where a commit sits in a phase's git range: 0 for the range's end, 1 for the commit before it,
 * and so on; -1 when git does not place it in the range (or the range is not known).
 */
export type CommitAge = (phase: string, commit: string) => number;

/**
 * The run a gate is judged on, of one phase's runs of it, oldest first: of the runs whose commit
 * git places in the phase's range, the one of the newest code, imported last. An older commit's
 * passing run, imported after a failing run of the newest code, must not make the phase read as
 * ready; nor may a run that names no commit, or one git does not place (a laptop's rerun of an old
 * report, a mistyped id), which could have run on any code. Only when git places none (no git, or
 * no run names a commit) does the import order alone decide.
 */
export function currentRun(history: readonly StoredRun[], age?: CommitAge): StoredRun | undefined {
	if (!age) return history.at(-1);
	const ages = history.map((run) => (run.commit ? age(run.phase, run.commit) : -1));
	const placed = ages.filter((a) => a !== -1);
	if (placed.length === 0) return history.at(-1);
	return history[ages.lastIndexOf(Math.min(...placed))];
}

/** The phase's gates: its own override list, else the project's gates required for it. */
export function requiredGates(phase: Pick<Phase, 'id' | 'gates'>, project: Project): Gate[] {
	if (phase.gates) return project.gates.filter((g) => phase.gates!.includes(g.id));
	return project.gates.filter((g) => g.requiredFor === 'all' || g.requiredFor.includes(phase.id));
}

/** Runs of one phase and gate, oldest first (the store already orders them). */
export function runsFor(runs: readonly StoredRun[], phase: string, gate: string): StoredRun[] {
	return runs.filter((r) => r.phase === phase && r.gate === gate).sort(compareRuns);
}

export function gateStatuses(
	phase: Pick<Phase, 'id' | 'gates'>,
	project: Project,
	runs: readonly StoredRun[],
	today: string,
	age?: CommitAge,
): GateStatus[] {
	return requiredGates(phase, project).map((gate) => {
		const history = runsFor(runs, phase.id, gate.id);
		const latest = currentRun(history, age);
		if (!latest) return { gate, runs: history, status: 'missing', reasons: [`No evidence for the ${gate.title} gate yet`] };
		// Re-evaluated, not read from the run: an allow-list entry may have expired since the import.
		const verdict = evaluateGate(latest, gate, project, today);
		return { gate, runs: history, latest, status: verdict.status, reasons: verdict.reasons };
	});
}
