// Which gates a phase requires, and each gate's status from its evidence runs.
import { compareRuns, type StoredRun } from './evidence/store.ts';
import { evaluateGate } from './gates.ts';
import type { Gate, Phase, Project } from './schemas/index.ts';

export type { StoredRun };

export interface GateStatus {
	gate: Gate;
	/** Every run for this phase and gate, oldest first. */
	runs: StoredRun[];
	latest?: StoredRun;
	/** `missing` when there is no run yet. The latest run decides, re-evaluated today. */
	status: 'pass' | 'fail' | 'missing';
	reasons: string[];
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
): GateStatus[] {
	return requiredGates(phase, project).map((gate) => {
		const history = runsFor(runs, phase.id, gate.id);
		const latest = history.at(-1);
		if (!latest) return { gate, runs: history, status: 'missing', reasons: [`No evidence for the ${gate.title} gate yet`] };
		// Re-evaluated, not read from the run: an allow-list entry may have expired since the import.
		const verdict = evaluateGate(latest, gate, project, today);
		return { gate, runs: history, latest, status: verdict.status, reasons: verdict.reasons };
	});
}
