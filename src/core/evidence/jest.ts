// Jest's --json report, which Vitest's json reporter also writes: assertion results per test file.
import * as z from 'zod';
import type { TestCase } from '../schemas/index.ts';
import { countCases, durationField, EVERY_TEST, messageField, roundMs, withoutStack } from './cases.ts';
import { checkShape, expectListed, onlyOrNone } from './json.ts';
import { repoPath } from './paths.ts';
import { requirementScanner } from './requirements.ts';
import type { ParsedReport, ParseOptions } from './types.ts';

const assertion = z.looseObject({
	ancestorTitles: z.array(z.string()).default([]),
	title: z.string(),
	status: z.string(),
	duration: durationField('milliseconds').nullish(),
	failureMessages: z.array(z.string()).nullish(),
	/** Jest's: how many times the test ran (more than once under jest.retryTimes). */
	invocations: z.number().int().positive().nullish(),
});
const file = z.looseObject({
	name: z.string(),
	status: z.string().optional(),
	message: z.string().nullish(),
	assertionResults: z.array(assertion).default([]),
});
export const jestReport = z.looseObject({
	numTotalTests: z.number(),
	numFailedTests: z.number().optional(),
	testResults: z.array(file),
});

/**
 * How many times the runner ran a test again. Jest says how many times it ran it; Vitest keeps
 * the error of each failed try, so a test that passed with errors passed on a retry (a failed
 * one's errors may be one try's soft assertions, so they are not read as tries).
 */
function retriesOf(a: z.output<typeof assertion>, status: TestCase['status']): number {
	if (a.invocations) return a.invocations - 1;
	return status === 'passed' ? (a.failureMessages?.length ?? 0) : 0;
}

export function readJest(json: unknown, text: string, options: ParseOptions): ParsedReport {
	const report = checkShape(jestReport, json, text, options.file, 'Jest or Vitest JSON report');
	const scan = requirementScanner(options.requirementPattern);
	const cases: TestCase[] = [];
	for (const result of report.testResults) {
		const path = repoPath(result.name, options.root, options.known);
		for (const a of result.assertionResults) {
			// pending (jest's skip), skipped (vitest's), todo and disabled all did not run.
			const status =
				a.status === 'passed' ? 'passed' : a.status === 'failed' ? 'failed' : 'skipped';
			const retries = retriesOf(a, status);
			cases.push({
				name: a.title,
				suite: [path, ...a.ancestorTitles].join(' › '),
				status,
				durationMs: roundMs(a.duration ?? 0),
				...(status === 'failed' ? messageField(withoutStack(a.failureMessages?.[0])) : {}),
				requirements: scan([a.title, ...a.ancestorTitles]),
				...(retries > 0 ? { retries } : {}),
			});
		}
		// A file that failed without a failing test did not load (a syntax or import error).
		const failedTest = result.assertionResults.some((a) => a.status === 'failed');
		if (result.status === 'failed' && !failedTest) {
			cases.push({
				name: '(test file failed)',
				suite: path,
				status: 'failed',
				durationMs: 0,
				...messageField(result.message ?? undefined),
				requirements: [],
			});
		}
	}
	statedTotals(report, text, options.file);
	// Only Jest writes these; Vitest's JSON otherwise has the same shape.
	const tool = 'wasInterrupted' in report || 'openHandles' in report ? 'jest' : 'vitest';
	return { format: 'jest', tool, tests: countCases(cases), cases };
}

/**
 * A report whose totals say more tests ran, or failed, than its test files list would be judged on
 * the cases it kept (a cut or edited report: 2,000,000 tests stated over 300,000 listed): refused,
 * as a JUnit report whose failures its cases do not show is. Jest and Vitest count exactly the
 * assertion results they list, skipped and todo ones included.
 */
function statedTotals(report: z.output<typeof jestReport>, text: string, file: string): void {
	const listed = report.testResults.flatMap((r) => r.assertionResults);
	const failed = listed.filter((a) => a.status === 'failed').length;
	expectListed({ text, file }, ['numTotalTests'], report.numTotalTests, listed.length, (stated, n) => `${stated} tests (numTotalTests), but its test files list ${n}; ${EVERY_TEST}`);
	expectListed({ text, file }, ['numFailedTests'], report.numFailedTests, failed, (stated, n) => `${stated} failed tests (numFailedTests), but ${onlyOrNone(n)} of the tests its files list failed; ${EVERY_TEST}`);
}
