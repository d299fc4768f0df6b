// Playwright's JSON reporter: statuses, retries, tags and annotations, errors outside tests.
import { describe, expect, it } from 'vitest';
import { parsePlaywright } from '../../../src/core/evidence/index.ts';
import { caseNamed, parsed, statusesOf } from './helpers.ts';

describe('Playwright JSON reporter', () => {
	const report = parsed('fixture:playwright-report.json');

	it('matches its stats: expected 4 + flaky 1 passed, unexpected 1 failed, skipped 2', () => {
		expect(report).toMatchObject({ format: 'playwright', tool: 'playwright' });
		expect(report.tests).toMatchObject({ total: 8, passed: 5, failed: 1, skipped: 2 });
	});

	it('gives each test its status under project › file › describe', () => {
		expect(statusesOf(report)).toEqual({
			'chromium › cart.spec.mjs | title is empty on a blank page REQ-2.1': 'passed',
			'chromium › cart.spec.mjs › cart page | shows the total @REQ-1': 'passed',
			'chromium › cart.spec.mjs › cart page | has a check-out button': 'passed',
			'chromium › cart.spec.mjs › cart page | recovers on retry (flaky)': 'passed',
			'chromium › cart.spec.mjs › cart page | shows a discount line': 'failed',
			'chromium › cart.spec.mjs › cart page | stacks discount codes': 'skipped',
			'chromium › cart.spec.mjs › cart page | prints a receipt': 'skipped',
			'chromium › cart.spec.mjs › cart page | rejects an unknown code (expected to fail)': 'passed',
		});
	});

	it('records retries: 1 on the flaky pass and on the failure that was retried', () => {
		expect(caseNamed(report, 'recovers on retry (flaky)').retries).toBe(1);
		expect(caseNamed(report, 'shows a discount line').retries).toBe(1);
		expect(caseNamed(report, 'shows the total @REQ-1').retries).toBeUndefined();
	});

	it('takes the run\'s duration from Playwright\'s own clock, not the sum of tests run in parallel', () => {
		expect(report.tests?.durationMs).toBe(8229.875);
	});

	it('sums the duration of every attempt and strips colour codes from messages', () => {
		const failed = caseNamed(report, 'shows a discount line');
		expect(failed.durationMs).toBeGreaterThan(1000);
		expect(failed.message).toMatch(/^Error: expect\(locator\)\.toHaveText\(expected\) failed/);
		expect(failed.message).not.toContain('\u001b[');
	});

	it('links requirements from tags, annotations and titles', () => {
		expect(caseNamed(report, 'shows the total @REQ-1').requirements).toEqual(['REQ-1']);
		expect(caseNamed(report, 'has a check-out button').requirements).toEqual(['REQ-3']);
		expect(caseNamed(report, 'title is empty on a blank page REQ-2.1').requirements).toEqual([
			'REQ-2.1',
		]);
		expect(caseNamed(report, 'stacks discount codes').requirements).toEqual([]);
	});

	it('counts an error outside any test (a spec that failed to load) as a failed case', () => {
		const broken = parsed('fixture:playwright-load-error.json');
		expect(broken.tests).toMatchObject({ total: 1, passed: 0, failed: 1, skipped: 0 });
		expect(broken.cases![0]).toMatchObject({
			name: '(error outside tests)',
			suite: '',
			status: 'failed',
		});
		expect(broken.cases![0]!.message).toMatch(/^Error: Cannot find module '.*does-not-exist\.mjs'/);
	});

	it('says where a report has the wrong shape', () => {
		const text = '{\n  "config": {},\n  "suites": [\n    { "title": 7 }\n  ]\n}';
		const result = parsePlaywright(text, { file: 'pw.json' });
		expect(result.ok).toBe(false);
		if (!result.ok) {
			expect(result.error.location).toEqual({ file: 'pw.json', line: 4, column: 16 });
			expect(result.error.message).toMatch(
				/^Not a valid Playwright JSON report at suites\[0\]\.title: /,
			);
		}
	});
});
