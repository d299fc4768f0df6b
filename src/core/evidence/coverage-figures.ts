// Coverage arithmetic shared by the coverage parsers: percentages, sums and a run's summary.
import { coverageMetrics } from '../coverage-delta.ts';
import type { CoverageCount, CoverageSummary, FileCoverage } from '../schemas/index.ts';
import { EvidenceError, type SourceLocation } from './errors.ts';

export type Totals = { lines: CoverageCount } & Partial<
	Record<Exclude<(typeof coverageMetrics)[number], 'lines'>, CoverageCount>
>;

/**
 * covered/total in percent, truncated to two decimals as Istanbul prints it: rounding could lift
 * 84.996 % over an 85 % threshold. Nothing to cover counts as 100 %, Istanbul's convention.
 * Integer arithmetic first, so 29/100 is 29, not 28.99.
 */
export function percentOf(count: CoverageCount): number {
	if (count.total === 0) return 100;
	return Math.floor((count.covered * 10000) / count.total) / 100;
}

/** A count from covered and total figures, or undefined when the report gives neither. */
export function countOf(covered: number | undefined, total: number | undefined) {
	if (total === undefined || !Number.isFinite(total)) return undefined;
	const whole = Math.max(0, Math.round(total));
	return { covered: Math.min(whole, Math.max(0, Math.round(covered ?? 0))), total: whole };
}

/**
 * A count the report states as its own total (the figures the tool printed), or undefined when
 * it states none. Unlike `countOf`, which evens out the odd figure of one line or one file, a
 * stated total that is not a count (negative, or more covered than there is) is refused: the
 * gate would otherwise pass on 100 %.
 */
export function statedCount(covered: number | undefined, total: number | undefined, file: string, what: string): CoverageCount | undefined {
	if (total === undefined && covered === undefined) return undefined;
	const valid = (n: number | undefined) => n !== undefined && Number.isFinite(n) && n >= 0;
	if (!valid(total) || !valid(covered ?? 0) || (covered ?? 0) > total!) {
		throw new EvidenceError(`${file} states ${what} of ${covered} covered out of ${total}, which is not a coverage count; expected 0 <= covered <= total`);
	}
	return countOf(covered, total);
}

/**
 * Refuses stated line totals that are not the report's own lines (`LH:4` over one line run of
 * four): the gate would pass on figures no line of the file gives. `what` says whose totals and
 * how the report spells them, `lines` what its lines are called.
 */
export function expectOwnLines(stated: CoverageCount, given: CoverageCount, at: SourceLocation, what: string, lines: string, expected: string): void {
	if (stated.covered === given.covered && stated.total === given.total) return;
	throw new EvidenceError(`${at.file} states ${stated.covered} of ${stated.total} lines covered${what}, but its ${lines} give ${given.covered} of ${given.total}; expected ${expected}`, at.line === undefined ? undefined : at);
}

/** Refuses a report that measured no line at all: nothing to cover is no evidence that code is covered. */
export function expectMeasuredLines(lines: CoverageCount, file: string): void {
	if (lines.total === 0) {
		throw new EvidenceError(`${file} measures no lines of code (no file, or no line in any file); expected the coverage report of the code under test`);
	}
}

/** The sum of the counts present, or undefined when none is. */
export function sumCounts(
	counts: readonly (CoverageCount | undefined)[],
): CoverageCount | undefined {
	let sum: CoverageCount | undefined;
	for (const c of counts) {
		if (!c) continue;
		sum = { covered: (sum?.covered ?? 0) + c.covered, total: (sum?.total ?? 0) + c.total };
	}
	return sum;
}

/** The files' counts added up, metric by metric. */
export function totalsOf(files: readonly FileCoverage[]): Totals {
	const totals: Totals = {
		lines: sumCounts(files.map((f) => f.lines)) ?? { covered: 0, total: 0 },
	};
	for (const metric of ['statements', 'functions', 'branches'] as const) {
		const sum = sumCounts(files.map((f) => f[metric]));
		if (sum) totals[metric] = sum;
	}
	return totals;
}

/**
 * A run's coverage from its totals and files. A metric other than lines that the report counts
 * but finds none of (coverage.py without --branch writes branches-valid="0") is left out rather
 * than shown as 100 %; a report that counts no line at all is refused (`file` names it).
 */
export function coverageSummary(totals: Totals, files: readonly FileCoverage[], file: string): CoverageSummary {
	expectMeasuredLines(totals.lines, file);
	const summary: CoverageSummary = { lines: percentOf(totals.lines) };
	for (const metric of ['statements', 'functions', 'branches'] as const) {
		const count = totals[metric];
		if (count && count.total > 0) summary[metric] = percentOf(count);
	}
	return { ...summary, files: [...files] };
}

/**
 * Where a run's whole-run figures are not those of its files: the metric, its figure and the
 * files' (both truncated percentages), or undefined when they agree or the run lists no files.
 * Every import writes figures its files add up to; a stored run edited to say 90 % over files
 * that give 33 % would pass its gate on the page that lists them.
 */
export function coverageContradiction(coverage: CoverageSummary): { metric: (typeof coverageMetrics)[number]; stated: number; files: number } | undefined {
	if (!coverage.files?.length) return undefined;
	const totals = totalsOf(coverage.files);
	for (const metric of coverageMetrics) {
		const stated = coverage[metric];
		const count = totals[metric];
		if (stated === undefined || !count || count.total === 0) continue;
		const files = percentOf(count);
		if (stated !== files) return { metric, stated, files };
	}
	return undefined;
}
