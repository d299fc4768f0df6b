// Run-history chart geometry and the evidence formatting helpers of the gate pages.
import { describe, expect, it } from 'vitest';
import { formatDuration, firstLine, readyCount } from '../../../src/lib/evidence.ts';
import { barChart, chartSize, lineChart, niceCeiling, stepChart } from '../../../src/lib/history-chart.ts';

describe('niceCeiling', () => {
	it('rounds up to 1, 2 or 5 times a power of ten', () => {
		expect([0, 1, 3, 17, 20, 21, 450, 5012].map(niceCeiling)).toEqual([1, 1, 5, 20, 20, 50, 500, 10000]);
	});
});

describe('barChart', () => {
	const runs = [
		{ label: 'Run 1', status: 'pass' as const, values: { passed: 8, failed: 0, skipped: 2 } },
		{ label: 'Run 2', status: 'fail' as const, values: { passed: 5, failed: 5 } },
	];
	const chart = barChart(runs, ['passed', 'failed', 'skipped']);

	it('stacks the segments from the baseline up, scaled to a nice maximum', () => {
		expect(chart.max).toBe(10);
		const plot = chart.baseline - chartSize.top;
		const [first, second] = chart.bars;
		expect(first!.segments.map((s) => s.kind)).toEqual(['passed', 'skipped']);
		expect(first!.segments[0]).toMatchObject({ value: 8, height: Math.round(0.8 * plot * 10) / 10 });
		expect(second!.segments.at(-1)!.y).toBeCloseTo(chartSize.top, 0);
		expect(second!.status).toBe('fail');
	});

	it('keeps the bars inside the plot, left to right', () => {
		for (const bar of chart.bars) {
			expect(bar.x).toBeGreaterThanOrEqual(chartSize.left);
			expect(bar.x + bar.width).toBeLessThanOrEqual(chartSize.width);
		}
		expect(chart.bars[0]!.x).toBeLessThan(chart.bars[1]!.x);
	});
});

describe('lineChart', () => {
	it('skips runs without a value and places the reference line', () => {
		const chart = lineChart(
			[
				{ label: 'a', status: 'pass', value: 80 },
				{ label: 'b', status: 'fail', value: undefined },
				{ label: 'c', status: 'pass', value: 100 },
			],
			{ min: 75, max: 100, reference: 85 },
		);
		expect(chart.points.map((p) => p.label)).toEqual(['a', 'c']);
		expect(chart.points[1]!.y).toBe(chartSize.top);
		expect(chart.path.split(' ')).toHaveLength(2);
		expect(chart.reference!.y).toBeGreaterThan(chart.points[1]!.y);
		expect(chart.reference!.y).toBeLessThan(chart.points[0]!.y);
	});
});

describe('formatting', () => {
	it('formats durations for people', () => {
		expect([850, 1000, 12_440, 60_000, 129_400, 3_725_000].map(formatDuration)).toEqual(['850 ms', '1 s', '12.4 s', '1 min 00 s', '2 min 09 s', '1 h 02 min']);
	});

	it('splits a message into its first line and the rest', () => {
		expect(firstLine('Error: boom\n  at x')).toEqual({ head: 'Error: boom', more: true });
		expect(firstLine('  just one  ')).toEqual({ head: 'just one', more: false });
	});

	it('counts ready phases in words', () => {
		expect([readyCount(2, 6), readyCount(1, 6), readyCount(0, 1)]).toEqual(['2 of 6 phases are ready', '1 of 6 phases is ready', '0 of 1 phase is ready']);
	});
});

describe('stepChart', () => {
	it('places each moment by its time and holds each value until the next one', () => {
		const size = { width: 104, height: 60, left: 0, bottom: 10, top: 0 };
		const chart = stepChart(
			[
				{ at: '2026-03-01T00:00:00Z', value: 2 },
				{ at: '2026-03-02T00:00:00Z', value: 1 },
				{ at: '2026-03-05T00:00:00Z', value: 0 },
			],
			size,
		);
		expect(chart.max).toBe(2);
		expect(chart.points.map((p) => [p.x, p.y])).toEqual([
			[0, 0],
			[25, 25],
			[100, 50],
		]);
		expect(chart.path).toBe('0,0 25,0 25,25 100,25 100,50');
	});
});
