import { describe, expect, test } from 'vitest';
import { decodeCursor, formatStatus, loadAll, statusDocument, type Run } from '../../../src/workflow/history.ts';
import { writeHistory } from '../../fixtures/make-history.mjs';
import { tempDir } from '../../helpers/tmp.ts';

const now = new Date('2026-11-20T17:05:12Z');

function run(id: string, phase: string, gate: string, commit: string, minute: number, result: 'pass' | 'fail'): Run {
	return { id, phase, gate, commit, startedAt: new Date(Date.UTC(2026, 10, 19, 9, minute)).toISOString(), durationS: 38.4, evidence: `evidence/${id}.json`, result };
}

const runs: Run[] = [
	run('run_1', '3', 'e2e', 'c4d2e8f', 0, 'pass'),
	run('run_2', '3', 'e2e', 'a91f3c0', 10, 'fail'),
	run('run_3', '3', 'e2e', 'a91f3c0', 31, 'fail'),
	run('run_4', '3', 'live-container', 'a91f3c0', 58, 'pass'),
	run('run_5', '4', 'build', 'e81f3a7', 5, 'pass'),
];

describe('status document', () => {
	test("REQ-4.2 reports each phase's gates with their last run and reruns", () => {
		const doc = statusDocument(runs, { now });
		expect(doc.generatedAt).toBe('2026-11-20T17:05:12.000Z');
		expect(doc.phases).toEqual([
			{
				id: '3',
				status: 'fail',
				gates: [
					{ id: 'e2e', status: 'fail', lastRun: '2026-11-19T09:31:00.000Z', reruns: 1 },
					{ id: 'live-container', status: 'pass', lastRun: '2026-11-19T09:58:00.000Z', reruns: 0 },
				],
				lastRun: { id: 'run_4', durationS: 38.4, result: 'pass' },
			},
			{ id: '4', status: 'pass', gates: [{ id: 'build', status: 'pass', lastRun: '2026-11-19T09:05:00.000Z', reruns: 0 }], lastRun: { id: 'run_5', durationS: 38.4, result: 'pass' } },
		]);
		expect(doc.runs.map((r) => r.id)).toEqual(['run_4', 'run_3', 'run_2', 'run_5', 'run_1']);
	});

	test('REQ-4.2 filters by phase and pages with an opaque cursor', () => {
		const first = statusDocument(runs, { phase: '3', limit: 2, now });
		expect(first.phases.map((p) => p.id)).toEqual(['3']);
		expect(first.runs.map((r) => r.id)).toEqual(['run_4', 'run_3']);
		expect(first.nextCursor).toBeDefined();
		const second = statusDocument(runs, { phase: '3', limit: 2, cursor: first.nextCursor, now });
		expect(second.runs.map((r) => r.id)).toEqual(['run_2', 'run_1']);
		expect(second.nextCursor).toBeUndefined();
		expect(statusDocument(runs, { limit: 10_000, now }).runs).toHaveLength(5);
		expect(decodeCursor('not-base64-json')).toBe(0);
		expect(decodeCursor(Buffer.from('{"offset":-3}').toString('base64url'))).toBe(0);
		expect(decodeCursor(undefined)).toBe(0);
	});

	test('REQ-4.2 prints the status table', () => {
		expect(formatStatus(statusDocument(runs, { now }))).toBe(
			'PHASE  STATUS  GATES           LAST RUN\n' +
				'3      fail    1/2 pass (e2e)  2026-11-19 09:58\n' +
				'4      pass    1/1 pass        2026-11-19 09:05\n',
		);
		expect(formatStatus({ generatedAt: '', phases: [{ id: '9', status: 'pass', gates: [], lastRun: { id: 'x', durationS: 0, result: 'pass' } }], runs: [] })).toBe(
			'PHASE  STATUS  GATES     LAST RUN\n9      pass    0/0 pass  \n',
		);
	});

	test('REQ-4.2 reads a recorded history with its evidence files', async () => {
		const dir = await tempDir();
		writeHistory(60, dir);
		const loaded = loadAll(dir);
		expect(loaded).toHaveLength(60);
		expect(loaded[0]).toMatchObject({ id: 'run_00001', phase: '1', result: expect.stringMatching(/^(pass|fail)$/) });
		const doc = statusDocument(loaded, { limit: 5, now });
		expect(doc.phases.map((p) => p.id)).toEqual(['1', '2', '3', '4']);
		expect(doc.runs).toHaveLength(5);
	});
});
