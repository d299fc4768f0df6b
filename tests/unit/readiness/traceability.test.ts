// The traceability matrix counts each test once: the same report imported for several phases is
// not several tests.
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../../src/cli/run-check.ts';
import { evidenceRun, makeProgram, phaseDoc } from '../../helpers/program.ts';

type Case = [string, 'passed' | 'failed', string[]];

async function rowOf(runs: [string, string][], requirement = 'REQ-1.1') {
	const files = Object.fromEntries([['content/phases/2.mdx', phaseDoc('2')], ['content/phases/3.mdx', phaseDoc('3')], ...runs]);
	const { analysis } = await runCheck(makeProgram(files), { diagrams: false, today: '2026-08-01' });
	const row = analysis.traceability!.rows.find((r) => r.id === requirement)!;
	return { status: row.status, unit: row.cells['unit']!.map((c) => `${c.name} ${c.status} (phase ${c.phase})`) };
}

const suite: Case[] = [
	['REQ-1.1 totals', 'passed', ['REQ-1.1']],
	['REQ-1.1 rounding', 'passed', ['REQ-1.1']],
];

describe('traceability: each test once', () => {
	it('the same report imported for two phases counts its tests once, from the requirement’s own phase', async () => {
		const { unit, status } = await rowOf([evidenceRun({ phase: '1', gate: 'unit', cases: suite }), evidenceRun({ phase: '2', gate: 'unit', cases: suite, recordedAt: '2026-07-02T10:00:00.000Z' })]);
		expect(unit).toEqual(['REQ-1.1 totals passed (phase 1)', 'REQ-1.1 rounding passed (phase 1)']);
		expect(status).toBe('passing');
	});

	it('a later phase failing the test does not stand for the phase whose requirement it is, which passed it', async () => {
		const later: Case[] = [['REQ-1.1 totals', 'failed', ['REQ-1.1']]];
		const { unit, status } = await rowOf([evidenceRun({ phase: '1', gate: 'unit', cases: suite }), evidenceRun({ phase: '2', gate: 'unit', cases: later, recordedAt: '2026-07-02T10:00:00.000Z' })]);
		expect(unit).toEqual(['REQ-1.1 totals passed (phase 1)', 'REQ-1.1 rounding passed (phase 1)']);
		expect(status).toBe('passing');
	});

	it('a test only other phases ran shows once, from the most recent of their runs', async () => {
		const run = (phase: string, recordedAt: string, status: 'passed' | 'failed') => evidenceRun({ phase, gate: 'unit', recordedAt, cases: [['REQ-2.1 import', status, ['REQ-2.1']]] });
		const files = [run('1', '2026-07-01T10:00:00.000Z', 'passed'), run('3', '2026-07-03T10:00:00.000Z', 'failed'), evidenceRun({ phase: '2', gate: 'unit', cases: [['other', 'passed', []]] })];
		expect(await rowOf(files, 'REQ-2.1')).toEqual({ status: 'failing', unit: ['REQ-2.1 import failed (phase 3)'] });
	});

	// An adopter's attack: phase 1's run held a test of REQ-2.1 that phase 2 then deleted, and the
	// matrix and phase 2's handoff read "Met" on it.
	it('a run of a phase the requirement’s phase depends on does not count for it; a later phase’s does', async () => {
		const files = Object.fromEntries([
			['content/phases/2.mdx', phaseDoc('2', 'dependsOn: ["1"]\n')],
			['content/phases/3.mdx', phaseDoc('3', 'dependsOn: ["2"]\n')],
			evidenceRun({ phase: '1', gate: 'unit', cases: [['REQ-2.1 peak', 'passed', ['REQ-2.1']]] }),
			evidenceRun({ phase: '2', gate: 'unit', recordedAt: '2026-07-02T10:00:00.000Z', cases: [['other', 'passed', []]] }),
		]);
		const row = async (extra: [string, string][] = []) => {
			const { analysis } = await runCheck(makeProgram({ ...files, ...Object.fromEntries(extra) }), { diagrams: false, today: '2026-08-01' });
			const found = analysis.traceability!.rows.find((r) => r.id === 'REQ-2.1')!;
			return { status: found.status, unit: found.cells['unit']!.map((c) => `${c.name} ${c.status} (phase ${c.phase})`), phase2: analysis.traceability!.byPhase.find((p) => p.phase === '2')!.covered };
		};
		expect(await row()).toEqual({ status: 'untested', unit: [], phase2: 0 });
		const later = evidenceRun({ phase: '3', gate: 'unit', recordedAt: '2026-07-03T10:00:00.000Z', cases: [['REQ-2.1 peak', 'passed', ['REQ-2.1']]] });
		expect(await row([later])).toEqual({ status: 'passing', unit: ['REQ-2.1 peak passed (phase 3)'], phase2: 1 });
	});

	it('two cases of one run with the same name are both kept: only copies from other runs are dropped', async () => {
		const twins: Case[] = [
			['REQ-1.1 totals', 'passed', ['REQ-1.1']],
			['REQ-1.1 totals', 'failed', ['REQ-1.1']],
		];
		const { unit, status } = await rowOf([evidenceRun({ phase: '1', gate: 'unit', cases: twins })]);
		expect(unit).toEqual(['REQ-1.1 totals passed (phase 1)', 'REQ-1.1 totals failed (phase 1)']);
		expect(status).toBe('failing');
	});
});
