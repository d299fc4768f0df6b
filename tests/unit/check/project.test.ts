// content/project.yaml: its addresses become links on every page, so only http(s) is accepted.
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../../src/cli/run-check.ts';
import { projectSchema } from '../../../src/core/schemas/index.ts';
import { makeProgram, PROJECT_YAML } from '../../helpers/program.ts';

async function projectFindings(extra: string) {
	const root = makeProgram({ 'content/project.yaml': PROJECT_YAML.replace('coverageThreshold', `${extra}\ncoverageThreshold`) });
	const { findings } = await runCheck(root, { diagrams: false });
	return findings.filter((f) => f.path === 'content/project.yaml').map((f) => `${f.line}:${f.column} ${f.severity} ${f.ruleId} ${f.message}`);
}

describe('project.yaml as a whole', () => {
	it('not ok: a list where the settings belong says so of the whole file', async () => {
		const root = makeProgram({ 'content/project.yaml': '- name: Test program\n' });
		const { findings } = await runCheck(root, { diagrams: false });
		expect(findings.filter((f) => f.path === 'content/project.yaml').map((f) => `${f.line} ${f.ruleId} ${f.message}`)).toEqual([
			'1 frontmatter/schema Unexpected list as the whole file, expected object',
		]);
	});
});

// A hostile-input attack: `requirementPattern: '(a+)+b'` and a forty-letter id hung the check.
describe('project.yaml requirementPattern', () => {
	it('not ok: a lookahead or a backreference, which V8 cannot match in linear time', async () => {
		for (const pattern of ['REQ-(?=\\d)\\d+', '(REQ)-\\d+-\\1']) {
			expect(await projectFindings(`requirementPattern: '${pattern}'`), pattern).toEqual([
				expect.stringMatching(/ error frontmatter\/schema Field "requirementPattern": expected a pattern without lookaheads or backreferences/),
			]);
		}
	});

	// An adopter's report: an expression that does not parse was also said to hold a lookahead.
	it('not ok: an expression that does not parse is said once, as such', async () => {
		for (const pattern of ['REQ-[', '(?i)req-\\d+']) {
			expect(await projectFindings(`requirementPattern: '${pattern}'`), pattern).toEqual(['3:1 error frontmatter/schema Field "requirementPattern": expected a valid regular expression']);
		}
	});

	it('ok: a pattern that backtracks, which V8 runs on its linear-time engine when it must', async () => {
		const root = makeProgram({
			'content/project.yaml': PROJECT_YAML.replace('coverageThreshold', "requirementPattern: '(a+)+b'\ncoverageThreshold"),
			'content/phases/1.mdx': (await import('../../helpers/program.ts')).phaseDoc('1').replace('REQ-1.1', `${'a'.repeat(40)}c`),
		});
		// Without the linear-time engine this check never ends (the test's time-out fails it).
		const { findings } = await runCheck(root, { diagrams: false });
		expect(findings.filter((f) => f.ruleId === 'references/requirement-id').map((f) => f.message)).toEqual([expect.stringContaining(`${'a'.repeat(40)}c`)]);
	});
});

// A hostile-input attack: `coverageThreshold: .nan` was said as "Unexpected number null".
describe('project.yaml numbers YAML reads as no number', () => {
	it('says .nan and .inf as YAML writes them', async () => {
		const threshold = async (value: string) => {
			const { findings } = await runCheck(makeProgram({ 'content/project.yaml': PROJECT_YAML.replace('coverageThreshold: 85', `coverageThreshold: ${value}`) }), { diagrams: false });
			return findings.filter((f) => f.path === 'content/project.yaml').map((f) => f.message);
		};
		expect(await threshold('.nan')).toEqual([expect.stringContaining('Unexpected number .nan in "coverageThreshold"')]);
		expect(await threshold('-.inf')).toEqual([expect.stringContaining('Unexpected number -.inf in "coverageThreshold"')]);
	});
});

describe('project.yaml addresses', () => {
	it('ok: an https repository', async () => {
		expect(await projectFindings('repository: https://github.com/acme/app')).toEqual([]);
	});

	it('a repository written as for cloning (.git) or with a trailing slash is the same web address', () => {
		const settings = (repository: string) => projectSchema.parse({ name: 'n', description: 'd', gates: [{ id: 'b', title: 'B', layer: 'build' }], repository }).repository;
		for (const written of ['https://github.com/acme/app.git', 'https://github.com/acme/app/', 'https://github.com/acme/app.git/', 'https://github.com/acme/app']) expect(settings(written), written).toBe('https://github.com/acme/app');
	});

	it.each([
		['javascript:alert(document.domain)//'],
		['data:text/html,<script>alert(1)</script>'],
		['ftp://example.com/app'],
		['//evil.example/app'],
	])('not ok: repository %j is located, and named as not http(s)', async (address) => {
		expect(await projectFindings(`repository: ${JSON.stringify(address)}`)).toEqual([
			'3:1 error frontmatter/schema Field "repository": expected an http:// or https:// address',
		]);
	});

	it('every string field whose name says it is an address takes http(s) only', () => {
		// A field added later (a site address, a link) must use the same schema to pass this.
		const shape = projectSchema.shape as Record<string, unknown>;
		const addresses = Object.keys(shape).filter((k) => /url|repository|site|link|href|address/i.test(k));
		expect(addresses.length).toBeGreaterThan(0);
		for (const key of addresses) {
			const result = projectSchema.safeParse({ name: 'n', description: 'd', gates: [{ id: 'b', title: 'B', layer: 'build' }], [key]: 'javascript:alert(1)' });
			expect(result.success, key).toBe(false);
		}
	});
});

// An adopter's report: `requiredFor: [1.10]` was "Unexpected list", `requiredFor: [01]` passed as
// phase "1", and an allow-list entry's `phase: 1.10` was "expected string" without a word of quotes.
describe('project.yaml phase ids YAML reads as numbers', () => {
	const project = (requiredFor: string, phase: string) => `${PROJECT_YAML.replace('layer: unit }', `layer: unit, requiredFor: ${requiredFor} }`)}allowlist:
  - { ruleId: CVE-1, rationale: Not reachable, expires: 2099-01-01, phase: ${phase} }
`;
	const errors = async (text: string) => {
		const { findings } = await runCheck(makeProgram({ 'content/project.yaml': text }), { diagrams: false });
		return findings.filter((f) => f.path === 'content/project.yaml' && f.severity === 'error').map((f) => `${f.line}:${f.column} ${f.ruleId} ${f.message}`);
	};

	it('not ok: a requiredFor entry or an allow-list phase other than the number written, each at its line, asking for quotes', async () => {
		expect(await errors(project('[1.10, 01]', '0x1'))).toEqual([
			'6:1 frontmatter/schema Unexpected gates[1].requiredFor[0] 1.10: YAML reads it as the number 1.1, expected it in quotes: "1.10"',
			'6:1 frontmatter/schema Unexpected gates[1].requiredFor[1] 01: YAML reads it as the number 1, expected it in quotes: "01"',
			'8:1 frontmatter/schema Unexpected allowlist[0].phase 0x1: YAML reads it as the number 1, expected it in quotes: phase: "0x1"',
		]);
	});

	it('ok: ids in quotes, and a whole number written as its own digits', async () => {
		expect(await errors(project('["1"]', '1'))).toEqual([]);
	});

	it('not ok: an allow-list entry for a phase that does not exist, as other unknown phases are', async () => {
		expect(await errors(project('["1"]', '"01"'))).toEqual(['8:1 references/phase Unknown phase "01" in the allowlist entry for CVE-1, expected one of "1"']);
		expect(await errors(project('["1"]', 'zzz'))).toEqual(['8:1 references/phase Unknown phase "zzz" in the allowlist entry for CVE-1, expected one of "1"']);
	});
});
