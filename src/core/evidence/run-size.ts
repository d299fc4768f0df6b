// How large a stored run may be, and what a report's text says of that before it is parsed.
import type { TestCase } from '../schemas/index.ts';
import { EvidenceError } from './errors.ts';

/** The fewest bytes one more case adds to a stored run: a one-letter name, no suite, no message. */
const smallest: TestCase = { name: 'a', suite: '', status: 'passed', durationMs: 0, requirements: [] };
const stored = (cases: TestCase[]) => Buffer.byteLength(JSON.stringify({ cases }, null, '\t'));
export const MIN_CASE_BYTES = stored([smallest, smallest]) - stored([smallest]);

/**
 * The `<testcase` elements in a report's text, counted without parsing it. Each becomes a case of
 * the run (but for pytest's second element for a test whose teardown failed, which joins the first).
 */
export function testcaseElements(text: string): number {
	let count = 0;
	for (let at = text.indexOf('<testcase'); at !== -1; at = text.indexOf('<testcase', at + 9)) {
		if (/[\s/>]/.test(text[at + 9] ?? '')) count++;
	}
	return count;
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/**
 * The refusal of a run over `limit` bytes, made from `reports` (of `count`): `size` says how large
 * it would be, `bytes` once it was made, or from its reports' `<testcase` elements before they were
 * parsed (a 50 MB report of 2.5 million took 2.5 GB and a minute to parse before it was refused).
 */
export function runTooLarge(reports: string, count: number, limit: number, size: { bytes: number } | { elements: number }): EvidenceError {
	const [would, not] = 'bytes' in size ? [mb(size.bytes), 'written'] : [`at least ${mb(size.elements * MIN_CASE_BYTES)} (${size.elements} <testcase> elements)`, 'read further'];
	// Several reports of one gate split into runs would hide each other again (a gate is judged
	// on its latest run): the way out is a gate of their own.
	const instead = count === 1 ? 'import the report of fewer tests (one per suite or shard)' : 'import fewer reports in one run, and the others under a gate of their own';
	return new EvidenceError(`The run made from ${reports} would be ${would}, over the ${mb(limit)} a stored run may be, so it was not ${not}; ${instead}`);
}
