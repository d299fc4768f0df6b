// go test -json: run/output/pass/fail/skip events per test and package, subtests included.
import type { TestCase } from '../schemas/index.ts';
import { countCases, durationMs, messageField, roundMs } from './cases.ts';
import { readJsonLines } from './json-lines.ts';
import { requirementScanner } from './requirements.ts';
import type { ParsedReport, ParseOptions } from './types.ts';

interface GoTest {
	pkg: string;
	name: string;
	status?: TestCase['status'];
	elapsed: number;
	output: string[];
}

const VERDICTS: Record<string, TestCase['status']> = {
	pass: 'passed',
	fail: 'failed',
	skip: 'skipped',
};
// The runner's own framing lines; what is left is what the test logged (t.Error, t.Skip, a panic).
// The status lines are "PASS" or "FAIL" alone and "ok  \t<pkg>\t0.01s" (or "(cached)", "[no tests
// to run]"): a test's own line that starts with those words ("FAILED rows: 1") is kept.
const FRAMING = /^\s*(?:=== (?:RUN|PAUSE|CONT|NAME)|--- (?:PASS|FAIL|SKIP):)|^(?:PASS|FAIL)$|^(?:ok|FAIL)\s+\S+\s+(?:\d+(?:\.\d+)?s|\(cached\)|\[[^\]]*\])/;

// What go test up to 1.23 prints as text, not as an event, for a package that did not build or
// whose test binary could not be set up: "FAIL\texample.com/pkg [build failed]".
const PLAIN_FAILURE = /^FAIL\s+(\S+)\s+\[(build failed|setup failed)\]$/;

function text(value: unknown): string | undefined {
	return typeof value === 'string' ? value : undefined;
}

export function readGoTest(source: string, options: ParseOptions): ParsedReport {
	const tests = new Map<string, GoTest>();
	const packages = new Map<string, { failed: boolean; output: string[]; elapsed?: number }>();
	const events = readJsonLines(source, options.file, 'go test -json', {
		isEvent: (e) => typeof e['Action'] === 'string',
		plain: (line) => {
			const failure = PLAIN_FAILURE.exec(line);
			if (failure) packages.set(failure[1]!, { failed: true, output: [`go test: ${failure[2]}`] });
			return failure !== null;
		},
	});
	for (const { value: event, line } of events) {
		const elapsed = typeof event['Elapsed'] === 'number' ? event['Elapsed'] : undefined;
		// Seconds; one that is no duration (1e308, negative) is refused at its line, not by the run's schema.
		if (elapsed !== undefined) durationMs(elapsed, { file: options.file, line, field: 'Elapsed' });
		// Go 1.24 reports build failures with ImportPath instead of Package, naming the test binary
		// it built beside the package ("pkg [pkg.test]"): one package, whose `fail` follows.
		const pkg = text(event['Package']) ?? text(event['ImportPath'])?.replace(/\s+\[[^\]]*\]$/, '') ?? '';
		const action = text(event['Action']) ?? '';
		const name = text(event['Test']);
		const output = text(event['Output']);
		if (!name) {
			const own = packages.get(pkg) ?? { failed: false, output: [] };
			packages.set(pkg, own);
			if (action === 'fail' || action === 'build-fail') own.failed = true;
			// The package's own time, TestMain and parallel tests as they ran: what go test prints.
			// A package without test files ends with a `skip` of its own, its time with it.
			if ((action === 'pass' || action === 'fail' || action === 'skip') && elapsed !== undefined) own.elapsed = elapsed;
			if (output) own.output.push(output);
			continue;
		}
		const key = `${pkg}\u0000${name}`;
		const test = tests.get(key) ?? { pkg, name, elapsed: 0, output: [] };
		tests.set(key, test);
		if (output) test.output.push(output);
		const verdict = VERDICTS[action];
		if (verdict) {
			// Run more than once (-count=2), a test that failed once failed: go test says FAIL.
			if (test.status !== 'failed') test.status = verdict;
			test.elapsed = elapsed ?? 0;
		}
	}
	const scan = requirementScanner(options.requirementPattern);
	const cases: TestCase[] = [];
	for (const test of tests.values()) {
		// A test with no verdict died with its package (a panic, a timeout) or the stream was cut.
		const status = test.status ?? 'failed';
		cases.push({
			name: test.name,
			suite: test.pkg,
			status,
			durationMs: roundMs(test.elapsed * 1000),
			...(status === 'passed'
				? {}
				: messageField(logOf(test.output) ?? (test.status ? undefined : 'did not finish'))),
			requirements: scan([test.name, test.pkg]),
		});
	}
	// A package that failed with no failed test did not build or set up, or failed after its tests
	// (TestMain exiting 1, as goleak does): one failed case each, since go test said FAIL.
	for (const [pkg, own] of packages) {
		if (!own.failed || cases.some((c) => c.suite === pkg && c.status === 'failed')) continue;
		// The compiler's "# pkg" header says which package; the line after it says what failed.
		const logged = own.output.map((l) => l.trim()).filter((l) => l && !FRAMING.test(l) && !l.startsWith('# '));
		cases.push({
			name: '(package failed)',
			suite: pkg,
			status: 'failed',
			durationMs: 0,
			...messageField(logged[0]),
			requirements: [],
		});
	}
	const counts = countCases(cases);
	// The cases' times add a parent test to its subtests and parallel tests to each other; go test's
	// own figure is each package's elapsed time, which every package that ran reports.
	const ran = [...packages.values()].filter((own) => !own.failed || own.elapsed !== undefined);
	const wall = ran.length > 0 && ran.every((own) => own.elapsed !== undefined)
		? roundMs(ran.reduce((sum, own) => sum + own.elapsed! * 1000, 0))
		: undefined;
	return { format: 'go-test', tool: 'go test', tests: wall === undefined ? counts : { ...counts, durationMs: wall }, cases };
}

/**
 * What a test logged, as go test printed it: every line of its t.Log, t.Error and t.Fatal calls
 * (a failure's reason is often not the first: a t.Log before it), and an example's got and want,
 * without the runner's framing and with the indentation go test adds taken off.
 */
function logOf(output: readonly string[]): string | undefined {
	const lines = output
		.flatMap((chunk) => chunk.split('\n'))
		.map((line) => line.trimEnd())
		.filter((line) => line.trim() && !FRAMING.test(line.trim()));
	if (lines.length === 0) return undefined;
	const indent = Math.min(...lines.map((line) => /^\s*/.exec(line)![0].length));
	return lines.map((line) => line.slice(indent)).join('\n');
}
