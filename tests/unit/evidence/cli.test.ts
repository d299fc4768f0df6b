// scripts/evidence.ts as CI runs it: exit codes, one-line errors, files written or not.
import { spawnSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { CI_COMMIT_VARIABLES } from '../../../src/core/evidence/commit.ts';
import { FIXTURES, filesUnder, tempProgram } from './helpers.ts';
import { phaseDoc } from '../../helpers/program.ts';

const SCRIPT = resolve(process.cwd(), 'scripts/evidence.ts');
let root: string;

function cli(args: string[], env: Record<string, string> = {}) {
	// As on a developer's machine, whatever machine runs the tests: no CI and no CI commit variable.
	const { GITHUB_ACTIONS: _a, PHASEBOOK_TODAY: _t, CI: _c, ...base } = process.env;
	for (const name of CI_COMMIT_VARIABLES) delete base[name];
	const result = spawnSync(process.execPath, [SCRIPT, ...args], {
		cwd: root,
		env: { ...base, ...env },
		encoding: 'utf8',
	});
	return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function report(name: string): Promise<string> {
	await mkdir(join(root, 'reports'), { recursive: true });
	await copyFile(join(FIXTURES, name), join(root, 'reports', name));
	return `reports/${name}`;
}

const evidence = () => filesUnder(join(root, 'content/evidence'));

/** git in the temp program, as a fixed author whatever the machine's configuration. */
const git = (...args: string[]) => spawnSync('git', args, { cwd: root, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_AUTHOR_NAME: 'A', GIT_AUTHOR_EMAIL: 'a@x', GIT_COMMITTER_NAME: 'A', GIT_COMMITTER_EMAIL: 'a@x' } }).stdout.trim();

beforeEach(async () => {
	root = await tempProgram();
});

describe('node scripts/evidence.ts', () => {
	it('prints usage for --help', () => {
		const { code, stdout } = cli(['--help']);
		expect(code).toBe(0);
		expect(stdout).toMatch(
			/^Usage: phasebook evidence import <report-file>\.\.\. --phase <id> --gate <id>/,
		);
		expect(stdout).toContain(
			'                      coverage: istanbul, istanbul-final, lcov, cobertura, jacoco, go-cover, coverage-py\n',
		);
	});

	it('imports a failing run: prints the path, the summary and the reasons, exit 0', async () => {
		const { code, stdout, stderr } = cli([
			'import',
			await report('vitest-junit.xml'),
			'--phase',
			'1',
			'--gate',
			'unit',
			'--commit',
			'0123abcd',
		]);
		expect(stderr).toBe('');
		expect(code).toBe(0);
		const [path, summary, ...reasons] = stdout.trimEnd().split('\n');
		expect(path).toMatch(
			/^content\/evidence\/1\/unit\/\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z-0123abc\.json$/,
		);
		expect(summary).toBe('unit: fail — 4 passed, 2 failed, 2 skipped');
		expect(reasons).toEqual([
			'  - 2 of 8 tests failed: "cart total REQ-1 > discounts > takes ten off with TENOFF (REQ-2.2)", "checkout rounds to cents REQ-3"',
		]);
		expect(JSON.parse(await readFile(join(root, path!), 'utf8'))).toMatchObject({
			commit: '0123abcd',
			status: 'fail',
		});
	});

	it('imports several reports as one run that fails on the first one’s failure, with --out one file', async () => {
		await mkdir(join(root, 'reports'), { recursive: true });
		for (const name of ['TEST-orders.xml', 'TEST-stock.xml'])
			await copyFile(join(FIXTURES, 'junit-parts', name), join(root, 'reports', name));
		// As the shell hands over `reports/TEST-*.xml`.
		const files = ['reports/TEST-orders.xml', 'reports/TEST-stock.xml'];
		const { code, stdout, stderr } = cli(['import', ...files, '--phase', '1', '--gate', 'unit']);
		expect(stderr).toBe('');
		expect(code).toBe(0);
		const [path, summary, ...reasons] = stdout.trimEnd().split('\n');
		expect(summary).toBe('unit: fail — 4 passed, 1 failed, 0 skipped');
		expect(reasons).toEqual(['  - 1 of 5 tests failed: "test_rounds_to_cents"']);
		expect(await evidence()).toEqual([path!.slice('content/evidence/'.length)]);
		expect(JSON.parse(await readFile(join(root, path!), 'utf8')).source).toEqual({ format: 'junit', tool: 'pytest', file: files[0], files });
		const out = cli(['import', ...files, '--phase', '1', '--gate', 'unit', '--out', 'out/run.json']);
		expect(out.code).toBe(0);
		expect(out.stdout.split('\n')[0]).toBe('out/run.json');
		expect(await filesUnder(join(root, 'out'))).toEqual(['run.json']);
		expect(await evidence()).toHaveLength(1);
	});

	// An attack's 50 MB report of 2.5 million <testcase name="a"/> took 2.5 GB and 57 s to parse
	// before its run was refused as too large: the elements are counted first, nothing is parsed.
	it('refuses a report of more test cases than a stored run can hold before parsing it, exit 1', async () => {
		await mkdir(join(root, 'reports'), { recursive: true });
		await writeFile(join(root, 'reports/many.xml'), `<testsuite name="s">${'<testcase name="a"/>'.repeat(2_500_000)}</testsuite>`);
		const { code, stdout, stderr } = cli(['import', 'reports/many.xml', '--phase', '1', '--gate', 'unit']);
		expect([code, stdout, stderr]).toEqual([1, '', 'phasebook evidence: The run made from reports/many.xml would be at least 252.7 MB (2500000 <testcase> elements), over the 50.0 MB a stored run may be, so it was not read further; import the report of fewer tests (one per suite or shard)\n']);
		expect(await evidence()).toEqual([]);
	}, 120_000);

	it('refuses an --out in the project through a link that leads out of it, exit 1', async () => {
		const elsewhere = await mkdtemp(join(tmpdir(), 'phasebook-elsewhere-'));
		await symlink(elsewhere, join(root, 'linkdir'));
		const { code, stderr } = cli(['import', await report('vitest-junit.xml'), '--phase', '1', '--gate', 'unit', '--out', 'linkdir/x.json']);
		expect([code, stderr]).toEqual([1, `phasebook evidence: --out ${join(realpathSync(root), 'linkdir/x.json')}: linkdir leads out of the project (to ${realpathSync(elsewhere)}), so the run was not written there; name the folder it leads to with --out if the run belongs there\n`]);
		expect(await readdir(elsewhere)).toEqual([]);
	});

	it("imports c8's lcov into the coverage gate, printing the metrics lcov has", async () => {
		await mkdir(join(root, 'reports'), { recursive: true });
		await copyFile(join(FIXTURES, 'c8/lcov.info'), join(root, 'reports/lcov.info'));
		const { code, stdout, stderr } = cli(['import', 'reports/lcov.info', '--phase', '1', '--gate', 'coverage']);
		expect(stderr).toBe('');
		expect(code).toBe(0);
		expect(stdout.trimEnd().split('\n')[1]).toBe('coverage: pass — lines 88.88 %, functions 80 %, branches 71.42 %');
	});

	it('imports a passing run with the commit from $GITHUB_SHA and an explicit --out', async () => {
		const sha = 'fedcba9876543210fedcba9876543210fedcba98';
		const args = [
			'import',
			await report('node-test-pass-junit.xml'),
			'--phase',
			'1',
			'--gate',
			'unit',
			'--env',
			'ci',
			'--out',
			'run.json',
		];
		const { code, stdout } = cli(args, { GITHUB_SHA: sha });
		expect(code).toBe(0);
		expect(stdout).toBe('run.json\nunit: pass — 2 passed, 0 failed, 1 skipped\n');
		expect(JSON.parse(await readFile(join(root, 'run.json'), 'utf8'))).toMatchObject({
			commit: sha,
			environment: 'ci',
		});
	});

	it('takes the commit from the CI service’s variable, from HEAD on a CI machine, and guesses none elsewhere', async () => {
		let runs = 0;
		const commitOf = async (env: Record<string, string>, extra: string[] = []) => {
			const out = `run-${++runs}.json`;
			const { code, stderr } = cli(['import', await report('node-test-pass-junit.xml'), '--phase', '1', '--gate', 'unit', '--out', out, ...extra], env);
			expect(stderr).toBe('');
			expect(code).toBe(0);
			return (JSON.parse(await readFile(join(root, out), 'utf8')) as { commit?: string }).commit;
		};
		git('init', '-q');
		git('add', '-A');
		git('commit', '-qm', 'start');
		const head = git('rev-parse', 'HEAD');
		expect(await commitOf({ CI: 'true', CI_COMMIT_SHA: head.slice(0, 10) })).toBe(head);
		// A variable naming a commit git does not have (left over from another job) is refused, as --commit is.
		const gitlab = 'abcdef0123456789abcdef0123456789abcdef01';
		const stale = cli(['import', await report('node-test-pass-junit.xml'), '--phase', '1', '--gate', 'unit'], { CI: 'true', CI_COMMIT_SHA: gitlab });
		expect([stale.code, stale.stderr]).toEqual([1, `phasebook evidence: CI_COMMIT_SHA=${gitlab} is not a commit of the repository at ${realpathSync(root)}: pass the id (or tag) of the commit the report ran on, as git log shows it, with --commit\n`]);
		expect(await commitOf({ CI: 'true', CIRCLE_SHA1: 'not a sha' })).toBe(head);
		expect(await commitOf({ CI: 'true' })).toBe(head);
		// --commit is what git knows it as: an abbreviated id, a branch or an annotated tag is its commit's full id.
		expect(await commitOf({ CI: 'true' }, ['--commit', head.slice(0, 7)])).toBe(head);
		git('tag', '-a', 'v1.0.0', '-m', 'release');
		expect(git('rev-parse', 'v1.0.0')).not.toBe(head);
		expect(await commitOf({}, ['--commit', 'v1.0.0'])).toBe(head);
		// One git does not have is refused, and nothing is written: no range could hold the run to it.
		const before = await evidence();
		const unknown = cli(['import', await report('node-test-pass-junit.xml'), '--phase', '1', '--gate', 'unit', '--commit', '1234567'], {});
		expect(unknown.code).toBe(1);
		expect(unknown.stderr).toBe(`phasebook evidence: --commit 1234567 is not a commit of the repository at ${realpathSync(root)}: pass the id (or tag) of the commit the report ran on, as git log shows it, with --commit\n`);
		expect(await evidence()).toEqual(before);
		// A developer's working tree may hold changes HEAD has not: no commit is guessed.
		expect(await commitOf({})).toBeUndefined();
		// On CI outside git, the run is recorded without one, and the import says so.
		const outside = await tempProgram();
		const { status, stderr } = spawnSync(process.execPath, [SCRIPT, 'import', join(FIXTURES, 'node-test-pass-junit.xml'), '--phase', '1', '--gate', 'unit', '--root', outside, '--out', join(outside, 'run.json')], { encoding: 'utf8', env: { PATH: process.env['PATH'], CI: 'true' } });
		expect(status).toBe(0);
		expect(stderr).toBe('phasebook evidence: no commit recorded: CI is set, but no CI variable names the commit and git has no HEAD here; pass --commit <sha>\n');
		// A variable that is set but holds no commit id is named, not said to be missing.
		const garbled = spawnSync(process.execPath, [SCRIPT, 'import', join(FIXTURES, 'node-test-pass-junit.xml'), '--phase', '1', '--gate', 'unit', '--root', outside, '--out', join(outside, 'run-2.json')], { encoding: 'utf8', env: { PATH: process.env['PATH'], CI: 'true', GITHUB_SHA: 'refs/heads/main' } });
		expect(garbled.stderr).toBe('phasebook evidence: no commit recorded: CI is set, but GITHUB_SHA holds no commit id (7 to 64 hexadecimal digits) and git has no HEAD here; pass --commit <sha>\n');
		// Outside git a variable's id is recorded as given: a SHA-256 repository's commit id is 64 digits.
		const sha256 = 'ab'.repeat(32);
		spawnSync(process.execPath, [SCRIPT, 'import', join(FIXTURES, 'node-test-pass-junit.xml'), '--phase', '1', '--gate', 'unit', '--root', outside, '--out', join(outside, 'run-3.json')], { encoding: 'utf8', env: { PATH: process.env['PATH'], CI: 'true', GITHUB_SHA: sha256 } });
		expect(JSON.parse(await readFile(join(outside, 'run-3.json'), 'utf8'))).toMatchObject({ commit: sha256 });
		expect(await commitOf({ CI: 'false' })).toBeUndefined();
	});

	// An adopter's attack: a passing report of an uncommitted fix, imported with --commit HEAD,
	// recorded HEAD's committed (failing) code as passing.
	it('warns when the run is recorded against HEAD and the checkout has code not committed', async () => {
		await writeFile(join(root, 'app.py'), 'x = 1\n');
		git('init', '-q');
		git('add', '-A');
		git('commit', '-qm', 'start');
		const head = git('rev-parse', 'HEAD');
		const importAt = async (commit: string) => cli(['import', await report('node-test-pass-junit.xml'), '--phase', '1', '--gate', 'unit', '--commit', commit]);
		// The program's own documents changing is no code change.
		await writeFile(join(root, 'content/phases/1.mdx'), `${await readFile(join(root, 'content/phases/1.mdx'), 'utf8')}\n`);
		expect((await importAt('HEAD')).stderr).toBe('');
		await writeFile(join(root, 'app.py'), 'x = 2\n');
		const dirty = await importAt('HEAD');
		expect(dirty.code).toBe(0);
		expect(dirty.stderr).toBe(`phasebook evidence: the code has changes not committed (app.py), so the report may be of them and not of commit ${head.slice(0, 7)}, which the run is recorded against (the run says so, and the check warns of it); commit them and run the tool again, or import from CI\n`);
		// An adopter's attack: the stderr line was the only trace; the run now says it (the check's warning: release-rules.test.ts).
		const written = dirty.stdout.split('\n')[0]!;
		expect(JSON.parse(await readFile(join(root, written), 'utf8'))).toMatchObject({ commit: head, uncommitted: ['app.py'] });

		// Only the code's folder counts: with code.path svc/, a change beside it says nothing.
		await writeFile(join(root, 'content/project.yaml'), `${await readFile(join(root, 'content/project.yaml'), 'utf8')}code:\n  path: svc\n`);
		await mkdir(join(root, 'svc'));
		await writeFile(join(root, 'svc/main.py'), 'y = 1\n');
		git('add', '-A');
		git('commit', '-qm', 'svc');
		await writeFile(join(root, 'app.py'), 'x = 4\n');
		expect((await importAt('HEAD')).stderr).toBe('');
		await writeFile(join(root, 'svc/main.py'), 'y = 2\n');
		expect((await importAt('HEAD')).stderr).toContain('the code has changes not committed (svc/main.py)');
		git('checkout', '--', '.');
		// A report of another commit says nothing of the checkout.
		git('commit', '-qam', 'fix');
		await writeFile(join(root, 'app.py'), 'x = 3\n');
		expect((await importAt(head)).stderr).toBe('');
	});

	// An adopter's attack: with 30,003 untracked files the run kept 20 names and no total.
	it('records how many files had changes not committed when it names only 20 of them', async () => {
		git('init', '-q');
		git('add', '-A');
		git('commit', '-qm', 'start');
		await mkdir(join(root, 'src'));
		for (let i = 1; i <= 25; i++) await writeFile(join(root, `src/m${i}.py`), 'x = 1\n');
		const imported = cli(['import', await report('node-test-pass-junit.xml'), '--phase', '1', '--gate', 'unit', '--commit', 'HEAD']);
		expect(imported.stderr).toContain('(src/m1.py, src/m10.py, src/m11.py and 22 more)');
		const run = JSON.parse(await readFile(join(root, imported.stdout.split('\n')[0]!), 'utf8'));
		expect([run.uncommitted.length, run.uncommittedCount]).toEqual([20, 25]);
	});

	// An adopter's attack: a run whose only test was in an untracked file recorded nothing, and an
	// edit of README.md or .gitignore was recorded (check --strict errs on it), though the gates
	// judge neither as code.
	it('records code the gates judge: untracked code of any category but configuration, not reports, outputs, prose or dotfiles', async () => {
		const edited = ['README.md', 'docs/guide.md', '.gitignore', '.github/workflows/ci.yml', 'src/app.py', 'requirements.txt', 'meter/docs/render.py'];
		for (const path of edited) {
			await mkdir(join(root, path, '..'), { recursive: true });
			await writeFile(join(root, path), 'one\n');
		}
		git('init', '-q');
		git('add', '-A');
		git('commit', '-qm', 'start');
		for (const path of edited) await writeFile(join(root, path), 'two\n');
		await mkdir(join(root, 'tests'));
		await writeFile(join(root, 'tests/test_sub.py'), 'def test_sub(): pass\n');
		await writeFile(join(root, 'src/new.py'), 'y = 1\n');
		await writeFile(join(root, 'coverage.xml'), '<coverage/>\n');
		await writeFile(join(root, 'results.json'), '{}\n');
		// The report imported from a tests folder, and a package git does not ignore, are no test or source.
		await copyFile(join(FIXTURES, 'node-test-pass-junit.xml'), join(root, 'tests/results.xml'));
		await mkdir(join(root, 'node_modules/left-pad'), { recursive: true });
		await writeFile(join(root, 'node_modules/left-pad/index.js'), 'module.exports = 1;\n');
		// Code of other layouts (category "other"), and what a run wrote beside its report: outputs, not tests.
		const untracked = ['spec/foo_spec.rb', 'app/models/user.rb', 'app/Main.kt', 'app/Program.cs', 'tests/out/junit.xml', 'tests/out/cov.xml', 'tests/out/run.log', 'tests/out/lcov.info', 'build/App.class', 'pyproject.toml'];
		for (const path of untracked) {
			await mkdir(join(root, path, '..'), { recursive: true });
			await writeFile(join(root, path), 'new\n');
		}
		const imported = cli(['import', 'tests/results.xml', '--phase', '1', '--gate', 'unit', '--commit', 'HEAD']);
		expect(imported.code).toBe(0);
		const run = JSON.parse(await readFile(join(root, imported.stdout.split('\n')[0]!), 'utf8'));
		expect([...run.uncommitted].sort()).toEqual(['app/Main.kt', 'app/Program.cs', 'app/models/user.rb', 'meter/docs/render.py', 'requirements.txt', 'spec/foo_spec.rb', 'src/app.py', 'src/new.py', 'tests/test_sub.py']);
		expect(run.uncommittedCount).toBeUndefined();
	});

	it('summarises coverage and findings runs', async () => {
		const coverage = cli([
			'import',
			await report('c8-coverage-summary.json'),
			'--phase',
			'1',
			'--gate',
			'coverage',
		]);
		expect(coverage.stdout.split('\n')[1]).toBe(
			'coverage: fail — lines 58.82 %, statements 58.82 %, functions 66.66 %, branches 80 %',
		);
		const security = cli([
			'import',
			await report('eslint.sarif'),
			'--phase',
			'1',
			'--gate',
			'security',
		]);
		expect(security.stdout.split('\n')[1]).toBe('security: fail — findings: 2 high, 1 medium');
	});

	// Many repositories ignore `coverage/`; the coverage gate's runs live in content/evidence/1/coverage/.
	it('says when git would leave the run out of the repository, by which line, and the line that lets it in', async () => {
		const git = (...args: string[]) => spawnSync('git', args, { cwd: root, encoding: 'utf8' });
		git('init', '-q');
		await writeFile(join(root, '.gitignore'), 'node_modules/\ncoverage/\n');
		const args = ['import', await report('c8-coverage-summary.json'), '--phase', '1', '--gate', 'coverage'];
		const ignored = cli(args);
		expect(ignored.code).toBe(0);
		const run = ignored.stdout.split('\n')[0]!;
		expect(ignored.stderr).toBe(
			`phasebook evidence: git ignores ${run} (line 2 of .gitignore, "coverage/"), so \`git add\` leaves the run out and no clone will have it; add the line !/content/evidence/** after it\n`,
		);
		// The line it names does let the run in.
		await writeFile(join(root, '.gitignore'), 'node_modules/\ncoverage/\n!/content/evidence/**\n');
		expect(git('check-ignore', run).status).toBe(1);
		const kept = cli(args);
		expect([kept.code, kept.stderr]).toEqual([0, '']);
	});

	// go test writes each file as its import path; the module's go.mod says where that is.
	it('stores a go test coverage file where its module is in the repository, not as its import path', async () => {
		spawnSync('git', ['init', '-q'], { cwd: root });
		await mkdir(join(root, 'tools/meter'), { recursive: true });
		await writeFile(join(root, 'tools/meter/go.mod'), 'module example.com/meter\n\ngo 1.22\n');
		await writeFile(join(root, 'tools/meter/ingest.go'), 'package meter\n');
		await mkdir(join(root, 'reports'), { recursive: true });
		await copyFile(join(FIXTURES, 'go/cover.out'), join(root, 'reports/cover.out'));
		const { code, stdout, stderr } = cli(['import', 'reports/cover.out', '--phase', '1', '--gate', 'coverage']);
		expect([code, stderr]).toEqual([0, '']);
		const run = JSON.parse(await readFile(join(root, stdout.split('\n')[0]!), 'utf8'));
		expect(run.coverage.files.map((f: { path: string }) => f.path)).toContain('tools/meter/ingest.go');
		expect(JSON.stringify(run)).not.toContain('example.com/');
	});

	it('reports malformed XML as path:line:col, exit 1, no stack trace, nothing written', async () => {
		await mkdir(join(root, 'reports'), { recursive: true });
		await writeFile(
			join(root, 'reports/bad.xml'),
			'<testsuite>\n  <testcase name="a">\n  </testsuite>\n',
		);
		const { code, stdout, stderr } = cli([
			'import',
			'reports/bad.xml',
			'--phase',
			'1',
			'--gate',
			'unit',
		]);
		expect(code).toBe(1);
		expect(stdout).toBe('');
		expect(stderr).toBe(
			"reports/bad.xml:3:3  error  Expected closing tag 'testcase' (opened in line 2, col 3) instead of closing tag 'testsuite'.  evidence/import\n",
		);
		expect(await evidence()).toEqual([]);
	});

	it('adds a workflow annotation on GitHub Actions', async () => {
		await mkdir(join(root, 'reports'), { recursive: true });
		await writeFile(
			join(root, 'reports/bad.xml'),
			'<testsuite>\n  <testcase name="a">\n  </testsuite>\n',
		);
		const { stderr } = cli(['import', 'reports/bad.xml', '--phase', '1', '--gate', 'unit'], {
			GITHUB_ACTIONS: 'true',
		});
		expect(stderr.split('\n')[1]).toBe(
			"::error file=reports/bad.xml,line=3,col=3,title=evidence/import::Expected closing tag 'testcase' (opened in line 2, col 3) instead of closing tag 'testsuite'.",
		);
	});

	it.each([
		[
			['import', 'reports/vitest-junit.xml', '--phase', '9', '--gate', 'unit'],
			'phasebook evidence: Unknown phase "9"; expected one of: 1',
		],
		[
			['import', 'reports/vitest-junit.xml', '--phase', '1', '--gate', 'lint'],
			'phasebook evidence: Unknown gate "lint"; expected one of: unit, e2e, coverage, security',
		],
		[
			['import', 'reports/vitest-junit.xml', '--phase', '1', '--gate', 'unit', '--format', 'tap'],
			'phasebook evidence: Unknown format "tap", expected one of: junit, playwright, trx, nunit, xunit, go-test, jest, mocha, rspec, dart, istanbul, istanbul-final, lcov, cobertura, jacoco, go-cover, coverage-py, sarif, npm-audit, trivy, k6',
		],
		[
			['import', 'reports/none.xml', '--phase', '1', '--gate', 'unit'],
			'phasebook evidence: Report file not found: reports/none.xml',
		],
		[
			['import', 'reports/vitest-junit.xml', './reports/vitest-junit.xml', '--phase', '1', '--gate', 'unit'],
			'phasebook evidence: reports/vitest-junit.xml is named twice; a run counts each report once, so name it once',
		],
		[
			['import', 'reports', '--phase', '1', '--gate', 'unit'],
			'phasebook evidence: reports: Unexpected folder, expected a regular file; name the reports in it instead, such as reports/*.xml (the shell expands the pattern)',
		],
	])('refuses %j with one line and exit 1', async (args, message) => {
		await report('vitest-junit.xml');
		const { code, stdout, stderr } = cli(args);
		expect({ code, stdout, stderr }).toEqual({ code: 1, stdout: '', stderr: `${message}\n` });
		expect(await evidence()).toEqual([]);
	});

	// An author's attack: phase 2's document had a YAML error, and the import called phase 2 unknown.
	it('names the phase whose document has errors, rather than calling it unknown', async () => {
		await report('vitest-junit.xml');
		await writeFile(join(root, 'content/phases/2.mdx'), phaseDoc('2').replace('status: in-review', 'status: nonsense'));
		const { code, stdout, stderr } = cli(['import', 'reports/vitest-junit.xml', '--phase', '2', '--gate', 'unit']);
		expect({ code, stdout, stderr }).toEqual({ code: 1, stdout: '', stderr: 'phasebook evidence: Phase 2 (content/phases/2.mdx) has errors, so no run can be recorded for it yet; run npx phasebook check and fix them first\n' });
		expect(await evidence()).toEqual([]);
	});

	// A10 of the newcomer's report: as every command does, a mistake in the command line is
	// followed by the command's usage, not by a pointer to --help.
	it.each([
		[['import', 'reports/vitest-junit.xml', '--gate', 'unit'], 'phasebook evidence: Missing --phase <id>'],
		[['import', 'reports/vitest-junit.xml', '--phase', '1'], 'phasebook evidence: Missing --gate <id>'],
		[['import', '--phase', '1', '--gate', 'unit'], 'phasebook evidence: Missing the report file: import <report-file>... --phase <id> --gate <id>'],
		[['export'], 'phasebook evidence: Unknown command "export", expected import'],
		[['import', 'reports/vitest-junit.xml', '--bogus'], "phasebook evidence: Unknown option '--bogus'"],
	])('refuses %j with one line, then the usage, and exit 1', async (args, message) => {
		await report('vitest-junit.xml');
		const { code, stdout, stderr } = cli(args);
		const [first, ...rest] = stderr.split('\n');
		expect({ code, stdout, first }).toEqual({ code: 1, stdout: '', first: message });
		expect(rest[0]).toBe('Usage: phasebook evidence import <report-file>... --phase <id> --gate <id> [options]');
		expect(rest.join('\n')).toContain('--commit <sha>');
		expect(await evidence()).toEqual([]);
	});

	it('refuses to run without content/project.yaml, and locates a project.yaml problem', async () => {
		const file = await report('vitest-junit.xml');
		await rm(join(root, 'content/project.yaml'));
		expect(cli(['import', file, '--phase', '1', '--gate', 'unit']).stderr).toBe(
			'content/project.yaml:1:1  error  Missing project settings file content/project.yaml  file/missing\nRun this from the project root or pass --root.\n',
		);
		await writeFile(
			join(root, 'content/project.yaml'),
			'name: x\ndescription: y\ngates:\n  - id: unit\n    title: Unit\n    layer: unit\n    rule: vibes\n',
		);
		const { code, stderr } = cli(['import', file, '--phase', '1', '--gate', 'unit']);
		expect(code).toBe(1);
		expect(stderr).toMatch(
			/^content\/project\.yaml:7:1 {2}error {2}Unexpected string "vibes" in "gates\[0\]\.rule", expected one of "tests", "coverage", "findings", "thresholds" {2}frontmatter\/schema\nRun `phasebook check` and fix it first\.\n$/,
		);
	});

	it('works from another folder with --root', async () => {
		const file = join(root, await report('node-test-pass-junit.xml'));
		const result = spawnSync(
			process.execPath,
			[SCRIPT, 'import', file, '--phase', '1', '--gate', 'unit', '--root', root],
			{ cwd: FIXTURES, encoding: 'utf8' },
		);
		expect(result.status).toBe(0);
		expect(await evidence()).toHaveLength(1);
	});
});
