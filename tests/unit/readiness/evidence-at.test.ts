// A handoff's evidence: only the runs recorded on or before its date count.
import { describe, expect, it } from 'vitest';
import { phaseEvidenceAt, runsUpTo } from '../../../src/core/evidence-at.ts';
import { parseDocument, type Program, type SourceDocument } from '../../../src/core/load.ts';
import { projectSchema, type Phase } from '../../../src/core/schemas/index.ts';
import { phaseDoc } from '../../helpers/program.ts';
import { storedRun } from '../../helpers/runs.ts';

const project = projectSchema.parse({
	name: 'P',
	description: 'D',
	gates: [
		{ id: 'unit', title: 'Unit tests', layer: 'unit' },
		{ id: 'coverage', title: 'Coverage', layer: 'unit', rule: 'coverage' },
	],
});

const phase = (id: string) => parseDocument('phase', `content/phases/${id}.mdx`, phaseDoc(id)).document as SourceDocument<Phase>;
const program = { documents: { phase: [phase('1'), phase('2')], rca: [], handoff: [], review: [], changelog: [] }, tasks: [] } as unknown as Program;

const run = storedRun;

const cases = (status: 'passed' | 'failed') => ({
	tests: { total: 1, passed: status === 'passed' ? 1 : 0, failed: status === 'failed' ? 1 : 0, skipped: 0, durationMs: 5 },
	cases: [{ name: 'REQ-2.1 works', suite: 's', status, durationMs: 5, requirements: ['REQ-2.1'] }],
});
const cov = (lines: number) => ({ coverage: { lines, statements: lines, functions: lines, branches: lines } });

const runs = [
	run('1', 'coverage', '2026-03-01T10:00:00Z', cov(80)),
	run('2', 'unit', '2026-03-10T10:00:00Z', cases('failed')),
	run('2', 'coverage', '2026-03-10T10:00:00Z', cov(84)),
	run('2', 'unit', '2026-03-15T23:59:00Z', cases('passed')),
	run('2', 'coverage', '2026-03-15T12:00:00Z', cov(88.5)),
	// After the handoff: the pages show it, the handoff does not.
	run('2', 'unit', '2026-03-20T10:00:00Z', cases('failed')),
	run('2', 'coverage', '2026-03-20T10:00:00Z', cov(70)),
];

describe('runsUpTo', () => {
	it('keeps the runs of the day itself and before, by their UTC day', () => {
		expect(runsUpTo(runs, '2026-03-15').map((r) => r.recordedAt.slice(0, 10))).toEqual(['2026-03-01', '2026-03-10', '2026-03-10', '2026-03-15', '2026-03-15']);
	});
});

describe('phaseEvidenceAt', () => {
	const evidence = phaseEvidenceAt({ program, project, runs, phase: phase('2'), previousPhase: '1', date: '2026-03-15' });

	it('judges each gate on its latest run up to the date', () => {
		expect(evidence.gates.map((g) => [g.gate.id, g.status, g.latest?.recordedAt, g.runs.length])).toEqual([
			['unit', 'pass', '2026-03-15T23:59:00Z', 2],
			['coverage', 'pass', '2026-03-15T12:00:00Z', 2],
		]);
		expect(evidence.later).toBe(2);
	});

	it('gives the coverage deltas of that day, against the run before and the previous phase', () => {
		const [{ gate, comparison }] = evidence.coverage as [(typeof evidence.coverage)[number]];
		expect(gate.id).toBe('coverage');
		expect(comparison.latest.coverage?.lines).toBe(88.5);
		expect(comparison.previousRun?.deltas[0]).toEqual({ metric: 'lines', current: 88.5, previous: 84, delta: 4.5 });
		expect(comparison.previousPhase?.deltas[0]).toEqual({ metric: 'lines', current: 88.5, previous: 80, delta: 8.5 });
	});

	it('counts the requirements passing tests covered then', () => {
		expect(evidence.requirements).toEqual({ phase: '2', total: 1, covered: 1, percent: 100 });
		const before = phaseEvidenceAt({ program, project, runs, phase: phase('2'), previousPhase: '1', date: '2026-03-12' });
		expect(before.requirements?.covered).toBe(0);
		expect(before.gates[0]?.status).toBe('fail');
	});

	it('has no gate results before the first run', () => {
		const early = phaseEvidenceAt({ program, project, runs, phase: phase('2'), date: '2026-02-01' });
		expect(early.gates.map((g) => g.status)).toEqual(['missing', 'missing']);
		expect(early.coverage).toEqual([]);
		expect(early.later).toBe(6);
	});

	it('judges requirement coverage on every run when none of the phase\'s had been recorded by the date, as the check does', () => {
		expect(evidence.requirementsFrom).toBe('date');
		const early = phaseEvidenceAt({ program, project, runs, phase: phase('2'), date: '2026-02-01' });
		// The latest run of phase 2 (2026-03-20) failed REQ-2.1's test: 0 of 1, from all the runs.
		expect([early.requirementsFrom, early.requirements]).toEqual(['all', { phase: '2', total: 1, covered: 0, percent: 0 }]);
		const passedLast = [...runs.slice(0, 5)];
		expect(phaseEvidenceAt({ program, project, runs: passedLast, phase: phase('2'), date: '2026-02-01' }).requirements?.covered).toBe(1);
	});
});
