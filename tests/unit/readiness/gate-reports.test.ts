// Gate pages: which phase and gate pairs get one, and how their cases are arranged.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { caseAnchor, groupCases } from '../../../src/core/case-groups.ts';
import { gateReports } from '../../../src/core/gate-reports.ts';
import type { GateStatus } from '../../../src/core/gate-status.ts';
import type { Readiness } from '../../../src/core/readiness.ts';
import { projectSchema, type TestCase } from '../../../src/core/schemas/index.ts';
import { storedRun } from '../../helpers/runs.ts';

const project = projectSchema.parse(
	parse(`name: P
description: D
gates:
  - { id: unit, title: Unit tests, layer: unit }
  - { id: coverage, title: Coverage, layer: unit, rule: coverage }
  - { id: perf, title: Performance, layer: perf, requiredFor: ["2"] }
`),
);

const tc = (name: string, suite: string, status: TestCase['status']): TestCase => ({ name, suite, status, durationMs: 10, requirements: [] });

const run = storedRun;

describe('gateReports', () => {
	const runs = [
		run('1', 'coverage', '2026-01-01T00:00:00Z', { coverage: { lines: 80, statements: 80, functions: 80, branches: 80 } }),
		run('1', 'perf', '2026-01-02T00:00:00Z', { status: 'fail', tests: { total: 1, passed: 0, failed: 1, skipped: 0, durationMs: 5 } }),
		run('2', 'coverage', '2026-02-01T00:00:00Z', { coverage: { lines: 90, statements: 90, functions: 90, branches: 90 } }),
	];
	const unitMissing: GateStatus = { gate: project.gates[0]!, runs: [], status: 'missing', reasons: ['none'] };
	const readiness = new Map<string, Readiness>([
		['1', { phase: '1', ready: false, blockers: [], gates: [unitMissing, { gate: project.gates[1]!, runs: [runs[0]!], latest: runs[0]!, status: 'fail', reasons: ['low'] }], settings: project, judgedOn: '2026-03-01' }],
		['2', { phase: '2', ready: false, blockers: [], gates: [unitMissing, { gate: project.gates[1]!, runs: [runs[2]!], latest: runs[2]!, status: 'pass', reasons: [] }], settings: project, judgedOn: '2026-03-01' }],
	]);
	const reports = gateReports({ phases: ['1', '2'], project, runs, readiness, today: '2026-03-01' });
	const key = (r: { phase: string; gate: { id: string } }) => `${r.phase}/${r.gate.id}`;

	it('has a page for every required gate and for any other gate with evidence', () => {
		// Phase 2's perf gate is not in its (stubbed) verdict and has no run: no page.
		expect(reports.map(key)).toEqual(['1/unit', '1/coverage', '1/perf', '2/unit', '2/coverage']);
		expect(reports.find((r) => key(r) === '1/perf')).toMatchObject({ required: false, status: 'fail' });
		expect(reports.find((r) => key(r) === '1/unit')).toMatchObject({ required: true, status: 'missing', reasons: ['none'] });
	});

	it('compares coverage with the previous phase in delivery order', () => {
		const coverage = reports.find((r) => key(r) === '2/coverage')!;
		expect(coverage.previousPhase).toBe('1');
		expect(coverage.coverage?.previousPhase?.deltas[0]?.delta).toBe(10);
		expect(reports.find((r) => key(r) === '1/coverage')?.coverage?.previousPhase).toBeUndefined();
	});
});

describe('groupCases', () => {
	it('lists failing cases first and groups every case by suite, failing suites first', () => {
		const cases = [tc('a', 's2', 'passed'), tc('b', 's1', 'passed'), tc('c', 's3', 'failed'), tc('d', 's1', 'skipped')];
		const groups = groupCases(cases);
		expect(groups.failed.map((c) => c.name)).toEqual(['c']);
		expect(groups.suites.map((s) => [s.suite, s.passed, s.failed, s.skipped])).toEqual([
			['s3', 0, 1, 0],
			['s1', 1, 0, 1],
			['s2', 1, 0, 0],
		]);
	});

	it('gives each case a unique anchor, repeats of a name numbered', () => {
		const cases = [tc('same', 's', 'passed'), tc('same', 's', 'failed'), tc('<b>other</b>', 's', 'passed')];
		const { anchors } = groupCases(cases);
		const first = caseAnchor('s', 'same');
		expect(first).toMatch(/^case-[0-9a-f]{8}$/);
		expect([anchors.get(cases[0]!), anchors.get(cases[1]!)]).toEqual([first, `${first}-2`]);
		expect(anchors.get(cases[2]!)).toMatch(/^case-[0-9a-f]{8}$/);
	});

	it('handles thousands of cases, every anchor unique', () => {
		const many = Array.from({ length: 20_000 }, (_, i) => tc(`case ${i}`, `suite ${i % 100}`, i % 1000 === 0 ? 'failed' : 'passed'));
		const groups = groupCases(many);
		expect(groups.failed).toHaveLength(20);
		expect(groups.suites).toHaveLength(100);
		expect(new Set(groups.anchors.values()).size).toBe(20_000);
	});
});
