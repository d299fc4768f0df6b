// Flaky tests across a gate's runs: same commit, flipping, passing only on a retry.
import { describe, expect, it } from 'vitest';
import { flakyCases } from '../../../src/core/flaky.ts';
import type { TestCase } from '../../../src/core/schemas/index.ts';
import { storedRun } from '../../helpers/runs.ts';

const tc = (name: string, status: TestCase['status'], retries?: number): TestCase => ({
	name,
	suite: 'api.spec.ts',
	status,
	durationMs: 10,
	requirements: [],
	...(retries ? { retries } : {}),
});

let day = 0;
const run = (commit: string, cases: TestCase[], status: 'pass' | 'fail' = cases.some((c) => c.status === 'failed') ? 'fail' : 'pass') =>
	storedRun('3', 'e2e', `2026-03-${String(++day).padStart(2, '0')}T10:00:00Z`, { commit, status, cases });

describe('flakyCases', () => {
	it('marks a case that passed and failed on the same commit', () => {
		day = 0;
		const report = flakyCases([run('aaaaaaa', [tc('login', 'failed'), tc('search', 'passed')]), run('aaaaaaa', [tc('login', 'passed'), tc('search', 'passed')])]);
		expect(report.cases).toEqual([{ suite: 'api.spec.ts', name: 'login', reasons: ['same-commit'], history: ['failed', 'passed'], commits: ['aaaaaaa'] }]);
	});

	it('marks a case that flipped twice in the window, not one that broke or was fixed once', () => {
		day = 0;
		const runs = [
			run('c1', [tc('flip', 'passed'), tc('fixed', 'failed')]),
			run('c2', [tc('flip', 'failed'), tc('fixed', 'passed')]),
			run('c3', [tc('flip', 'passed'), tc('fixed', 'passed')]),
		];
		expect(flakyCases(runs).cases.map((c) => [c.name, c.reasons])).toEqual([['flip', ['flipping']]]);
		// Outside the window of the last two runs the first flip no longer counts.
		expect(flakyCases(runs, runs.at(-1), 2).cases).toEqual([]);
	});

	it('ignores skipped results between two results that agree', () => {
		day = 0;
		const runs = [run('c1', [tc('slow', 'passed')]), run('c2', [tc('slow', 'skipped')]), run('c3', [tc('slow', 'passed')])];
		expect(flakyCases(runs).cases).toEqual([]);
	});

	it('says when the gate passes only because the runner retried failing tests', () => {
		day = 0;
		const report = flakyCases([run('c1', [tc('login', 'passed', 2), tc('search', 'passed')])]);
		expect(report.passedOnRetry).toEqual([{ suite: 'api.spec.ts', name: 'login', retries: 2 }]);
		expect(report.passesOnlyOnRetry).toBe(true);
		expect(report.cases.map((c) => [c.name, c.reasons])).toEqual([['login', ['retried']]]);
		const failing = flakyCases([run('c2', [tc('login', 'passed', 1), tc('search', 'failed')])]);
		expect(failing.passesOnlyOnRetry).toBe(false);
	});

	// The gate is judged on the newest code's run (currentRun): a rerun of older code imported after
	// it says nothing about whether the gate passes only on a retry.
	it('judges the retries of the run the gate is judged on, not of the run imported last', () => {
		day = 0;
		const newest = run('c2', [tc('login', 'passed', 3)]);
		const olderCodeRerun = run('c1', [tc('login', 'passed')]);
		const report = flakyCases([newest, olderCodeRerun], newest);
		expect(report.passesOnlyOnRetry).toBe(true);
		expect(report.passedOnRetry.map((c) => c.name)).toEqual(['login']);
		expect(flakyCases([newest, olderCodeRerun]).passesOnlyOnRetry).toBe(false);
	});

	it('finds nothing in a steady history', () => {
		day = 0;
		expect(flakyCases([run('c1', [tc('a', 'passed')]), run('c2', [tc('a', 'passed')])])).toEqual({ cases: [], passedOnRetry: [], passesOnlyOnRetry: false });
	});
});
