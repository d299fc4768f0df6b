// JUnit XML from the real tools (fixtures made by generate.sh) and the dialect edge cases.
import { describe, expect, it } from 'vitest';
import { parseJunit, parseReport } from '../../../src/core/evidence/index.ts';
import { caseNamed, parsed, statusesOf } from './helpers.ts';

function junit(xml: string) {
	const result = parseJunit(xml, { file: 'inline.xml' });
	if (!result.ok) throw new Error(result.error.message);
	return result.report;
}

describe('GoogleTest XML (--gtest_output=xml, GoogleTest 1.12)', () => {
	// GoogleTest printed: 4 passed, 2 failed, 1 skipped, and "YOU HAVE 1 DISABLED TEST".
	it('counts a disabled test (status="notrun") as skipped, not passed', () => {
		const report = parsed('fixture:gtest.xml');
		expect(report.tests).toMatchObject({ total: 8, passed: 4, failed: 2, skipped: 2 });
		expect(caseNamed(report, 'DISABLED_Off').status).toBe('skipped');
		expect(caseNamed(report, 'Even/1').message).toBe('t.cc:7\nExpected equality of these values:\n  GetParam() % 2\n    Which is: 1\n  0');
	});

	// Every test disabled: "[  PASSED  ] 0 tests." A run where nothing ran passes no gate.
	it('reads a binary whose every test is disabled as one where nothing ran', () => {
		expect(parsed('fixture:gtest-disabled.xml').tests).toMatchObject({ total: 2, passed: 0, failed: 0, skipped: 2 });
	});
});

describe('pytest: a teardown that fails after its test did', () => {
	// pytest printed "1 failed, 1 passed, 1 error" for two tests, and wrote three <testcase>s.
	it('is one failed case with both messages, not a second test of the same name', () => {
		const report = parsed('fixture:pytest-teardown.xml');
		expect(report.tests).toMatchObject({ total: 2, passed: 1, failed: 1, skipped: 0 });
		expect(caseNamed(report, 'test_fail_then_teardown').message).toBe('assert False\nfailed on teardown with "RuntimeError: teardown boom"');
	});
});

describe('PHPUnit JUnit log (--log-junit, PHPUnit 9.6)', () => {
	// PHPUnit printed: Tests: 10, Errors: 1, Failures: 2, Skipped: 1, Incomplete: 1, Risky: 1; its
	// XML writes the risky test as an <error>, as Jenkins then counts it.
	const report = parsed('fixture:phpunit.xml');

	it('keeps the reason, not the test name PHPUnit opens the text with nor the file and line it closes with', () => {
		expect(report.tests).toMatchObject({ total: 10, passed: 4, failed: 4, skipped: 2 });
		expect(caseNamed(report, 'testFails').message).toBe('Failed asserting that 2 is identical to 1.');
		expect(caseNamed(report, 'testErrors').message).toBe('RuntimeException: boom');
		expect(caseNamed(report, 'testRisky').message).toBe('This test did not perform any assertions');
		expect(caseNamed(report, 'testAdd with data set "two"').message).toBe('Failed asserting that 3 is identical to 2.');
	});

	it('falls back on the exception type when the text holds only the name and the place', () => {
		const xml = '<testsuite><testcase name="testX" classname="T"><failure type="RuntimeException">T::testX\n/srv/app/tests/T.php:9</failure></testcase></testsuite>';
		expect(junit(xml).cases![0]!.message).toBe('RuntimeException');
	});
});

describe('vitest junit reporter', () => {
	const report = parsed('fixture:vitest-junit.xml');

	it('matches the runner summary: 2 failed | 4 passed | 1 skipped | 1 todo (8)', () => {
		expect(report.tool).toBe('vitest');
		expect(report.tests).toMatchObject({ total: 8, passed: 4, failed: 2, skipped: 2 });
	});

	it('gives every case its status, file as suite and requirement links from the name', () => {
		expect(statusesOf(report)).toEqual({
			'vt/cart.test.js | cart total REQ-1 > sums price times quantity': 'passed',
			'vt/cart.test.js | cart total REQ-1 > is zero for an empty cart': 'passed',
			'vt/cart.test.js | cart total REQ-1 > discounts > halves with HALF [REQ-2.1]': 'passed',
			'vt/cart.test.js | cart total REQ-1 > discounts > takes ten off with TENOFF (REQ-2.2)':
				'failed',
			'vt/cart.test.js | cart total REQ-1 > discounts > stacks codes': 'skipped',
			'vt/cart.test.js | cart total REQ-1 > discounts > rejects expired codes': 'skipped',
			'vt/checkout.test.js | checkout rounds to cents REQ-3': 'failed',
			'vt/checkout.test.js | checkout accepts a single item': 'passed',
		});
		const failed = caseNamed(
			report,
			'cart total REQ-1 > discounts > takes ten off with TENOFF (REQ-2.2)',
		);
		expect(failed.requirements).toEqual(['REQ-1', 'REQ-2.2']);
		expect(failed.message).toBe('expected 15 to be 14 // Object.is equality');
		expect(caseNamed(report, 'checkout accepts a single item').requirements).toEqual([]);
	});
});

describe("Node's test runner (--test-reporter=junit)", () => {
	const report = parsed('fixture:node-test-junit.xml');

	it('matches the runner summary: tests 7, pass 4, fail 1, skipped 1, todo 1', () => {
		expect(report.tool).toBe('node:test');
		expect(report.tests).toMatchObject({ total: 7, passed: 4, failed: 1, skipped: 2 });
	});

	it('reads top-level cases directly under <testsuites> and nested describe suites', () => {
		expect(statusesOf(report)).toEqual({
			'cart.test.js | total sums price times quantity REQ-1': 'passed',
			'cart.test.js | total of an empty cart is zero': 'passed',
			'discount codes REQ-2 | halves with HALF': 'passed',
			'discount codes REQ-2 | takes ten off with TENOFF': 'failed',
			'discount codes REQ-2 | stacks codes': 'skipped',
			'discount codes REQ-2 | rejects expired codes': 'skipped',
			'discount codes REQ-2 › edge cases | never goes below zero': 'passed',
		});
		expect(caseNamed(report, 'never goes below zero').requirements).toEqual(['REQ-2']);
		expect(caseNamed(report, 'stacks codes').message).toBe('not supported yet');
		expect(caseNamed(report, 'takes ten off with TENOFF').message).toBe(
			'Expected values to be strictly equal:\n\n15 !== 14',
		);
	});

	it('counts a todo test that threw as the todo it is, as the runner does: "pass 1, fail 0, todo 1"', () => {
		// it('known broken, tracked as todo', { todo: 'T-042' }, () => { throw … }): the runner writes
		// <skipped type="todo"/> and the <failure> side by side, and exits 0.
		const todo = parsed('fixture:node-test-todo-junit.xml');
		expect(todo.tests).toMatchObject({ total: 2, passed: 1, failed: 0, skipped: 1 });
		expect(caseNamed(todo, 'known broken, tracked as todo')).toMatchObject({ status: 'skipped', message: 'T-042' });
	});

	it('reads an all-passing run', () => {
		expect(parsed('fixture:node-test-pass-junit.xml').tests).toMatchObject({
			total: 3,
			passed: 2,
			failed: 0,
			skipped: 1,
		});
	});
});

describe('jest-junit', () => {
	const report = parsed('fixture:jest-junit.xml');

	it('counts the cases jest-junit writes; it writes test.todo as a plain passing case', () => {
		// Jest says "1 failed, 1 skipped, 1 todo, 4 passed, 7 total"; jest-junit 17 gives the todo
		// test no <skipped/>, so from the XML it is indistinguishable from a pass.
		expect(report.tool).toBe('jest');
		expect(report.tests).toMatchObject({ total: 7, passed: 5, failed: 1, skipped: 1 });
	});

	it('uses the describe suite (jest-junit repeats the test name as classname)', () => {
		const failed = caseNamed(report, 'cart total REQ-1 discounts never goes below zero (REQ-2.3)');
		expect(failed).toMatchObject({
			suite: 'cart total REQ-1',
			status: 'failed',
			requirements: ['REQ-1', 'REQ-2.3'],
		});
		// The message as Jest printed it, without the stack and its machine paths.
		expect(failed.message).toBe('Error: expect(received).toBe(expected) // Object.is equality\n\nExpected: 0\nReceived: -5');
		expect(caseNamed(report, 'top-level test outside any describe').status).toBe('passed');
	});
});

describe('pytest', () => {
	for (const family of ['xunit1', 'xunit2']) {
		it(`${family}: 2 failed + 1 error, 5 passed, 1 skipped + 1 xfailed, as pytest summarised`, () => {
			const report = parsed(`fixture:pytest-${family}.xml`);
			expect(report.tool).toBe('pytest');
			expect(report.tests).toMatchObject({ total: 10, passed: 5, failed: 3, skipped: 2 });
			expect(caseNamed(report, 'test_uses_database')).toMatchObject({
				suite: 'tests.test_cart',
				status: 'failed',
				message: 'failed on setup with "RuntimeError: database is not reachable"',
			});
			expect(caseNamed(report, 'test_known_rounding_bug')).toMatchObject({
				status: 'skipped',
				message: 'known rounding bug, see RCA-0002',
			});
			expect(caseNamed(report, 'test_discount_codes_REQ_2[TENOFF-1]').status).toBe('failed');
		});
	}

	it('links requirements from case-level properties, comma separated', () => {
		const report = parsed('fixture:pytest-xunit1.xml');
		expect(caseNamed(report, 'test_rounds_to_cents')).toMatchObject({
			suite: 'tests.test_cart.TestTotal',
			requirements: ['REQ-1', 'REQ-3'],
		});
		expect(caseNamed(report, 'test_sums_price_times_quantity').requirements).toEqual(['REQ-1']);
		expect(caseNamed(report, 'test_empty_cart_is_zero').requirements).toEqual([]);
	});

	it('links every case to a suite-level requirement property (record_testsuite_property)', () => {
		const report = parsed('fixture:pytest-xunit2.xml');
		expect(report.cases!.every((c) => c.requirements.includes('REQ-4'))).toBe(true);
		expect(caseNamed(report, 'test_rounds_to_cents').requirements).toEqual([
			'REQ-1',
			'REQ-3',
			'REQ-4',
		]);
	});
});

describe('Playwright junit reporter', () => {
	it('matches the JSON report (4 passed + 1 flaky, 1 failed, 2 skipped) and reads annotations as properties', () => {
		const report = parsed('fixture:playwright-junit.xml');
		expect(report.tool).toBe('playwright');
		expect(report.tests).toMatchObject({ total: 8, passed: 5, failed: 1, skipped: 2 });
		expect(caseNamed(report, 'cart page › has a check-out button').requirements).toEqual(['REQ-3']);
		expect(caseNamed(report, 'cart page › shows a discount line')).toMatchObject({
			suite: 'chromium › cart.spec.mjs',
			status: 'failed',
			message: 'expect(locator).toHaveText(expected) failed',
		});
	});

	it('keeps the project of each case, so two projects running one test are two cases', () => {
		// projects alpha and beta run pw2/b.spec.js; Playwright printed "[alpha] › pw2/b.spec.js:4:3 ›
		// serial › two fails" and "[beta] › …", "4 failed, 4 did not run, 2 passed".
		const report = parsed('fixture:playwright-projects-junit.xml');
		expect(report.tests).toMatchObject({ total: 10, passed: 2, failed: 4, skipped: 4 });
		expect(report.cases!.filter((c) => c.name === 'serial › two fails').map((c) => [c.suite, c.status])).toEqual([
			['alpha › b.spec.js', 'failed'],
			['beta › b.spec.js', 'failed'],
		]);
	});
});

describe('dialect edge cases', () => {
	it('decodes the predefined entities and character references, and nothing else', () => {
		const report = junit(
			'<testsuite name="a &amp; b"><testcase name="x &lt;y&gt; &#65;&#x42; &amp;custom;" classname="c"/></testsuite>',
		);
		expect(report.cases![0]!.name).toBe('x <y> AB &custom;');
	});

	it('counts <flakyError> as a pass with retries and <rerunError> with <error> as a failure', () => {
		const report = junit(`<testsuite name="s">
			<testcase name="flaky" classname="C"><flakyError message="boom"/></testcase>
			<testcase name="broken" classname="C"><error message="boom"/><rerunError message="boom"/></testcase>
		</testsuite>`);
		expect(caseNamed(report, 'flaky')).toMatchObject({ status: 'passed', retries: 1 });
		expect(caseNamed(report, 'broken')).toMatchObject({
			status: 'failed',
			retries: 1,
			message: 'boom',
		});
	});

	it('prefers a failure over a skip on the same case and reads properties given as text', () => {
		const report = junit(`<testsuites><testsuite name="S">
			<properties><property name="Requirements">REQ-7 REQ-8</property></properties>
			<testcase name="t"><skipped/><failure>AssertionError: nope\n  at x</failure></testcase>
		</testsuite></testsuites>`);
		expect(report.cases![0]).toMatchObject({
			suite: 'S',
			status: 'failed',
			message: 'AssertionError: nope',
			requirements: ['REQ-7', 'REQ-8'],
		});
	});

	it('tolerates a thousands separator in time and counts an empty report as zero tests', () => {
		expect(
			junit('<testsuite><testcase name="t" time="1,234.5"/></testsuite>').cases![0]!.durationMs,
		).toBe(1_234_500);
		expect(junit('<testsuites/>').tests).toEqual({
			total: 0,
			passed: 0,
			failed: 0,
			skipped: 0,
			durationMs: 0,
		});
	});

	it('rejects an XML file that is not a JUnit report, naming its root', () => {
		const result = parseJunit('<coverage line-rate="0.9"/>', { file: 'cobertura.xml' });
		expect(result.ok).toBe(false);
		if (!result.ok)
			expect(result.error.message).toBe(
				'Unexpected root element <coverage>, expected <testsuites> or <testsuite> (JUnit XML)',
			);
	});
});

describe("a run's duration", () => {
	it("is the run's own clock where the report writes one, not the sum of its cases", () => {
		// Playwright ran 8 tests on 2 workers in 8.2 s; its cases add up to less.
		expect(parsed('fixture:playwright-junit.xml').tests!.durationMs).toBe(8229.875);
		// pytest writes its clock on the lone <testsuite> ("10 tests ... in 0.04s"), fixtures included.
		expect(parsed('fixture:pytest-xunit2.xml').tests!.durationMs).toBe(43);
		expect(parsed('fixture:vitest-junit.xml').tests!.durationMs).toBe(19.238);
	});

	it('is the sum of the cases when no clock is written (node:test) or several suites share an untimed root', () => {
		const node = parsed('fixture:node-test-junit.xml');
		expect(node.tests!.durationMs).toBeGreaterThan(0);
		expect(node.tests!.durationMs).toBe(Math.round(node.cases!.reduce((sum, c) => sum + c.durationMs, 0) * 1000) / 1000);
		const merged = junit('<testsuites><testsuite name="a" time="9"><testcase name="x" time="1"/></testsuite><testsuite name="b" time="9"><testcase name="y" time="2"/></testsuite></testsuites>');
		expect(merged.tests!.durationMs).toBe(3000);
		expect(junit('<testsuite time="oops"><testcase name="x" time="1"/></testsuite>').tests!.durationMs).toBe(1000);
	});

	// An attack: 1e308 seconds is Infinity milliseconds, refused only by the run's schema as
	// "tests.durationMs: ... received Infinity", naming neither the report nor the attribute.
	it('refuses a time too large to be a duration at its element, naming the attribute', () => {
		const refused = (xml: string) => {
			const result = parseReport(xml, { file: 'report.xml' });
			return result.ok ? 'accepted' : { message: result.error.message, ...result.error.location };
		};
		const message = (value: string, attribute = 'time') => `${attribute}="${value}" is not a duration in seconds (from 0 to 9007199254740.99)`;
		expect(refused('<testsuite name="s">\n  <testcase name="a" time="1e308"/>\n</testsuite>')).toEqual({ message: message('1e308'), file: 'report.xml', line: 2, column: 1 });
		expect(refused('<testsuites>\n<testsuite name="s" time="Infinity">\n<testcase name="a"/></testsuite></testsuites>')).toMatchObject({ message: message('Infinity'), line: 2 });
		expect(refused('<test-run>\n<test-suite name="s" result="Passed">\n<test-case name="a" result="Passed" duration="1e300"/></test-suite></test-run>')).toMatchObject({ message: message('1e300', 'duration'), line: 3 });
		expect(refused('<assemblies>\n<assembly name="a">\n<collection>\n<test name="T.a" type="T" result="Pass" time="9e15"/></collection></assembly></assemblies>')).toMatchObject({ message: message('9e15'), line: 4 });
	});
});

// An adopter's attack: a suite saying 3 failures and 2 errors over one passing case was "pass — 1 passed".
describe('totals against cases', () => {
	const refused = (xml: string) => {
		const result = parseJunit(xml, { file: 'report.xml' });
		return result.ok ? `accepted: ${result.report.tests?.failed} failed` : result.error.message;
	};

	it('refuses a report that states failures none of its cases shows', () => {
		expect(refused('<testsuite name="s" tests="50" failures="3" errors="2" skipped="0"><testcase name="only"/></testsuite>')).toBe(
			'The report states 5 failed or errored tests (failures and errors of <testsuite>), but none of its test cases shows a failure or an error; expected the report with every case the run had',
		);
		expect(refused('<testsuites><testsuite name="a" failures="2" errors="0"><testcase name="x"><failure message="no"/></testcase></testsuite></testsuites>')).toMatch(/states 2 failed or errored tests .* but only 1 of its test cases shows/);
	});

	it('reads totals the cases hold, and a report that states none', () => {
		expect(refused('<testsuites failures="1"><testsuite name="a"><testcase name="x"><failure message="no"/></testcase><testcase name="y"/></testsuite></testsuites>')).toBe('accepted: 1 failed');
		expect(refused('<testsuite name="s"><testcase name="x"/></testsuite>')).toBe('accepted: 0 failed');
		// A suite that failed to load, with no cases, shows its own error.
		expect(refused('<testsuite name="s" errors="1"><error message="import failed"/></testsuite>')).toBe('accepted: 1 failed');
	});

	// failures="-5" was read as 0, and a <failure> nested one <testcase> deep was not read at all.
	it('refuses a total that is no count, and a testcase or result JUnit does not write, at its line', () => {
		const at = (xml: string) => {
			const result = parseReport(xml, { file: 'report.xml' });
			return result.ok ? 'accepted' : `${result.error.location?.file}:${result.error.location?.line} ${result.error.message}`;
		};
		expect(at('<testsuite name="s" failures="-5">\n<testcase name="a"/></testsuite>')).toBe('report.xml:1 failures="-5" is not a number of tests (a whole number from 0)');
		expect(at('<testsuites>\n<testsuite name="o">\n<testsuite name="s" errors="1.5"><testcase name="a"><error/></testcase></testsuite></testsuite></testsuites>')).toBe('report.xml:3 errors="1.5" is not a number of tests (a whole number from 0)');
		expect(at('<testsuite name="s">\n<testcase name="a">\n  <testcase name="b"><failure/></testcase>\n</testcase></testsuite>')).toBe('report.xml:3 Unexpected <testcase> inside the <testcase> of line 2: a test case holds no tests, so its results would not be counted; expected the report as the tool wrote it');
		expect(at('<testsuite name="s">\n<testcase name="a">\n<x:failure/></testcase></testsuite>')).toBe('report.xml:3 Unexpected <x:failure> in a <testcase>, expected <failure>: JUnit XML writes its results so, without a prefix, and any other spelling would be read as no result');
		expect(at('<testsuite name="s">\n<testcase name="a"><Failure message="boom"/></testcase></testsuite>')).toBe('report.xml:2 Unexpected <Failure> in a <testcase>, expected <failure>: JUnit XML writes its results so, without a prefix, and any other spelling would be read as no result');
		expect(at('<testsuite name="s" failures=" 1 " errors="0"><testcase name="a"><failure/><system-out>x</system-out></testcase></testsuite>')).toBe('accepted');
	});
});
