// Faults that were internal errors (exit 2, "unexpected internal error") or hangs are one-line
// messages with exit code 1, or located findings: a wrong --root, missing templates, odd evidence
// folders and reports, write errors, browsers that exit at once or never answer.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../src/cli/run-check.ts';
import { UserError } from '../../src/cli/args.ts';
import { NO_CHROMIUM, prepareDiagrams, startBrowser } from '../../src/diagrams/prepare.ts';
import { browserLaunches } from '../../src/diagrams/renderer.ts';
import { requireBrowser } from './diagrams/browser-required.ts';
import { DiagramStore } from '../../src/diagrams/store.ts';
import { phasePdf, refusedPdfTarget } from '../../src/print/pdf.ts';
import { makeProgram, phaseDoc, REPO } from '../helpers/program.ts';

function run(script: string, args: string[], options: { cwd?: string; env?: Record<string, string> } = {}) {
	const result = spawnSync(process.execPath, [join(REPO, 'scripts', script), ...args], {
		encoding: 'utf8',
		cwd: options.cwd ?? REPO,
		env: { ...process.env, GITHUB_ACTIONS: '', NO_COLOR: '1', ...options.env },
	});
	return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const scratch = () => mkdtempSync(join(tmpdir(), 'phasebook-faults-'));

/** A shell script standing in for Chromium: it never answers. */
function sleepyBrowser(): string {
	const path = join(scratch(), 'chromium');
	writeFileSync(path, '#!/bin/sh\nexec sleep 600\n');
	chmodSync(path, 0o755);
	return path;
}

describe('a wrong project root or a missing templates/ folder', () => {
	const hint = 'run this from the project root (the folder that holds content/) or pass --root <dir>';

	it.each([
		['a missing folder', () => '/nonexistent-phasebook-root', (root: string) => `No folder ${root}; ${hint}`],
		['a file', () => { const file = join(scratch(), 'file'); writeFileSync(file, 'x'); return file; }, (root: string) => `${root} is a file, not a project folder; ${hint}`],
		['a folder without content/, such as /etc', () => '/etc', () => `/etc has no content/ folder, so it is not a Phasebook project; ${hint}`],
	])('--root pointing at %s: one line, exit 1', (_, make, message) => {
		const root = make();
		for (const script of ['check.ts', 'readiness.ts', 'build.ts']) {
			const { code, stdout, stderr } = run(script, ['--root', root]);
			expect(stderr).toBe(`phasebook ${script.replace('.ts', '')}: ${message(root)}\n`);
			expect([code, stdout]).toEqual([1, '']);
		}
		const evidence = run('evidence.ts', ['import', 'r.xml', '--phase', '1', '--gate', 'unit', '--root', root]);
		expect([evidence.code, evidence.stderr]).toEqual([1, `phasebook evidence: ${message(root)}\n`]);
	});

	// CI restores the cache, and anything may be there: lstat under a file threw ENOTDIR, and the
	// check and the build stopped with "unexpected internal error … please report it", exit 2.
	it.each([
		['.phasebook/cache/diagrams is a file', (root: string) => { mkdirSync(join(root, '.phasebook/cache'), { recursive: true }); writeFileSync(join(root, '.phasebook/cache/diagrams'), 'x'); }, {}],
		['.phasebook is a file', (root: string) => writeFileSync(join(root, '.phasebook'), 'x'), {}],
		['PHASEBOOK_CACHE_DIR names a file', (root: string) => writeFileSync(join(root, 'notes.txt'), 'mine'), { PHASEBOOK_CACHE_DIR: 'notes.txt' }],
	])('the cache where %s: the check runs without it', (_, spoil, env: Record<string, string>) => {
		const root = makeProgram({});
		spoil(root);
		const before = readFileSync(join(root, 'content/project.yaml'), 'utf8');
		// Not strict, as on a developer's machine: the diagrams left unrendered are warnings, not errors.
		const { code, stdout, stderr } = run('check.ts', ['--root', root], { cwd: root, env: { PHASEBOOK_BROWSER: '/bin/true', CI: '', PHASEBOOK_STRICT: '', ...env } });
		expect(stderr).not.toContain('internal error');
		expect(code, stdout + stderr).toBe(0);
		expect(readFileSync(join(root, 'content/project.yaml'), 'utf8')).toBe(before);
	});

	it('a project without templates/: one line naming the missing template, exit 1', () => {
		const root = makeProgram({}, { templates: false });
		const { code, stderr } = run('check.ts', ['--root', root]);
		expect(stderr).toBe(
			'templates/phase.mdx:1:1  error  Missing template templates/phase.mdx  file/missing\ntemplates/ holds the scaffold and required sections of each document type (phase, rca, handoff, review, changelog)\n',
		);
		expect(code).toBe(1);
	});

	it('an emptied template: one line naming it, exit 1, rather than a contract that requires nothing', () => {
		const root = makeProgram({});
		writeFileSync(join(root, 'templates/phase.mdx'), '');
		const { code, stderr } = run('check.ts', ['--root', root]);
		expect(stderr.split('\n')[0]).toBe(
			'templates/phase.mdx:1:1  error  Template templates/phase.mdx has no ## section, so it would require nothing of a phase document; expected its required sections as ## headings  file/empty',
		);
		expect(code).toBe(1);
	});
});

describe('evidence faults', () => {
	it('a folder named zz.json under content/evidence is a container, not a run', async () => {
		const root = makeProgram({});
		mkdirSync(join(root, 'content/evidence/zz.json'), { recursive: true });
		const { findings } = await runCheck(root, { diagrams: false });
		expect(findings).toEqual([]);
	});

	it('a Playwright report nested 20,000 deep, its format given or told from the report: a located error, exit 1', () => {
		const root = makeProgram({});
		const suite = '{"title":"s","specs":[],"suites":[';
		writeFileSync(join(root, 'deep.json'), `{"config":{},"suites":[${suite.repeat(20_000)}${']}'.repeat(20_000)}]}`);
		// Told from the report, it overflowed the stack ("unexpected internal error", exit 2).
		for (const format of [['--format', 'playwright'], []]) {
			const { code, stderr } = run('evidence.ts', ['import', 'deep.json', '--phase', '1', '--gate', 'unit', ...format], { cwd: root });
			expect(stderr, format.join(' ')).toBe(`deep.json:1:${23 + 34 * 127 + 1}  error  JSON nested deeper than 256 levels  evidence/import\n`);
			expect(code).toBe(1);
		}
		expect(readdirSync(join(root, 'content'))).not.toContain('evidence');
	});

	it('a file where the run folder belongs (EEXIST), a missing folder on the way (ENOENT): one line, exit 1', () => {
		const root = makeProgram({});
		writeFileSync(join(root, 'r.xml'), '<testsuite name="s" tests="1"><testcase name="t"/></testsuite>');
		mkdirSync(join(root, 'content/evidence/1'), { recursive: true });
		writeFileSync(join(root, 'content/evidence/1/unit'), 'in the way');
		const eexist = run('evidence.ts', ['import', 'r.xml', '--phase', '1', '--gate', 'unit'], { cwd: root });
		expect(eexist.stderr).toMatch(/^phasebook evidence: Cannot write the run to content\/evidence\/1\/unit\/[\w-]+\.json: EEXIST: file already exists, mkdir '[^']+'\n$/);
		expect(eexist.code).toBe(1);
		execFileSync('ln', ['-s', join(root, 'gone/deeper'), join(root, 'dangling')]);
		const enoent = run('evidence.ts', ['import', 'r.xml', '--phase', '1', '--gate', 'unit', '--out', 'dangling/run.json'], { cwd: root });
		expect(enoent.stderr).toMatch(/^phasebook evidence: Cannot write the run to \S+dangling\/run\.json: (ENOENT|EEXIST): [^\n]+\n$/);
		expect(enoent.code).toBe(1);
	});

	// An attack: `--out notes.txt/run.json` printed a raw EEXIST from mkdir, and the pdf built the
	// site and printed the pack before failing with an internal error, exit 2.
	it('--out under a file, for a run or a sign-off pack: one line naming the file, exit 1, nothing built', () => {
		const root = makeProgram({});
		writeFileSync(join(root, 'r.xml'), '<testsuite name="s" tests="1"><testcase name="t"/></testsuite>');
		writeFileSync(join(root, 'notes.txt'), 'mine');
		const evidence = run('evidence.ts', ['import', 'r.xml', '--phase', '1', '--gate', 'unit', '--out', 'notes.txt/run.json'], { cwd: root });
		expect([evidence.code, evidence.stderr]).toEqual([1, `phasebook evidence: --out ${join(root, 'notes.txt/run.json')} is under ${join(root, 'notes.txt')}, which is a file, not a folder; choose a new file\n`]);
		const pdf = run('pdf.ts', ['--phase', '1', '--out', 'notes.txt/pack.pdf'], { cwd: root });
		expect([pdf.code, pdf.stderr.split('\n')[0]]).toEqual([1, 'phasebook pdf: Cannot write notes.txt/pack.pdf: notes.txt is a file, not a folder']);
		expect(readFileSync(join(root, 'notes.txt'), 'utf8')).toBe('mine');
		expect(readdirSync(root)).not.toContain('dist');
	});

	// An attack: PHASEBOOK_CACHE_DIR=content made the check write its caches among the documents.
	it('a cache folder in content/, templates/ or public/ is refused with one line, and nothing is written there', () => {
		const root = makeProgram({});
		const before = readdirSync(join(root, 'content'), { recursive: true }).sort();
		for (const folder of ['content', 'templates/cache', 'public']) {
			const result = run('check.ts', ['--root', root], { env: { PHASEBOOK_CACHE_DIR: folder } });
			const within = folder.split('/')[0];
			expect([result.code, result.stderr]).toEqual([1, `phasebook check: PHASEBOOK_CACHE_DIR=${folder} is in ${within}/, which ${within === 'public' ? 'the build copies into the site' : 'the check reads as the program'}; set it to a folder of its own, or leave it unset for .phasebook/cache\n`]);
		}
		expect(readdirSync(join(root, 'content'), { recursive: true }).sort()).toEqual(before);
		expect(run('check.ts', ['--root', root], { env: { PHASEBOOK_CACHE_DIR: 'content-cache' } }).code).toBe(0);
	});

	it('--out at a FIFO or into /proc is refused before anything is opened or created', () => {
		const root = makeProgram({});
		writeFileSync(join(root, 'r.xml'), '<testsuite name="s" tests="1"><testcase name="t"/></testsuite>');
		const folder = scratch();
		execFileSync('mkfifo', [join(folder, 'pipe.json')]);
		const fifo = run('evidence.ts', ['import', 'r.xml', '--phase', '1', '--gate', 'unit', '--out', join(folder, 'pipe.json')], { cwd: root });
		expect([fifo.code, fifo.stderr]).toEqual([1, `phasebook evidence: --out ${join(folder, 'pipe.json')} is a named pipe (FIFO), not a file; choose a new file\n`]);
		expect(readdirSync(folder)).toEqual(['pipe.json']);
		const out = '/proc/sys/phasebook-test/run.json';
		const proc = run('evidence.ts', ['import', 'r.xml', '--phase', '1', '--gate', 'unit', '--out', out], { cwd: root });
		expect([proc.code, proc.stderr]).toEqual([1, `phasebook evidence: --out ${out} lies in /proc, a system folder, not a folder for evidence; choose a new file\n`]);
		// The command's own output: a pipe or socket under a test runner, refused either way.
		const stdout = run('evidence.ts', ['import', 'r.xml', '--phase', '1', '--gate', 'unit', '--out', '/proc/self/fd/1'], { cwd: root });
		expect(stdout.code).toBe(1);
		expect(stdout.stderr).toMatch(/^phasebook evidence: --out \/proc\/self\/fd\/1 (is a (socket|named pipe \(FIFO\)|device), not a file|lies in \/proc, a system folder, not a folder for evidence); choose a new file\n$/);
	});
});

describe('browsers that do not start', () => {
	const uses = [{ source: 'flowchart LR\n  Fault --> Tolerance', path: 'content/a.mdx', line: 3, column: 1 }];

	it('PHASEBOOK_BROWSER=/bin/true: the check warns (an error when strict) instead of crashing', () => {
		const root = makeProgram({ 'content/rcas/a.mdx': '' });
		rmSync(join(root, 'content/rcas/a.mdx'));
		const env = { PHASEBOOK_BROWSER: '/bin/true', PHASEBOOK_CACHE_DIR: scratch(), CI: '', PHASEBOOK_STRICT: '' };
		const plain = run('check.ts', ['--root', root], { env });
		expect(plain.stdout).toMatch(/content\/phases\/1\.mdx:\d+:1 {2}warning {2}Diagram not rendered: the browser \/bin\/true did not start \(browserType\.launch: [^\n]+\) {2}diagrams\/no-browser/);
		expect([plain.code, plain.stderr]).toEqual([0, '']);
		const strict = run('check.ts', ['--root', root], { env: { ...env, PHASEBOOK_STRICT: '1' } });
		expect(strict.stdout).toMatch(/ {2}error {2}Diagram not rendered: the browser \/bin\/true did not start/);
		expect([strict.code, strict.stderr]).toEqual([1, '']);
	});

	// A fresh init's first phase holds the template's stub diagrams; the site does not publish
	// them, so CI without a browser must not fail on them.
	it('a template’s stub diagrams, in sections nobody wrote, need no browser even when strict; a written one does', () => {
		const body = readFileSync(join(REPO, 'templates/phase.mdx'), 'utf8').split(/^---$/m).slice(2).join('---');
		const written = body.replace(/(### Architecture\n[\s\S]*?```mermaid\n)[\s\S]*?```/, '$1flowchart LR\n  Written --> Rendered\n```');
		expect(written).not.toBe(body);
		const env = { PHASEBOOK_BROWSER: '/bin/true', PHASEBOOK_CACHE_DIR: scratch(), CI: 'true' };
		const stubs = run('check.ts', ['--root', makeProgram({ 'content/phases/1.mdx': phaseDoc('1', '', body).replace('status: in-review', 'status: planned') })], { env });
		expect(stubs.stdout).not.toContain('diagrams/no-browser');
		expect(stubs.stdout).toContain('sections/empty');
		const one = run('check.ts', ['--root', makeProgram({ 'content/phases/1.mdx': phaseDoc('1', '', written).replace('status: in-review', 'status: planned') })], { env });
		expect(one.stdout.match(/diagrams\/no-browser/g)).toHaveLength(1);
		expect(one.code).toBe(1);
	});

	it('a browser that never answers is given up on at the launch timeout', async () => {
		const store = new DiagramStore({ root: REPO, cacheDir: scratch(), launchTimeoutMs: 2000 });
		const browser = sleepyBrowser();
		const started = performance.now();
		const prepared = await prepareDiagrams(store, uses, { discover: async () => ({ path: browser, tried: [browser] }) });
		expect(performance.now() - started).toBeLessThan(20_000);
		expect(prepared.findings.map((f) => `${f.line}:${f.column} ${f.severity} ${f.message}`)).toEqual([
			expect.stringMatching(new RegExp(`^3:1 warning Diagram not rendered: the browser ${browser} did not start \\(browserType\\.launch: Timeout 2000ms exceeded`)),
		]);
		expect([...prepared.unrendered]).toEqual([uses[0]!.source]);
	});

	// phasebook build checks, then runs Astro in the same process: a browser that hung for the
	// check's minute was given another minute by the build.
	it('a browser that did not start is not tried again by the same process, and the reason is the same', async () => {
		const browser = sleepyBrowser();
		const discover = async () => ({ path: browser, tried: [browser] });
		const first = await startBrowser(new DiagramStore({ root: REPO, cacheDir: scratch(), launchTimeoutMs: 1500 }), discover);
		expect(!first.browser && first.reason).toMatch(/did not start \(browserType\.launch: Timeout 1500ms exceeded/);
		const launches = browserLaunches();
		const again = await startBrowser(new DiagramStore({ root: REPO, cacheDir: scratch(), launchTimeoutMs: 1500 }), discover);
		expect(browserLaunches() - launches).toBe(0);
		expect(again).toEqual(first);
	}, 30_000);

	// The one rule the check and the build share: a browser counts once it has started.
	it('startBrowser: a browser that exits at once counts as none, and the reason says why', async () => {
		const store = new DiagramStore({ root: REPO, cacheDir: scratch() });
		const launches = browserLaunches();
		const exits = await startBrowser(store, async () => ({ path: '/bin/true', tried: ['/bin/true'] }));
		expect(browserLaunches() - launches).toBe(1);
		expect(exits.browser).toBeUndefined();
		expect(exits.discovery).toEqual({ path: undefined, tried: ['/bin/true'] });
		expect(!exits.browser && exits.reason).toMatch(/^the browser \/bin\/true did not start \(browserType\.launch: [^\n]+\)$/);
		const none = await startBrowser(store, async () => ({ path: undefined, tried: ['/nonexistent/chromium'] }));
		expect(none).toEqual({ discovery: { path: undefined, tried: ['/nonexistent/chromium'] }, reason: NO_CHROMIUM });
		// PHASEBOOK_BROWSER set to a path that is no executable: the reason names the setting, not "set it".
		const forced = await startBrowser(store, async () => ({ path: undefined, tried: ['/nonexistent/chromium'], forced: '/nonexistent/chromium' }));
		expect(!forced.browser && forced.reason).toBe('PHASEBOOK_BROWSER=/nonexistent/chromium is not an executable file');
		expect(browserLaunches() - launches).toBe(1);
	});

	// A page that fails part-way ("Resulting promise was garbage collected", one cold check in six on
	// a loaded machine) failed a strict CI build: what it left is rendered once more, in a new browser.
	it('a browser that started and then stopped answering is tried once more in a new one', async () => {
		const path = await requireBrowser();
		const store = new DiagramStore({ root: REPO, cacheDir: scratch() });
		const start = await startBrowser(store, async () => ({ path, tried: [path] }));
		expect(start.browser).toBeDefined();
		await start.browser?.close(); // gone before the first page opens
		const launches = browserLaunches();
		const prepared = await prepareDiagrams(store, uses, { start: Promise.resolve(start), discover: async () => ({ path, tried: [path] }) });
		expect(prepared.findings).toEqual([]);
		expect(browserLaunches() - launches).toBe(1);
		expect(store.isCached(uses[0]!.source)).toBe(true);
	}, 60_000);

	it('a browser that stopped answering, and no browser to try again, leaves its diagrams to the reader, with a warning', async () => {
		const path = await requireBrowser();
		const store = new DiagramStore({ root: REPO, cacheDir: scratch() });
		const start = await startBrowser(store, async () => ({ path, tried: [path] }));
		await start.browser?.close();
		const prepared = await prepareDiagrams(store, uses, { start: Promise.resolve(start), discover: async () => ({ path: '/bin/true', tried: ['/bin/true'] }) });
		expect(prepared.findings.map((f) => `${f.severity} ${f.message} ${f.ruleId}`)).toEqual([
			expect.stringMatching(new RegExp(`^warning Diagram not rendered: the browser ${path} stopped answering \\(.+\\) diagrams/no-browser$`)),
		]);
		expect([...prepared.unrendered]).toEqual([uses[0]!.source]);
		expect(prepared.reason).toMatch(/stopped answering/);
	}, 60_000);

	it('npm run pdf with a browser that exits at once: one line naming it', async () => {
		const root = makeProgram({});
		const page = join(root, 'dist/phases/1/print/index.html');
		mkdirSync(join(page, '..'), { recursive: true });
		writeFileSync(page, '<!doctype html><title>Phase 1</title>');
		const saved = process.env['PHASEBOOK_BROWSER'];
		process.env['PHASEBOOK_BROWSER'] = '/bin/true';
		try {
			const error = await phasePdf({ root, phase: '1', out: join(scratch(), 'p.pdf'), build: async () => {} }).catch((e: unknown) => e);
			expect(error).toBeInstanceOf(UserError);
			expect((error as Error).message).toMatch(/^The browser \/bin\/true did not start: browserType\.launch: /);
		} finally {
			if (saved === undefined) delete process.env['PHASEBOOK_BROWSER'];
			else process.env['PHASEBOOK_BROWSER'] = saved;
		}
	});

	it('npm run pdf --out a file that is not an earlier pack (a template, a link, a folder, another PDF): one line, exit 1, nothing written', () => {
		const root = makeProgram({});
		const dir = scratch();
		const template = join(root, 'templates/phase.mdx');
		const before = readFileSync(template, 'utf8');
		writeFileSync(join(dir, 'invoice.pdf'), '%PDF-1.7\n/Producer (Skia/PDF m150)\n/Title (Invoice 42)\n');
		symlinkSync(template, join(dir, 'link.pdf'));
		mkdirSync(join(dir, 'folder.pdf'));
		for (const [out, why] of [
			[join(dir, 'invoice.pdf'), 'exists and is not a sign-off pack this command printed'],
			[join(dir, 'link.pdf'), 'is a symbolic link'],
			[join(dir, 'folder.pdf'), 'is a folder'],
		] as const) {
			const { code, stdout, stderr } = run('pdf.ts', ['--root', root, '--phase', '1', '--out', out], { env: { PHASEBOOK_BROWSER: '/bin/true' } });
			expect(stderr.split('\n')[0], out).toBe(`phasebook pdf: ${out} ${why}; it is left as it is`);
			expect([code, stdout], out).toEqual([1, '']);
		}
		expect(readFileSync(template, 'utf8')).toBe(before);
		expect(readFileSync(join(dir, 'invoice.pdf'), 'utf8')).toContain('Invoice 42');
		expect(readlinkSync(join(dir, 'link.pdf'))).toBe(template);
		expect(readdirSync(dir).sort()).toEqual(['folder.pdf', 'invoice.pdf', 'link.pdf']);
		// Nothing was built for the refused runs.
		expect(readdirSync(root)).not.toContain('dist');
	});

	// An attack: `--out content/phases/2.mdx` wrote the PDF as a phase document, and every later
	// check failed on its NUL byte; `--out ../.git/hooks/pre-commit` wrote a hook.
	it('npm run pdf --out among the program\'s own files (content/, templates/, public/, .git/): one line, exit 1, nothing written', () => {
		const root = makeProgram({});
		const before = readdirSync(join(root, 'templates')).sort();
		for (const [out, place] of [
			['content/phases/2.mdx', 'content/, where the documents are'],
			['templates/rca2.mdx', 'templates/, where the document templates are'],
			['templates/phase.mdx', 'templates/, where the document templates are'],
			['public/pack.pdf', 'public/, which the build copies into the site'],
			['../.git/hooks/pre-commit', "git's own folder"],
		] as const) {
			const { code, stdout, stderr } = run('pdf.ts', ['--phase', '1', '--out', out], { cwd: root, env: { PHASEBOOK_BROWSER: '/bin/true' } });
			expect(stderr.split('\n')[0], out).toBe(`phasebook pdf: --out ${out} is in ${place}; no PDF was written`);
			expect([code, stdout], out).toEqual([1, '']);
		}
		expect(readdirSync(join(root, 'content/phases'))).not.toContain('2.mdx');
		expect(readdirSync(join(root, 'templates')).sort()).toEqual(before);
		expect(readdirSync(root)).not.toContain('public');
		// A new file elsewhere is fine: the command goes on, to the browser it was given.
		const page = join(root, 'dist/phases/1/print/index.html');
		mkdirSync(join(page, '..'), { recursive: true });
		writeFileSync(page, '<!doctype html><title>Phase 1</title>');
		const elsewhere = run('pdf.ts', ['--phase', '1', '--out', 'packs/1.pdf'], { cwd: root, env: { PHASEBOOK_BROWSER: '/bin/true' } });
		expect(elsewhere.stderr).toMatch(/^phasebook pdf: The browser \/bin\/true did not start/);
	});

	it('replaces a sign-off pack it printed before, whether Chromium wrote its title as text or as UTF-16', async () => {
		const dir = scratch();
		const hex = (text: string) => [...text].map((c) => c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')).join('');
		const packs = {
			'ascii.pdf': '%PDF-1.4\n<</Title (Phase 1: Baseline: sign-off pack)\n/Producer (Skia/PDF m156)>>\n',
			'utf16.pdf': `%PDF-1.4\n<</Title <FEFF${hex('Phase 1: Baseline: sign-off pack · Program')}>\n/Producer (Skia/PDF m156)>>\n`,
		};
		for (const [name, text] of Object.entries(packs)) writeFileSync(join(dir, name), text);
		expect(await refusedPdfTarget(join(dir, 'ascii.pdf'))).toBeUndefined();
		expect(await refusedPdfTarget(join(dir, 'utf16.pdf'))).toBeUndefined();
		expect(await refusedPdfTarget(join(dir, 'new.pdf'))).toBeUndefined();
	});
});
