// Istanbul/c8 coverage-summary.json: the `total` entry's percentages.
import { z } from 'zod';
import type { CoverageSummary } from '../schemas/index.ts';
import { outcome } from './cases.ts';
import { checkShape, parseJson } from './json.ts';
import type { ParsedReport, ParseOptions, ParseOutcome } from './types.ts';

// Impossible figures (pct 150, a negative count, more covered than there is) are refused, not
// clamped: a report that says them is broken, and a gate must not pass on it.
const PERCENT = 'expected a percentage from 0 to 100, or "Unknown"';
const metric = z
	.looseObject({
		total: z.number().int().nonnegative().optional(),
		covered: z.number().int().nonnegative().optional(),
		// Istanbul writes "Unknown" when nothing of that kind exists (total 0).
		pct: z
			.union([z.number().min(0, PERCENT).max(100, PERCENT), z.literal('Unknown')], { error: PERCENT })
			.optional(),
	})
	.refine((m) => m.covered === undefined || m.total === undefined || m.covered <= m.total, {
		message: 'expected covered to be at most total',
		path: ['covered'],
	});
export const coverageSummaryReport = z.looseObject({
	total: z.looseObject({ lines: metric, statements: metric, functions: metric, branches: metric }),
});

type Metric = z.output<typeof metric>;

/** Parses an Istanbul/c8 `coverage-summary.json` (the json-summary reporter). */
export function parseIstanbul(text: string, options: ParseOptions): ParseOutcome {
	return outcome(() => readIstanbul(parseJson(text, options.file), text, options));
}

export function readIstanbul(json: unknown, text: string, options: ParseOptions): ParsedReport {
	const { total } = checkShape(coverageSummaryReport, json, text, options.file, 'coverage summary');
	const coverage: CoverageSummary = {
		lines: percent(total.lines),
		statements: percent(total.statements),
		functions: percent(total.functions),
		branches: percent(total.branches),
	};
	return { format: 'istanbul', tool: 'istanbul', coverage };
}

/**
 * A metric's percentage. "Unknown" means there was nothing to cover, which Istanbul's own text
 * report shows as 100 %; a missing pct is computed from covered/total.
 */
function percent(m: Metric): number {
	let pct: number;
	if (typeof m.pct === 'number') pct = m.pct;
	else if (m.pct === undefined && m.total) pct = ((m.covered ?? 0) / m.total) * 100;
	else pct = 100;
	return Math.round(pct * 100) / 100;
}
