// A phase's evidence as it stood on a date (a handoff's): the gate results, coverage deltas and
// requirement coverage that the runs recorded on or before that day give, through the same rules
// the phase page applies to every run.
import { compareCoverage, type CoverageComparison } from './coverage-delta.ts';
import { gateStatuses, runsFor, type CommitAge, type GateStatus, type StoredRun } from './gate-status.ts';
import type { Program, SourceDocument } from './load.ts';
import type { Gate, Phase, Project } from './schemas/index.ts';
import { traceability, type PhaseTraceCoverage } from './traceability.ts';

export interface GateCoverage {
	gate: Gate;
	comparison: CoverageComparison;
}

export interface PhaseEvidence {
	phase: string;
	/** The day the evidence is as of, YYYY-MM-DD, inclusive. */
	date: string;
	/** The phase's required gates, judged on their latest run up to the date (allow-list as of then). */
	gates: GateStatus[];
	/** Coverage of each gate that recorded some, against its run before and the previous phase's. */
	coverage: GateCoverage[];
	/**
	 * How far passing tests covered the phase's requirements: as of the date, or, when none of the
	 * phase's runs had been recorded by then (evidence imported after the fact), on every run.
	 */
	requirements: PhaseTraceCoverage | undefined;
	/** Which runs `requirements` counts: those up to the date, or all of them. */
	requirementsFrom: 'date' | 'all';
	/** Runs of the phase recorded after the date, left out. */
	later: number;
}

/** The runs recorded on or before `date` (YYYY-MM-DD, compared with the UTC day of each run). */
export function runsUpTo(runs: readonly StoredRun[], date: string): StoredRun[] {
	return runs.filter((run) => run.recordedAt.slice(0, 10) <= date);
}

/**
 * The requirement coverage a handoff's coverageVerdict is judged on, and its page shows: that of
 * the runs recorded by its date, or of every run when none of its phase's had been recorded then.
 */
export function coverageJudgedAt(program: Program, project: Project, runs: readonly StoredRun[], phase: string, date: string): Pick<PhaseEvidence, 'requirements' | 'requirementsFrom'> {
	const then = runsUpTo(runs, date);
	const from = then.some((run) => run.phase === phase) ? 'date' : 'all';
	return { requirements: traceability(program, project, from === 'date' ? then : runs, undefined, phase).byPhase[0], requirementsFrom: from };
}

export interface EvidenceAtInput {
	program: Program;
	project: Project;
	/** Every run of the program. */
	runs: readonly StoredRun[];
	phase: SourceDocument<Phase>;
	/** The phase before this one in delivery order, whose coverage is compared with. */
	previousPhase?: string | undefined;
	date: string;
	/** Where git places a run's commit in its phase's range: the analysis's commitAge. */
	commitAge?: CommitAge | undefined;
}

export function phaseEvidenceAt({ program, project, runs, phase, previousPhase, date, commitAge }: EvidenceAtInput): PhaseEvidence {
	const then = runsUpTo(runs, date);
	const gates = gateStatuses(phase.data, project, then, date, commitAge);
	const coverage = gates.flatMap((status) => {
		const before = previousPhase === undefined ? [] : runsFor(then, previousPhase, status.gate.id);
		const comparison = compareCoverage(status.runs, before, commitAge);
		return comparison ? [{ gate: status.gate, comparison }] : [];
	});
	const own = (list: readonly StoredRun[]) => list.filter((run) => run.phase === phase.id).length;
	return {
		phase: phase.id,
		date,
		gates,
		coverage,
		...coverageJudgedAt(program, project, runs, phase.id, date),
		later: own(runs) - own(then),
	};
}
