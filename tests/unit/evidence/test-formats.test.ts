// Test reports beyond JUnit and Playwright, from the real tools: counts as the tools printed them.
import { describe, expect, it } from 'vitest';
import { detectFormat, parseReport } from '../../../src/core/evidence/index.ts';
import { caseNamed, hasCorpus, noteMissingCorpus, parsed, reportText } from './helpers.ts';

noteMissingCorpus('the TRX, NUnit, go, Mocha, RSpec and Dart corpus tests');
const counts = (ref: string) => {
	const { total, passed, failed, skipped } = parsed(ref).tests!;
	return { total, passed, failed, skipped };
};

describe('Jest and Vitest JSON', () => {
	it('marks a test that passed only on a retry, as the runners report it', () => {
		// jest.retryTimes(2): "flaky retried" ran twice (invocations 2), "fails" three times.
		const jest = parsed('fixture:retries/jest-retry.json', { root: '/tmp/h3/js' });
		expect(caseNamed(jest, 'flaky retried')).toMatchObject({ status: 'passed', retries: 1 });
		expect(caseNamed(jest, 'fails')).toMatchObject({ status: 'failed', retries: 2 });
		expect(caseNamed(jest, 'REQ-2.2 adds').retries).toBeUndefined();
		// it('flaky retried', { retry: 2 }): Vitest keeps the first try's error on the passed test.
		const vitest = parsed('fixture:retries/vitest-retry.json', { root: '/tmp/h3/js' });
		expect(caseNamed(vitest, 'flaky retried')).toMatchObject({ status: 'passed', retries: 1 });
		expect(caseNamed(vitest, 'fails').retries).toBeUndefined();
		expect(caseNamed(vitest, 'expected fail').retries).toBeUndefined();
	});

	it("marks a Mocha test that passed only on a retry (this.retries), from its currentRetry", () => {
		// Mocha printed "2 passing, 1 failing"; "passes on the second attempt" failed its first try.
		const mocha = parsed('fixture:retries/mocha-retry.json');
		expect(counts('fixture:retries/mocha-retry.json')).toEqual({ total: 3, passed: 2, failed: 1, skipped: 0 });
		expect(caseNamed(mocha, 'passes on the second attempt')).toMatchObject({ status: 'passed', retries: 1, suite: 'checkout REQ-4' });
		expect(caseNamed(mocha, 'fails on every attempt')).toMatchObject({ status: 'failed', retries: 1 });
		expect(caseNamed(mocha, 'passes at once').retries).toBeUndefined();
	});

	it('reads vitest --reporter=json: "Tests 1 failed | 4 passed | 1 skipped (6)"', () => {
		const report = parsed('fixture:vitest/vitest.json', { root: '/work/project' });
		expect(report).toMatchObject({ format: 'jest', tool: 'vitest' });
		expect(counts('fixture:vitest/vitest.json')).toEqual({
			total: 6,
			passed: 4,
			failed: 1,
			skipped: 1,
		});
		// The file's absolute path on the machine that ran vitest is reduced to its name.
		expect(caseNamed(report, 'keeps the first of two readings')).toMatchObject({
			suite: 'ingest.test.js › replay',
			status: 'failed',
			message: expect.stringMatching(/^AssertionError: expected 5 to be 6/),
		});
		expect(JSON.stringify(report)).not.toContain('/tmp/');
		expect(caseNamed(report, 'rejects a malformed line REQ-1').requirements).toEqual(['REQ-1']);
	});

	it('reads jest --json: "Tests: 1 failed, 1 skipped, 4 passed, 6 total"', () => {
		expect(parsed('fixture:jest/jest.json').tool).toBe('jest');
		expect(counts('fixture:jest/jest.json')).toEqual({
			total: 6,
			passed: 4,
			failed: 1,
			skipped: 1,
		});
		expect(caseNamed(parsed('fixture:jest/jest.json'), 'replays from a snapshot').status).toBe(
			'skipped',
		);
	});

	it('counts a test file that failed to load as a failed case', () => {
		const text = JSON.stringify({
			numTotalTests: 0,
			testResults: [
				{
					name: 'broken.test.js',
					status: 'failed',
					message: 'SyntaxError: Unexpected token',
					assertionResults: [],
				},
			],
		});
		const result = parseReport(text, { file: 'jest.json' });
		expect(result.ok && result.report.cases).toEqual([
			{
				name: '(test file failed)',
				suite: 'broken.test.js',
				status: 'failed',
				durationMs: 0,
				message: 'SyntaxError: Unexpected token',
				requirements: [],
			},
		]);
	});
});

describe('Jest and Vitest JSON totals', () => {
	// A hostile-input attack: numTotalTests 2,000,000 over 300,000 listed tests imported as "300000 passed".
	const edited = (edit: (report: Record<string, unknown>) => void) => {
		const report = JSON.parse(reportText('fixture:jest/jest.json')) as Record<string, unknown>;
		edit(report);
		return JSON.stringify(report, null, 2);
	};
	const refusal = (text: string) => {
		const result = parseReport(text, { file: 'jest.json' });
		return result.ok ? 'imported' : `${result.error.location?.line}: ${result.error.message}`;
	};

	it('not ok: a report stating more tests, or more failures, than its files list', () => {
		const more = edited((r) => (r['numTotalTests'] = 2000000));
		expect(refusal(more)).toBe(`${more.split('\n').findIndex((l) => l.includes('"numTotalTests"')) + 1}: The report states 2000000 tests (numTotalTests), but its test files list 6; expected the report with every test the run had`);
		const hidden = edited((r) => (r['numFailedTests'] = 3));
		expect(refusal(hidden)).toMatch(/^\d+: The report states 3 failed tests \(numFailedTests\), but only 1 of the tests its files list failed; expected the report with every test the run had$/);
	});

	it('ok: the totals the runners wrote, and a report without numFailedTests', () => {
		for (const ref of ['fixture:jest/jest.json', 'fixture:vitest/vitest.json', 'fixture:retries/jest-retry.json', 'fixture:retries/vitest-retry.json']) expect(refusal(reportText(ref)), ref).toBe('imported');
		expect(refusal(edited((r) => delete r['numFailedTests']))).toBe('imported');
	});
});

describe('Mocha JSON', () => {
	it('reads mocha --reporter json: "4 passing, 1 pending, 1 failing"', () => {
		expect(counts('fixture:mocha/mocha.json')).toEqual({
			total: 6,
			passed: 4,
			failed: 1,
			skipped: 1,
		});
		expect(
			caseNamed(parsed('fixture:mocha/mocha.json'), 'keeps the first of two readings'),
		).toMatchObject({
			suite: 'replay',
			message: 'Expected values to be strictly equal:\n\n5 !== 6',
		});
	});

	it.skipIf(!hasCorpus)('reads the corpus file: 6 tests, 1 passed, 4 failed, 1 skipped', () => {
		expect(counts('corpus:test-reporter/mocha-json.json')).toEqual({
			total: 6,
			passed: 1,
			failed: 4,
			skipped: 1,
		});
	});

	it('counts a failing hook, which is not one of the tests', () => {
		const hook = {
			title: '"before all" hook',
			fullTitle: 'db "before all" hook',
			err: { message: 'no database' },
		};
		const text = JSON.stringify({
			stats: {},
			tests: [],
			pending: [],
			failures: [hook],
			passes: [],
		});
		const result = parseReport(text, { file: 'mocha.json' });
		expect(result.ok && result.report.cases).toMatchObject([
			{ name: '"before all" hook', suite: 'db', status: 'failed', message: 'no database' },
		]);
	});
});

// Cut reports: a Mocha report keeping 2 of its 6 tests and none of its 4 failures, an RSpec report
// without its failed example, both imported as a pass.
describe('Mocha and RSpec JSON totals', () => {
	const refusal = (text: string, file: string) => {
		const result = parseReport(text, { file });
		return result.ok ? 'imported' : `${result.error.location?.file}:${result.error.location?.line} ${result.error.message}`;
	};
	const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
	const mocha = (edit: (report: Record<string, any>) => void) => {
		const report = JSON.parse(reportText('fixture:mocha/mocha.json')) as Record<string, any>;
		edit(report);
		return JSON.stringify(report, null, 1);
	};
	const example = (status: string, runTime: unknown = 0.01) => ({ description: status, full_description: `x ${status}`, status, run_time: runTime });
	const rspec = (examples: object[], summary: object) => JSON.stringify({ version: '3.13.0', examples, summary: { errors_outside_of_examples_count: 0, ...summary } }, null, 1);

	it('not ok: a Mocha report stating more tests or failures than it lists', () => {
		const cut = mocha((r) => (r['tests'] = r['tests'].filter((t: { err: object }) => Object.keys(t.err).length === 0)));
		expect(refusal(cut, 'mocha.json')).toBe(`mocha.json:${lineOf(cut, '"tests": 6')} The report states 6 tests (stats.tests), but its tests list 5; expected the report with every test the run had`);
		const dropped = mocha((r) => (r['stats']['failures'] = 4));
		expect(refusal(dropped, 'mocha.json')).toBe(`mocha.json:${lineOf(dropped, '"failures": 4')} The report states 4 failures (stats.failures), but its failures list holds only 1; expected the report with every test the run had`);
		// A test its failures list holds failed, whatever its own err says.
		const cleared = mocha((r) => r['tests'].forEach((t: { err: object }) => (t.err = {})));
		expect(parseReport(cleared, { file: 'mocha.json' })).toMatchObject({ ok: true, report: { tests: { failed: 1 } } });
	});

	it('not ok: an RSpec report stating more examples or failures than it lists, or a negative run_time', () => {
		const cut = rspec([example('passed'), example('pending')], { example_count: 3, failure_count: 1 });
		expect(refusal(cut, 'rspec.json')).toBe(`rspec.json:${lineOf(cut, '"example_count"')} The report states 3 examples (summary.example_count), but its examples list 2; expected the report with every test the run had`);
		const hidden = rspec([example('passed'), example('pending')], { example_count: 2, failure_count: 1 });
		expect(refusal(hidden, 'rspec.json')).toBe(`rspec.json:${lineOf(hidden, '"failure_count"')} The report states 1 failed examples (summary.failure_count), but none of the examples it lists failed; expected the report with every test the run had`);
		const negative = rspec([example('passed', -1)], {});
		expect(refusal(negative, 'rspec.json')).toBe(`rspec.json:${lineOf(negative, '"run_time"')} Not a valid RSpec JSON report at examples[0].run_time: expected a duration in seconds (from 0 to 9007199254740.99)`);
	});

	it('ok: totals the runners wrote', () => {
		expect(refusal(reportText('fixture:mocha/mocha.json'), 'mocha.json')).toBe('imported');
		expect(refusal(rspec([example('passed'), example('failed'), example('pending', null)], { example_count: 3, failure_count: 1 }), 'rspec.json')).toBe('imported');
	});
});

describe('go test -json', () => {
	// An attack: 1e308 seconds was refused by the run's schema as "cases.0.durationMs", with no file.
	it('refuses an Elapsed that is no duration at its line', () => {
		const events = (elapsed: number) => `{"Action":"run","Package":"p","Test":"T"}\n{"Action":"pass","Package":"p","Test":"T","Elapsed":${elapsed}}\n{"Action":"pass","Package":"p","Elapsed":1}\n`;
		for (const elapsed of [1e308, -1]) {
			const result = parseReport(events(elapsed), { file: 'go.json' });
			expect(!result.ok && result.error).toMatchObject({ message: `Elapsed="${elapsed}" is not a duration in seconds (from 0 to 9007199254740.99)`, location: { file: 'go.json', line: 2, column: 1 } });
		}
	});

	it('reads every test and subtest as go test -v printed them', () => {
		const report = parsed('fixture:go/go-test.json');
		expect(counts('fixture:go/go-test.json')).toEqual({
			total: 5,
			passed: 2,
			failed: 2,
			skipped: 1,
		});
		expect(caseNamed(report, 'TestUnit/energy')).toMatchObject({
			suite: 'example.com/meter',
			status: 'failed',
			message: 'ingest_test.go:16: Unit("energy") = "Wh", want "kWh"',
		});
		expect(caseNamed(report, 'TestReplayFromSnapshot').message).toBe(
			'ingest_test.go:23: snapshots are not written yet',
		);
	});

	// An adopter's attack: a test that logged before it failed was recorded with its t.Log line, an
	// example with "got:", and the run with its tests' times added up (parallel subtests each, no
	// TestMain) instead of the time go test printed.
	it('keeps everything a failing test logged, and the time go test printed for its package', () => {
		const report = parsed('fixture:go/go-test-logs.json');
		expect(caseNamed(report, 'TestLogsThenFails').message).toBe(
			'fixture_test.go:16: connecting to fixture\nfixture_test.go:17: expected 3 readings,\n    got 2\nfixture_test.go:18: giving up',
		);
		expect(caseNamed(report, 'ExampleGreeting').message).toBe('got:\nhello\nwant:\ngoodbye');
		// "FAIL example.com/fixture 0.713s" in this run, where its tests add up to 0.6 s.
		expect(report.tests?.durationMs).toBe(713);
		expect(counts('fixture:go/go-test-logs.json')).toEqual({ total: 6, passed: 4, failed: 2, skipped: 0 });
	});

	// An attack on that fix: the lines of a test's own that start with PASS, FAIL or ok were taken
	// for go's status lines and dropped, and a run with packages of no test files (a `skip` of the
	// package) fell back to adding up its tests' times.
	it('keeps a test’s lines that start with go’s status words, and counts a package without tests as go timed it', () => {
		const report = parsed('fixture:go/go-test-status-words.json');
		expect(caseNamed(report, 'TestLogThenFail').message).toBe('a_test.go:10: context: reading fixture\na_test.go:11: mismatch:\n    PASSED rows: 3\n    FAILED rows: 1\n    ok  \tsummary');
		// Go 1.19's test2json gives the example's output after "got:" to the package, not the example.
		expect(caseNamed(report, 'ExampleAdd').message).toBe('got:');
		expect(report.tests?.durationMs).toBe(318);
	});

	it.skipIf(!hasCorpus)('reads the corpus file: 12 tests, 5 passed, 6 failed, 1 skipped', () => {
		expect(counts('corpus:test-reporter/golang-json.json')).toEqual({
			total: 12,
			passed: 5,
			failed: 6,
			skipped: 1,
		});
	});

	it('counts a package that failed to build, and a test cut off by a panic', () => {
		const events = [
			{
				ImportPath: 'example.com/broken',
				Action: 'build-output',
				Output: './x.go:3:1: syntax error\n',
			},
			{ Package: 'example.com/broken', Action: 'output', Output: './x.go:3:1: syntax error\n' },
			{ Package: 'example.com/broken', Action: 'fail' },
			{ Package: 'example.com/ok', Action: 'run', Test: 'TestPanics' },
			{ Package: 'example.com/ok', Action: 'fail' },
		];
		const text = `# example.com/broken\n${events.map((e) => JSON.stringify(e)).join('\n')}\n`;
		const result = parseReport(text, { file: 'go.json', format: 'go-test' });
		expect(result.ok && result.report.cases).toMatchObject([
			{ name: 'TestPanics', suite: 'example.com/ok', status: 'failed', message: 'did not finish' },
			{
				name: '(package failed)',
				suite: 'example.com/broken',
				status: 'failed',
				message: './x.go:3:1: syntax error',
			},
		]);
	});

	// An adopter's attack: Go 1.24 names the test binary beside the package in its build events, and
	// the one package that did not build counted as two failed cases.
	it('counts a package Go 1.24 reports with build-fail and FailedBuild once, with the compiler\'s message', () => {
		const binary = 'example.com/gosvc/broken [example.com/gosvc/broken.test]';
		const events = [
			{ ImportPath: binary, Action: 'build-output', Output: '# example.com/gosvc/broken\n' },
			{ ImportPath: binary, Action: 'build-output', Output: 'broken/b.go:2:23: cannot use "s" as int value\n' },
			{ ImportPath: binary, Action: 'build-fail' },
			{ Package: 'example.com/gosvc/broken', Action: 'start' },
			{ Package: 'example.com/gosvc/broken', Action: 'output', Output: 'FAIL\texample.com/gosvc/broken [build failed]\n' },
			{ Package: 'example.com/gosvc/broken', Action: 'fail', Elapsed: 0, FailedBuild: binary },
			{ Package: 'example.com/gosvc/meter', Action: 'run', Test: 'TestA' },
			{ Package: 'example.com/gosvc/meter', Action: 'pass', Test: 'TestA', Elapsed: 0 },
			{ Package: 'example.com/gosvc/meter', Action: 'pass', Elapsed: 0.1 },
		];
		const result = parseReport(events.map((e) => JSON.stringify(e)).join('\n'), { file: 'go.json', format: 'go-test' });
		expect(result.ok && result.report.tests).toMatchObject({ total: 2, passed: 1, failed: 1 });
		expect(result.ok && result.report.cases?.[1]).toMatchObject({ name: '(package failed)', suite: 'example.com/gosvc/broken', message: 'broken/b.go:2:23: cannot use "s" as int value' });
	});

	it('fails a package that Go up to 1.23 reports only as text: "FAIL <package> [build failed]" or "[setup failed]"', () => {
		// go test -json ./allpass ./broken ./notests (Go 1.19; exit status 2): broken/b.go does not compile.
		expect(counts('fixture:go/go-test-build-failed.json')).toEqual({ total: 2, passed: 1, failed: 1, skipped: 0 });
		expect(caseNamed(parsed('fixture:go/go-test-build-failed.json'), '(package failed)')).toMatchObject({
			suite: 'example.com/h3/broken',
			status: 'failed',
			message: 'go test: build failed',
		});
		// go test -json ./allpass ./setupfail (exit status 1): a test file imports a missing module.
		expect(caseNamed(parsed('fixture:go/go-test-setup-failed.json'), '(package failed)')).toMatchObject({
			suite: 'example.com/h3/setupfail',
			message: 'go test: setup failed',
		});
		// A run of one package that did not build holds no event at all.
		const alone = parseReport('FAIL\texample.com/only [build failed]\n', { file: 'go.json', format: 'go-test' });
		expect(alone.ok && alone.report.tests).toMatchObject({ total: 1, failed: 1 });
	});

	it('refuses JSON that is not an event stream, rather than storing a run where no test ran', () => {
		const vitest = reportText('fixture:vitest/vitest.json');
		for (const format of ['go-test', 'dart'] as const) {
			const result = parseReport(vitest, { file: 'vitest.json', format });
			expect(result.ok, format).toBe(false);
			expect(!result.ok && result.error.message).toMatch(/holds no .* events/);
		}
		const goEvents = reportText('fixture:go/go-test.json');
		expect(parseReport(goEvents, { file: 'go.json', format: 'dart' }).ok).toBe(false);
	});

	it('fails a test that failed in any of its runs (-count=2), and a package that failed after its tests passed', () => {
		const events = [
			{ Package: 'example.com/flaky', Action: 'run', Test: 'TestRetry' },
			{ Package: 'example.com/flaky', Action: 'output', Test: 'TestRetry', Output: '    retry_test.go:9: first run fails\n' },
			{ Package: 'example.com/flaky', Action: 'fail', Test: 'TestRetry', Elapsed: 0 },
			{ Package: 'example.com/flaky', Action: 'run', Test: 'TestRetry' },
			{ Package: 'example.com/flaky', Action: 'pass', Test: 'TestRetry', Elapsed: 0 },
			{ Package: 'example.com/flaky', Action: 'fail', Elapsed: 0.01 },
			// TestMain exits 1 after m.Run(), as goleak does when a goroutine leaks.
			{ Package: 'example.com/leaks', Action: 'run', Test: 'TestOk' },
			{ Package: 'example.com/leaks', Action: 'pass', Test: 'TestOk', Elapsed: 0 },
			{ Package: 'example.com/leaks', Action: 'output', Output: 'goleak: Errors on successful test run: found unexpected goroutines\n' },
			{ Package: 'example.com/leaks', Action: 'fail', Elapsed: 0.02 },
		];
		const result = parseReport(`${events.map((e) => JSON.stringify(e)).join('\n')}\n`, { file: 'go.json', format: 'go-test' });
		expect(result.ok && result.report.tests).toMatchObject({ passed: 1, failed: 2 });
		expect(result.ok && result.report.cases).toMatchObject([
			{ name: 'TestRetry', suite: 'example.com/flaky', status: 'failed' },
			{ name: 'TestOk', suite: 'example.com/leaks', status: 'passed' },
			{ name: '(package failed)', suite: 'example.com/leaks', status: 'failed', message: 'goleak: Errors on successful test run: found unexpected goroutines' },
		]);
	});

	it('locates a broken event line', () => {
		const result = parseReport('{"Action":"run","Package":"p","Test":"T"}\n{"Action": pass}\n', {
			file: 'go.json',
		});
		expect(!result.ok && result.error.location).toEqual({ file: 'go.json', line: 2, column: 1 });
	});
});

describe.skipIf(!hasCorpus)(
	'.NET and other runners from the corpus (dorny/test-reporter counts)',
	() => {
		it('TRX: 11 tests, 5 passed, 5 failed, 1 skipped, names without their class', () => {
			expect(counts('corpus:test-reporter/dotnet-trx.trx')).toEqual({
				total: 11,
				passed: 5,
				failed: 5,
				skipped: 1,
			});
			const report = parsed('corpus:test-reporter/dotnet-trx.trx');
			expect(report.tool).toBe('xunit');
			expect(caseNamed(report, 'Failing_Test')).toMatchObject({
				suite: 'DotnetTests.XUnitTests.CalculatorTests',
				message: 'Assert.Equal() Failure\r\nExpected: 3\r\nActual:   2',
			});
		});

		it('NUnit 3: 9 tests, 3 passed, 5 failed, 1 skipped', () => {
			expect(counts('corpus:test-reporter/dotnet-nunit.xml')).toEqual({
				total: 9,
				passed: 3,
				failed: 5,
				skipped: 1,
			});
		});

		it('RSpec: 3 examples, 1 failure, 1 pending', () => {
			expect(counts('corpus:test-reporter/rspec-json.json')).toEqual({
				total: 3,
				passed: 1,
				failed: 1,
				skipped: 1,
			});
			expect(
				caseNamed(parsed('corpus:test-reporter/rspec-json.json'), 'skips the test').message,
			).toBe('Temporarily skipped with xit');
		});

		it('Dart: 6 tests, 1 passed, 4 failed, 1 skipped; the hidden loading steps are not tests', () => {
			expect(counts('corpus:test-reporter/dart-json.json')).toEqual({
				total: 6,
				passed: 1,
				failed: 4,
				skipped: 1,
			});
			// Windows paths become forward slashes.
			expect(
				caseNamed(parsed('corpus:test-reporter/dart-json.json'), 'Test 1 Passing test').suite,
			).toBe('test/main_test.dart');
		});

		it('detects each by content', () => {
			const formats = Object.entries({
				'dotnet-trx.trx': 'trx',
				'dotnet-nunit.xml': 'nunit',
				'golang-json.json': 'go-test',
				'mocha-json.json': 'mocha',
				'rspec-json.json': 'rspec',
				'dart-json.json': 'dart',
			});
			for (const [name, format] of formats)
				expect(detectFormat(reportText(`corpus:test-reporter/${name}`)), name).toBe(format);
		});
	},
);

// No .NET SDK runs here: this report follows the xUnit.net v2 XML format's documentation
// (xunit.net, "XML Format (v2)"), with the attributes xunit.console writes.
const XUNIT_V2 = `<?xml version="1.0" encoding="utf-8"?>
<assemblies timestamp="11/29/2026 10:00:00">
  <assembly name="/home/runner/work/app/Meter.Tests.dll" environment="64-bit .NET 8.0" test-framework="xUnit.net 2.9.2" total="4" passed="2" failed="1" skipped="1" time="0.120" errors="1">
    <errors>
      <error type="test-class-cleanup" name="Meter.Tests.IngestTests">
        <failure exception-type="System.IO.IOException"><message><![CDATA[System.IO.IOException : file in use]]></message></failure>
      </error>
    </errors>
    <collection total="4" passed="2" failed="1" skipped="1" name="Test collection for Meter.Tests.IngestTests" time="0.100">
      <test name="Meter.Tests.IngestTests.DropsARepeatedReading" type="Meter.Tests.IngestTests" method="DropsARepeatedReading" time="0.010" result="Pass">
        <traits><trait name="requirement" value="REQ-1.1" /></traits>
      </test>
      <test name="TW-1.1 parser drops a repeated reading after reconnect" type="Meter.Tests.IngestTests" method="Reconnect" time="0.020" result="Pass" />
      <test name="Meter.Tests.IngestTests.Averages" type="Meter.Tests.IngestTests" method="Averages" time="0.030" result="Fail">
        <failure exception-type="Xunit.Sdk.EqualException"><message><![CDATA[Assert.Equal() Failure\nExpected: 3\nActual:   2]]></message><stack-trace><![CDATA[at Meter.Tests.IngestTests.Averages()]]></stack-trace></failure>
      </test>
      <test name="Meter.Tests.IngestTests.Replays" type="Meter.Tests.IngestTests" method="Replays" time="0" result="Skip"><reason><![CDATA[not written yet]]></reason></test>
    </collection>
  </assembly>
</assemblies>`;

describe('xUnit.net v2 XML (written from its documentation)', () => {
	it('reads tests, traits and the errors outside any test', () => {
		expect(detectFormat(XUNIT_V2)).toBe('xunit');
		const result = parseReport(XUNIT_V2, { file: 'xunit.xml', root: '/elsewhere' });
		if (!result.ok) throw result.error;
		expect(result.report.tests).toMatchObject({ total: 5, passed: 2, failed: 2, skipped: 1 });
		expect(result.report.cases).toEqual([
			{
				name: 'DropsARepeatedReading',
				suite: 'Meter.Tests.IngestTests',
				status: 'passed',
				durationMs: 10,
				requirements: ['REQ-1.1'],
			},
			{
				name: 'TW-1.1 parser drops a repeated reading after reconnect',
				suite: 'Meter.Tests.IngestTests',
				status: 'passed',
				durationMs: 20,
				requirements: [],
			},
			{
				name: 'Averages',
				suite: 'Meter.Tests.IngestTests',
				status: 'failed',
				durationMs: 30,
				message: 'Assert.Equal() Failure\nExpected: 3\nActual:   2',
				requirements: [],
			},
			{
				name: 'Replays',
				suite: 'Meter.Tests.IngestTests',
				status: 'skipped',
				durationMs: 0,
				message: 'not written yet',
				requirements: [],
			},
			{
				name: '(test-class-cleanup: Meter.Tests.IngestTests)',
				suite: 'Meter.Tests.dll',
				status: 'failed',
				durationMs: 0,
				message: 'System.IO.IOException : file in use',
				requirements: [],
			},
		]);
	});
});
