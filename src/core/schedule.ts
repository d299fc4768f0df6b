// The plan against the calendar: phases planned to start before a dependency ends, and overdue ones.
import { finding, type Finding } from './findings.ts';
import type { Program } from './load.ts';
import type { Phase } from './schemas/index.ts';

/** Days past the planned end of a phase that is not done, or undefined when it is not overdue. */
export function overdueDays(phase: Pick<Phase, 'status' | 'window'>, today: string): number | undefined {
	if (phase.status === 'done' || phase.window.end >= today) return undefined;
	return Math.round((Date.parse(today) - Date.parse(phase.window.end)) / 86_400_000);
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
