import { describe, expect, test } from 'vitest';
import { findingsFromSarif, levelFromScore, securityGate, type Finding } from '../../../src/compliance/findings.ts';

const high: Finding = { ruleId: 'CVE-2023-45853', severity: 'critical', message: 'zlib: integer overflow in MiniZip' };
const entry = { ruleId: 'CVE-2023-45853', rationale: 'MiniZip is not built into zlib1g', expires: '2027-01-31' };

describe('security gate', () => {
	test('REQ-1.4 fails on an unallowed HIGH finding', () => {
		const verdict = securityGate([{ ruleId: 'CVE-2024-24790', severity: 'high', message: 'net/netip' }], [], '2026-11-20');
		expect(verdict.status).toBe('fail');
		expect(verdict.blocking[0]?.reason).toBe('not allow-listed');
	});

	test('REQ-1.4 passes a CRITICAL finding allow-listed with a rationale', () => {
		const verdict = securityGate([high], [entry], '2026-11-20');
		expect(verdict).toMatchObject({ status: 'pass', allowed: [high] });
		expect(verdict.counts.critical).toBe(1);
	});

	test('REQ-1.4 refuses an allow-list entry without a rationale', () => {
		const verdict = securityGate([high], [{ ...entry, rationale: '  ' }], '2026-11-20');
		expect(verdict.blocking[0]?.reason).toBe('allow-list entry has no rationale');
	});

	test('REQ-1.4 fails when the allow-list entry has expired', () => {
		expect(securityGate([high], [entry], '2027-01-31').status).toBe('pass');
		const verdict = securityGate([high], [entry], '2027-02-01');
		expect(verdict.blocking[0]?.reason).toBe('allow-list entry expired on 2027-01-31');
	});

	test('REQ-1.4 medium, low and info findings never block', () => {
		const findings: Finding[] = ['medium', 'low', 'info'].map((severity) => ({ ruleId: severity, severity, message: '' }) as Finding);
		expect(securityGate(findings, [], '2026-11-20')).toMatchObject({ status: 'pass', counts: { medium: 1, low: 1, info: 1 } });
	});
});

describe('SARIF findings', () => {
	test('REQ-1.4 security-severity scores map as GitHub maps them', () => {
		expect([9.8, 9, 7, 6.9, 4, 3.9, 0].map(levelFromScore)).toEqual(['critical', 'critical', 'high', 'medium', 'medium', 'low', 'info']);
	});

	test('REQ-1.4 reads results with their scores, levels and locations', () => {
		const findings = findingsFromSarif({
			version: '2.1.0',
			runs: [
				{
					results: [
						{ ruleId: 'CVE-1', level: 'warning', message: { text: 'scored' }, properties: { 'security-severity': '9.1' } },
						{ ruleId: 'no-eval', level: 'error', message: { text: 'eval' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'src/a.ts' }, region: { startLine: 3 } } }] },
						{ level: 'note', locations: [{ physicalLocation: { artifactLocation: { uri: 'src/b.ts' } } }] },
						{ ruleId: 'x' },
					],
				},
				{},
			],
		});
		expect(findings).toEqual([
			{ ruleId: 'CVE-1', severity: 'critical', message: 'scored' },
			{ ruleId: 'no-eval', severity: 'high', message: 'eval', location: 'src/a.ts:3' },
			{ ruleId: '(no rule id)', severity: 'low', message: '', location: 'src/b.ts' },
			{ ruleId: 'x', severity: 'medium', message: 'x' },
		]);
		expect(findingsFromSarif({ version: '2.1.0', runs: [{ results: [{ ruleId: 'y', level: 'none' }] }] })[0]?.severity).toBe('info');
	});

	test('REQ-1.4 refuses anything that is not SARIF 2.1.0', () => {
		expect(() => findingsFromSarif({ version: '2.0.0', runs: [] })).toThrow('Not a SARIF 2.1.0 log');
		expect(() => findingsFromSarif(null)).toThrow('Not a SARIF 2.1.0 log');
	});
});
