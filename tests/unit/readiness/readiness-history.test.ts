// A phase's readiness over time, from runs recorded on several dates and its documents' versions.
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../../src/core/analysis.ts';
import type { FileVersions } from '../../../src/core/git/versions.ts';
import type { Blocker } from '../../../src/core/readiness.ts';
import { readinessHistory, readinessSnapshots } from '../../../src/core/readiness-history.ts';
import { evidenceRun, makeProgram, phaseDoc, PROJECT_YAML } from '../../helpers/program.ts';

const blocker = (key: string, message = key): Blocker => ({ rule: 'gate', key, message, owner: 'ana', href: '/phases/1/' });

describe('readinessHistory', () => {
	it('opens a blocker when it first appears, keeps it while its key stays, closes it when it goes', () => {
		const history = readinessHistory('1', [
			{ at: '2026-03-03T00:00:00Z', blockers: [blocker('gate:unit', 'Unit tests gate fails: 2 of 9 tests failed')] },
			{ at: '2026-03-01T00:00:00Z', blockers: [blocker('gate:unit', 'No evidence for the required Unit tests gate'), blocker('deliverable:docs')] },
			{ at: '2026-03-05T00:00:00Z', blockers: [blocker('gate:unit', 'Unit tests gate fails: 1 of 9 tests failed')] },
		]);
		expect(history.series).toEqual([
			{ at: '2026-03-01T00:00:00Z', open: 2 },
			{ at: '2026-03-03T00:00:00Z', open: 1 },
			{ at: '2026-03-05T00:00:00Z', open: 1 },
		]);
		expect(history.spans.map((s) => [s.key, s.opened, s.closed, s.message])).toEqual([
			['gate:unit', '2026-03-01T00:00:00Z', undefined, 'Unit tests gate fails: 1 of 9 tests failed'],
			['deliverable:docs', '2026-03-01T00:00:00Z', '2026-03-03T00:00:00Z', 'deliverable:docs'],
		]);
		expect(history.blockedSince).toBe('2026-03-01T00:00:00Z');
	});

	it('counts the blocked time from the last moment the phase was ready, and none once it is ready', () => {
		const again = readinessHistory('1', [
			{ at: '2026-03-01T00:00:00Z', blockers: [blocker('a')] },
			{ at: '2026-03-02T00:00:00Z', blockers: [] },
			{ at: '2026-03-04T00:00:00Z', blockers: [blocker('b')] },
		]);
		expect(again.blockedSince).toBe('2026-03-04T00:00:00Z');
		expect(readinessHistory('1', [{ at: '2026-03-01T00:00:00Z', blockers: [blocker('a')] }, { at: '2026-03-09T00:00:00Z', blockers: [] }]).blockedSince).toBeUndefined();
	});
});

describe('readinessSnapshots', () => {
	const PROJECT = `${PROJECT_YAML.replace(/gates:[\s\S]*$/, '')}gates:\n  - { id: unit, title: Unit tests, layer: unit }\n`;
	const root = makeProgram(
		{
			'content/project.yaml': PROJECT,
			'content/phases/1.mdx': phaseDoc('1', 'deliverables:\n  - { title: Docs, done: true }\n'),
			...Object.fromEntries([
				evidenceRun({ gate: 'unit', recordedAt: '2026-03-01T10:00:00.000Z', cases: [['REQ-1.1 works', 'failed', ['REQ-1.1']]] }),
				evidenceRun({ gate: 'unit', recordedAt: '2026-03-04T10:00:00.000Z', cases: [['REQ-1.1 works', 'failed', ['REQ-1.1']], ['REQ-1.1 other', 'passed']] }),
				evidenceRun({ gate: 'unit', recordedAt: '2026-03-08T10:00:00.000Z', cases: [['REQ-1.1 works', 'passed', ['REQ-1.1']]] }),
			]),
		},
		{ git: false },
	);
	afterAll(() => rmSync(root, { recursive: true, force: true }));

	it('recomputes the verdict at each run, so the unit gate blocks from the first run to the fix', async () => {
		const analysis = await analyse(root, { today: '2026-03-10' });
		const phase = analysis.program.documents.phase[0]!;
		const readiness = analysis.readiness.get('1')!;
		const snapshots = readinessSnapshots(phase, {
			program: analysis.program,
			project: analysis.project!,
			templates: analysis.templates,
			runs: analysis.runs,
			versions: new Map(),
			now: { at: '2026-03-10T23:59:59Z', readiness },
		});
		expect(snapshots.map((s) => [s.at, s.blockers.map((b) => b.key)])).toEqual([
			['2026-03-01T10:00:00.000Z', ['gate:unit']],
			['2026-03-04T10:00:00.000Z', ['gate:unit']],
			['2026-03-08T10:00:00.000Z', []],
			['2026-03-10T23:59:59Z', []],
		]);
		const history = readinessHistory('1', snapshots);
		expect(history.spans).toMatchObject([{ key: 'gate:unit', opened: '2026-03-01T10:00:00.000Z', closed: '2026-03-08T10:00:00.000Z', message: expect.stringContaining('1 of 2 tests failed') }]);
		expect(history.blockedSince).toBeUndefined();
	});

	it('reads the phase report as committed then: a deliverable done later blocked until that commit', async () => {
		const analysis = await analyse(root, { today: '2026-03-10' });
		const phase = analysis.program.documents.phase[0]!;
		const versions: FileVersions = new Map([
			[
				phase.path,
				[
					{ at: '2026-02-20T09:00:00Z', text: phaseDoc('1', 'deliverables:\n  - { title: Docs, done: false }\n') },
					{ at: '2026-03-06T09:00:00Z', text: phaseDoc('1', 'deliverables:\n  - { title: Docs, done: true }\n') },
				],
			],
		]);
		const snapshots = readinessSnapshots(phase, {
			program: analysis.program,
			project: analysis.project!,
			templates: analysis.templates,
			runs: analysis.runs,
			versions,
			now: { at: '2026-03-10T23:59:59Z', readiness: analysis.readiness.get('1')! },
		});
		const history = readinessHistory('1', snapshots);
		const docs = history.spans.find((s) => s.key === 'deliverable:Deliverable not done: Docs');
		expect(docs).toMatchObject({ opened: '2026-02-20T09:00:00Z', closed: '2026-03-06T09:00:00Z' });
		// Before the first run the unit gate had no evidence: the same gate blocker, open from the start.
		expect(history.spans.find((s) => s.key === 'gate:unit')).toMatchObject({ opened: '2026-02-20T09:00:00Z', closed: '2026-03-08T10:00:00.000Z' });
		expect(history.series.map((p) => p.open)).toEqual([2, 2, 2, 1, 0, 0]);
	});
});
