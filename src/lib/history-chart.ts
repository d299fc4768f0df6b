// Geometry of the run-history charts, drawn at build time as inline SVG: stacked bars of counts
// per run and a line of one measure (duration, coverage) per run. Pure numbers; the component
// draws them and the history table beside them is their text alternative.

export interface ChartSize {
	width: number;
	height: number;
	/** Room left of the plot for the axis labels. */
	left: number;
	/** Room under the plot for the pass/fail marks. */
	bottom: number;
	top: number;
}

export const chartSize: ChartSize = { width: 360, height: 150, left: 34, bottom: 22, top: 8 };

export interface RunPoint {
	label: string;
	status: 'pass' | 'fail';
}

export interface Segment {
	kind: string;
	value: number;
	y: number;
	height: number;
}

export interface Bar extends RunPoint {
	x: number;
	width: number;
	/** Centre of the bar, for the mark under it. */
	cx: number;
	segments: Segment[];
}

export interface BarChart {
	size: ChartSize;
	bars: Bar[];
	/** The value at the top of the axis (a "nice" number at or above the tallest bar). */
	max: number;
	baseline: number;
}

/** The smallest of 1, 2, 5 x 10^n at or above `value` (0 stays 1, so an empty axis still draws). */
export function niceCeiling(value: number): number {
	if (value <= 1) return 1;
	const power = 10 ** Math.floor(Math.log10(value));
	const step = [1, 2, 5, 10].find((s) => s * power >= value)!;
	return step * power;
}

function slots(count: number, size: ChartSize): { x: number; width: number }[] {
	const plot = size.width - size.left - 4;
	const slot = plot / Math.max(count, 1);
	const width = Math.max(2, Math.min(28, slot * 0.7));
	return Array.from({ length: count }, (_, i) => ({ x: size.left + i * slot + (slot - width) / 2, width }));
}

const round = (n: number) => Math.round(n * 10) / 10;

/** Stacked bars, one per run, segments in `kinds` order from the bottom up. */
export function barChart(
	runs: readonly (RunPoint & { values: Record<string, number> })[],
	kinds: readonly string[],
	size: ChartSize = chartSize,
): BarChart {
	const baseline = size.height - size.bottom;
	const plot = baseline - size.top;
	const totals = runs.map((r) => kinds.reduce((sum, k) => sum + (r.values[k] ?? 0), 0));
	const max = niceCeiling(Math.max(0, ...totals));
	const bars = slots(runs.length, size).map(({ x, width }, i) => {
		const run = runs[i]!;
		let y = baseline;
		const segments: Segment[] = [];
		for (const kind of kinds) {
			const value = run.values[kind] ?? 0;
			if (value <= 0) continue;
			const height = (value / max) * plot;
			y -= height;
			segments.push({ kind, value, y: round(y), height: round(height) });
		}
		return { label: run.label, status: run.status, x: round(x), width: round(width), cx: round(x + width / 2), segments };
	});
	return { size, bars, max, baseline };
}

export interface LinePoint extends RunPoint {
	x: number;
	y: number;
	value: number;
}

export interface LineChart {
	size: ChartSize;
	points: LinePoint[];
	/** The `points` attribute of the <polyline>. */
	path: string;
	min: number;
	max: number;
	baseline: number;
	/** A reference line (a threshold), when given and inside the range. */
	reference?: { value: number; y: number };
}

/** A line through one value per run; runs without a value are skipped. */
export function lineChart(
	runs: readonly (RunPoint & { value: number | undefined })[],
	range: { min: number; max: number; reference?: number },
	size: ChartSize = chartSize,
): LineChart {
	const baseline = size.height - size.bottom;
	const plot = baseline - size.top;
	const span = range.max - range.min || 1;
	const yOf = (v: number) => round(baseline - ((Math.min(Math.max(v, range.min), range.max) - range.min) / span) * plot);
	const points = slots(runs.length, size).flatMap(({ x, width }, i) => {
		const run = runs[i]!;
		if (run.value === undefined) return [];
		return [{ label: run.label, status: run.status, value: run.value, x: round(x + width / 2), y: yOf(run.value) }];
	});
	const ref = range.reference;
	return {
		size,
		points,
		path: points.map((p) => `${p.x},${p.y}`).join(' '),
		min: range.min,
		max: range.max,
		baseline,
		...(ref !== undefined && ref >= range.min && ref <= range.max ? { reference: { value: ref, y: yOf(ref) } } : {}),
	};
}

export interface StepPoint {
	at: string;
	value: number;
	x: number;
	y: number;
}

export interface StepChart {
	size: ChartSize;
	points: StepPoint[];
	/** The `points` attribute of the step line's <polyline>. */
	path: string;
	max: number;
	baseline: number;
}

/**
 * A value over time as a step line (it holds until the next moment): x in proportion to time from
 * the first moment to the last, y from 0 to a nice maximum.
 */
export function stepChart(series: readonly { at: string; value: number }[], size: ChartSize = chartSize): StepChart {
	const baseline = size.height - size.bottom;
	const plot = baseline - size.top;
	const width = size.width - size.left - 4;
	const max = niceCeiling(Math.max(0, ...series.map((p) => p.value)));
	const times = series.map((p) => Date.parse(p.at));
	const first = times[0] ?? 0;
	const span = (times.at(-1) ?? 0) - first || 1;
	const points = series.map((p, i) => ({
		at: p.at,
		value: p.value,
		x: round(size.left + ((times[i]! - first) / span) * width),
		y: round(baseline - (p.value / max) * plot),
	}));
	const steps = points.flatMap((p, i) => (i === 0 ? [`${p.x},${p.y}`] : [`${p.x},${points[i - 1]!.y}`, `${p.x},${p.y}`]));
	return { size, points, path: steps.join(' '), max, baseline };
}
