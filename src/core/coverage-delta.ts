// How a gate's coverage moved: the latest run against the run before it and against the previous
// phase's latest run of the same gate.
import type { StoredRun } from './evidence/store.ts';
import { currentRun, type CommitAge } from './gate-status.ts';
import type { CoverageSummary } from './schemas/index.ts';

export const coverageMetrics = ['lines', 'statements', 'functions', 'branches'] as const;
export type CoverageMetric = (typeof coverageMetrics)[number];

export interface MetricDelta {
	metric: CoverageMetric;
	current: number;
	previous: number;
	/** current - previous, in percentage points, rounded to two decimals (no 1.8000000000000114). */
	delta: number;
}

export interface CoverageBaseline {
	/** The run compared against. */
	run: StoredRun;
	deltas: MetricDelta[];
}

export interface CoverageComparison {
	/** The latest run that recorded coverage, and its figures. */
	latest: StoredRun;
	/** The run with coverage before the latest one in the same phase and gate. */
	previousRun?: CoverageBaseline;
	/** The previous phase's latest run of the same gate that recorded coverage. */
	previousPhase?: CoverageBaseline;
}

const round = (value: number) => Math.round(value * 100) / 100;

/** Each metric both runs measured, `current` against `previous` (lines always comes first). */
export function coverageDeltas(current: CoverageSummary, previous: CoverageSummary): MetricDelta[] {
	return coverageMetrics.flatMap((metric) => {
		const now = current[metric];
		const before = previous[metric];
		if (now === undefined || before === undefined) return [];
		return [{ metric, current: now, previous: before, delta: round(now - before) || 0 }];
	});
}

type CoveredRun = StoredRun & { coverage: CoverageSummary };
const covered = (runs: readonly StoredRun[]) => runs.filter((r): r is CoveredRun => r.coverage !== undefined);

/**
 * `history` is one phase's runs of one gate, oldest first; `previousPhaseHistory` the previous
 * phase's runs of the same gate, oldest first. Undefined when no run recorded coverage. Each
 * phase's run is the one its gate is judged on (currentRun), and the run before it the one imported
 * before it.
 */
export function compareCoverage(
	history: readonly StoredRun[],
	previousPhaseHistory: readonly StoredRun[] = [],
	age?: CommitAge,
): CoverageComparison | undefined {
	const runs = covered(history);
	const latest = currentRun(runs, age) as CoveredRun | undefined;
	if (!latest) return undefined;
	const baseline = (run: CoveredRun | undefined): CoverageBaseline | undefined =>
		run ? { run, deltas: coverageDeltas(latest.coverage, run.coverage) } : undefined;
	const previousRun = baseline(runs[runs.indexOf(latest) - 1]);
	const previousPhase = baseline(currentRun(covered(previousPhaseHistory), age) as CoveredRun | undefined);
	return { latest, ...(previousRun ? { previousRun } : {}), ...(previousPhase ? { previousPhase } : {}) };
}

/** "+1.2 pp", "−0.4 pp", "±0 pp": a delta in percentage points, the sign always written. */
export function formatDelta(delta: number): string {
	if (delta === 0) return '±0 pp';
	return `${delta > 0 ? '+' : '−'}${Math.abs(delta)} pp`;
}
