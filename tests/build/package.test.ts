// Phasebook as an adopter gets it: the npm pack tarball installed into a code repository, then
// `phasebook init`, `new`, `check` and `build` from the program folder.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { probed, writeTypeScriptProbe } from '../helpers/probe.ts';
import { REPO } from '../helpers/program.ts';

const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', npm_config_audit: 'false', npm_config_fund: 'false' };
let work: string;
let tarball: string;

function run(cwd: string, command: string, ...args: string[]) {
	return spawnSync(command, args, { cwd, env, encoding: 'utf8' });
}

function phasebook(cwd: string, ...args: string[]) {
	return run(cwd, 'npx', '--no-install', 'phasebook', ...args);
}

/** The TypeScript modules Node imports while `phasebook <args>` runs (see tests/helpers/probe.ts). */
function typeScriptLoaded(cwd: string, ...args: string[]): string[] {
	const result = spawnSync('npx', ['--no-install', 'phasebook', ...args], { cwd, env: { ...env, NODE_OPTIONS: `--import=${writeTypeScriptProbe(work)}` }, encoding: 'utf8' });
	expect(result.status, result.stderr).toBe(0);
	return probed(result.stderr).imported;
}

function gitRepo(dir: string) {
	mkdirSync(dir, { recursive: true });
	for (const args of [['init', '-q'], ['config', 'user.name', 'Ada Adopter'], ['config', 'user.email', 'ada@example.org']]) {
		execFileSync('git', args, { cwd: dir });
	}
}

function install(dir: string) {
	const result = run(dir, 'npm', 'install', '--save-dev', '--prefer-offline', '--loglevel=error', tarball);
	expect(result.status, result.stderr).toBe(0);
}

/** Every file of the program folder that is not output, cache or installed packages. */
function programFiles(dir: string): string[] {
	return readdirSync(dir, { recursive: true, encoding: 'utf8' })
		.filter((p) => !/^(dist|node_modules|\.phasebook|\.astro)(\/|$)/.test(p) && statSync(join(dir, p)).isFile())
		.sort();
}

function buildAndAssert(docs: string) {
	const created = phasebook(docs, 'new', 'phase', 'Ingest pipeline');
	expect(created.status, created.stderr).toBe(0);
	expect(created.stdout.trim()).toBe('content/phases/2.mdx');
	const check = phasebook(docs, 'check');
	expect(check.status, check.stdout + check.stderr).toBe(0);
	// The two phases' empty sections and sample goals, and project.yaml's sample description.
	expect(check.stdout).toMatch(/0 errors, \d+ warnings\) in 3 files; 2 documents checked/);
	expect(check.stdout).toContain('content/project.yaml:3:1  warning  Field "description" still holds the text init wrote');
	// `npm pack` bundled the commands that do not run Astro: no module is stripped of types at run
	// time. The commands that run Astro still load the sources (build, below).
	expect(typeScriptLoaded(docs, 'check')).toEqual([]);
	expect(typeScriptLoaded(docs, 'check', '--help')).toEqual([]);
	// A handoff as `new` writes it: its calls are the template's, not yet anyone's.
	const handoff = phasebook(docs, 'new', 'handoff', 'Ingest handoff', '--phase', '2');
	expect(handoff.status, handoff.stderr).toBe(0);
	const build = phasebook(docs, 'build');
	expect(build.status, build.stdout + build.stderr).toBe(0);
	const page = readFileSync(join(docs, 'dist/phases/2/index.html'), 'utf8');
	expect(page).toContain('<title>Ingest pipeline');
	expect(existsSync(join(docs, 'dist/favicon.svg'))).toBe(true);
	// A new program as its readers see it: nothing init wrote as a sample is published, nothing
	// claims what is not there, and the 404 page is not offered to search engines.
	const dashboard = readFileSync(join(docs, 'dist/index.html'), 'utf8');
	expect(dashboard).toContain('No RCAs yet.');
	expect(dashboard).not.toContain('Every RCA is resolved.');
	expect(dashboard).not.toContain('What this program delivers');
	// The new handoff publishes no verdict nobody reached and no sample commit message.
	const handoffPage = readFileSync(join(docs, `dist/handoffs/${handoff.stdout.trim().split('/').at(-1)!.replace('.mdx', '')}/index.html`), 'utf8');
	expect(handoffPage).not.toContain('feat: summarise the phase in one line');
	expect(handoffPage).toContain('Not written yet.');
	expect(handoffPage).toMatch(/On track <span class="muted"[^>]*>\(draft, checked against the evidence once final\)/);
	expect(handoffPage).not.toMatch(/tone-success[^>]*>(On track|Met)</);
	const notFound = readFileSync(join(docs, 'dist/404.html'), 'utf8');
	expect(notFound).toContain('<meta name="robots" content="noindex">');
	expect(notFound).not.toContain('rel="canonical"');
	// With no release yet, the feed is dated by the newest phase start, not 1 January 1970.
	const starts = ['1', '2'].map((id) => /start: "?(\d{4}-\d\d-\d\d)/.exec(readFileSync(join(docs, `content/phases/${id}.mdx`), 'utf8'))![1]!).sort();
	expect(readFileSync(join(docs, 'dist/changelog/feed.xml'), 'utf8')).toContain(`<updated>${starts.at(-1)}T00:00:00Z</updated>`);
	// The program folder holds settings, templates and content: no page, component or core code.
	expect(programFiles(docs).filter((p) => /\.(astro|ts|tsx)$/.test(p))).toEqual([]);
}

beforeAll(() => {
	work = mkdtempSync(join(tmpdir(), 'phasebook-adopt-'));
	const packed = run(REPO, 'npm', 'pack', '--pack-destination', work, '--loglevel=error');
	expect(packed.status, packed.stderr).toBe(0);
	tarball = join(work, packed.stdout.trim().split('\n').at(-1)!);
}, 120_000);
// Two installed node_modules trees: deleting them takes a while on a busy machine.
afterAll(() => rmSync(work, { recursive: true, force: true }), 300_000);

describe('phasebook installed from its package', () => {
	it('inits, scaffolds, checks and builds a docs/ folder inside a repository with a package.json', () => {
		const repo = join(work, 'with-package');
		gitRepo(repo);
		writeFileSync(join(repo, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true, type: 'module' }));
		mkdirSync(join(repo, 'src'));
		writeFileSync(join(repo, 'src/index.js'), 'export const answer = 42;\n');
		install(repo);

		const version = phasebook(repo, '--version');
		expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).version);
		const unknown = phasebook(repo, 'publish');
		expect(unknown.status).toBe(1);
		expect(unknown.stderr).toMatch(/^phasebook: unknown command "publish"\nUsage: phasebook <command>/);

		const init = phasebook(repo, 'init', 'docs', '--workflow');
		expect(init.status, init.stderr).toBe(0);
		const docs = join(repo, 'docs');
		expect(programFiles(docs)).toEqual([
			'.gitignore',
			'astro.config.mjs',
			'content/phases/1.mdx',
			'content/project.yaml',
			'content/tasks.yaml',
			'templates/changelog.mdx',
			'templates/handoff.mdx',
			'templates/phase.mdx',
			'templates/rca.mdx',
			'templates/review.mdx',
		]);
		for (const path of programFiles(docs)) expect(init.stdout).toContain(relative(repo, join(docs, path)));
		const workflow = readFileSync(join(repo, '.github/workflows/phasebook.yml'), 'utf8');
		expect(workflow).toMatch(/^ {2}PHASEBOOK_DIR: docs$/m);
		expect(workflow).toMatch(/^ {2}INSTALL_DIR: \.$/m);
		// A step that hangs (a build a document's timer kept alive did) ends the job, not GitHub's six hours.
		const jobs = (parse(workflow) as { jobs: Record<string, { 'timeout-minutes'?: unknown }> }).jobs;
		expect(Object.keys(jobs)).toEqual(['check', 'tests', 'site', 'deploy']);
		for (const [name, job] of Object.entries(jobs)) expect(job['timeout-minutes'], name).toEqual(expect.any(Number));

		// A second init refuses, names the first file in the way, and writes nothing.
		writeFileSync(join(docs, 'templates/phase.mdx'), 'our own contract');
		const again = phasebook(repo, 'init', 'docs');
		expect(again.status).toBe(1);
		expect(again.stderr).toBe('phasebook init: docs/astro.config.mjs already exists; not overwriting it, and nothing was written\n');
		expect(readFileSync(join(docs, 'templates/phase.mdx'), 'utf8')).toBe('our own contract');
		writeFileSync(join(docs, 'templates/phase.mdx'), readFileSync(join(REPO, 'templates/phase.mdx')));

		buildAndAssert(docs);
	}, 600_000);

	it('does the same in a repository without a package.json, installed into the docs folder', () => {
		const repo = join(work, 'no-package');
		gitRepo(repo);
		writeFileSync(join(repo, 'main.go'), 'package main\n\nfunc main() {}\n');
		const docs = join(repo, 'docs');
		mkdirSync(docs);
		writeFileSync(join(docs, 'package.json'), JSON.stringify({ name: 'docs', private: true, type: 'module' }));
		install(docs);
		const init = phasebook(docs, 'init');
		expect(init.status, init.stderr).toBe(0);
		expect(existsSync(join(docs, 'content/phases/1.mdx'))).toBe(true);
		buildAndAssert(docs);
	}, 600_000);
});
