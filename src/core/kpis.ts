// KPIs with their current values: as project.yaml states them, or measured from the evidence.
import type { StoredRun } from './gate-status.ts';
import type { Kpi, Project } from './schemas/index.ts';

export interface MeasuredKpi {
	kpi: Kpi;
	/** What the dashboard shows: the measured value where there is one, else the stated one. */
	current: Kpi['current'];
	/** The value read from evidence, with the run it came from. */
	measured?: { value: number; run: StoredRun };
}

/** The newest run that recorded line coverage, across phases: what the program's coverage is now. */
function newestCoverage(runs: readonly StoredRun[]): StoredRun | undefined {
	return runs.filter((r) => r.coverage).sort((a, b) => Date.parse(a.recordedAt) - Date.parse(b.recordedAt) || (a.path < b.path ? -1 : 1)).at(-1);
}

export function measureKpis(project: Pick<Project, 'kpis'>, runs: readonly StoredRun[]): MeasuredKpi[] {
	const coverage = newestCoverage(runs);
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
