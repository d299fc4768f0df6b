// SARIF 2.1.0: ESLint's log from the real formatter, and CodeQL's and others' conventions inline.
import { describe, expect, it } from 'vitest';
import { parseSarif } from '../../../src/core/evidence/index.ts';
import { parsed } from './helpers.ts';

function sarif(runs: unknown[], root?: string) {
	const result = parseSarif(JSON.stringify({ version: '2.1.0', runs }), {
		file: 'inline.sarif',
		...(root ? { root } : {}),
	});
	if (!result.ok) throw new Error(result.error.message);
	return result.report.findings!;
}

const driver = (rules: unknown[] = []) => ({ tool: { driver: { name: 'Scanner', rules } } });

describe('ESLint SARIF (@microsoft/eslint-formatter-sarif)', () => {
	it('maps error to high and warning to medium, skips the suppressed result, relativises file URIs', () => {
		const report = parsed('fixture:eslint.sarif', { root: '/tmp/phasebook-evidence-fixtures' });
		expect(report.tool).toBe('ESLint');
		expect(report.findings).toEqual([
			{
				ruleId: 'no-unused-vars',
				severity: 'high',
				message: "'unused' is assigned a value but never used.",
				location: 'lint/checkout.js:3',
				helpUri: 'https://eslint.org/docs/latest/rules/no-unused-vars',
			},
			{
				ruleId: 'eqeqeq',
				severity: 'medium',
				message: "Expected '===' and instead saw '=='.",
				location: 'lint/checkout.js:4',
				helpUri: 'https://eslint.org/docs/latest/rules/eqeqeq',
			},
			{
				ruleId: 'no-eval',
				severity: 'high',
				message: '`eval` can be harmful.',
				location: 'lint/checkout.js:6',
				helpUri: 'https://eslint.org/docs/latest/rules/no-eval',
			},
		]);
	});

	it('keeps only the base name of a file outside the root, never a machine path', () => {
		const report = parsed('fixture:eslint.sarif', { root: '/somewhere/else' });
		expect(report.findings![0]!.location).toBe('checkout.js:3');
	});
});

describe('SARIF severity', () => {
	const scored = (score: unknown) =>
		sarif([
			{
				...driver(),
				results: [
					{
						ruleId: 'R',
						level: 'note',
						message: { text: 'm' },
						properties: { 'security-severity': score },
					},
				],
			},
		])[0]!.severity;

	it("maps security-severity scores as GitHub code scanning does, over the result's level", () => {
		expect([
			scored('9.8'),
			scored(9),
			scored('8.9'),
			scored('7.0'),
			scored(6.9),
			scored('4'),
			scored('3.9'),
			scored('0.1'),
			scored('0'),
		]).toEqual(['critical', 'critical', 'high', 'high', 'medium', 'medium', 'low', 'low', 'info']);
	});

	// GitHub documents the score as a string of a number from 0.0 to 10.0, and no more.
	it('reads a score written with spaces around it, and only in decimal', () => {
		expect([scored(' 9.8'), scored('9.8\n'), scored('.5')]).toEqual(['critical', 'critical', 'low']);
		for (const score of ['0x9', '1e1', '+9.8', 'Infinity']) expect(() => scored(score), score).toThrow('properties.security-severity: expected a security-severity score from 0.0 to 10.0');
	});

	it('falls back to the level when the score is missing', () => {
		expect(scored(undefined)).toBe('low');
	});

	// Read as the level, or as "warning" (medium), these passed a gate that blocks on high.
	it('refuses a score outside 0.0-10.0 or not a number, and a level SARIF does not define, at the field', () => {
		const refused = (result: object, rule: object = {}) => {
			const text = JSON.stringify({ version: '2.1.0', runs: [{ ...driver([{ id: 'R', ...rule }]), results: [{ ruleId: 'R', message: { text: 'm' }, ...result }] }] }, null, 1);
			const parsed = parseSarif(text, { file: 'scan.sarif' });
			expect(parsed.ok).toBe(false);
			return parsed.ok ? undefined : { line: parsed.error.location?.line, message: parsed.error.message, text };
		};
		for (const score of ['-9', '99', 'n/a', '', null]) {
			const got = refused({ properties: { 'security-severity': score } })!;
			expect(got.message).toBe('Not a valid SARIF 2.1.0 log at runs[0].results[0].properties.security-severity: expected a security-severity score from 0.0 to 10.0');
			expect(got.line).toBe(got.text.split('\n').findIndex((l) => l.includes('"security-severity"')) + 1);
		}
		expect(refused({}, { properties: { 'security-severity': '10.5' } })!.message).toBe('Not a valid SARIF 2.1.0 log at runs[0].tool.driver.rules[0].properties.security-severity: expected a security-severity score from 0.0 to 10.0');
		const level = refused({ level: 'CRITICAL' })!;
		expect(level.message).toBe('Not a valid SARIF 2.1.0 log at runs[0].results[0].level: expected a SARIF level: none, note, warning or error');
		expect(level.line).toBe(level.text.split('\n').findIndex((l) => l.includes('"CRITICAL"')) + 1);
		expect(refused({}, { defaultConfiguration: { level: 'fatal' } })!.message).toBe('Not a valid SARIF 2.1.0 log at runs[0].tool.driver.rules[0].defaultConfiguration.level: expected a SARIF level: none, note, warning or error');
	});

	it("uses the rule's score, then the rule's default level, then warning", () => {
		const rules = [
			{ id: 'scored', properties: { 'security-severity': '9.1' } },
			{ id: 'errors', defaultConfiguration: { level: 'error' } },
			{ id: 'plain' },
		];
		const results = ['scored', 'errors', 'plain'].map((ruleId) => ({
			ruleId,
			message: { text: ruleId },
		}));
		const none = { ruleId: 'plain', level: 'none', message: { text: 'x' } };
		expect(
			sarif([{ ...driver(rules), results: [...results, none] }]).map((f) => f.severity),
		).toEqual(['critical', 'high', 'medium', 'info']);
	});
});

describe('SARIF conventions', () => {
	it("finds CodeQL's rules in tool extensions and fills message placeholders", () => {
		const run = {
			tool: {
				driver: { name: 'CodeQL', rules: [] },
				extensions: [
					{
						name: 'codeql/javascript-queries',
						rules: [
							{
								id: 'js/xss',
								helpUri: 'https://codeql.github.com/js-xss',
								properties: { 'security-severity': '6.1' },
							},
						],
					},
				],
			},
			results: [
				{
					rule: { id: 'js/xss', index: 0, toolComponent: { index: 0 } },
					message: { text: 'Cross-site scripting from [{0}](1).', arguments: ['user input'] },
					locations: [
						{
							physicalLocation: {
								artifactLocation: { uri: 'src/app.js', uriBaseId: '%SRCROOT%' },
								region: { startLine: 12 },
							},
						},
					],
				},
			],
		};
		expect(sarif([run])).toEqual([
			{
				ruleId: 'js/xss',
				severity: 'medium',
				message: 'Cross-site scripting from [user input](1).',
				location: 'src/app.js:12',
				helpUri: 'https://codeql.github.com/js-xss',
			},
		]);
	});

	it('drops passes, fixed results, accepted suppressions and non-http help links', () => {
		const results = [
			{ ruleId: 'a', kind: 'pass', message: { text: 'ok' } },
			{ ruleId: 'b', baselineState: 'absent', message: { text: 'fixed' } },
			{
				ruleId: 'c',
				suppressions: [{ kind: 'external', status: 'accepted' }],
				message: { text: 'accepted' },
			},
			{
				ruleId: 'd',
				suppressions: [{ kind: 'external', status: 'rejected' }],
				message: { text: 'still open' },
			},
			// An attack: a suppression accepted beside one rejected closed a critical finding.
			{
				ruleId: 'e',
				suppressions: [{ kind: 'inSource', status: 'accepted' }, { kind: 'external', status: 'rejected' }],
				message: { text: 'rejected once' },
			},
			{ ruleId: 'f', suppressions: [{ kind: 'inSource' }, { kind: 'external', status: 'underReview' }], message: { text: 'under review' } },
		];
		const rules = [{ id: 'd', helpUri: 'javascript:alert(1)' }];
		expect(sarif([{ ...driver(rules), results }])).toEqual([
			{ ruleId: 'd', severity: 'medium', message: 'still open' },
			{ ruleId: 'e', severity: 'medium', message: 'rejected once' },
			{ ruleId: 'f', severity: 'medium', message: 'under review' },
		]);
	});

	it('reads locations from the artifacts table and from logical locations', () => {
		const run = {
			...driver(),
			artifacts: [{ location: { uri: 'src/index.ts' } }],
			results: [
				{
					ruleId: 'x',
					message: { text: 'm' },
					locations: [{ physicalLocation: { artifactLocation: { index: 0 } } }],
				},
				{
					ruleId: 'y',
					message: { text: 'm' },
					locations: [{ logicalLocations: [{ fullyQualifiedName: 'Cart.total' }] }],
				},
			],
		};
		expect(sarif([run]).map((f) => f.location)).toEqual(['src/index.ts', 'Cart.total']);
	});

	it('takes the message from the rule when the result has none', () => {
		const run = {
			...driver([{ id: 'r', shortDescription: { text: 'Short description' } }]),
			results: [{ ruleId: 'r' }],
		};
		expect(sarif([run, { ...driver(), results: [] }])).toEqual([
			{ ruleId: 'r', severity: 'medium', message: 'Short description' },
		]);
	});

	// An adopter's attack: each of these was recorded as "security: pass — no findings".
	it('refuses a scan that did not finish: no runs, a run with no results, an invocation that failed', () => {
		const refused = (text: string) => {
			const result = parseSarif(text, { file: 'scan.sarif' });
			expect(result.ok).toBe(false);
			return result.ok ? undefined : { ...result.error.location, message: result.error.message };
		};
		expect(refused('{"version": "2.1.0",\n "runs": []}')).toEqual({
			file: 'scan.sarif', line: 2, column: 10,
			message: 'The SARIF log has no runs: the scanner recorded no scan, so it cannot pass a security gate; expected the log of a scan that ran',
		});
		const noResults = JSON.stringify({ version: '2.1.0', runs: [{ ...driver(), results: [] }, driver()] }, null, 1);
		expect(refused(noResults)).toMatchObject({
			line: noResults.split('\n').findLastIndex((l) => l.trim() === '{') + 1,
			message: 'Run 2 of the SARIF log (Scanner) has no results: SARIF says the tool did not run (a scan that found nothing writes "results": []), so it cannot pass a security gate',
		});
		const crashed = JSON.stringify({ version: '2.1.0', runs: [{ ...driver(), invocations: [{ executionSuccessful: false, toolExecutionNotifications: [{ level: 'note', message: { text: 'Starting' } }, { level: 'error', message: { text: 'scanner crashed' } }] }], results: [] }] }, null, 1);
		expect(refused(crashed)).toMatchObject({
			line: crashed.split('\n').findIndex((l) => l.includes('executionSuccessful')) + 1,
			message: 'Run 1 of the SARIF log (Scanner) says its scan failed (executionSuccessful: false): scanner crashed; what it found is not the whole, so it cannot pass a security gate',
		});
		// A scan that ran and succeeded, with nothing found, is a pass.
		expect(sarif([{ ...driver(), invocations: [{ executionSuccessful: true }], results: [] }])).toEqual([]);
	});

	it('refuses other SARIF versions, saying where', () => {
		const result = parseSarif('{\n  "version": "2.0.0",\n  "runs": []\n}', { file: 'old.sarif' });
		expect(result.ok).toBe(false);
		if (!result.ok) {
			expect(result.error.location).toEqual({ file: 'old.sarif', line: 2, column: 14 });
			expect(result.error.message).toBe(
				'Not a valid SARIF 2.1.0 log at version: expected SARIF version "2.1.0"',
			);
		}
	});
});
