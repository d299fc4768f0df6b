// npm audit and Trivy JSON: findings with the scanners' severities, judged by the findings gate.
import { describe, expect, it } from 'vitest';
import { detectFormat, parseReport, type ParsedReport } from '../../../src/core/evidence/index.ts';
import { evaluateGate } from '../../../src/core/gates.ts';
import { hasCorpus, parsed, testProject } from './helpers.ts';

// npm's registry refuses audit requests from this machine, so this report is written from npm's
// documented `npm audit --json` format (auditReportVersion 2, npm 7 and later) for a project that
// depends on minimist 1.2.5 and lodash 4.17.20, with their published advisories. npm prints
// "3 vulnerabilities (1 high, 2 critical)", counted per package; the findings below are per
// advisory: lodash has two, and mkdirp is listed only because it depends on minimist.
const NPM_AUDIT = JSON.stringify({
	auditReportVersion: 2,
	vulnerabilities: {
		lodash: {
			name: 'lodash',
			severity: 'high',
			isDirect: true,
			via: [
				{
					source: 1096305,
					name: 'lodash',
					dependency: 'lodash',
					title: 'Command Injection in lodash',
					url: 'https://github.com/advisories/GHSA-35jh-r3h4-6jhm',
					severity: 'high',
					cwe: ['CWE-77', 'CWE-94'],
					cvss: { score: 7.2 },
					range: '<4.17.21',
				},
				{
					source: 1096996,
					name: 'lodash',
					dependency: 'lodash',
					title: 'Regular Expression Denial of Service (ReDoS) in lodash',
					url: 'https://github.com/advisories/GHSA-29mw-wpgm-hmr9',
					severity: 'moderate',
					cwe: ['CWE-400', 'CWE-1333'],
					cvss: { score: 5.3 },
					range: '<4.17.21',
				},
			],
			effects: [],
			range: '<=4.17.20',
			nodes: ['node_modules/lodash'],
			fixAvailable: true,
		},
		minimist: {
			name: 'minimist',
			severity: 'critical',
			isDirect: true,
			via: [
				{
					source: 1097677,
					name: 'minimist',
					dependency: 'minimist',
					title: 'Prototype Pollution in minimist',
					url: 'https://github.com/advisories/GHSA-xvch-5gv4-984h',
					severity: 'critical',
					cwe: ['CWE-1321'],
					cvss: { score: 9.8 },
					range: '>=1.0.0 <1.2.6',
				},
			],
			effects: ['mkdirp'],
			range: '1.0.0 - 1.2.5',
			nodes: ['node_modules/minimist'],
			fixAvailable: true,
		},
		mkdirp: {
			name: 'mkdirp',
			severity: 'critical',
			isDirect: false,
			via: ['minimist'],
			effects: [],
			range: '0.4.1 - 0.5.1',
			nodes: ['node_modules/mkdirp'],
			fixAvailable: true,
		},
	},
	metadata: { vulnerabilities: { info: 0, low: 0, moderate: 0, high: 1, critical: 2, total: 3 } },
});

// Trivy cannot scan here (it downloads its vulnerability database), so this report follows
// Trivy's documented JSON (SchemaVersion 2) for the scan in the corpus's trivy-alpine-310.sarif
// (its four vulnerabilities), plus a failed misconfiguration and a secret.
const TRIVY = JSON.stringify({
	SchemaVersion: 2,
	ArtifactName: 'alpine:3.10',
	ArtifactType: 'container_image',
	Results: [
		{
			Target: 'alpine:3.10 (alpine 3.10.2)',
			Class: 'os-pkgs',
			Type: 'alpine',
			Vulnerabilities: [
				{
					VulnerabilityID: 'CVE-2019-1549',
					PkgName: 'libcrypto1.1',
					InstalledVersion: '1.1.1c-r0',
					FixedVersion: '1.1.1d-r0',
					Severity: 'MEDIUM',
					Title: 'openssl: information disclosure in fork()',
					PrimaryURL: 'https://avd.aquasec.com/nvd/cve-2019-1549',
				},
				{
					VulnerabilityID: 'CVE-2019-1551',
					PkgName: 'libcrypto1.1',
					InstalledVersion: '1.1.1c-r0',
					FixedVersion: '1.1.1d-r2',
					Severity: 'MEDIUM',
					Title: 'openssl: Integer overflow in RSAZ modular exponentiation on x86_64',
					PrimaryURL: 'https://avd.aquasec.com/nvd/cve-2019-1551',
				},
				{
					VulnerabilityID: 'CVE-2019-1549',
					PkgName: 'libssl1.1',
					InstalledVersion: '1.1.1c-r0',
					FixedVersion: '1.1.1d-r0',
					Severity: 'MEDIUM',
					Title: 'openssl: information disclosure in fork()',
				},
				{
					VulnerabilityID: 'CVE-2019-1551',
					PkgName: 'libssl1.1',
					InstalledVersion: '1.1.1c-r0',
					FixedVersion: '1.1.1d-r2',
					Severity: 'MEDIUM',
					Title: 'openssl: Integer overflow in RSAZ modular exponentiation on x86_64',
				},
			],
		},
		{
			Target: '/builds/app/Dockerfile',
			Class: 'config',
			Type: 'dockerfile',
			Misconfigurations: [
				{
					Type: 'Dockerfile Security Check',
					ID: 'DS002',
					AVDID: 'AVD-DS-0002',
					Title: 'Image user should not be root',
					Message: 'Specify at least 1 USER command in Dockerfile with non-root user as argument',
					Severity: 'HIGH',
					Status: 'FAIL',
					PrimaryURL: 'https://avd.aquasec.com/misconfig/ds002',
					CauseMetadata: { StartLine: 1 },
				},
				{
					Type: 'Dockerfile Security Check',
					ID: 'DS001',
					AVDID: 'AVD-DS-0001',
					Title: "':latest' tag used",
					Severity: 'MEDIUM',
					Status: 'PASS',
				},
			],
		},
		{
			Target: 'config/dev.env',
			Class: 'secret',
			Secrets: [
				{
					RuleID: 'aws-access-key-id',
					Category: 'AWS',
					Severity: 'CRITICAL',
					Title: 'AWS Access Key ID',
					StartLine: 3,
				},
			],
		},
	],
});

function read(text: string, root?: string): ParsedReport {
	const result = parseReport(text, { file: 'report.json', ...(root ? { root } : {}) });
	if (!result.ok) throw result.error;
	return result.report;
}

describe('npm audit JSON (npm 7+)', () => {
	it('reads one finding per advisory, named by its GHSA id, with npm severities', () => {
		expect(detectFormat(NPM_AUDIT)).toBe('npm-audit');
		const report = read(NPM_AUDIT);
		expect(report.tool).toBe('npm audit');
		expect(report.findings).toEqual([
			{
				ruleId: 'GHSA-35jh-r3h4-6jhm',
				severity: 'high',
				message: 'Command Injection in lodash (lodash <4.17.21)',
				location: 'node_modules/lodash',
				helpUri: 'https://github.com/advisories/GHSA-35jh-r3h4-6jhm',
			},
			{
				ruleId: 'GHSA-29mw-wpgm-hmr9',
				severity: 'medium',
				message: 'Regular Expression Denial of Service (ReDoS) in lodash (lodash <4.17.21)',
				location: 'node_modules/lodash',
				helpUri: 'https://github.com/advisories/GHSA-29mw-wpgm-hmr9',
			},
			{
				ruleId: 'GHSA-xvch-5gv4-984h',
				severity: 'critical',
				message: 'Prototype Pollution in minimist (minimist >=1.0.0 <1.2.6)',
				location: 'node_modules/minimist',
				helpUri: 'https://github.com/advisories/GHSA-xvch-5gv4-984h',
			},
		]);
	});

	it('blocks the findings gate on high and critical advisories, and an allow-list entry excuses one', () => {
		const gate = testProject().gates.find((g) => g.id === 'security')!;
		const findings = read(NPM_AUDIT).findings!;
		expect(
			evaluateGate({ phase: '1', findings }, gate, testProject(), '2026-11-29').reasons,
		).toEqual([
			'GHSA-35jh-r3h4-6jhm (high) is open and not allow-listed',
			'GHSA-xvch-5gv4-984h (critical) is open and not allow-listed',
		]);
		const allowlist = [
			{ ruleId: 'GHSA-xvch-5gv4-984h', rationale: 'CLI-only dependency.', expires: '2099-01-01' },
		];
		expect(
			evaluateGate({ phase: '1', findings }, gate, testProject({ allowlist }), '2026-11-29')
				.reasons,
		).toEqual(['GHSA-35jh-r3h4-6jhm (high) is open and not allow-listed']);
	});

	it("refuses npm 6's report with a located message", () => {
		const result = parseReport('{\n  "auditReportVersion": 1,\n  "vulnerabilities": {}\n}', {
			file: 'audit.json',
			format: 'npm-audit',
		});
		expect(!result.ok && result.error).toMatchObject({
			message:
				'Not a valid npm audit JSON report at auditReportVersion: expected "auditReportVersion": 2 (npm 7 or later)',
			location: { file: 'audit.json', line: 2, column: 25 },
		});
	});
});

describe('npm audit severities', () => {
	const refused = (vulnerabilities: object) => {
		const text = JSON.stringify({ auditReportVersion: 2, vulnerabilities, metadata: { vulnerabilities: { critical: 1 } } }, null, 1);
		const result = parseReport(text, { file: 'audit.json' });
		expect(result.ok).toBe(false);
		return result.ok ? undefined : { ...result.error.location, message: result.error.message, text };
	};
	const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
	const advisory = { title: 'Prototype Pollution', url: 'https://github.com/advisories/GHSA-xvch-5gv4-984h' };

	// Each of these passed a gate that blocks on high: no finding, or one of medium.
	it('refuses a severity npm does not write, an empty one included, at its line', () => {
		const own = refused({ a: { name: 'a', severity: 'CRITICAL!', via: [{ ...advisory, severity: 'critical' }] } })!;
		expect(own).toMatchObject({ file: 'audit.json', line: lineOf(own.text, 'CRITICAL!'), message: "Not a valid npm audit JSON report at vulnerabilities.a.severity: expected one of npm's severities info, low, moderate, high or critical" });
		const empty = refused({ a: { name: 'a', severity: 'critical', via: [{ ...advisory, severity: '' }] } })!;
		expect(empty).toMatchObject({ line: lineOf(empty.text, '"severity": ""'), message: "Not a valid npm audit JSON report at vulnerabilities.a.via[0].severity: expected one of npm's severities info, low, moderate, high or critical" });
	});

	it("refuses a package with no via, or whose own severity no finding would carry", () => {
		const none = refused({ a: { name: 'a', severity: 'critical' } })!;
		expect(none).toMatchObject({ line: lineOf(none.text, '"a": {'), message: 'Not a valid npm audit JSON report at vulnerabilities.a.via: Invalid input: expected array, received undefined' });
		expect(refused({ a: { name: 'a', severity: 'critical', via: [] } })!.message).toBe('Not a valid npm audit JSON report at vulnerabilities.a.via: expected the advisories or vulnerable dependencies that make the package vulnerable');
		const milder = refused({ a: { name: 'a', severity: 'critical', via: [{ ...advisory, severity: 'low' }] } })!;
		expect(milder).toMatchObject({ line: lineOf(milder.text, '"critical"'), message: 'Not a valid npm audit JSON report at vulnerabilities.a.severity: the package is critical, but the most severe of them is low in its via list, so no finding would carry its severity; expected the report as npm wrote it' });
		expect(refused({ a: { name: 'a', severity: 'high', via: ['b'] } })!.message).toContain('the package is high, but none of them is an advisory or a listed package in its via list');
		// An advisory without a severity of its own takes the package's, as before.
		expect(read(JSON.stringify({ auditReportVersion: 2, vulnerabilities: { a: { name: 'a', severity: 'critical', via: [advisory] } } })).findings!.map((f) => f.severity)).toEqual(['critical']);
	});
});

describe('Trivy JSON', () => {
	it('refuses a severity Trivy does not write at its line, rather than reading it as UNKNOWN (info)', () => {
		const text = JSON.stringify({ SchemaVersion: 2, Results: [{ Target: 'app', Vulnerabilities: [{ VulnerabilityID: 'CVE-1', Severity: 'CRITICAL!' }] }] }, null, 1);
		const result = parseReport(text, { file: 'trivy.json' });
		expect(!result.ok && { ...result.error.location, message: result.error.message }).toEqual({
			file: 'trivy.json',
			line: text.split('\n').findIndex((l) => l.includes('CRITICAL!')) + 1,
			column: 18,
			message: "Not a valid Trivy JSON report at Results[0].Vulnerabilities[0].Severity: expected one of Trivy's severities CRITICAL, HIGH, MEDIUM, LOW or UNKNOWN",
		});
	});

	// "fail" and "FAILED" were read as not FAIL: a CRITICAL misconfiguration imported as no finding.
	it('refuses a misconfiguration Status Trivy does not write at its line, and Failures it does not list', () => {
		const refused = (misconf: object, summary: object = { Successes: 0, Failures: 1 }) => {
			const text = JSON.stringify({ SchemaVersion: 2, Results: [{ Target: 'Dockerfile', MisconfSummary: summary, Misconfigurations: [{ ID: 'DS002', AVDID: 'AVD-DS-0002', Severity: 'CRITICAL', ...misconf }] }] }, null, 1);
			const result = parseReport(text, { file: 'trivy.json' });
			if (result.ok) return 'accepted';
			const line = text.split('\n')[result.error.location!.line! - 1]!.trim();
			return `${result.error.location?.file}: ${line} ${result.error.message}`;
		};
		for (const status of ['fail', 'FAILED', '', 'PASS ']) {
			expect(refused({ Status: status })).toBe(`trivy.json: "Status": ${JSON.stringify(status)} Not a valid Trivy JSON report at Results[0].Misconfigurations[0].Status: expected one of Trivy's statuses PASS, FAIL or EXCEPTION`);
		}
		expect(refused({ Status: 'PASS' }, { Successes: 1, Failures: 2 })).toBe('trivy.json: "Failures": 2 The report states 2 failed misconfigurations for "Dockerfile" (Results[0].MisconfSummary.Failures), but lists none; expected the report with every finding the scan had');
		expect(refused({ Status: 'FAIL' }, { Successes: 1, Failures: 1 })).toBe('accepted');
		expect(refused({ Status: 'EXCEPTION' }, { Successes: 0, Failures: 0 })).toBe('accepted');
	});

	it('reads vulnerabilities, failed misconfigurations and secrets with their labels', () => {
		expect(detectFormat(TRIVY)).toBe('trivy');
		const findings = read(TRIVY, '/builds/app').findings!;
		expect(findings.map((f) => [f.ruleId, f.severity, f.location])).toEqual([
			['CVE-2019-1549', 'medium', 'alpine:3.10 (alpine 3.10.2)'],
			['CVE-2019-1551', 'medium', 'alpine:3.10 (alpine 3.10.2)'],
			['CVE-2019-1549', 'medium', 'alpine:3.10 (alpine 3.10.2)'],
			['CVE-2019-1551', 'medium', 'alpine:3.10 (alpine 3.10.2)'],
			// The CI runner's absolute path becomes relative to the repository.
			['AVD-DS-0002', 'high', 'Dockerfile:1'],
			['aws-access-key-id', 'critical', 'config/dev.env:3'],
		]);
		expect(findings[0]!.message).toBe(
			'libcrypto1.1 1.1.1c-r0: openssl: information disclosure in fork(), fixed in 1.1.1d-r0',
		);
	});

	it.skipIf(!hasCorpus)(
		"agrees with Trivy's own SARIF of the same scan on ids and severities",
		() => {
			const pairs = (findings: ParsedReport['findings']) =>
				findings!.map((f) => `${f.ruleId} ${f.severity}`).sort();
			const vulnerabilities = read(TRIVY).findings!.filter((f) => f.ruleId.startsWith('CVE-'));
			expect(pairs(vulnerabilities)).toEqual(
				pairs(parsed('corpus:sarif/trivy-alpine-310.sarif').findings),
			);
		},
	);
});
