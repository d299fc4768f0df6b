// Every real report in ../shared/corpus: exact counts, statuses and the quirks each one carries.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { caseNamed, CORPUS, hasCorpus, noteMissingCorpus, parsed, reportText } from './helpers.ts';

noteMissingCorpus('the real-report corpus tests');

/**
 * Counted from the XML by hand and cross-checked with Python's ElementTree: a case is failed when
 * it has <failure> or <error>, skipped when it has <skipped>, else passed. The suites' own
 * tests/failures attributes are wrong in errror-details (2 for 1), FlakyTest (2 failures for a
 * flaky pass), nested-testsuites (186 for 3) and Trivy's second, empty suite.
 */
const junitCounts: Record<
	string,
	{ tool: string; total: number; passed: number; failed: number; skipped: number }
> = {
	'TEST-io.olamy.FlakyTest.xml': {
		tool: 'maven-surefire',
		total: 1,
		passed: 1,
		failed: 0,
		skipped: 0,
	},
	'TEST-null.xml': { tool: 'junit', total: 1, passed: 0, failed: 1, skipped: 0 },
	'TESTS-TestSuites.xml': { tool: 'ant', total: 3, passed: 3, failed: 0, skipped: 0 },
	'junit-report-1463.xml': { tool: 'junit', total: 6, passed: 6, failed: 0, skipped: 0 },
	'junit-report-20090516.xml': { tool: 'junit', total: 8, passed: 5, failed: 3, skipped: 0 },
	'junit-report-2874.xml': { tool: 'ant', total: 1, passed: 1, failed: 0, skipped: 0 },
	'junit-report-494.xml': { tool: 'junit', total: 2, passed: 1, failed: 1, skipped: 0 },
	'junit-report-bad-duration.xml': { tool: 'ant', total: 2, passed: 2, failed: 0, skipped: 0 },
	'junit-report-empty-testcasename.xml': {
		tool: 'maven-surefire',
		total: 1,
		passed: 0,
		failed: 1,
		skipped: 0,
	},
	'junit-report-errror-details.xml': { tool: 'junit', total: 1, passed: 0, failed: 1, skipped: 0 },
	'junit-report-huge.xml': { tool: 'junit', total: 7580, passed: 5131, failed: 19, skipped: 2430 },
	// Two <testcase>s plus one suite whose <error> stands for a class that failed to load.
	'junit-report-nested-testsuites.xml': {
		tool: 'junit',
		total: 3,
		passed: 2,
		failed: 1,
		skipped: 0,
	},
	'junit-report-testsuite-time-attrs.xml': {
		tool: 'junit',
		total: 8,
		passed: 8,
		failed: 0,
		skipped: 0,
	},
	'junit-report-with-properties.xml': { tool: 'junit', total: 2, passed: 1, failed: 1, skipped: 0 },
	'skippedTestResult.xml': { tool: 'junit', total: 1, passed: 0, failed: 0, skipped: 1 },
	'trivy-alpine-310.junit.xml': { tool: 'trivy', total: 4, passed: 0, failed: 4, skipped: 0 },
};

describe.skipIf(!hasCorpus)('JUnit corpus', () => {
	for (const [name, expected] of Object.entries(junitCounts)) {
		it(`${name}: ${expected.total} tests, ${expected.passed} passed, ${expected.failed} failed, ${expected.skipped} skipped`, () => {
			const report = parsed(`corpus:junit/${name}`);
			const { durationMs, ...counts } = report.tests!;
			expect({ tool: report.tool, ...counts }).toEqual(expected);
			expect(report.cases).toHaveLength(expected.total);
			expect(durationMs).toBeGreaterThanOrEqual(0);
			for (const c of report.cases!) expect(c.durationMs).toBeGreaterThanOrEqual(0);
		});
	}

	it('covers every JUnit file in the corpus except the two XXE attacks', async () => {
		const { readdirSync } = await import('node:fs');
		const files = readdirSync(join(CORPUS, 'junit')).filter((f) => !f.startsWith('testXxe'));
		expect(files.sort()).toEqual(Object.keys(junitCounts).sort());
	});

	it('agrees with a plain count of <testcase> elements in each file', () => {
		for (const [name, expected] of Object.entries(junitCounts)) {
			const raw = readFileSync(join(CORPUS, 'junit', name), 'utf8').replace(/<!--[\s\S]*?-->/g, '');
			const elements = raw.match(/<testcase[\s>/]/g)?.length ?? 0;
			const suiteErrors = name === 'junit-report-nested-testsuites.xml' ? 1 : 0;
			expect(elements + suiteErrors, name).toBe(expected.total);
		}
	});

	it('counts a Surefire flaky test (two <flakyFailure>, then a pass) as passed with 2 retries', () => {
		const test = caseNamed(parsed('corpus:junit/TEST-io.olamy.FlakyTest.xml'), 'testApp');
		expect(test).toMatchObject({ suite: 'io.olamy.FlakyTest', status: 'passed', retries: 2 });
	});

	it('keeps reruns in the huge report: a flaky pass and a failure that stayed after 3 reruns', () => {
		const report = parsed('corpus:junit/junit-report-huge.xml');
		const flaky = caseNamed(report, 'Run 0', 'p2.S19.SomeLongLongLongLongLongTestName_1');
		const rerun = caseNamed(report, 'Run 0', 'p2.S19.SomeLongLongLongLongLongTestName_5');
		expect(flaky).toMatchObject({ status: 'passed', retries: 2 });
		expect(rerun).toMatchObject({ status: 'failed', retries: 3, message: 'built to fail' });
		expect(report.cases!.filter((c) => c.retries !== undefined)).toHaveLength(2);
		// Negative times ("-4416.24") count as 0, never as negative durations.
		expect(caseNamed(report, 'Run 0', 'p2.S0.SomeLongLongLongLongLongTestName_0').durationMs).toBe(
			0,
		);
	});

	it('counts <error> as failed, like <failure>, with the message attribute', () => {
		expect(caseNamed(parsed('corpus:junit/TEST-null.xml'), 'x')).toMatchObject({
			status: 'failed',
			message: 'x',
		});
		const details = parsed('corpus:junit/junit-report-errror-details.xml');
		expect(caseNamed(details, 'testHudsonReporting')).toMatchObject({
			suite: 'some.package.somewhere.WhooHoo',
			status: 'failed',
			message: 'this normally has the string like, expected mullet, but got bream',
		});
	});

	it('names an empty test name and takes the message from the failure body', () => {
		const only = parsed('corpus:junit/junit-report-empty-testcasename.xml').cases![0]!;
		expect(only).toMatchObject({
			name: '(unnamed)',
			suite: 'test.TestJUnit5FailingInBeforeAll',
			status: 'failed',
			message: 'org.opentest4j.AssertionFailedError: Failure in @BeforeAll method',
		});
	});

	it('reads a skipped case with a CDATA message', () => {
		const only = parsed('corpus:junit/skippedTestResult.xml').cases![0]!;
		expect(only).toMatchObject({
			name: 'Test Example',
			suite: 'Test Sample',
			status: 'skipped',
			durationMs: 172.697,
		});
		expect(only.message).toMatch(/^Given skip This Test\.+pending$/);
	});

	it('turns negative, missing and garbage times into 0 and keeps good ones', () => {
		const bad = parsed('corpus:junit/junit-report-bad-duration.xml');
		expect(bad.cases!.map((c) => c.durationMs)).toEqual([0, 100_000]);
		const attrs = parsed('corpus:junit/junit-report-testsuite-time-attrs.xml');
		expect(attrs.cases!.map((c) => c.durationMs)).toEqual([
			10_000, 11_000, 10_000, 12_000, 12_000, 13_000, 13_000, 20_000,
		]);
		expect(attrs.tests!.durationMs).toBe(101_000);
		const trivy = parsed('corpus:junit/trivy-alpine-310.junit.xml');
		expect(trivy.tests!.durationMs).toBe(0);
	});

	it('walks nested suites and counts a suite-level <error> without cases as one failed case', () => {
		const report = parsed('corpus:junit/junit-report-nested-testsuites.xml');
		expect(caseNamed(report, '(suite error)')).toMatchObject({
			suite: 'test.AutomatedTests › test.db.DatabaseTest › test.3rdlevel',
			status: 'failed',
			message: 'bla bla',
		});
		expect(caseNamed(report, 'testPrefix').suite).toBe('test.fs.FileSystemTest');
	});

	it('reads Ant TESTS-TestSuites.xml with its suites in order', () => {
		const report = parsed('corpus:junit/TESTS-TestSuites.xml');
		expect(report.cases!.map((c) => `${c.suite}.${c.name}`)).toEqual([
			'com.sample.test.TestMessage.test_welcome_message',
			'com.sample.test.TestMessage2.test_welcome_message_2',
			'com.sample.test.TestMessage2.test_welcome_message_3',
		]);
	});

	it('ignores suite and case <properties> that are not requirements', () => {
		const report = parsed('corpus:junit/junit-report-with-properties.xml');
		expect(report.cases!.every((c) => c.requirements.length === 0)).toBe(true);
		expect(caseNamed(report, 'testCaseA').message).toBe('expected: [a] but was: [b]');
	});

	it('reads Trivy JUnit as 4 failing cases and as 4 medium findings', () => {
		const report = parsed('corpus:junit/trivy-alpine-310.junit.xml');
		expect(report.findings).toEqual([
			{
				ruleId: 'CVE-2019-1549',
				severity: 'medium',
				message: 'openssl: information disclosure in fork()',
				location: 'libcrypto1.1-1.1.1c-r0',
			},
			{
				ruleId: 'CVE-2019-1551',
				severity: 'medium',
				message: 'openssl: Integer overflow in RSAZ modular exponentiation on x86_64',
				location: 'libcrypto1.1-1.1.1c-r0',
			},
			{
				ruleId: 'CVE-2019-1549',
				severity: 'medium',
				message: 'openssl: information disclosure in fork()',
				location: 'libssl1.1-1.1.1c-r0',
			},
			{
				ruleId: 'CVE-2019-1551',
				severity: 'medium',
				message: 'openssl: Integer overflow in RSAZ modular exponentiation on x86_64',
				location: 'libssl1.1-1.1.1c-r0',
			},
		]);
	});
});

describe.skipIf(!hasCorpus)('SARIF corpus', () => {
	it("reads Trivy's SARIF: 4 results, medium from security-severity 5.3, uri:line locations", () => {
		const report = parsed('corpus:sarif/trivy-alpine-310.sarif');
		expect(report.tool).toBe('Trivy');
		expect(report.findings).toHaveLength(4);
		expect(report.findings!.map((f) => [f.ruleId, f.severity])).toEqual([
			['CVE-2019-1549', 'medium'],
			['CVE-2019-1551', 'medium'],
			['CVE-2019-1549', 'medium'],
			['CVE-2019-1551', 'medium'],
		]);
		expect(report.findings![0]).toMatchObject({
			location: 'testdata/fixtures/images/alpine-310.tar.gz:1',
			helpUri: 'https://avd.aquasec.com/nvd/cve-2019-1549',
		});
		expect(report.findings![0]!.message).toMatch(
			/^Package: libcrypto1\.1\nInstalled Version: 1\.1\.1c-r0/,
		);
	});
});

describe.skipIf(!hasCorpus)('XXE corpus', () => {
	it('refuses both attack files with a located error and resolves nothing', () => {
		expect(() => parsed('corpus:junit/testXxe-xxe.xml')).toThrow(
			/^junit\/testXxe-xxe\.xml:2:1 {2}error {2}Unexpected <!DOCTYPE declaration: DTDs and entity declarations are not allowed/,
		);
		expect(() => parsed('corpus:junit/testXxe-oob.xml')).toThrow(
			/^junit\/testXxe-oob\.xml:1:1 {2}error {2}Unexpected <!ENTITY declaration/,
		);
		expect(reportText('corpus:junit/testXxe-xxe.xml')).toContain('&oob;');
	});
});
