// Who must act on a blocker: the owner of the task or RCA that a failing test or a finding belongs
// to, where tasks.yaml or an RCA says so, else the phase's owner.
import type { Program } from './load.ts';
import { pathExists } from './check/code-artifacts.ts';
import type { StoredRun } from './gate-status.ts';
import { regressionMatcher } from './regression-match.ts';

export interface OwnerLookup {
	/** The owner of a case of a run: a task or RCA names it as RCAs name regression tests. */
	ofCase(run: StoredRun, c: { suite: string; name: string }): string;
	/** The owner of a finding at a path (relative to the repository or to the code). */
	ofPath(path: string | undefined): string;
}

export function blockerOwners(program: Program, phase: { id: string; owner: string }, codePrefix = ''): OwnerLookup {
	// The phase's own tasks and RCAs first: a test can be named by work items of several phases.
	const samePhaseFirst = <T extends { phase: string }>(items: readonly T[]) => [...items].sort((a, b) => Number(b.phase === phase.id) - Number(a.phase === phase.id));
	// Sorted on first use: most phases have no failing case or finding to find an owner for, and
	// sorting every task and RCA for each of a thousand phases made the check quadratic.
	let sortedTasks: Program['tasks'] | undefined;
	let sortedRcas: { phase: string; owner: string; tests: string[] }[] | undefined;
	const tasksFirst = () => (sortedTasks ??= samePhaseFirst(program.tasks));
	const rcasFirst = () =>
		(sortedRcas ??= samePhaseFirst(program.documents.rca.map((r) => ({ phase: r.data.phase, owner: r.data.owners[0]!, tests: r.data.regressionTests }))));
	const matchers = new WeakMap<StoredRun, ReturnType<typeof regressionMatcher>>();
	return {
		ofCase(run, c) {
			if (!matchers.has(run)) matchers.set(run, regressionMatcher([run]));
			const match = matchers.get(run)!;
			// The name matches this case the way an RCA's regression test name would (regression-match.ts).
			const names = (tests: readonly string[]) =>
				tests.some((t) => {
					const m = match(t);
					return m.kind === 'found' && m.found.suite === c.suite && m.found.name === c.name;
				});
			return tasksFirst().find((t) => names(t.tests))?.owner ?? rcasFirst().find((r) => names(r.tests))?.owner ?? phase.owner;
		},
		ofPath(location) {
			if (!location) return phase.owner;
			const path = location.replace(/:\d+(?:[:-]\d+)*$/, '');
			const code = codePrefix && path.startsWith(codePrefix) ? path.slice(codePrefix.length) : path;
			const files = new Set([code]);
			const task = tasksFirst().find((t) => t.artifacts.some((a) => pathExists(a, files)));
			return task?.owner ?? phase.owner;
		},
	};
}
