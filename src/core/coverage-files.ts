// A run's per-file coverage ordered for reading: the worst-covered files first.
import { coverageMetrics, type CoverageMetric } from './coverage-delta.ts';
import { percentOf } from './evidence/coverage-figures.ts';
import type { CoverageCount, FileCoverage } from './schemas/index.ts';

export interface FileFigure {
	count: CoverageCount;
	percent: number;
}

export interface FileRow {
	path: string;
	figures: Partial<Record<CoverageMetric, FileFigure>>;
	/** Lines that did not run, the tiebreak between files of equal percentage. */
	uncovered: number;
}

/** Files by line coverage, lowest first; equal ones by more uncovered lines, then by path. */
export function worstCoveredFirst(files: readonly FileCoverage[]): FileRow[] {
	const rows = files.map((file) => {
		const figures: FileRow['figures'] = {};
		for (const metric of coverageMetrics) {
			const count = file[metric];
			if (count) figures[metric] = { count, percent: percentOf(count) };
		}
		return { path: file.path, figures, uncovered: file.lines.total - file.lines.covered };
	});
	return rows.sort(
		(a, b) =>
			a.figures.lines!.percent - b.figures.lines!.percent ||
			b.uncovered - a.uncovered ||
			(a.path < b.path ? -1 : a.path > b.path ? 1 : 0),
	);
}

/** The metrics at least one file has, in display order. */
export function measuredMetrics(rows: readonly FileRow[]): CoverageMetric[] {
	return coverageMetrics.filter((m) => rows.some((r) => r.figures[m]));
}
