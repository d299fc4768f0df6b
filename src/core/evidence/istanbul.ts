// Istanbul/c8 coverage-summary.json: the `total` entry's percentages and each file's counts.
import * as z from 'zod';
import type { CoverageSummary, FileCoverage } from '../schemas/index.ts';
import { outcome } from './cases.ts';
import { countOf, expectMeasuredLines, percentOf, statedCount } from './coverage-figures.ts';
import { EvidenceError } from './errors.ts';
import { checkShape, parseJson } from './json.ts';
import { repoPath } from './paths.ts';
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
const metrics = z.looseObject({
	lines: metric,
	statements: metric,
	functions: metric,
	branches: metric,
});
export const coverageSummaryReport = z.looseObject({ total: metrics }).catchall(metrics);

type Metric = z.output<typeof metric>;

/** Parses an Istanbul/c8 `coverage-summary.json` (the json-summary reporter). */
export function parseIstanbul(text: string, options: ParseOptions): ParseOutcome {
	return outcome(() => readIstanbul(parseJson(text, options.file), text, options));
}

export function readIstanbul(json: unknown, text: string, options: ParseOptions): ParsedReport {
	const { total, ...byFile } = checkShape(
		coverageSummaryReport,
		json,
		text,
		options.file,
		'coverage summary',
	);
	// The total is what Istanbul printed: a count, of at least one line.
	expectMeasuredLines(statedCount(total.lines.covered, total.lines.total, options.file, 'total.lines.covered/total') ?? { covered: 0, total: 0 }, options.file);
	const files: FileCoverage[] = Object.entries(byFile).map(([path, m]) => ({
		path: repoPath(path, options.root, options.known),
		lines: countOf(m.lines.covered, m.lines.total) ?? { covered: 0, total: 0 },
		...counts(m),
	}));
	const coverage: CoverageSummary = {
		lines: percent(total.lines, options.file, 'lines'),
		statements: percent(total.statements, options.file, 'statements'),
		functions: percent(total.functions, options.file, 'functions'),
		branches: percent(total.branches, options.file, 'branches'),
		...(files.length ? { files } : {}),
	};
	return { format: 'istanbul', tool: 'istanbul', coverage };
}

function counts(m: z.output<typeof metrics>): Omit<FileCoverage, 'path' | 'lines'> {
	const result: Omit<FileCoverage, 'path' | 'lines'> = {};
	for (const key of ['statements', 'functions', 'branches'] as const) {
		const count = countOf(m[key].covered, m[key].total);
		if (count) result[key] = count;
	}
	return result;
}

/**
 * A metric's percentage, from its counts when it has them (truncated as Istanbul truncates): a
 * stated pct that the counts contradict is refused, since a gate would pass on the pct alone.
 * "Unknown" means there was nothing to cover, which Istanbul's own text report shows as 100 %.
 */
function percent(m: Metric, file: string, what: string): number {
	const count = countOf(m.covered, m.total);
	if (count && m.covered !== undefined) {
		const computed = percentOf(count);
		if (typeof m.pct === 'number' && Math.abs(m.pct - computed) > 0.011) {
			throw new EvidenceError(`${file} states total.${what}.pct ${m.pct}, but its counts say ${count.covered} of ${count.total} covered (${computed} %); expected a pct that matches covered/total`);
		}
		return computed;
	}
	if (typeof m.pct === 'number') return Math.floor(m.pct * 100) / 100;
	return 100;
}
