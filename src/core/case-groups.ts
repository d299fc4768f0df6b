// A run's test cases arranged for reading: the failing ones first, then every case by suite, each
// with a stable anchor that other pages (traceability, RCAs) link to.
import type { TestCase } from './schemas/index.ts';

export interface SuiteGroup {
	suite: string;
	cases: TestCase[];
	passed: number;
	failed: number;
	skipped: number;
	durationMs: number;
}

export interface CaseGroups {
	failed: TestCase[];
	/** Suites with a failure first, then the rest; each in name order. */
	suites: SuiteGroup[];
	/**
	 * Each case's row id: caseAnchor(), with "-2", "-3"... for repeats of the same suite and name
	 * (parametrised tests), so links land on the first and every id stays unique.
	 */
	anchors: Map<TestCase, string>;
}

/**
 * The id of a case's row on its gate page: `case-` and a hash of suite and name, so it is short,
 * stable across runs and safe whatever characters the test name holds.
 */
export function caseAnchor(suite: string, name: string): string {
	// FNV-1a, 32 bits: plenty for the cases of one gate page.
	let hash = 0x811c9dc5;
	for (const ch of `${suite}\u0000${name}`) {
		hash ^= ch.codePointAt(0)!;
		hash = Math.imul(hash, 0x01000193) >>> 0;
	}
	return `case-${hash.toString(16).padStart(8, '0')}`;
}

/** One pass over the cases (a gate page may hold thousands). */
export function groupCases(cases: readonly TestCase[]): CaseGroups {
	const failed: TestCase[] = [];
	const bySuite = new Map<string, SuiteGroup>();
	const anchors = new Map<TestCase, string>();
	const seen = new Map<string, number>();
	for (const c of cases) {
		const anchor = caseAnchor(c.suite, c.name);
		const repeat = (seen.get(anchor) ?? 0) + 1;
		seen.set(anchor, repeat);
		anchors.set(c, repeat === 1 ? anchor : `${anchor}-${repeat}`);
		if (c.status === 'failed') failed.push(c);
		let group = bySuite.get(c.suite);
		if (!group) {
			group = { suite: c.suite, cases: [], passed: 0, failed: 0, skipped: 0, durationMs: 0 };
			bySuite.set(c.suite, group);
		}
		group.cases.push(c);
		group[c.status]++;
		group.durationMs += c.durationMs;
	}
	const suites = [...bySuite.values()].sort(
		(a, b) => Number(b.failed > 0) - Number(a.failed > 0) || (a.suite < b.suite ? -1 : a.suite > b.suite ? 1 : 0),
	);
	return { failed, suites, anchors };
}
