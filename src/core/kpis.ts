// KPIs with their current values: as project.yaml states them, or measured from the evidence.
import { currentRun, runsFor, type CommitAge, type StoredRun } from './gate-status.ts';
import type { Kpi, Project } from './schemas/index.ts';

export interface MeasuredKpi {
	kpi: Kpi;
	/** What the dashboard shows: the measured value where there is one, else the stated one. */
	current: Kpi['current'];
	/** The value read from evidence, with the run it came from. */
	measured?: { value: number; run: StoredRun };
}

const byRecorded = (a: StoredRun, b: StoredRun) => Date.parse(a.recordedAt) - Date.parse(b.recordedAt) || (a.path < b.path ? -1 : 1);

/**
 * What the program's line coverage is now: of each phase's gates that record it, the run the gate
 * is judged on (currentRun: the newest code's, not a rerun of older code imported after it), and
 * of those the one recorded last.
 */
function newestCoverage(runs: readonly StoredRun[], age?: CommitAge): StoredRun | undefined {
	const measured = runs.filter((r) => r.coverage);
	const gates = new Set(measured.map((r) => `${r.phase}\u0000${r.gate}`));
	return [...gates]
		.map((key) => {
			const [phase, gate] = key.split('\u0000') as [string, string];
			return currentRun(runsFor(measured, phase, gate), age);
		})
		.filter((run): run is StoredRun => run !== undefined)
		.sort(byRecorded)
		.at(-1);
}

export function measureKpis(project: Pick<Project, 'kpis'>, runs: readonly StoredRun[], age?: CommitAge): MeasuredKpi[] {
	const coverage = newestCoverage(runs, age);
	return project.kpis.map((kpi) => {
		if (kpi.evidence !== 'coverage' || !coverage) return { kpi, current: kpi.current };
		const value = coverage.coverage!.lines;
		return { kpi, current: value, measured: { value, run: coverage } };
	});
}

/**
 * Whether a stated value agrees with a measured one to the precision the author wrote: the
 * measured value cut to that precision, never rounded toward the KPI's better side, so 89.99 %
 * is "89" or "89.9", not the "90" that would meet a target of 90.
 */
export function agrees(stated: number, measured: number, direction: Kpi['direction'] = 'higher'): boolean {
	const scale = 10 ** (String(stated).split('.')[1] ?? '').length;
	// The epsilon absorbs binary fractions: 84.3 * 10 is 842.9999999999999.
	const cut = direction === 'lower' ? Math.ceil(measured * scale - 1e-6) : Math.floor(measured * scale + 1e-6);
	return cut / scale === stated;
}
