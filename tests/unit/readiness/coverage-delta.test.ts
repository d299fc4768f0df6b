// Coverage deltas: against the run before and against the previous phase's latest run of the gate.
import { describe, expect, it } from 'vitest';
import { compareCoverage, coverageDeltas, formatDelta } from '../../../src/core/coverage-delta.ts';
import type { StoredRun } from '../../../src/core/gate-status.ts';

function run(phase: string, recordedAt: string, lines?: number): StoredRun {
	return {
		schemaVersion: 1,
		phase,
		gate: 'coverage',
		status: 'pass',
		recordedAt,
		source: { format: 'istanbul', tool: 'c8', file: 'coverage-summary.json' },
		reasons: [],
		...(lines === undefined ? {} : { coverage: { lines, statements: lines, functions: lines + 1, branches: lines - 5 } }),
		path: `content/evidence/${phase}/coverage/${recordedAt}.json`,
	};
}

describe('coverageDeltas', () => {
	it('compares only the metrics both runs measured (lcov after coverage-summary: no statements)', () => {
		const deltas = coverageDeltas({ lines: 88.88, functions: 80, branches: 71.42 }, { lines: 86, statements: 86, functions: 80, branches: 70 });
		expect(deltas.map((d) => [d.metric, d.delta])).toEqual([
			['lines', 2.88],
			['functions', 0],
			['branches', 1.42],
		]);
	});

	it('gives each metric in percentage points, without floating-point noise', () => {
		const deltas = coverageDeltas(
			{ lines: 86.9, statements: 86.1, functions: 90, branches: 75.25 },
			{ lines: 85.1, statements: 86.1, functions: 91.5, branches: 75 },
		);
		expect(deltas).toEqual([
			{ metric: 'lines', current: 86.9, previous: 85.1, delta: 1.8 },
			{ metric: 'statements', current: 86.1, previous: 86.1, delta: 0 },
			{ metric: 'functions', current: 90, previous: 91.5, delta: -1.5 },
			{ metric: 'branches', current: 75.25, previous: 75, delta: 0.25 },
		]);
	});
});

describe('compareCoverage', () => {
	it('is undefined when no run recorded coverage', () => {
		expect(compareCoverage([run('2', '2026-02-01T00:00:00Z')])).toBeUndefined();
	});

	it('compares the latest run with the one before and with the previous phase', () => {
		const history = [run('2', '2026-02-01T00:00:00Z', 80), run('2', '2026-02-02T00:00:00Z'), run('2', '2026-02-03T00:00:00Z', 86)];
		const previousPhase = [run('1', '2026-01-01T00:00:00Z', 70), run('1', '2026-01-05T00:00:00Z', 88)];
		const result = compareCoverage(history, previousPhase)!;
		expect(result.latest).toBe(history[2]);
		// The run in between recorded no coverage, so the one before it is the baseline.
		expect(result.previousRun?.run).toBe(history[0]);
		expect(result.previousRun?.deltas[0]).toEqual({ metric: 'lines', current: 86, previous: 80, delta: 6 });
		expect(result.previousPhase?.run).toBe(previousPhase[1]);
		expect(result.previousPhase?.deltas[0]?.delta).toBe(-2);
	});

	it('compares the newest code\'s run, when a run of older code was imported after it', () => {
		const withCommit = (r: StoredRun, commit: string): StoredRun => ({ ...r, commit });
		// Phase 2: c3 (newest) then c1 imported after it; phase 1: c0's run imported after c1's.
		const history = [withCommit(run('2', '2026-02-01T00:00:00Z', 80), 'c2'), withCommit(run('2', '2026-02-02T00:00:00Z', 86), 'c3'), withCommit(run('2', '2026-02-03T00:00:00Z', 60), 'c1')];
		const previousPhase = [withCommit(run('1', '2026-01-01T00:00:00Z', 75), 'c1'), withCommit(run('1', '2026-01-05T00:00:00Z', 50), 'c0')];
		const ranges: Record<string, string[]> = { '1': ['c1', 'c0'], '2': ['c3', 'c2', 'c1'] };
		const age = (phase: string, commit: string) => ranges[phase]!.indexOf(commit);
		const result = compareCoverage(history, previousPhase, age)!;
		expect(result.latest).toBe(history[1]);
		expect(result.previousRun?.run).toBe(history[0]);
		expect(result.previousPhase?.run).toBe(previousPhase[0]);
		// Without git, the run imported last.
		expect(compareCoverage(history, previousPhase)!.latest).toBe(history[2]);
	});

	it('leaves out a baseline that does not exist', () => {
		const result = compareCoverage([run('1', '2026-01-01T00:00:00Z', 90)])!;
		expect(result.previousRun).toBeUndefined();
		expect(result.previousPhase).toBeUndefined();
	});
});

describe('formatDelta', () => {
	it('always writes the sign', () => {
		expect(formatDelta(1.8)).toBe('+1.8 pp');
		expect(formatDelta(-0.25)).toBe('−0.25 pp');
		expect(formatDelta(0)).toBe('±0 pp');
	});
});
