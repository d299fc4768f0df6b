// Finding an RCA's regression test among a phase's test cases, by the names runners give them.
import type { StoredRun } from './evidence/store.ts';

export type CaseStatus = 'passed' | 'failed' | 'skipped';

/** A case as the evidence holds it: its status, and the run, suite and name that identify it. */
export interface FoundCase {
	status: CaseStatus;
	run: StoredRun;
	suite: string;
	name: string;
}

export type RegressionMatch =
	| { kind: 'found'; found: FoundCase }
	| { kind: 'missing' }
	| { kind: 'ambiguous'; candidates: FoundCase[] };

/**
 * What runners put between a file, suite or describe block and a test's name: Vitest's and Jest's
 * " > ", Playwright's " › ", pytest's "::", JUnit classnames' ".", paths' "/", and the space
 * Mocha, RSpec and Dart join titles with.
 */
const SEPARATOR = /\s*(?:>|›|::)\s*|[./]|\s+/;

/**
 * A source file's extension, before a separator or the end: pytest names a test
 * `tests/test_export.py::test_csv` while its JUnit report says `tests.test_export`, so the
 * extension is no word of the name, on either side.
 */
const EXTENSION = /\.(?:py|[cm]?[jt]sx?|go|rb|java|kt|cs|dart|php|rs|swift|exs?)(?=$|\s|::|›|>|\/)/g;

function words(text: string): string[] {
	return text.replace(EXTENSION, '').split(SEPARATOR).filter(Boolean);
}

const same = (a: readonly string[], b: readonly string[]) =>
	a.length === b.length && a.every((w, i) => w === b[i]);
const endsWith = (whole: readonly string[], tail: readonly string[]) =>
	whole.length > tail.length && same(whole.slice(whole.length - tail.length), tail);

// Across the phase's runs a failure wins, then a pass: a case skipped in one gate but run and
// passed in another has been shown to pass.
const RANK: Record<CaseStatus, number> = { failed: 2, passed: 1, skipped: 0 };

interface Indexed {
	found: FoundCase;
	name: string[];
	full: string[];
}

/**
 * Returns a lookup for regression test names over the runs' cases. A name matches a case whose
 * name (or "suite > name") equals it, or, failing that, whose suite and name end with it after
 * one of the runners' separators. Two different cases matching at the same step are ambiguous:
 * neither is picked.
 */
export function regressionMatcher(runs: readonly StoredRun[]): (test: string) => RegressionMatch {
	const cases = new Map<string, Indexed>();
	for (const run of runs) {
		for (const c of run.cases ?? []) {
			const key = `${c.suite}\u0000${c.name}`;
			const seen = cases.get(key);
			if (seen && RANK[seen.found.status] >= RANK[c.status]) continue;
			const found = { status: c.status, run, suite: c.suite, name: c.name };
			cases.set(key, { found, name: words(c.name), full: [...words(c.suite), ...words(c.name)] });
		}
	}
	const all = [...cases.values()];
	return (test) => {
		const wanted = words(test);
		const exact = all.filter((c) => same(c.name, wanted) || same(c.full, wanted));
		const matches = exact.length ? exact : all.filter((c) => endsWith(c.full, wanted));
		if (matches.length === 0) return { kind: 'missing' };
		if (matches.length === 1) return { kind: 'found', found: matches[0]!.found };
		return { kind: 'ambiguous', candidates: matches.map((m) => m.found) };
	};
}

/** `suite > name`, as a regression test can be written to match exactly one case. */
export function qualifiedName(c: Pick<FoundCase, 'suite' | 'name'>): string {
	return c.suite ? `${c.suite} > ${c.name}` : c.name;
}
