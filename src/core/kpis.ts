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

/** Whether a stated value agrees with a measured one to the precision the author wrote. */
export function agrees(stated: number, measured: number): boolean {
	const decimals = (String(stated).split('.')[1] ?? '').length;
	return Number(measured.toFixed(decimals)) === stated;
}
