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

/** Rule: a phase is planned to start after every phase it depends on is planned to end. */
export function checkSchedule(program: Program): Finding[] {
	const byId = new Map(program.documents.phase.map((p) => [p.id, p]));
	const findings: Finding[] = [];
	for (const phase of program.documents.phase) {
		for (const id of phase.data.dependsOn) {
			const dependency = byId.get(id);
			if (!dependency || phase.data.window.start > dependency.data.window.end) continue;
			findings.push(finding(phase.path, phase.lineOf(['window', 'start']), 'warning', `Phase ${phase.id} is planned to start on ${phase.data.window.start}, before phase ${id}, which it depends on, ends on ${dependency.data.window.end}`, 'schedule/dependency'));
		}
	}
	return findings;
}
