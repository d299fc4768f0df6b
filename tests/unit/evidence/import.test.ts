// importEvidence end to end on a temp program: ids, parsing, verdicts, atomic new files, no writes on error.
import { existsSync, mkdtempSync, readdirSync, realpathSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { copyFile, cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import {
	EvidenceError,
	importEvidence,
	type ImportOptions,
} from '../../../src/core/evidence/index.ts';
import { evidenceRunSchema, projectSchema } from '../../../src/core/schemas/index.ts';
import { parse } from 'yaml';
import { CORPUS, FIXTURES, filesUnder, hasCorpus, PROJECT_YAML, tempProgram } from './helpers.ts';

let root: string;
const now = new Date('2026-11-21T09:30:15.250Z');
const project = projectSchema.parse(parse(PROJECT_YAML));

async function options(
	report: string,
	overrides: Partial<ImportOptions> = {},
): Promise<ImportOptions> {
	await mkdir(join(root, 'reports'), { recursive: true });
	const source = report.startsWith('corpus:')
		? join(CORPUS, report.slice(7))
		: join(FIXTURES, report);
	const target = join('reports', report.split('/').pop()!);
	await copyFile(source, join(root, target));
	return {
		root,
		files: [target],
		phase: '1',
		gate: 'unit',
		project,
		phaseIds: ['1', '2'],
		now,
		today: '2026-11-21',
		...overrides,
	};
}

async function rejection(promise: Promise<unknown>): Promise<EvidenceError> {
	const error = await promise.then(
		() => undefined,
		(e: unknown) => e,
	);
	expect(error).toBeInstanceOf(EvidenceError);
	return error as EvidenceError;
}

beforeEach(async () => {
	root = await tempProgram();
});

describe('importEvidence', () => {
	it('does not follow a link out of the project on the way to the run folder, and writes nothing', async () => {
		const elsewhere = mkdtempSync(join(tmpdir(), 'phasebook-elsewhere-'));
		await mkdir(join(root, 'content/evidence'), { recursive: true });
		symlinkSync(elsewhere, join(root, 'content/evidence/1'));
		const error = await rejection(importEvidence(await options('vitest-junit.xml')));
		expect(error.message).toBe(`content/evidence/1 leads out of the project (to ${realpathSync(elsewhere)}), so the run was not written there; make it a folder of the project`);
		expect(readdirSync(elsewhere)).toEqual([]);
	});

	it('refuses a report named in the project that links out of it, unread; a report named outside is read where it is', async () => {
		const elsewhere = mkdtempSync(join(tmpdir(), 'phasebook-elsewhere-'));
		const secret = join(elsewhere, 'secret.xml');
		await writeFile(secret, 'root:x:0:0:root:/root:/bin/bash\n');
		await mkdir(join(root, 'reports'), { recursive: true });
		symlinkSync(secret, join(root, 'reports/unit.xml'));
		const error = await rejection(importEvidence({ ...(await options('vitest-junit.xml')), files: ['reports/unit.xml'] }));
		expect(error.message).toBe(`reports/unit.xml: Symbolic link that leads out of the project (to ${realpathSync(secret)}), expected a file inside it`);
		expect(existsSync(join(root, 'content/evidence/1'))).toBe(false);
		// CI writes reports anywhere ($RUNNER_TEMP): named there, the same kind of report imports.
		await copyFile(join(FIXTURES, 'vitest-junit.xml'), join(elsewhere, 'junit.xml'));
		const { run } = await importEvidence({ ...(await options('vitest-junit.xml')), files: [join(elsewhere, 'junit.xml')] });
		expect(run.source.file).toBe('junit.xml');
		// A link inside the project to a report inside it is read like that report.
		symlinkSync('vitest-junit.xml', join(root, 'reports/latest.xml'));
		expect((await importEvidence({ ...(await options('vitest-junit.xml')), files: ['reports/latest.xml'] })).run.tests?.total).toBe(8);
	});

	it('refuses a run larger than the check reads, and writes nothing', async () => {
		// 8 cases, over 1 KB once stored, but under it as the fewest bytes 8 cases can take.
		const error = await rejection(importEvidence(await options('vitest-junit.xml', { maxRunBytes: 1024 })));
		expect(error.message).toMatch(/^The run made from reports\/vitest-junit\.xml would be [\d.]+ MB, over the 0\.0 MB a stored run may be, so it was not written; import the report of fewer tests \(one per suite or shard\)$/);
		expect(existsSync(join(root, 'content/evidence/1'))).toBe(false);
	});

	// A 50 MB report of 2.5 million <testcase/> took 2.5 GB and a minute to parse before its run was
	// refused as too large: the elements are counted first, and parsing never starts.
	it('refuses, unparsed, a report whose <testcase> elements could not fit a stored run, and writes nothing', async () => {
		await mkdir(join(root, 'reports'), { recursive: true });
		// Never closed: parsed, it would be refused as malformed XML.
		await writeFile(join(root, 'reports/many.xml'), `<testsuite name="s">${'<testcase name="a"/>\n'.repeat(10)}`);
		const error = await rejection(importEvidence({ ...(await options('vitest-junit.xml')), files: ['reports/many.xml'], maxRunBytes: 1024 }));
		expect(error.message).toBe('The run made from reports/many.xml would be at least 0.0 MB (10 <testcase> elements), over the 0.0 MB a stored run may be, so it was not read further; import the report of fewer tests (one per suite or shard)');
		expect(existsSync(join(root, 'content/evidence/1'))).toBe(false);
	});

	it('writes a new, schema-valid run under content/evidence/<phase>/<gate>/', async () => {
		const { path, run } = await importEvidence(
			await options('vitest-junit.xml', { commit: 'ABCDEF1234567890', env: 'ci' }),
		);
		expect(path).toBe(join(root, 'content/evidence/1/unit/2026-11-21T09-30-15Z-abcdef1.json'));
		const stored = JSON.parse(await readFile(path, 'utf8'));
		expect(evidenceRunSchema.parse(stored)).toEqual(run);
		expect(run).toMatchObject({
			schemaVersion: 1,
			phase: '1',
			gate: 'unit',
			status: 'fail',
			recordedAt: '2026-11-21T09:30:15.250Z',
			commit: 'abcdef1234567890',
			environment: 'ci',
			source: { format: 'junit', tool: 'vitest', file: 'reports/vitest-junit.xml' },
			tests: { total: 8, passed: 4, failed: 2, skipped: 2 },
			reasons: ['2 of 8 tests failed: "cart total REQ-1 > discounts > takes ten off with TENOFF (REQ-2.2)", "checkout rounds to cents REQ-3"'],
		});
		expect(run.cases).toHaveLength(8);
		// One report: the run names it in `file` alone, as runs did before several could be imported.
		expect(run.source.files).toBeUndefined();
	});

	it('records a passing run with no reasons', async () => {
		const { run } = await importEvidence(await options('node-test-pass-junit.xml'));
		expect(run).toMatchObject({
			status: 'pass',
			reasons: [],
			tests: { total: 3, passed: 2, failed: 0, skipped: 1 },
		});
	});

	it('never overwrites: a second import in the same second gets a new name', async () => {
		const first = await importEvidence(await options('vitest-junit.xml'));
		const second = await importEvidence(await options('node-test-pass-junit.xml'));
		expect(first.path.endsWith('2026-11-21T09-30-15Z-run.json')).toBe(true);
		expect(second.path.endsWith('2026-11-21T09-30-15Z-run-2.json')).toBe(true);
		expect(JSON.parse(await readFile(first.path, 'utf8')).source.tool).toBe('vitest');
		expect(await filesUnder(join(root, 'content/evidence'))).toEqual([
			'1/unit/2026-11-21T09-30-15Z-run-2.json',
			'1/unit/2026-11-21T09-30-15Z-run.json',
		]);
	});

	it('writes exactly --out, and refuses to replace an existing file', async () => {
		const { path } = await importEvidence(
			await options('c8-coverage-summary.json', { gate: 'coverage', out: 'out/coverage-run.json' }),
		);
		expect(path).toBe(join(root, 'out/coverage-run.json'));
		const before = await readFile(path, 'utf8');
		const error = await rejection(
			importEvidence(
				await options('c8-coverage-summary.json', {
					gate: 'coverage',
					out: 'out/coverage-run.json',
				}),
			),
		);
		expect(error.message).toBe(
			'out/coverage-run.json already exists; every import is a new run, so choose a new --out path',
		);
		expect(await readFile(path, 'utf8')).toBe(before);
		expect(await filesUnder(join(root, 'out'))).toEqual(['coverage-run.json']);
	});

	// A run written as content/phases/7.mdx was read as a phase document, and failed the next check.
	it('refuses --out into content/ outside its evidence folder, and writes nothing', async () => {
		const error = await rejection(importEvidence(await options('c8-coverage-summary.json', { gate: 'coverage', out: 'content/phases/7.mdx' })));
		expect(error.message).toBe('--out content/phases/7.mdx is in content/ but not in content/evidence/, where the documents are; write the run in content/evidence/ or outside content/');
		expect(await filesUnder(join(root, 'content/phases'))).not.toContain('7.mdx');
		const { path } = await importEvidence(await options('c8-coverage-summary.json', { gate: 'coverage', out: 'content/evidence/1/coverage/by-hand.json' }));
		expect(path).toBe(join(root, 'content/evidence/1/coverage/by-hand.json'));
	});

	// An attack's --out linkdir/x.json, linkdir a link in the project to a folder outside it, wrote
	// the run there. --out may name a file anywhere, but not one in the project that is not.
	it('refuses an --out in the project whose folder leads out of it, and writes nothing there; named where it leads, it is written', async () => {
		const elsewhere = mkdtempSync(join(tmpdir(), 'phasebook-elsewhere-'));
		symlinkSync(elsewhere, join(root, 'linkdir'));
		const error = await rejection(importEvidence(await options('c8-coverage-summary.json', { gate: 'coverage', out: 'linkdir/x.json' })));
		expect(error.message).toBe(`--out linkdir/x.json: linkdir leads out of the project (to ${realpathSync(elsewhere)}), so the run was not written there; name the folder it leads to with --out if the run belongs there`);
		expect(readdirSync(elsewhere)).toEqual([]);
		const { path } = await importEvidence(await options('c8-coverage-summary.json', { gate: 'coverage', out: join(elsewhere, 'x.json') }));
		expect(readdirSync(elsewhere)).toEqual(['x.json']);
		expect(path).toBe(join(elsewhere, 'x.json'));
	});

	// A unit run written into the coverage folder failed the next check; a run.txt was "recorded"
	// and never read; a run written as a git hook or a template sat where neither belongs.
	it('refuses --out where the run would fail the check or never be read, and writes nothing', async () => {
		const refused = async (out: string) => (await rejection(importEvidence(await options('c8-coverage-summary.json', { gate: 'coverage', out })))).message;
		const home = "content/evidence/1/coverage/, where the runs of phase 1's coverage gate are read";
		expect(await refused('content/evidence/1/unit/wrong.json')).toBe(`--out content/evidence/1/unit/wrong.json is in content/evidence/ but is not a .json file in ${home}; write it there, or leave --out out`);
		expect(await refused('content/evidence/1/coverage/run.txt')).toBe(`--out content/evidence/1/coverage/run.txt is in content/evidence/ but is not a .json file in ${home}; write it there, or leave --out out`);
		expect(await refused('content/evidence/1/coverage/.hidden.json')).toContain('is not a .json file in content/evidence/1/coverage/');
		// A folder below the gate's: accepted, then refused by the check as not a run of the gate.
		expect(await refused('content/evidence/1/coverage/sub/c.json')).toBe(`--out content/evidence/1/coverage/sub/c.json is in content/evidence/ but is not a .json file in ${home}; write it there, or leave --out out`);
		expect(await refused('templates/x.json')).toBe('--out templates/x.json is in templates/, where the document templates are; write the run in content/evidence/1/coverage/ or in a folder of its own');
		expect(await refused('.git/hooks/post-merge')).toBe("--out .git/hooks/post-merge is in git's own folder; write the run in content/evidence/1/coverage/ or in a folder of its own");
		expect(await filesUnder(join(root, 'content/evidence'))).toEqual([]);
		expect(await filesUnder(join(root, 'templates'))).not.toContain('x.json');
	});

	// c8, Vitest, Jest and pytest-cov write lcov paths relative to where they ran: two packages'
	// reports each named src/index.js, were refused as measuring one file, and the suggested lcov
	// merge added two files' lines up as one.
	it('places a relative coverage path under the report’s own folder (a monorepo package), else keeps it as written', async () => {
		const record = (lines: string) => `TN:\nSF:src/index.js\n${lines}end_of_record\n`;
		for (const [name, lines] of [['a', 'DA:1,1\nDA:2,1\nDA:3,0\nLF:3\nLH:2\n'], ['b', 'DA:1,1\nDA:2,1\nLF:2\nLH:2\n']] as const) {
			await mkdir(join(root, `packages/${name}/src`), { recursive: true });
			await mkdir(join(root, `packages/${name}/coverage`), { recursive: true });
			await writeFile(join(root, `packages/${name}/src/index.js`), 'export const f = 1;\n');
			await writeFile(join(root, `packages/${name}/coverage/lcov.info`), record(lines));
		}
		const { run } = await importEvidence({ ...(await options('c8-coverage-summary.json', { gate: 'coverage' })), files: ['packages/a/coverage/lcov.info', 'packages/b/coverage/lcov.info'] });
		expect(run.coverage!.files!.map((f) => f.path)).toEqual(['packages/a/src/index.js', 'packages/b/src/index.js']);
		expect(run.coverage!.lines).toBe(80);
		// A path no folder of the report holds stays as the tool wrote it.
		await writeFile(join(root, 'reports/lcov.info'), 'TN:\nSF:lib/gone.js\nDA:1,1\nLF:1\nLH:1\nend_of_record\n');
		const elsewhere = await importEvidence({ ...(await options('c8-coverage-summary.json', { gate: 'coverage' })), files: ['reports/lcov.info'] });
		expect(elsewhere.run.coverage!.files!.map((f) => f.path)).toEqual(['lib/gone.js']);
	});

	it('evaluates a coverage gate from a c8 summary', async () => {
		const { run } = await importEvidence(
			await options('c8-coverage-summary.json', { gate: 'coverage' }),
		);
		expect(run).toMatchObject({
			status: 'fail',
			coverage: { lines: 58.82 },
			reasons: ['Line coverage 58.82 % is below the 85 % threshold'],
		});
	});

	it('evaluates a findings gate from ESLint SARIF', async () => {
		const { run } = await importEvidence(await options('eslint.sarif', { gate: 'security' }));
		expect(run.status).toBe('fail');
		expect(run.reasons).toEqual([
			'no-unused-vars (high) is open and not allow-listed',
			'no-eval (high) is open and not allow-listed',
		]);
	});

	it.skipIf(!hasCorpus)(
		"passes a findings gate on Trivy's medium-only SARIF and JUnit",
		async () => {
			const sarif = await importEvidence(
				await options('corpus:sarif/trivy-alpine-310.sarif', { gate: 'security' }),
			);
			expect(sarif.run).toMatchObject({
				status: 'pass',
				source: { format: 'sarif', tool: 'Trivy' },
			});
			const junit = await importEvidence(
				await options('corpus:junit/trivy-alpine-310.junit.xml', { gate: 'security' }),
			);
			expect(junit.run).toMatchObject({
				status: 'pass',
				source: { format: 'junit', tool: 'trivy' },
			});
			expect(junit.run.findings).toHaveLength(4);
		},
	);

	it('honours an explicit format', async () => {
		const { run } = await importEvidence(
			await options('playwright-report.json', { gate: 'e2e', format: 'playwright' }),
		);
		expect(run).toMatchObject({
			status: 'fail',
			source: { format: 'playwright' },
			tests: { passed: 5, failed: 1 },
		});
	});
});

describe('several reports as one run', () => {
	const parts = ['junit-parts/TEST-orders.xml', 'junit-parts/TEST-stock.xml'];

	it('fails the gate on a failure in any report, where one run each left only the last one standing', async () => {
		const [orders, stock] = await Promise.all(parts.map((name) => options(name)));
		const { path, run } = await importEvidence({ ...orders!, files: [...orders!.files, ...stock!.files] });
		expect(run).toMatchObject({
			status: 'fail',
			source: { format: 'junit', tool: 'pytest', file: 'reports/TEST-orders.xml', files: ['reports/TEST-orders.xml', 'reports/TEST-stock.xml'] },
			tests: { total: 5, passed: 4, failed: 1, skipped: 0, durationMs: 127 },
			reasons: ['1 of 5 tests failed: "test_rounds_to_cents"'],
		});
		expect(evidenceRunSchema.parse(JSON.parse(await readFile(path, 'utf8')))).toEqual(run);
		expect(await filesUnder(join(root, 'content/evidence'))).toEqual(['1/unit/2026-11-21T09-30-15Z-run.json']);
		// The adopter's way before: one import per file, and the gate is judged on the last, passing one.
		expect((await importEvidence(stock!)).run.status).toBe('pass');
	});

	it('refuses a report named twice, or twice through a link, and writes nothing', async () => {
		const orders = await options(parts[0]!);
		const twice = await rejection(importEvidence({ ...orders, files: ['reports/TEST-orders.xml', 'reports/TEST-stock.xml', 'reports/TEST-orders.xml'] }));
		expect(twice.message).toBe('reports/TEST-orders.xml is named twice; a run counts each report once, so name it once');
		symlinkSync('TEST-orders.xml', join(root, 'reports/latest.xml'));
		const linked = await rejection(importEvidence({ ...orders, files: ['reports/TEST-orders.xml', 'reports/latest.xml'] }));
		expect(linked.message).toBe('reports/TEST-orders.xml and reports/latest.xml are the same file; a run counts each report once, so name it once');
		// A byte-for-byte copy at another path (an artifact downloaded twice) doubled every count.
		await copyFile(join(root, 'reports/TEST-orders.xml'), join(root, 'reports/copy.xml'));
		const copied = await rejection(importEvidence({ ...orders, files: ['reports/TEST-orders.xml', 'reports/copy.xml'] }));
		expect(copied.message).toBe('reports/TEST-orders.xml and reports/copy.xml hold the same report, byte for byte; a run counts each report once, so name it once');
		expect(await filesUnder(join(root, 'content/evidence'))).toEqual([]);
	});

	it('refuses the whole import when one report is unusable, naming it, and writes nothing', async () => {
		const [orders, summary] = [await options(parts[0]!), await options('c8-coverage-summary.json')];
		const error = await rejection(importEvidence({ ...orders, files: [...orders.files, ...summary.files] }));
		expect(error.message).toMatch(/^Gate "unit" \(rule tests\) needs test results, but reports\/c8-coverage-summary\.json \(istanbul\) has none;/);
		const missing = await rejection(importEvidence({ ...orders, files: [...orders.files, 'reports/TEST-none.xml'] }));
		expect(missing.message).toBe('Report file not found: reports/TEST-none.xml');
		expect(await filesUnder(join(root, 'content/evidence'))).toEqual([]);
	});

	it('refuses a folder, saying to name the reports in it', async () => {
		const orders = await options(parts[0]!);
		const error = await rejection(importEvidence({ ...orders, files: ['reports'] }));
		expect(error.message).toBe('reports: Unexpected folder, expected a regular file; name the reports in it instead, such as reports/*.xml (the shell expands the pattern)');
	});

	it('names the reports when their run is too large to store', async () => {
		const [orders, stock] = await Promise.all(parts.map((name) => options(name)));
		const error = await rejection(importEvidence({ ...orders!, files: [...orders!.files, ...stock!.files], maxRunBytes: 1024 }));
		expect(error.message).toMatch(/^The run made from reports\/TEST-orders\.xml and 1 more report would be [\d.]+ MB, over the 0\.0 MB a stored run may be, so it was not written; import fewer reports in one run, and the others under a gate of their own$/);
		// The reports' <testcase> elements are counted as each is read: the second is not parsed.
		const counted = await rejection(importEvidence({ ...orders!, files: [...orders!.files, ...stock!.files], maxRunBytes: 500 }));
		expect(counted.message).toBe('The run made from reports/TEST-orders.xml and 1 more report would be at least 0.0 MB (5 <testcase> elements), over the 0.0 MB a stored run may be, so it was not read further; import fewer reports in one run, and the others under a gate of their own');
	});
});

describe('paths the run publishes', () => {
	it('are relative to the repository when the project sits in a folder of it', async () => {
		// The repository holds .git, the project lives in docs/, CI wrote lcov with absolute paths.
		const project = join(root, 'docs');
		await mkdir(join(root, '.git'));
		await cp(join(root, 'content'), join(project, 'content'), { recursive: true });
		await mkdir(join(root, 'ci'));
		await writeFile(join(root, 'ci/lcov.info'), `SF:${root}/src/a.js\nDA:1,1\nDA:2,0\nend_of_record\n`);
		const { run } = await importEvidence({ ...(await options('vitest-junit.xml')), root: project, files: [join(root, 'ci/lcov.info')], gate: 'coverage' });
		expect(run.source.file).toBe('ci/lcov.info');
		expect(run.coverage?.files).toEqual([{ path: 'src/a.js', lines: { covered: 1, total: 2 } }]);
	});

	// Vitest's coverage at the repository's top measured docs/astro.config.mjs (0 of 5 lines) beside
	// src/math.js (4 of 4): the coverage gate read 44.44 % of code that is wholly covered.
	it("leave out the coverage of a docs/ program's own files, and say which", async () => {
		const project = join(root, 'docs');
		await mkdir(join(root, '.git'));
		await cp(join(root, 'content'), join(project, 'content'), { recursive: true });
		await mkdir(join(root, 'ci'));
		await writeFile(join(root, 'ci/lcov.info'), 'SF:docs/astro.config.mjs\nDA:1,0\nDA:2,0\nDA:3,0\nDA:4,0\nDA:5,0\nend_of_record\nSF:src/math.js\nDA:1,1\nDA:2,1\nDA:3,1\nDA:4,1\nend_of_record\n');
		const { run, leftOut } = await importEvidence({ ...(await options('vitest-junit.xml')), root: project, files: [join(root, 'ci/lcov.info')], gate: 'coverage' });
		expect(leftOut).toEqual(['docs/astro.config.mjs']);
		expect(run.coverage).toEqual({ lines: 100, files: [{ path: 'src/math.js', lines: { covered: 4, total: 4 } }] });
		expect(run.status).toBe('pass');
		// A report of the program's files alone says nothing of the code: refused, nothing written.
		await writeFile(join(root, 'ci/docs.info'), 'SF:docs/astro.config.mjs\nDA:1,0\nend_of_record\n');
		const error = await rejection(importEvidence({ ...(await options('vitest-junit.xml')), root: project, files: [join(root, 'ci/docs.info')], gate: 'coverage' }));
		expect(error.message).toBe("ci/docs.info measures only the Phasebook program's own files (docs/), not the code; expected the coverage report of the code under test");
	});

	// pytest-cov on a GitHub runner wrote /home/runner/work/app/app/src/...: the repository's file
	// was stored as "pkga/core.py" (Cobertura) or "core.py" (lcov), neither a path of the repository.
	it("map another machine's checkout to the repository file its path ends with", async () => {
		await mkdir(join(root, '.git'));
		await mkdir(join(root, 'src/pkga'), { recursive: true });
		await writeFile(join(root, 'src/pkga/core.py'), 'x = 1\n');
		await mkdir(join(root, 'ci'));
		await writeFile(join(root, 'ci/lcov.info'), 'SF:/home/runner/work/app/app/src/pkga/core.py\nDA:1,1\nend_of_record\nSF:/home/runner/work/app/app/gone/old.py\nDA:1,0\nend_of_record\n');
		const lcov = await importEvidence({ ...(await options('vitest-junit.xml')), files: [join(root, 'ci/lcov.info')], gate: 'coverage' });
		// A file the repository does not have keeps its base name, as before.
		expect(lcov.run.coverage?.files?.map((f) => f.path)).toEqual(['src/pkga/core.py', 'old.py']);
		await writeFile(join(root, 'ci/coverage.xml'), `<?xml version="1.0" ?>
<coverage lines-valid="2" lines-covered="1" line-rate="0.5" branches-valid="0" branches-covered="0" branch-rate="0" version="7.6.1">
	<sources><source>/home/runner/work/app/app/src</source></sources>
	<packages><package name="pkga"><classes><class name="core.py" filename="pkga/core.py"><lines><line number="1" hits="1"/><line number="2" hits="0"/></lines></class></classes></package></packages>
</coverage>
`);
		const cobertura = await importEvidence({ ...(await options('vitest-junit.xml')), files: [join(root, 'ci/coverage.xml')], gate: 'coverage' });
		expect(cobertura.run.coverage?.files?.map((f) => f.path)).toEqual(['src/pkga/core.py']);		// pytest --cov=alpha --cov=beta: two <source> folders, each file relative to the one that holds it.
		for (const file of ['multi/alpha/util.py', 'multi/beta/butil.py']) {
			await mkdir(join(root, file, '..'), { recursive: true });
			await writeFile(join(root, file), 'x = 1\n');
		}
		await writeFile(join(root, 'ci/multi.xml'), `<?xml version="1.0" ?>
<coverage lines-valid="2" lines-covered="1" line-rate="0.5" branches-valid="0" branches-covered="0" branch-rate="0" version="7.6.1">
	<sources><source>${root}/multi/alpha</source><source>${root}/multi/beta</source></sources>
	<packages><package name="."><classes><class name="util.py" filename="util.py"><lines><line number="1" hits="1"/></lines></class><class name="butil.py" filename="butil.py"><lines><line number="1" hits="0"/></lines></class></classes></package></packages>
</coverage>
`);
		const multi = await importEvidence({ ...(await options('vitest-junit.xml')), files: [join(root, 'ci/multi.xml')], gate: 'coverage' });
		expect(multi.run.coverage?.files?.map((f) => f.path)).toEqual(['multi/alpha/util.py', 'multi/beta/butil.py']);
		// Two files of another machine with one name, neither in the repository: two files, not one.
		await writeFile(join(root, 'ci/two.info'), 'SF:/home/runner/work/app/app/packages/a/index.js\nDA:1,1\nDA:2,0\nend_of_record\nSF:/home/runner/work/app/app/packages/b/index.js\nDA:1,0\nDA:2,0\nDA:3,0\nend_of_record\n');
		const two = await importEvidence({ ...(await options('vitest-junit.xml')), files: [join(root, 'ci/two.info')], gate: 'coverage' });
		expect(two.run.coverage?.files?.map((f) => [f.path, f.lines])).toEqual([
			['index.js', { covered: 1, total: 2 }],
			['b/index.js', { covered: 0, total: 3 }],
		]);
		expect(two.run.coverage?.lines).toBe(20);
		// Written on Windows, in another letter case than git keeps: the file Windows would have read.
		await writeFile(join(root, 'ci/windows.info'), 'SF:D:\\a\\app\\app\\SRC\\PkgA\\Core.py\nDA:1,1\nend_of_record\n');
		const windows = await importEvidence({ ...(await options('vitest-junit.xml')), files: [join(root, 'ci/windows.info')], gate: 'coverage' });
		expect(windows.run.coverage?.files?.map((f) => f.path)).toEqual(['src/pkga/core.py']);
	});

	// An adopter's attack: CI gathered web/'s lcov (SF:src/math.js) into reports/, and the run credited
	// the repository's own src/math.js, which no test of web/ ran.
	it('are relative to the folder the tool ran in, when told it', async () => {
		await mkdir(join(root, '.git'));
		for (const file of ['src/math.js', 'web/src/math.js']) {
			await mkdir(join(root, file, '..'), { recursive: true });
			await writeFile(join(root, file), 'x\n');
		}
		await mkdir(join(root, 'reports'));
		await writeFile(join(root, 'reports/web.lcov'), 'SF:src/math.js\nDA:1,1\nDA:2,1\nend_of_record\n');
		const base = { ...(await options('vitest-junit.xml')), files: [join(root, 'reports/web.lcov')], gate: 'coverage' };
		expect((await importEvidence(base)).run.coverage?.files?.map((f) => f.path)).toEqual(['src/math.js']);
		expect((await importEvidence({ ...base, ranIn: join(root, 'web') })).run.coverage?.files?.map((f) => f.path)).toEqual(['web/src/math.js']);
		// A path that climbs out of the repository from there is kept as written, never placed above it.
		await writeFile(join(root, 'reports/up.lcov'), 'SF:../../outside.js\nDA:1,1\nend_of_record\n');
		expect((await importEvidence({ ...base, files: [join(root, 'reports/up.lcov')], ranIn: join(root, 'web') })).run.coverage?.files?.map((f) => f.path)).toEqual(['../../outside.js']);
		const outside = await rejection(importEvidence({ ...base, ranIn: tmpdir() }));
		expect(outside.message).toBe(`--ran-in ${tmpdir()} is not a folder of the repository at ${root}; expected the folder the tool ran in`);
	});

	it('keep only base names of files outside the repository', async () => {
		const { path, run } = await importEvidence({
			...(await options('vitest-junit.xml', { gate: 'coverage' })),
			files: [join(FIXTURES, 'c8/coverage-final.json')],
		});
		expect(run.source.file).toBe('coverage-final.json');
		expect(run.coverage?.files?.map((f) => f.path)).toEqual(['ingest.js', 'units.js']);
		expect(await readFile(path, 'utf8')).not.toMatch(/\/tmp\/|\/work\//);
	});
});

describe('importEvidence refuses, and writes nothing', () => {
	async function refused(promise: Promise<unknown>): Promise<EvidenceError> {
		const error = await rejection(promise);
		expect(await filesUnder(join(root, 'content/evidence'))).toEqual([]);
		return error;
	}

	it('an unknown phase or gate, listing the valid ids', async () => {
		expect(
			(await refused(importEvidence(await options('vitest-junit.xml', { phase: '9' })))).message,
		).toBe('Unknown phase "9"; expected one of: 1, 2');
		expect(
			(await refused(importEvidence(await options('vitest-junit.xml', { gate: 'lint' })))).message,
		).toBe('Unknown gate "lint"; expected one of: unit, e2e, coverage, security');
	});

	it('a bad commit sha, and a missing report', async () => {
		expect(
			(await refused(importEvidence(await options('vitest-junit.xml', { commit: 'main' }))))
				.message,
		).toBe('Invalid commit "main"; expected a git commit id of 7 to 64 hex digits (SHA-1 or SHA-256)');
		const missing = await refused(
			importEvidence({ ...(await options('vitest-junit.xml')), files: ['reports/nope.xml'] }),
		);
		expect(missing.message).toBe('Report file not found: reports/nope.xml');
	});

	it('a report that cannot feed the gate', async () => {
		const error = await refused(importEvidence(await options('c8-coverage-summary.json')));
		expect(error.message).toBe(
			'Gate "unit" (rule tests) needs test results, but reports/c8-coverage-summary.json (istanbul) has none; import a test report (JUnit, Playwright, TRX, NUnit, xUnit, go test -json, Jest, Vitest, Mocha, RSpec or Dart)',
		);
	});

	it('malformed XML, with its location', async () => {
		await mkdir(join(root, 'reports'), { recursive: true });
		await writeFile(
			join(root, 'reports/bad.xml'),
			'<testsuite>\n  <testcase name="a">\n  </testsuite>\n',
		);
		const error = await refused(
			importEvidence({ ...(await options('vitest-junit.xml')), files: ['reports/bad.xml'] }),
		);
		expect(error.location).toEqual({ file: 'reports/bad.xml', line: 3, column: 3 });
	});

	it('a truncated report, located and called truncated', async () => {
		const full = await readFile(join(FIXTURES, 'pytest-xunit1.xml'), 'utf8');
		await mkdir(join(root, 'reports'), { recursive: true });
		await writeFile(join(root, 'reports/cut.xml'), full.slice(0, 1500));
		const error = await refused(
			importEvidence({ ...(await options('vitest-junit.xml')), files: ['reports/cut.xml'] }),
		);
		expect(error.message).toMatch(/the report looks truncated\)$/);
		expect(error.location?.file).toBe('reports/cut.xml');
		expect(error.location?.line).toBeGreaterThan(1);
	});

	it.skipIf(!hasCorpus)('the XXE attack files', async () => {
		for (const name of ['testXxe-xxe.xml', 'testXxe-oob.xml']) {
			const error = await refused(importEvidence(await options(`corpus:junit/${name}`)));
			expect(error.message).toMatch(/DTDs and entity declarations are not allowed/);
		}
	});
});
