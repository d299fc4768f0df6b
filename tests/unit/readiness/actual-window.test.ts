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
