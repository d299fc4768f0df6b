// Flaky tests across a gate's runs (as Allure marks them from its history): a case that passed and
// failed on the same commit, that flipped between passing and failing more than once in the last
// runs, or that passed only when the runner retried it; and whether the gate passes only thanks to
// such retries.
import type { StoredRun } from './gate-status.ts';

/** How many of the latest runs the flip rule looks at. */
export const FLAKY_WINDOW = 10;

export type FlakyReason = 'same-commit' | 'flipping' | 'retried';

export interface FlakyCase {
	suite: string;
	name: string;
	reasons: FlakyReason[];
	/** Its result in each of the last runs that held it, oldest first. */
	history: ('passed' | 'failed' | 'skipped')[];
	/** The commits it both passed and failed on. */
	commits: string[];
}

export interface FlakeReport {
	cases: FlakyCase[];
	/** Cases of the run the gate is judged on that failed first and passed when the runner retried them. */
	passedOnRetry: { suite: string; name: string; retries: number }[];
	/** That run passes only because of those retries. */
	passesOnlyOnRetry: boolean;
}

/** A case's identity across runs: its suite and its name. */
export const caseKey = (suite: string, name: string) => `${suite}\u0000${name}`;

/**
 * `runs`: one phase's runs of one gate, oldest first (as the gate statuses hold them); `judged`:
 * the run the gate is judged on (currentRun in gate-status.ts), by default the one imported last.
 */
export function flakyCases(runs: readonly StoredRun[], judged: StoredRun | undefined = runs.at(-1), window = FLAKY_WINDOW): FlakeReport {
	const seen = new Map<string, { suite: string; name: string; results: { status: 'passed' | 'failed' | 'skipped'; commit?: string; retried: boolean }[] }>();
	const recent = runs.slice(-window);
	for (const run of runs) {
		const inWindow = recent.includes(run);
		for (const c of run.cases ?? []) {
			const key = caseKey(c.suite, c.name);
			const entry = seen.get(key) ?? { suite: c.suite, name: c.name, results: [] };
			// Older runs count for the same-commit rule only; the flip and retry rules look at the window.
			entry.results.push({ status: c.status, ...(run.commit ? { commit: run.commit } : {}), retried: inWindow && c.status === 'passed' && (c.retries ?? 0) > 0 });
			seen.set(key, entry);
		}
	}
	const cases: FlakyCase[] = [];
	for (const { suite, name, results } of seen.values()) {
		const reasons: FlakyReason[] = [];
		const byCommit = new Map<string, Set<string>>();
		for (const r of results) if (r.commit && r.status !== 'skipped') byCommit.set(r.commit, (byCommit.get(r.commit) ?? new Set()).add(r.status));
		const commits = [...byCommit].filter(([, statuses]) => statuses.size > 1).map(([commit]) => commit);
		if (commits.length) reasons.push('same-commit');
		const history = results.slice(-window).map((r) => r.status);
		const decided = history.filter((s) => s !== 'skipped');
		const flips = decided.filter((s, i) => i > 0 && s !== decided[i - 1]).length;
		// One change is a break or a fix; two or more is a test that cannot make up its mind.
		if (flips >= 2) reasons.push('flipping');
		if (results.slice(-window).some((r) => r.retried)) reasons.push('retried');
		if (reasons.length) cases.push({ suite, name, reasons, history, commits });
	}
	const passedOnRetry = (judged?.cases ?? [])
		.filter((c) => c.status === 'passed' && (c.retries ?? 0) > 0)
		.map((c) => ({ suite: c.suite, name: c.name, retries: c.retries! }));
	return { cases, passedOnRetry, passesOnlyOnRetry: judged?.status === 'pass' && passedOnRetry.length > 0 };
}
