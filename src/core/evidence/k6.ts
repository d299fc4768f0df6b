// k6's end-of-test summary (handleSummary's data, or the older --summary-export file): thresholds.
import * as z from 'zod';
import type { Threshold } from '../schemas/index.ts';
import { errorAt } from './errors.ts';
import { checkShape, locateJsonPath } from './json.ts';
import type { ParsedReport, ParseOptions } from './types.ts';

// handleSummary's data: { type, contains, values: {...}, thresholds: { "p(95)<500": { ok } } }.
// --summary-export's: the values inline and thresholds as booleans that are true when the
// threshold FAILED (k6 writes each threshold's "lastFailed" there).
const metric = z.looseObject({
	type: z.string().optional(),
	values: z.record(z.string(), z.number()).optional(),
	thresholds: z
		.record(z.string(), z.union([z.boolean(), z.looseObject({ ok: z.boolean() })]))
		.optional(),
});
export const k6Summary = z.looseObject({ metrics: z.record(z.string(), metric) });

/** The aggregate a threshold tests: "p(95)<500" → p(95), "rate>0.99" → rate, "count<10" → count. */
const AGGREGATE = /^\s*([a-z]+(?:\([\d.]+\))?)\s*(?:<=|>=|==|===|!=|<|>)/;

function aggregateValue(
	raw: Record<string, unknown>,
	values: Record<string, number> | undefined,
	expression: string,
): number | undefined {
	const name = AGGREGATE.exec(expression)?.[1];
	if (!name) return undefined;
	const own = values ?? raw;
	// The older export calls a rate metric's rate "value".
	const value = own[name] ?? (name === 'rate' ? own['value'] : undefined);
	return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** A whole threshold, evaluable: "p(95) < 500", "rate<=0.01", "count>=10". */
const THRESHOLD = /^\s*([a-z]+(?:\([\d.]+\))?)\s*(<=|>=|===|==|!=|<|>)\s*(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)\s*$/;

export function readK6(json: unknown, text: string, options: ParseOptions): ParsedReport {
	const summary = checkShape(k6Summary, json, text, options.file, 'k6 summary');
	const thresholds: Threshold[] = [];
	for (const [name, m] of Object.entries(summary.metrics)) {
		for (const [expression, verdict] of Object.entries(m.thresholds ?? {})) {
			const value = aggregateValue(m as Record<string, unknown>, m.values, expression);
			const threshold: Threshold = {
				metric: name,
				expression,
				ok: typeof verdict === 'boolean' ? !verdict : verdict.ok,
				...(value === undefined ? {} : { value }),
			};
			if (deniedByValue(threshold, m)) {
				const path = ['metrics', name, 'thresholds', expression, ...(typeof verdict === 'boolean' ? [] : ['ok'])];
				throw errorAt(options.file, text, locateJsonPath(text, path), `The threshold ${JSON.stringify(expression)} of ${name} is marked as held, but the summary's own ${AGGREGATE.exec(expression)![1]} is ${value}, which does not meet it; expected the summary as k6 wrote it`);
			}
			thresholds.push(threshold);
		}
	}
	return { format: 'k6', tool: 'k6', thresholds };
}

/**
 * A threshold marked as held whose value in the same summary does not meet it ("p(95)<500" ok over
 * a p(95) of 1800) would pass the gate on a verdict the figures deny. Only a held one is judged: a
 * failed one fails the gate whatever its figures, and k6 can abort on a threshold mid-run. A
 * counter's rate is left alone: k6 judged it per second of the run at that moment.
 */
function deniedByValue(threshold: Threshold, m: z.output<typeof metric>): boolean {
	if (!threshold.ok || threshold.value === undefined) return false;
	const [, aggregate, operator, written] = THRESHOLD.exec(threshold.expression) ?? [];
	if (aggregate === 'rate' && (m.type === 'counter' || 'count' in (m.values ?? m))) return false;
	const [value, bound] = [threshold.value, Number(written)];
	const held: Record<string, boolean> = { '<': value < bound, '<=': value <= bound, '>': value > bound, '>=': value >= bound, '==': value === bound, '===': value === bound, '!=': value !== bound };
	return operator !== undefined && held[operator] === false;
}
