// A blocker names the owner of what must change: the task or RCA a failing test or finding belongs to.
import { describe, expect, it } from 'vitest';
import { analyse } from '../../../src/core/analysis.ts';
import { evidenceRun, makeProgram, rcaDoc } from '../../helpers/program.ts';

const PROJECT = `name: P
description: D
gates:
  - { id: unit, title: Unit tests, layer: unit }
  - { id: security, title: Security scan, layer: security, rule: findings }
`;

async function blockers(files: Record<string, string>) {
	const analysis = await analyse(makeProgram({ 'content/project.yaml': PROJECT, ...files }), { today: '2026-01-15' });
	return analysis.readiness.get('1')!.blockers.filter((b) => b.rule === 'gate').map((b) => `${b.owner}: ${b.message}`);
}

const UNIT = evidenceRun({ gate: 'unit', cases: [['REQ-1.1 parses', 'failed'], ['REQ-1.1 survives restarts', 'failed'], ['REQ-1.1 other', 'failed'], ['REQ-1.1 fine', 'passed']] });
const SECURITY = evidenceRun({ gate: 'security', findings: [{ ruleId: 'CVE-1', severity: 'high', location: 'src/a.ts:1' }, { ruleId: 'CVE-2', severity: 'critical', location: 'lib/x.ts:4' }] });

describe('blocker owners', () => {
	it('ok: without tasks or RCAs naming them, every gate blocker is the phase owner’s', async () => {
		expect(await blockers(Object.fromEntries([UNIT, SECURITY]))).toEqual([
			'ana: Unit tests gate fails: 3 of 4 tests failed: "REQ-1.1 parses", "REQ-1.1 survives restarts", "REQ-1.1 other"',
			'ana: Security scan gate fails: CVE-1 (high) is open and not allow-listed; CVE-2 (critical) is open and not allow-listed',
		]);
	});

	it('not ok for the phase owner: failing tests a task (by suite and name) and an RCA name, a finding in a task’s artifact', async () => {
		const tasks = `tasks:
  - { id: T-1, phase: "1", title: Parser, status: doing, owner: ben, tests: ["suite.test.ts > REQ-1.1 parses"] }
  - { id: T-2, phase: "1", title: Module a, status: doing, owner: dee, artifacts: [src/] }
`;
		const rca = rcaDoc('RCA-0001', 'status: mitigated\nregressionTests: [REQ-1.1 survives restarts]\n').replace('owners: [ana]', 'owners: [cai]');
		expect(await blockers(Object.fromEntries([UNIT, SECURITY, ['content/tasks.yaml', tasks], ['content/rcas/rca-0001.mdx', rca]]))).toEqual([
			// Each owner's blocker names their tests, and the run's count: 3 failed, not 1.
			'ben: Unit tests gate fails: 3 of 4 tests failed, among them "REQ-1.1 parses"',
			'cai: Unit tests gate fails: 3 of 4 tests failed, among them "REQ-1.1 survives restarts"',
			'ana: Unit tests gate fails: 3 of 4 tests failed, among them "REQ-1.1 other"',
			'dee: Security scan gate fails: CVE-1 (high) is open and not allow-listed',
			'ana: Security scan gate fails: CVE-2 (critical) is open and not allow-listed',
		]);
	});
});
