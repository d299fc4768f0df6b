// The evidence pages as a reader sees them: a small program whose end-to-end gate fails on a case
// with markup in its name, built once, then the phase, gate, readiness, traceability and RCA pages.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseAnchor } from '../../src/core/case-groups.ts';
import { completeBody, makeProgram, makeSite, phaseDoc, rcaDoc, reviewDoc, TASKS_YAML } from '../helpers/program.ts';

const XSS = '<script>alert(1)</script>';
const FAILING = `REQ-1.1 search shows ${XSS} as text`;
const SUITE = 'e2e/search.spec.ts';

const PROJECT = `name: Evidence test program
description: A program whose end-to-end gate fails.
repository: https://example.com/acme/app
coverageThreshold: 85
gates:
  - { id: build, title: Clean build, layer: build }
  - { id: e2e, title: End-to-end tests, layer: e2e }
  - { id: coverage, title: Coverage, layer: unit, rule: coverage }
  - { id: load, title: Load test, layer: performance, rule: thresholds }
  - { id: security, title: Security scan, layer: security, rule: findings }
kpis:
  - { name: Line coverage measured, target: 85, unit: "%", evidence: coverage }
  - { name: Line coverage stated, target: 85, current: 97, unit: "%" }
`;

// Phase 1 requires only build and e2e (its own gates list); these runs still get their pages.
const runOf = (gate: string, measured: Record<string, unknown>, reasons: string[]) => ({
	schemaVersion: 1,
	phase: '1',
	gate,
	status: 'fail',
	recordedAt: '2026-01-21T11:00:00Z',
	source: { format: gate === 'load' ? 'k6' : 'lcov', tool: gate === 'load' ? 'k6' : 'lcov', file: 'ci/report' },
	...measured,
	reasons,
});
const COVERAGE_RUN = runOf(
	'coverage',
	{
		coverage: {
			lines: 58.82,
			branches: 50,
			files: [
				{ path: 'src/well.ts', lines: { covered: 3, total: 3 } },
				{ path: 'src/small.ts', lines: { covered: 2, total: 4 }, branches: { covered: 1, total: 2 } },
				{ path: 'src/big.ts', lines: { covered: 5, total: 10 }, branches: { covered: 1, total: 2 } },
			],
		},
	},
	['Line coverage 58.82 % is below the 85 % threshold'],
);
const LOAD_RUN = runOf(
	'load',
	{
		thresholds: [
			{ metric: 'checks', expression: 'rate>0.99', ok: true, value: 1 },
			{ metric: 'http_req_duration', expression: 'p(95)<500', ok: false, value: 612.33 },
		],
	},
	['k6 threshold http_req_duration p(95)<500 failed (was 612.33)'],
);

/** A scan with more findings than a page lists (FINDINGS_PER_PAGE is 500). */
const SCAN_FILE = 'content/evidence/1/security/2026-01-21T11-00-00Z-bbbbbbb.json';
const scan = {
	schemaVersion: 1,
	phase: '1',
	gate: 'security',
	status: 'fail',
	recordedAt: '2026-01-21T11:00:00Z',
	commit: 'bbbbbbb',
	source: { format: 'sarif', tool: 'trivy', file: 'trivy.sarif' },
	findings: Array.from({ length: 2000 }, (_, i) => ({
		ruleId: `CVE-2026-${i}`,
		severity: i % 400 === 399 ? 'critical' : 'low',
		message: `Finding ${i}`,
	})),
	reasons: ['5 critical findings'],
};

function run(recordedAt: string, commit: string, failing: boolean) {
	const cases = [
		{ name: 'REQ-1.1 home page loads', suite: SUITE, status: 'passed', durationMs: 420, requirements: ['REQ-1.1'] },
		{
			name: FAILING,
			suite: SUITE,
			status: failing ? 'failed' : 'passed',
			durationMs: 1250,
			requirements: ['REQ-1.1'],
			...(failing
				? { message: `Expected "${XSS}" as text\nsee https://example.com/docs/escaping or javascript:alert(2)` }
				: {}),
		},
	];
	const failed = failing ? 1 : 0;
	return {
		schemaVersion: 1,
		phase: '1',
		gate: 'e2e',
		status: failing ? 'fail' : 'pass',
		recordedAt,
		commit,
		source: { format: 'playwright', tool: 'playwright', file: 'results.json' },
		tests: { total: 2, passed: 2 - failed, failed, skipped: 0, durationMs: 1670 },
		cases,
		reasons: failing ? ['1 of 2 tests failed'] : [],
	};
}

const review = (id: string, date: string, status: string, readiness: string) => ({
	[`content/reviews/${id.toLowerCase()}.mdx`]: reviewDoc(`readiness: ${readiness}\n`, status).replace('id: REV-001', `id: ${id}`).replace('date: 2026-02-01', `date: ${date}`),
});

let root: string;
let html: (route: string) => string;

beforeAll(() => {
	root = makeProgram({
		'content/project.yaml': PROJECT,
		'content/tasks.yaml': TASKS_YAML,
		'content/phases/1.mdx': phaseDoc('1', 'gates: [build, e2e]\n'),
		'content/evidence/1/coverage/2026-01-21T11-00-00Z-run.json': JSON.stringify(COVERAGE_RUN),
		'content/evidence/1/load/2026-01-21T11-00-00Z-run.json': JSON.stringify(LOAD_RUN),
		'content/rcas/rca-0001.mdx': rcaDoc(
			'RCA-0001',
			'status: resolved\nresolved: 2026-01-12\nregressionTests:\n  - REQ-1.1 search escapes markup in a regression test\n',
			// Relative links as on GitHub: to a document, to a code file and (by reference) to a folder.
			`${completeBody('rca')}\nSee [phase 1](../phases/1.mdx#executive-summary), [the code](../../src/a.ts#L1) and [the sources][src].\n\n[src]: ../../src/\n`,
		),
		'content/evidence/1/e2e/2026-01-20T10-00-00Z-aaaaaaa.json': JSON.stringify(run('2026-01-20T10:00:00Z', 'aaaaaaa', false)),
		'content/evidence/1/e2e/2026-01-21T10-00-00Z-bbbbbbb.json': JSON.stringify(run('2026-01-21T10:00:00Z', 'bbbbbbb', true)),
		[SCAN_FILE]: JSON.stringify(scan),
		// A released entry whose relative links the feeds must resolve as the page does.
		'content/changelog/0.1.0.mdx': `---\nversion: 0.1.0\ntitle: First release\ndate: 2026-01-22\nstatus: released\nowners: [ana]\n---\n\n## Added\n\n- Search, after [RCA-0001](../rcas/rca-0001.mdx#symptom-and-impact) and [the code](../../src/a.ts).\n`,
		// Three calls on phase 1: an earlier final one, the current one, and a draft after it.
		...review('REV-001', '2026-01-10', 'final', 'ready'),
		...review('REV-002', '2026-01-22', 'final', 'not-ready'),
		...review('REV-003', '2026-01-25', 'draft', 'ready'),
	});
	const phasebook = makeSite(root);
	const result = spawnSync(process.execPath, [phasebook, 'build', '--root', root, '--out', 'out'], {
		encoding: 'utf8',
		env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1' },
	});
	if (result.status !== 0) throw new Error(`The build failed:\n${result.stdout}\n${result.stderr}`);
	html = (route) => readFileSync(join(root, 'out', route, 'index.html'), 'utf8');
}, 300_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

// Whole pages are long: say what was looked for, not the page.
function has(page: string, text: string) {
	expect(page.includes(text), `expected the page to contain ${JSON.stringify(text)}`).toBe(true);
}

function matches(page: string, pattern: RegExp) {
	expect(pattern.test(page), `expected the page to match ${pattern}`).toBe(true);
}

function lacks(page: string, unwanted: string | RegExp) {
	const found = typeof unwanted === 'string' ? page.includes(unwanted) : unwanted.test(page);
	expect(found, `expected the page not to contain ${String(unwanted)}`).toBe(false);
}

/** The markup of the element with this id, up to the next row (enough to scope an assertion). */
function rowOf(page: string, id: string): string {
	const start = page.indexOf(`id="${id}"`);
	expect(start, `no element with id="${id}"`).toBeGreaterThan(-1);
	return page.slice(start, page.indexOf('</tr>', start));
}

describe('the dashboard', () => {
	it('shows a KPI measured from the evidence as measured, and whether it meets its target by that', () => {
		const row = html('').split('Line coverage measured')[1]!.split('</tr>')[0]!;
		has(row, '58.82 %');
		has(row, 'Missed');
		// Where the value comes from, linked to the run's gate page (F10 of the attack).
		matches(row, /<a class="source"[^>]* href="\/phases\/1\/gates\/coverage\/"[^>]*>\s*measured: phase 1, 21 Jan 2026\s*<\/a>/);
	});

	it('says a KPI value nothing measured is stated, not measured', () => {
		const row = html('').split('Line coverage stated')[1]!.split('</tr>')[0]!;
		has(row, '97 %');
		has(row, 'stated in project.yaml');
		lacks(row, 'measured:');
	});
});

describe('evidence pages', () => {
	it('shows the phase failing its end-to-end gate and the failing case, escaped', () => {
		const page = html('phases/1');
		has(page, 'Not ready');
		has(page, 'End-to-end tests gate fails: 1 of 2 tests failed');
		has(page, 'REQ-1.1 search shows &lt;script&gt;alert(1)&lt;/script&gt; as text');
		lacks(page, XSS);
		// Only the http(s) URL in the message became a link.
		has(page, 'href="https://example.com/docs/escaping"');
		lacks(page, /href="javascript:/i);
		has(page, 'href="/phases/1/gates/e2e/"');
	});

	it('says on the readiness page that the phase is not ready', () => {
		const page = html('readiness');
		has(page, '0 of 1 phase is ready to pass the gate.');
		matches(page, /Not ready: 3 blockers|3 blockers, in the order/);
		has(page, 'No evidence for the required Clean build gate');
	});

	it('shows the gate page with its history and every case', () => {
		const page = html('phases/1/gates/e2e');
		has(page, 'The latest of 2 runs fails the gate.');
		has(page, 'History of 2 runs: 1 passed the gate, 1 failed.');
		matches(page, /<svg[^>]*role="img"/);
		const failing = rowOf(page, caseAnchor(SUITE, FAILING));
		has(failing, 'REQ-1.1 search shows &lt;script&gt;alert(1)&lt;/script&gt; as text');
		has(failing, 'href="/traceability/#trace-req-1.1"');
		has(page, 'REQ-1.1 home page loads');
		has(page, 'href="https://example.com/acme/app/commit/bbbbbbb"');
		lacks(page, XSS);
	});

	it('lists coverage by file, worst covered first, and only the metrics the report measured', () => {
		const page = html('phases/1/gates/coverage');
		has(page, 'By file, worst covered first');
		const order = ['src/big.ts', 'src/small.ts', 'src/well.ts'].map((path) => page.indexOf(`>${path}</code>`));
		expect(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1]!)), `files in order: ${order}`).toBe(true);
		matches(page, /50 %\s*<span class="muted"[^>]*>5\/10<\/span>/);
		lacks(page, '>Statements</th>');
		has(page, '>Branches</th>');
	});

	it('lists each k6 threshold with its value, the failing one first', () => {
		const page = html('phases/1/gates/load');
		has(page, 'k6 threshold http_req_duration p(95)&lt;500 failed (was 612.33)');
		const failing = page.indexOf('<code>p(95)&lt;500</code>');
		expect(failing).toBeGreaterThan(0);
		expect(page.indexOf('<code>rate&gt;0.99</code>')).toBeGreaterThan(failing);
		has(page, '612.33');
	});

	it('links the requirement to its cases on the traceability page', () => {
		const row = rowOf(html('traceability'), 'trace-req-1.1');
		has(row, 'Failing');
		has(row, `href="/phases/1/gates/e2e/#${caseAnchor(SUITE, FAILING)}"`);
		has(row, 'REQ-1.1 search shows &lt;script&gt;alert(1)&lt;/script&gt; as text');
		has(row, 'src/a.ts');
	});

	// The intro said files were linked to the repository where none was.
	it('promises links to the code exactly when the matrix has them', () => {
		const page = html('traceability');
		const matrix = page.slice(page.indexOf('id="trace-rows"'));
		const linksCode = /<td class="trace-files"[^>]*>(?:(?!<\/td>)[\s\S])*<a href=/.test(matrix);
		expect(page.includes('each linked to the repository')).toBe(linksCode);
	});

	it('shows a missing regression test on the RCA page as a blocker', () => {
		const page = html('rcas/rca-0001');
		has(page, 'This RCA blocks the readiness of');
		has(page, 'Regression test &quot;REQ-1.1 search escapes markup in a regression test&quot; of RCA-0001 is missing from the evidence');
	});

	// "playwright (playwright)" said the tool's name twice; the format is named where it differs.
	it('names the report’s tool, and its format where that is another name', () => {
		const e2e = html('phases/1/gates/e2e');
		matches(e2e, /playwright\s*<code class="source-file"/);
		lacks(e2e, '(playwright');
		const security = html('phases/1/gates/security');
		matches(security, /trivy\s*<span class="muted"[^>]*>\(sarif format\) <\/span>/);
	});

	it('lists the 500 most severe of 2,000 findings, counts them all and links the whole run', () => {
		const page = html('phases/1/gates/security');
		const table = page.slice(page.indexOf('class="findings-table'), page.indexOf('</table>', page.indexOf('class="findings-table')));
		expect(table.match(/<th scope="row"/g)).toHaveLength(500);
		has(page, 'CVE-2026-399');
		lacks(page, 'CVE-2026-1998');
		const note = page.slice(page.indexOf('class="findings-more"'), page.indexOf('</p>', page.indexOf('class="findings-more"')));
		expect(note).toMatch(/^class="findings-more"[^>]*>The latest run has 2000 findings \(5 critical, 1995 low\); the 500 most severe are listed\. ?<a href="\/evidence\/1\/security\/2026-01-21T11-00-00Z-bbbbbbb\.json" download[^>]*>Download the whole run \(JSON\)<\/a>\.$/);
		const published = JSON.parse(readFileSync(join(root, 'out/evidence/1/security/2026-01-21T11-00-00Z-bbbbbbb.json'), 'utf8'));
		expect(published.findings).toHaveLength(2000);
		expect(published).toEqual(JSON.parse(readFileSync(join(root, SCAN_FILE), 'utf8')));
	});

	it('gives every required gate a page, with or without evidence', () => {
		expect(html('phases/1/gates/build')).toContain('No evidence has been recorded for this gate yet.');
	});
});

describe('the reviews index', () => {
	it('says which call stands: only the latest final review of a phase makes the current one', () => {
		const rows = [...html('reviews').matchAll(/<tr>\s*<th scope="row">[\s\S]*?<\/tr>/g)].map((m) => m[0].replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim());
		expect(rows.map((r) => r.replace(/ Phase 1 review.*?(Draft|Final|Superseded) /, ' $1 '))).toEqual([
			expect.stringMatching(/^REV-001 : Superseded Ready 0 0$/),
			expect.stringMatching(/^REV-002 : Final Not ready 0 0$/),
			expect.stringMatching(/^REV-003 : Draft Ready 0 0$/),
		]);
	});
});

describe('relative links in a document', () => {
	it('lead to the document’s page, and to the file or folder in the repository at the built commit', () => {
		const head = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).stdout.trim();
		const links = Object.fromEntries([...html('rcas/rca-0001').matchAll(/<a href="([^"]*)"[^>]*>(phase 1|the code|the sources)<\/a>/g)].map((m) => [m[2], m[1]]));
		expect(links).toEqual({
			'phase 1': '/phases/1/#executive-summary',
			'the code': `https://example.com/acme/app/blob/${head}/src/a.ts#L1`,
			'the sources': `https://example.com/acme/app/tree/${head}/src`,
		});
	});

	// An adopter's attack: the page marked a release git has no tag of, and the feeds announced it plainly.
	it('a release git has no tag of is marked in the feeds as on the changelog page', () => {
		has(html('changelog'), 'Tag v0.1.0 is not in the repository');
		const atom = readFileSync(join(root, 'out', 'changelog', 'feed.xml'), 'utf8');
		const rss = readFileSync(join(root, 'out', 'changelog', 'rss.xml'), 'utf8');
		for (const xml of [atom, rss]) {
			has(xml, '<title>0.1.0: First release (tag v0.1.0 is not in the repository)</title>');
			has(xml, '&lt;strong&gt;Tag v0.1.0 is not in the repository&lt;/strong&gt;');
		}
	});

	it('lead to the same places from the changelog’s feeds, made absolute', () => {
		const head = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).stdout.trim();
		for (const feed of ['feed.xml', 'rss.xml']) {
			const xml = readFileSync(join(root, 'out', 'changelog', feed), 'utf8');
			expect(xml, feed).not.toContain('phasebook-source:');
			const hrefs = [...xml.matchAll(/href=&quot;([^&]*)&quot;&gt;(RCA-0001|the code)/g)].map((m) => `${m[2]}: ${m[1]}`);
			expect(hrefs, feed).toEqual([expect.stringMatching(/^RCA-0001: https?:\/\/[^/]+\/rcas\/rca-0001\/#symptom-and-impact$/), `the code: https://example.com/acme/app/blob/${head}/src/a.ts`]);
		}
	});
});
