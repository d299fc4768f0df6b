// Who must act on a blocker: the owner of the task or RCA that a failing test or a finding belongs
// to, where tasks.yaml or an RCA says so, else the phase's owner.
import type { Program } from './load.ts';
import { pathExists } from './check/code-artifacts.ts';

export interface OwnerLookup {
	/** The owner of a test case, by its name or "suite > name". */
	ofTest(names: readonly string[]): string;
	/** The owner of a finding at a path (relative to the repository or to the code). */
	ofPath(path: string | undefined): string;
}

export function blockerOwners(program: Program, phase: { id: string; owner: string }, codePrefix = ''): OwnerLookup {
	// The phase's own tasks and RCAs first: a test can be named by work items of several phases.
	const samePhaseFirst = <T extends { phase: string }>(items: readonly T[]) => [...items].sort((a, b) => Number(b.phase === phase.id) - Number(a.phase === phase.id));
	const tasks = samePhaseFirst(program.tasks);
	const rcas = samePhaseFirst(program.documents.rca.map((r) => ({ phase: r.data.phase, owner: r.data.owners[0]!, tests: r.data.regressionTests })));
	return {
		ofTest(names) {
			const task = tasks.find((t) => t.tests.some((n) => names.includes(n)));
			if (task) return task.owner;
			return rcas.find((r) => r.tests.some((n) => names.includes(n)))?.owner ?? phase.owner;
		},
		ofPath(location) {
			if (!location) return phase.owner;
			const path = location.replace(/:\d+(?:[:-]\d+)*$/, '');
			const code = codePrefix && path.startsWith(codePrefix) ? path.slice(codePrefix.length) : path;
			const files = new Set([code]);
			const task = tasks.find((t) => t.artifacts.some((a) => pathExists(a, files)));
			return task?.owner ?? phase.owner;
		},
	};
}
