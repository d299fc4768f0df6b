// Per-file coverage for the gate page: the worst-covered files first, and the metrics measured.
import { describe, expect, it } from 'vitest';
import { measuredMetrics, worstCoveredFirst } from '../../../src/core/coverage-files.ts';
import { parsed } from '../evidence/helpers.ts';

describe('worstCoveredFirst', () => {
	it("orders c8's files by line coverage, lowest first, with each figure's percentage", () => {
		const rows = worstCoveredFirst(parsed('fixture:c8/lcov.info').coverage!.files!);
		expect(
			rows.map((r) => [r.path, r.figures.lines!.percent, r.figures.branches!.percent]),
		).toEqual([
			['src/units.js', 73.33, 50],
			['src/ingest.js', 100, 80],
		]);
		expect(measuredMetrics(rows)).toEqual(['lines', 'functions', 'branches']);
	});

	it('puts the file with more uncovered lines first when percentages are equal, then by path', () => {
		const file = (path: string, covered: number, total: number) => ({
			path,
			lines: { covered, total },
		});
		const rows = worstCoveredFirst([file('b.ts', 1, 2), file('big.ts', 5, 10), file('a.ts', 1, 2)]);
		expect(rows.map((r) => r.path)).toEqual(['big.ts', 'a.ts', 'b.ts']);
		expect(measuredMetrics(rows)).toEqual(['lines']);
	});
});
