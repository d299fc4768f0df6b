// k6's end-of-test summary (handleSummary's data, or the older --summary-export file): thresholds.
import * as z from 'zod';
import type { Threshold } from '../schemas/index.ts';
import { checkShape } from './json.ts';
import type { ParsedReport, ParseOptions } from './types.ts';

// handleSummary's data: { type, contains, values: {...}, thresholds: { "p(95)<500": { ok } } }.
// --summary-export's: the values inline and thresholds as booleans that are true when the
// threshold FAILED (k6 writes each threshold's "lastFailed" there).
const metric = z.looseObject({
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

export function readK6(json: unknown, text: string, options: ParseOptions): ParsedReport {
	const summary = checkShape(k6Summary, json, text, options.file, 'k6 summary');
	const thresholds: Threshold[] = [];
	for (const [name, m] of Object.entries(summary.metrics)) {
		for (const [expression, verdict] of Object.entries(m.thresholds ?? {})) {
			const value = aggregateValue(m as Record<string, unknown>, m.values, expression);
			thresholds.push({
				metric: name,
				expression,
				ok: typeof verdict === 'boolean' ? !verdict : verdict.ok,
				...(value === undefined ? {} : { value }),
			});
		}
	}
	return { format: 'k6', tool: 'k6', thresholds };
}
