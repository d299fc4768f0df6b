// The plan against the calendar: phases planned to start before a dependency ends, and overdue ones.
import { finding, type Finding } from './findings.ts';
import type { Program } from './load.ts';
import type { Phase } from './schemas/index.ts';

/** Days past the planned end of a phase that is not done, or undefined when it is not overdue. */
export function overdueDays(phase: Pick<Phase, 'status' | 'window'>, today: string): number | undefined {
	if (phase.status === 'done' || phase.window.end >= today) return undefined;
	return Math.round((Date.parse(today) - Date.parse(phase.window.end)) / 86_400_000);
}

/**
 * What a phase's actual window says, as far as its dates and status allow: a phase that is under
 * way or done without an actualStart has started all the same, and a done phase is not ongoing.
 */
export type ActualWindow =
	| { kind: 'not-started' }
	| { kind: 'start-unrecorded' }
	| { kind: 'ongoing'; start: string }
	| { kind: 'end-unrecorded'; start: string }
	| { kind: 'done'; start: string; end: string };

export function actualWindow(phase: Pick<Phase, 'status' | 'window'>): ActualWindow {
	const { actualStart: start, actualEnd: end } = phase.window;
	if (!start) return phase.status === 'planned' ? { kind: 'not-started' } : { kind: 'start-unrecorded' };
	if (end) return { kind: 'done', start, end };
	return phase.status === 'done' ? { kind: 'end-unrecorded', start } : { kind: 'ongoing', start };
}

/**
 * Rule: a phase that has not started yet is planned to start after every phase it depends on
 * ends: on its actualEnd once it has one (a team that finished early may start the next phase
 * early), else on its planned end. A phase that has started (actualStart) is not judged: its start
 * is history, which no edit of the plan changes.
 */
export function checkSchedule(program: Program): Finding[] {
	const byId = new Map(program.documents.phase.map((p) => [p.id, p]));
	const findings: Finding[] = [];
	for (const phase of program.documents.phase) {
		for (const id of phase.data.dependsOn) {
			const dependency = byId.get(id);
			// A phase depending on itself is a cycle of one (references/cycle), not a late start.
			if (!dependency || dependency === phase) continue;
			if (phase.data.window.actualStart) continue;
			const ended = dependency.data.window.actualEnd;
			const end = ended ?? dependency.data.window.end;
			if (phase.data.window.start > end) continue;
			const ends = ended ? `ended on ${ended}` : `ends on ${end}`;
			findings.push(finding(phase.path, phase.lineOf(['window', 'start']), 'warning', `Phase ${phase.id} is planned to start on ${phase.data.window.start}, before phase ${id}, which it depends on, ${ends}`, 'schedule/dependency'));
		}
	}
	return findings;
}

/**
 * Rule: what the documents say has happened happened by today. An approval, an actual start or end,
 * a final handoff or review, a resolved RCA or a released version dated after today is a claim
 * nothing can back yet (a typo of the year, or a record written ahead).
 */
export function checkFutureDates(program: Program, today: string, strict = false): Finding[] {
	const findings: Finding[] = [];
	// Tomorrow here is today somewhere (a CI machine on UTC, a team on UTC+13): with --strict, only
	// a date after that is an error.
	const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
	const future = (doc: { path: string; lineOf: (p: (string | number)[]) => number }, field: (string | number)[], date: string | undefined, what: string) => {
		if (date && date > today) findings.push(finding(doc.path, doc.lineOf(field), strict && date > tomorrow ? 'error' : 'warning', `${what} is dated ${date}, after today (${today}); expected the day it happened`, 'schedule/future'));
	};
	for (const phase of program.documents.phase) {
		phase.data.approvals.forEach((a, i) => future(phase, ['approvals', i, 'date'], a.date, `Approval by ${a.by}`));
		future(phase, ['window', 'actualStart'], phase.data.window.actualStart, `Phase ${phase.id}'s actual start`);
		future(phase, ['window', 'actualEnd'], phase.data.window.actualEnd, `Phase ${phase.id}'s actual end`);
	}
	for (const rca of program.documents.rca) future(rca, ['resolved'], rca.data.resolved, `${rca.id}'s resolution`);
	for (const handoff of program.documents.handoff) if (handoff.data.status === 'final') future(handoff, ['date'], handoff.data.date, `Final handoff ${handoff.id}`);
	for (const review of program.documents.review) if (review.data.status === 'final') future(review, ['date'], review.data.date, `Final review ${review.id}`);
	for (const entry of program.documents.changelog) if (entry.data.status === 'released') future(entry, ['date'], entry.data.date, `Release ${entry.data.version}`);
	return findings;
}
