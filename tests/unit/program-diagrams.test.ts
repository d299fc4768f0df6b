import { describe, expect, it } from 'vitest';
import { dependencySource, timelineAxis, timelineSource } from '../../src/core/program-diagrams.ts';

const phases = [
	{ id: '2', title: 'Templates: engine', status: 'in-progress' as const, dependsOn: ['1', '9'], window: { start: '2026-02-01', end: '2026-03-01', actualStart: '2026-02-03' } },
	{ id: '1', title: 'Baseline', status: 'done' as const, dependsOn: [], window: { start: '2026-01-01', end: '2026-01-31', actualStart: '2026-01-02', actualEnd: '2026-02-02' } },
];

describe('generated diagrams', () => {
	it('timeline: planned windows, actual windows, an ongoing phase up to today, and a line at today', () => {
		const source = timelineSource(phases, '2026-02-20');
		expect(source.slice(source.indexOf('\ngantt\n') + 1)).toBe(
			[
				'gantt',
				'  dateFormat YYYY-MM-DD',
				'  axisFormat %e %b',
				'  tickInterval 1week',
				'  todayMarker off',
				'  section Phase 1',
				'    Planned :2026-01-01, 31d',
				'    Actual :done, 2026-01-02, 32d',
				'  section Phase 2',
				'    Planned :2026-02-01, 29d',
				'    Actual so far :active, 2026-02-03, 18d',
				'    Today 2026-02-20 :vert, 2026-02-20, 0d',
			].join('\n'),
		);
		// The line is in the source, so a cached drawing never keeps an old day's; off the chart, none.
		const done = [phases[1]!];
		expect(timelineSource(done, '2026-01-15')).toContain('    Today 2026-01-15 :vert, 2026-01-15, 0d');
		expect(timelineSource(done, '2026-03-01')).not.toContain('Today');
		expect(timelineSource(done, '2026-03-01')).toBe(timelineSource(done, '2026-04-01'));
		// Both ends included: a phase planned for one day is a one-day bar, not none.
		expect(timelineSource([{ id: '1', status: 'planned', window: { start: '2026-12-01', end: '2026-12-01' } }], '2026-12-01')).toContain('    Planned :2026-12-01, 1d');
		// Labels drawn larger than mermaid's 10-11 px, so the dashboard's scaled chart stays readable.
		expect(source).toMatch(/^---\nconfig:\n  gantt:\n    fontSize: 15\n/);
	});

	it('timeline axis: one tick label per day, week, month or quarter, never the same label twice', () => {
		expect(timelineAxis('2026-11-02', '2026-11-12')).toEqual({ tickInterval: '1day', axisFormat: '%e %b' });
		// A program of a few weeks in November: weekly ticks, not "Nov 2026" four times.
		expect(timelineAxis('2026-11-02', '2026-11-30')).toEqual({ tickInterval: '1week', axisFormat: '%e %b' });
		expect(timelineAxis('2026-07-06', '2027-02-26')).toEqual({ tickInterval: '1month', axisFormat: '%b %Y' });
		expect(timelineAxis('2026-01-01', '2028-06-30')).toEqual({ tickInterval: '3month', axisFormat: '%b %Y' });
	});

	it('dependency graph: one node per phase, an edge per known dependency, labels without mermaid syntax', () => {
		const source = dependencySource(phases);
		expect(source).toContain('  p1["1 · Baseline (done)"]:::done');
		expect(source).toContain('  p2["2 · Templates engine (in progress)"]:::progress');
		expect(source).toContain('  p1 --> p2');
		expect(source).not.toContain('p9');
	});
});
