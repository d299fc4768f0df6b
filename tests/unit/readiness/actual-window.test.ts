// A phase's actual window as its page states it: never "Not started" for a phase under way.
import { describe, expect, it } from 'vitest';
import { actualWindow } from '../../../src/core/schedule.ts';
import type { Phase } from '../../../src/core/schemas/index.ts';

const phase = (status: Phase['status'], actual: { actualStart?: string; actualEnd?: string } = {}) => ({
	status,
	window: { start: '2026-07-01', end: '2026-07-31', ...actual },
});

describe('actualWindow', () => {
	it('says a phase has not started only while it is planned', () => {
		expect(actualWindow(phase('planned'))).toEqual({ kind: 'not-started' });
		for (const status of ['in-progress', 'blocked', 'in-review', 'done'] as const) {
			expect(actualWindow(phase(status)), status).toEqual({ kind: 'start-unrecorded' });
		}
	});

	it('calls a started phase ongoing until it is done, and a done one without an end unrecorded', () => {
		expect(actualWindow(phase('in-review', { actualStart: '2026-07-02' }))).toEqual({ kind: 'ongoing', start: '2026-07-02' });
		expect(actualWindow(phase('done', { actualStart: '2026-07-02' }))).toEqual({ kind: 'end-unrecorded', start: '2026-07-02' });
		expect(actualWindow(phase('done', { actualStart: '2026-07-02', actualEnd: '2026-08-01' }))).toEqual({ kind: 'done', start: '2026-07-02', end: '2026-08-01' });
	});
});

describe('checkFutureDates', () => {
	it('warns of what the documents say has happened, dated after today', async () => {
		const { checkFutureDates } = await import('../../../src/core/schedule.ts');
		const doc = <T>(path: string, id: string, data: T) => ({ path, id, data, lineOf: (field: (string | number)[]) => field.length });
		const program = {
			documents: {
				phase: [doc('content/phases/1.mdx', '1', { approvals: [{ by: 'Alice', role: 'lead', date: '2099-01-01' }, { by: 'Bo', role: 'qa', date: '2026-06-01' }], window: { start: '2026-06-01', end: '2026-06-30', actualStart: '2026-06-02', actualEnd: '2099-06-30' } })],
				rca: [doc('content/rcas/rca-0001.mdx', 'RCA-0001', { resolved: '2026-06-15' })],
				handoff: [doc('content/handoffs/ho-1.mdx', 'HO-1', { status: 'final', date: '2099-06-30' }), doc('content/handoffs/ho-2.mdx', 'HO-2', { status: 'draft', date: '2099-06-30' })],
				review: [],
				changelog: [doc('content/changelog/0.1.0.mdx', '0.1.0', { status: 'released', version: '0.1.0', date: '2099-07-01' })],
			},
		} as never;
		expect(checkFutureDates(program, '2026-06-15').map((f) => `${f.path}  ${f.severity}  ${f.message}`)).toEqual([
			'content/phases/1.mdx  warning  Approval by Alice is dated 2099-01-01, after today (2026-06-15); expected the day it happened',
			"content/phases/1.mdx  warning  Phase 1's actual end is dated 2099-06-30, after today (2026-06-15); expected the day it happened",
			'content/handoffs/ho-1.mdx  warning  Final handoff HO-1 is dated 2099-06-30, after today (2026-06-15); expected the day it happened',
			'content/changelog/0.1.0.mdx  warning  Release 0.1.0 is dated 2099-07-01, after today (2026-06-15); expected the day it happened',
		]);
	});

	// An adopter's attack: "Approved 15 Jan 2027" published by `check --strict` on 3 Dec 2026.
	it('with --strict, an error for a date after tomorrow (today somewhere else), a warning for tomorrow', async () => {
		const { checkFutureDates } = await import('../../../src/core/schedule.ts');
		const doc = <T>(path: string, id: string, data: T) => ({ path, id, data, lineOf: (field: (string | number)[]) => field.length });
		const approvals = [{ by: 'Alice', role: 'lead', date: '2026-12-04' }, { by: 'Bo', role: 'qa', date: '2026-12-05' }];
		const program = { documents: { phase: [doc('content/phases/1.mdx', '1', { approvals, window: { start: '2026-06-01', end: '2026-06-30' } })], rca: [], handoff: [], review: [], changelog: [] } } as never;
		expect(checkFutureDates(program, '2026-12-03', true).map((f) => `${f.severity}  ${f.message}`)).toEqual([
			'warning  Approval by Alice is dated 2026-12-04, after today (2026-12-03); expected the day it happened',
			'error  Approval by Bo is dated 2026-12-05, after today (2026-12-03); expected the day it happened',
		]);
		expect(checkFutureDates(program, '2026-12-31', true)).toEqual([]);
	});
});
