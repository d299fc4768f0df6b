// Gate rules one by one: tests, coverage and findings with the allow-list.
import { describe, expect, it } from 'vitest';
import { blockingFindings, evaluateGate, formatPercent } from '../../../src/core/gates.ts';
import type { Gate, SecurityFinding } from '../../../src/core/schemas/index.ts';
import { testProject } from './helpers.ts';

const project = testProject({
	allowlist: [
		{
			ruleId: 'CVE-2021-1000',
			rationale: 'Not reachable: the parser is never given user input.',
			expires: '2026-06-30',
		},
		{
			ruleId: 'CVE-2021-2000',
			rationale: 'Only phase 2 ships the affected image.',
			expires: '2099-01-01',
			phase: '2',
		},
		{ ruleId: 'CVE-2021-3000', rationale: 'Expired exception.', expires: '2026-01-01' },
	],
});
const gate = (rule: Gate['rule'], threshold?: number): Gate => ({
	id: rule,
	title: rule,
	layer: 'unit',
	rule,
	requiredFor: 'all',
	...(threshold === undefined ? {} : { threshold }),
});
const today = '2026-06-30';
const tests = (passed: number, failed: number, skipped = 0) => ({
	phase: '1',
	tests: { total: passed + failed + skipped, passed, failed, skipped, durationMs: 1 },
});
const finding = (ruleId: string, severity: SecurityFinding['severity']): SecurityFinding => ({
	ruleId,
	severity,
	message: 'm',
});

describe('tests rule', () => {
	it('passes with at least one test run and none failed', () => {
		expect(evaluateGate(tests(120, 0, 3), gate('tests'), project, today)).toEqual({
			status: 'pass',
			reasons: [],
		});
	});

	it('fails on failed tests, saying how many of how many', () => {
		expect(evaluateGate(tests(38, 2), gate('tests'), project, today)).toEqual({
			status: 'fail',
			reasons: ['2 of 40 tests failed'],
		});
	});

	it('names up to three failing tests, so a blocker says what to fix', () => {
		const failed = (name: string) => ({ name, suite: 's', status: 'failed' as const, durationMs: 1, requirements: [] });
		const run = { ...tests(1, 4), cases: ['a', 'b', 'c', 'd'].map(failed) };
		expect(evaluateGate(run, gate('tests'), project, today).reasons).toEqual([
			'4 of 5 tests failed: "a", "b", "c" and 1 more',
		]);
	});

	// A real-tools attack: a 5,000-character generated name made each reason, blocker and summary one line as long.
	it('quotes a very long failing name by its start and end, and a name up to 120 characters whole', () => {
		const failed = (name: string) => ({ name, suite: 's', status: 'failed' as const, durationMs: 1, requirements: [] });
		const long = `L${'o'.repeat(5000)}ng case 17`;
		const whole = 'x'.repeat(120);
		const [reason] = evaluateGate({ ...tests(1, 2), cases: [failed(long), failed(whole)] }, gate('tests'), project, today).reasons;
		expect(reason).toBe(`2 of 3 tests failed: "L${'o'.repeat(98)}…${'o'.repeat(10)}ng case 17", "${whole}"`);
	});

	it('gives a failing name that several suites share with its suite, so the three named are told apart', () => {
		const failed = (suite: string, name: string) => ({ name, suite, status: 'failed' as const, durationMs: 1, requirements: [] });
		const run = { ...tests(5, 3), cases: [failed('pkg.A', 'test_x[0]'), failed('pkg.B', 'test_x[0]'), failed('pkg.B', 'test_y')] };
		expect(evaluateGate(run, gate('tests'), project, today).reasons).toEqual([
			'3 of 8 tests failed: "pkg.A > test_x[0]", "pkg.B > test_x[0]", "test_y"',
		]);
	});

	it('fails when no test ran, or every test was skipped', () => {
		expect(evaluateGate(tests(0, 0), gate('tests'), project, today).reasons).toEqual([
			'No tests ran',
		]);
		expect(evaluateGate(tests(0, 0, 3), gate('tests'), project, today).reasons).toEqual([
			'All 3 tests were skipped; none ran',
		]);
	});

	it('fails when the run has no test results at all', () => {
		expect(evaluateGate({ phase: '1' }, gate('tests'), project, today).reasons).toEqual([
			'No test results were recorded',
		]);
	});
});

describe('coverage rule', () => {
	const coverage = (lines: number) => ({
		phase: '1',
		coverage: { lines, statements: 0, functions: 0, branches: 0 },
	});

	it("compares line coverage with the project's threshold, inclusive", () => {
		expect(evaluateGate(coverage(85), gate('coverage'), project, today).status).toBe('pass');
		expect(evaluateGate(coverage(81.2), gate('coverage'), project, today)).toEqual({
			status: 'fail',
			reasons: ['Line coverage 81.2 % is below the 85 % threshold'],
		});
	});

	it("prefers the gate's own threshold", () => {
		expect(evaluateGate(coverage(81.2), gate('coverage', 80), project, today).status).toBe('pass');
		expect(evaluateGate(coverage(90.456), gate('coverage', 92.5), project, today).reasons).toEqual([
			'Line coverage 90.46 % is below the 92.5 % threshold',
		]);
	});

	it('fails without a coverage summary', () => {
		expect(evaluateGate({ phase: '1' }, gate('coverage'), project, today).reasons).toEqual([
			'No coverage summary was recorded',
		]);
	});
});

describe('findings rule', () => {
	const scan = (findings: SecurityFinding[], phase = '1') =>
		evaluateGate({ phase, findings }, gate('findings'), project, today);

	it('passes with only medium, low and info findings', () => {
		expect(scan([finding('A', 'medium'), finding('B', 'low'), finding('C', 'info')]).status).toBe(
			'pass',
		);
		expect(scan([]).status).toBe('pass');
	});

	it('fails on each critical or high finding that is not allow-listed, once per rule', () => {
		expect(
			scan([
				finding('CVE-2021-36159', 'critical'),
				finding('CVE-2022-1', 'high'),
				finding('CVE-2022-1', 'high'),
			]),
		).toEqual({
			status: 'fail',
			reasons: [
				'CVE-2021-36159 (critical) is open and not allow-listed',
				'CVE-2022-1 (high) is open and not allow-listed (2 occurrences)',
			],
		});
	});

	it('accepts an allow-listed finding until its expiry date, inclusive', () => {
		expect(scan([finding('CVE-2021-1000', 'critical')]).status).toBe('pass');
		const dayAfter = evaluateGate(
			{ phase: '1', findings: [finding('CVE-2021-1000', 'critical')] },
			gate('findings'),
			project,
			'2026-07-01',
		);
		expect(dayAfter.reasons).toEqual([
			'CVE-2021-1000 (critical) is open; its allow-list entry expired on 2026-06-30',
		]);
	});

	it('applies a phase-scoped entry to that phase only', () => {
		expect(scan([finding('CVE-2021-2000', 'high')], '2').status).toBe('pass');
		expect(scan([finding('CVE-2021-2000', 'high')], '1').reasons).toEqual([
			'CVE-2021-2000 (high) is open and not allow-listed',
		]);
	});

	it('names an expired entry', () => {
		expect(scan([finding('CVE-2021-3000', 'high')]).reasons).toEqual([
			'CVE-2021-3000 (high) is open; its allow-list entry expired on 2026-01-01',
		]);
	});

	it('fails without scan results', () => {
		expect(evaluateGate({ phase: '1' }, gate('findings'), project, today).reasons).toEqual([
			'No security scan results were recorded',
		]);
	});

	it('exposes the blocking findings for readiness, worst severity per rule', () => {
		const blocking = blockingFindings(
			[finding('X', 'high'), finding('X', 'critical'), finding('Y', 'medium')],
			'1',
			project,
			today,
		);
		expect(blocking.map((b) => [b.finding.ruleId, b.finding.severity])).toEqual([
			['X', 'critical'],
		]);
		expect(blocking[0]!.reason).toBe('X (critical) is open and not allow-listed (2 occurrences)');
	});
});

describe('formatPercent', () => {
	it('prints at most two decimals without trailing zeros', () => {
		expect([
			formatPercent(85),
			formatPercent(81.2),
			formatPercent(66.666),
			formatPercent(100),
		]).toEqual(['85 %', '81.2 %', '66.67 %', '100 %']);
	});
});

describe('findings rule on a huge scan', () => {
	it('names the first ten blocking rules and counts the rest (200,000 findings)', () => {
		const findings = Array.from({ length: 200_000 }, (_, i) => finding(`CVE-2026-${i}`, i % 2 ? 'high' : 'low'));
		const { status, reasons } = evaluateGate({ phase: '1', findings }, gate('findings'), project, today);
		expect(status).toBe('fail');
		expect(reasons).toHaveLength(11);
		expect(reasons[0]).toMatch(/^CVE-2026-1 \(high\)/);
		expect(reasons[10]).toBe('and 99990 more rules with blocking findings');
	});
});

