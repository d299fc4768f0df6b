// One report per phase and gate that has a page: every gate the phase requires (readiness links
// to it even without evidence) and any other gate it has evidence for. Required gates reuse the
// verdicts readiness computed; only the others are evaluated here.
import { compareCoverage, type CoverageComparison } from './coverage-delta.ts';
import { currentRun, type CommitAge, type GateStatus, type StoredRun } from './gate-status.ts';
import { evaluateGate } from './gates.ts';
import type { Readiness } from './readiness.ts';
import type { Project } from './schemas/index.ts';

export interface GateReport extends GateStatus {
	phase: string;
	/** False for a gate the phase does not require but has evidence for. */
	required: boolean;
	/** The phase before this one in delivery order, whose latest run of the gate coverage is compared with. */
	previousPhase?: string;
	coverage?: CoverageComparison;
}

export interface GateReportInput {
	/** Phase ids in delivery order. */
	phases: readonly string[];
	project: Project;
	/** Every run, in the store's order (phase, gate, time). */
	runs: readonly StoredRun[];
	readiness: ReadonlyMap<string, Readiness>;
	today: string;
	/** Where git places a run's commit in its phase's range: the analysis's commitAge. */
	commitAge?: CommitAge | undefined;
}

/** Runs by phase and gate in one pass, keeping the store's oldest-first order. */
function groupRuns(runs: readonly StoredRun[]): Map<string, StoredRun[]> {
	const groups = new Map<string, StoredRun[]>();
	for (const run of runs) {
		const key = `${run.phase}\u0000${run.gate}`;
		const list = groups.get(key);
		if (list) list.push(run);
		else groups.set(key, [run]);
	}
	return groups;
}

export function gateReports({ phases, project, runs, readiness, today, commitAge }: GateReportInput): GateReport[] {
	const groups = groupRuns(runs);
	const history = (phase: string | undefined, gate: string) =>
		phase === undefined ? [] : (groups.get(`${phase}\u0000${gate}`) ?? []);
	const reports: GateReport[] = [];
	phases.forEach((phase, index) => {
		const previousPhase = phases[index - 1];
		const verdict = readiness.get(phase);
		const required = new Map((verdict?.gates ?? []).map((g) => [g.gate.id, g]));
		// A released phase keeps the pages of the gates it shipped under, one removed since too.
		const shippedGates = verdict?.settings.gates ?? [];
		const gates = [...shippedGates, ...project.gates.filter((g) => !shippedGates.some((s) => s.id === g.id))];
		for (const gate of gates) {
			let status: GateStatus | undefined = required.get(gate.id);
			if (!status) {
				const own = history(phase, gate.id);
				const latest = currentRun(own, commitAge);
				if (!latest) continue;
				// By the settings the phase was judged by: a released phase's, those it shipped under.
				const outcome = evaluateGate(latest, gate, verdict?.settings ?? project, verdict?.judgedOn ?? today);
				status = { gate, runs: own, latest, status: outcome.status, reasons: outcome.reasons };
			}
			const coverage = compareCoverage(status.runs, history(previousPhase, gate.id), commitAge);
			reports.push({
				...status,
				phase,
				required: required.has(gate.id),
				...(previousPhase === undefined ? {} : { previousPhase }),
				...(coverage ? { coverage } : {}),
			});
		}
	});
	return reports;
}
