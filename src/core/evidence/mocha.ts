// Mocha's json reporter: every test with its error, pending ones listed apart, hook failures too.
import * as z from 'zod';
import type { TestCase } from '../schemas/index.ts';
import { countCases, durationField, EVERY_TEST, messageField, roundMs } from './cases.ts';
import { checkShape, expectListed, onlyOrNone } from './json.ts';
import { repoPath } from './paths.ts';
import { requirementScanner } from './requirements.ts';
import type { ParsedReport, ParseOptions } from './types.ts';

const test = z.looseObject({
	title: z.string(),
	fullTitle: z.string(),
	file: z.string().optional(),
	duration: durationField('milliseconds').optional(),
	err: z.looseObject({ message: z.string().optional() }).default({}),
	/** The retries `this.retries(n)` spent: a passed test with one passed only on a retry. */
	currentRetry: z.number().int().nonnegative().optional(),
});
export const mochaReport = z.looseObject({
	stats: z.looseObject({ tests: z.number().optional(), failures: z.number().optional() }),
	tests: z.array(test),
	pending: z.array(test).default([]),
	failures: z.array(test).default([]),
});
type Test = z.output<typeof test>;

export function readMocha(json: unknown, text: string, options: ParseOptions): ParsedReport {
	const report = checkShape(mochaReport, json, text, options.file, 'Mocha JSON report');
	statedTotals(report, { text, file: options.file });
	const scan = requirementScanner(options.requirementPattern);
	const pending = new Set(report.pending.map((t) => t.fullTitle));
	const failed = new Set(report.failures.map((t) => t.fullTitle));
	const listed = new Set(report.tests.map((t) => t.fullTitle));
	const toCase = (t: Test, status: TestCase['status']): TestCase => {
		// fullTitle is the describe titles and the test's, joined by spaces.
		const describe = t.fullTitle.endsWith(t.title)
			? t.fullTitle.slice(0, -t.title.length).trim()
			: '';
		return {
			name: t.title,
			suite: describe || (t.file ? repoPath(t.file, options.root, options.known) : ''),
			status,
			durationMs: roundMs(t.duration ?? 0),
			...(status === 'failed' ? messageField(t.err.message) : {}),
			requirements: scan([t.fullTitle]),
			...(t.currentRetry ? { retries: t.currentRetry } : {}),
		};
	};
	const cases = report.tests.map((t) =>
		toCase(
			t,
			pending.has(t.fullTitle)
				? 'skipped'
				: t.err.message !== undefined || failed.has(t.fullTitle)
					? 'failed'
					: 'passed',
		),
	);
	// A failing hook ('"before all" hook for …') is a failure that is not one of the tests.
	for (const failure of report.failures)
		if (!listed.has(failure.fullTitle)) cases.push(toCase(failure, 'failed'));
	return { format: 'mocha', tool: 'mocha', tests: countCases(cases), cases };
}

/**
 * Mocha counts in stats.tests the tests it lists, and in stats.failures each entry of its failures
 * list (hooks too; a listed failure fails its test even with no err): a report stating more was cut
 * or edited, and would pass on the tests it kept.
 */
function statedTotals({ stats, tests, failures }: z.output<typeof mochaReport>, json: { text: string; file: string }): void {
	expectListed(json, ['stats', 'tests'], stats.tests, tests.length, (stated, n) => `${stated} tests (stats.tests), but its tests list ${n}; ${EVERY_TEST}`);
	expectListed(json, ['stats', 'failures'], stats.failures, failures.length, (stated, n) => `${stated} failures (stats.failures), but its failures list holds ${onlyOrNone(n)}; ${EVERY_TEST}`);
}
