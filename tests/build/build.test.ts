// The build as a user runs it: refuses bad content, is deterministic, and never leaves a half-written dist/.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeBody, makeProgram, makeSite, rcaDoc, REPO } from '../helpers/program.ts';

/** The sample program in a folder of its own, set up as `phasebook init` sets up a program. */
function copyProject(): string {
	const root = mkdtempSync(join(tmpdir(), 'phasebook-build-'));
	for (const entry of ['content', 'templates']) cpSync(join(REPO, entry), join(root, entry), { recursive: true });
	makeSite(root);
	return root;
}

function build(root: string, out: string, env: NodeJS.ProcessEnv = { NO_COLOR: '1' }, args: string[] = []) {
	return spawnSync(process.execPath, [join(root, 'bin/phasebook.js'), 'build', '--root', root, '--out', out, ...args], {
		encoding: 'utf8',
		env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ...env },
	});
}

function tree(dir: string): Map<string, string> {
	const files = new Map<string, string>();
	for (const p of readdirSync(dir, { recursive: true }).map(String).sort()) {
		if (statSync(join(dir, p)).isFile()) files.set(p, readFileSync(join(dir, p), 'latin1'));
	}
	return files;
}

let root: string;
beforeAll(() => {
	root = copyProject();
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('npm run build', () => {
	it('refuses an --out folder it did not write, before building, and leaves it as it was', () => {
		mkdirSync(join(root, 'notes'), { recursive: true });
		writeFileSync(join(root, 'notes/notes.txt'), 'mine');
		for (const [out, reason] of [
			['notes', 'it holds files Phasebook did not write'],
			['content', 'it is inside content/, which the build reads'],
			['.', 'it holds the project itself'],
		]) {
			const result = build(root, out!);
			expect(result.status).toBe(1);
			expect(result.stderr).toContain(`phasebook build: refusing to write the site to ${out}/: ${reason}`);
			expect(result.stderr).not.toMatch(/\n\s+at /);
		}
		expect(readFileSync(join(root, 'notes/notes.txt'), 'utf8')).toBe('mine');
		expect(existsSync(join(root, 'content/phases/1.mdx'))).toBe(true);
		rmSync(join(root, 'notes'), { recursive: true });
	});

	// Two whole builds of the sample: minutes on a loaded machine, so the time limit is generous.
	it('builds the same files byte for byte twice in a row', () => {
		// A folder the user made in .phasebook, named as a build's staging folder: not the build's to remove.
		const users = join(root, '.phasebook/build-999999');
		mkdirSync(users, { recursive: true });
		writeFileSync(join(users, 'keep.txt'), 'mine');
		// Not a terminal, and NO_COLOR unset: the log must still carry no colour codes.
		const first = build(root, 'out-a', { NO_COLOR: undefined, FORCE_COLOR: undefined, CI: undefined });
		expect(first.stderr).not.toMatch(/\n\s+at /);
		expect(first.status, first.stdout + first.stderr).toBe(0);
		const log = first.stdout + first.stderr;
		expect(log).not.toMatch(/\u001b\[/);
		// A short summary: no page list, no bundler noise about Astro's own directives.
		expect(log).not.toContain('MODULE_LEVEL_DIRECTIVE');
		expect(log).not.toContain('├─');
		expect(first.stdout).toMatch(/^phasebook build: \d+ documents checked; building the site\nphasebook build: \d+ pages built in [\d.]+ s\n/m);
		// The copy is not a git repository: that warning comes once, after the summary.
		const warning = first.stderr.indexOf('No "last updated" dates or contributors');
		expect(warning).toBeGreaterThan(-1);
		expect(first.stderr.indexOf('No "last updated"', warning + 1)).toBe(-1);
		expect(first.stderr).toMatch(/^1 build warning:$/m);
		expect(log).not.toContain('No site address');
		expect(log).not.toContain('removed');
		expect(readFileSync(join(users, 'keep.txt'), 'utf8')).toBe('mine');
		rmSync(users, { recursive: true });
		// A build for deployment, and the sample sets no site address: one warning, the files unchanged.
		const second = build(root, 'out-b', { NO_COLOR: '1' }, ['--deploy']);
		expect(second.status, second.stdout + second.stderr).toBe(0);
		expect(second.stderr.split('No site address').length).toBe(2);
		const a = tree(join(root, 'out-a'));
		const b = tree(join(root, 'out-b'));
		expect([...a.keys()]).toEqual([...b.keys()]);
		const differing = [...a.keys()].filter((k) => a.get(k) !== b.get(k));
		expect(differing).toEqual([]);
		expect(a.has('index.html')).toBe(true);
		expect(a.has('404.html')).toBe(true);
		// No page, feed or search index names the folder the site was built in: a phase page said
		// "Not checked against git: /tmp/… is not inside a git repository".
		expect([...a].filter(([, text]) => text.includes(root)).map(([path]) => path)).toEqual([]);
		expect(a.get('phases/1/index.html')).toContain('Not checked against git: the site was built outside the git repository.');
	}, 900_000);

	it('leaves the previous output untouched when the build fails', () => {
		const before = tree(join(root, 'out-a'));
		const phase = join(root, 'content/phases/4.mdx');
		const original = readFileSync(phase, 'utf8');
		// Valid MDX whose every name is defined (the check's mdx/expression passes it), but rendering
		// it throws, as the text is not JSON: the Astro build fails after the check passed.
		writeFileSync(phase, original.replace('## Executive summary', '## Executive summary\n\n{JSON.parse("not json")}'));
		try {
			const result = build(root, 'out-a');
			expect(result.status).toBe(1);
			expect(result.stderr).toContain('the build failed; out-a/ was left as it was');
			// The expression's line, two below the heading it was put under.
			const line = original.split('\n').indexOf('## Executive summary') + 3;
			expect(result.stderr).toContain(`content/phases/4.mdx:${line}: Unexpected token`);
			expect(result.stderr).not.toMatch(/\n\s+at /);
			// Pages Astro was still rendering fail as the staging folder goes: not shown.
			expect(result.stderr).not.toContain('ERR_MODULE_NOT_FOUND');
			expect(tree(join(root, 'out-a'))).toEqual(before);
			expect(readdirSync(join(root, '.phasebook')).filter((d) => d.startsWith('build-'))).toEqual([]);
		} finally {
			writeFileSync(phase, original);
		}
	}, 300_000);

	// An author's attack: the build exited 0 with nothing built, the previous site still in place for
	// CI to deploy, and its staging folder left behind.
	it('fails, saying so, when code it runs exits the process before the site is built', () => {
		const before = tree(join(root, 'out-a'));
		const phase = join(root, 'content/phases/4.mdx');
		const original = readFileSync(phase, 'utf8');
		writeFileSync(phase, original.replace('## Executive summary', '## Executive summary\n\n{process.exit(0)}'));
		try {
			const result = build(root, 'out-a');
			expect(result.status).toBe(1);
			expect(result.stderr).toContain("phasebook build: the build ended before the site was built (code it ran exited the process with code 0: a document's {process.exit()}?); out-a/ was left as it was.");
			expect(tree(join(root, 'out-a'))).toEqual(before);
			expect(readdirSync(join(root, '.phasebook')).filter((d) => d.startsWith('build-'))).toEqual([]);
		} finally {
			writeFileSync(phase, original);
		}
	}, 300_000);

	// An author's attack: an expression that never ends held the build until CI's job limit (hours):
	// the only thread is busy, so the watch is a worker, which names the document and kills the
	// build's process; the process that started it exits 1.
	it('stops, naming the document, when a body renders for longer than the limit', () => {
		const before = tree(join(root, 'out-a'));
		const phase = join(root, 'content/phases/4.mdx');
		const original = readFileSync(phase, 'utf8');
		writeFileSync(phase, original.replace('## Executive summary', '## Executive summary\n\n{(() => { while (true) {} })()}'));
		try {
			const started = Date.now();
			const result = build(root, 'out-a', { NO_COLOR: '1', PHASEBOOK_RENDER_TIMEOUT: '2' });
			expect(result.status).toBe(1);
			expect(result.stderr).toContain('phasebook build: content/phases/4.mdx has been rendering for 2 s: an expression in it never ends (a loop? phasebook check names them as mdx/code), so the build was stopped and out-a/ was left as it was.');
			expect(Date.now() - started).toBeLessThan(120_000);
			expect(tree(join(root, 'out-a'))).toEqual(before);
			expect(readdirSync(join(root, '.phasebook')).filter((d) => d.startsWith('build-'))).toEqual([]);
		} finally {
			writeFileSync(phase, original);
		}
	}, 300_000);

	// The check classified /bin/true as no browser, but the build only looked for an executable file:
	// its pages waited for diagrams that never came, and it failed with "A diagram did not render"
	// and a trail of ERR_MODULE_NOT_FOUND.
	it('with a browser that exits at once: one warning naming the documents and why, client-side diagrams, exit 0', () => {
		const cache = mkdtempSync(join(tmpdir(), 'phasebook-build-cache-'));
		// NODE_ENV as a user's shell has it: Vitest's "test" makes Astro set up the content sync's
		// server as in dev, whose hook settled the diagrams early and hid the failure.
		const env = { NO_COLOR: '1', NODE_ENV: undefined, PHASEBOOK_BROWSER: '/bin/true', PHASEBOOK_CACHE_DIR: cache, CI: '', PHASEBOOK_STRICT: '' };
		const result = build(root, 'out-d', env);
		const log = result.stdout + result.stderr;
		expect(result.status, log).toBe(0);
		expect(log).not.toContain('did not render');
		expect(log).not.toContain('ERR_MODULE_NOT_FOUND');
		expect(log).not.toMatch(/\n\s+at /);
		// Not one warning a diagram from the check: one from the build, naming the documents.
		expect(log).not.toContain('diagrams/no-browser');
		const warnings = result.stderr.match(/^- \[phasebook:diagrams\] .*$/gm) ?? [];
		expect(warnings).toEqual([
			expect.stringMatching(/^- \[phasebook:diagrams\] Could not render \d+ uncached diagrams in content\/phases\/1\.mdx, .*content\/rcas\/rca-0001\.mdx.*: the browser \/bin\/true did not start \(browserType\.launch: [^)]+\); those pages render them in the browser instead\. /),
		]);
		expect(warnings[0]).not.toMatch(/\(\d+ times\)$/);
		const phase = readFileSync(join(root, 'out-d/phases/1/index.html'), 'utf8');
		expect(phase).toContain('<pre class="mermaid"');
		expect(phase).not.toContain('diagram-light');
		expect(phase).not.toContain('<!--phasebook-diagram');
		expect(existsSync(join(root, 'out-d/_phasebook/mermaid.min.js'))).toBe(true);
		rmSync(cache, { recursive: true, force: true });
	}, 300_000);

	it('refuses to build when the check finds an error, and writes nothing', () => {
		const rca = join(root, 'content/rcas/rca-0001.mdx');
		const original = readFileSync(rca, 'utf8');
		writeFileSync(rca, original.replace(/^severity: \w+$/m, 'severity: catastrophic'));
		try {
			const result = build(root, 'out-c');
			expect(result.status).toBe(1);
			expect(result.stdout).toMatch(/content\/rcas\/rca-0001.mdx:\d+:1  error  Unexpected string "catastrophic" in "severity"/);
			expect(result.stderr).toContain('not building while the content has errors');
			expect(existsSync(join(root, 'out-c'))).toBe(false);
		} finally {
			writeFileSync(rca, original);
		}
	}, 120_000);
});

describe('code a document runs', () => {
	/** A program of one phase and one RCA whose body holds `expression`, and its `phasebook` command. */
	function program(expression: string): { root: string; phasebook: string } {
		const body = completeBody('rca').replace('## Root cause analysis', `## Root cause analysis\n\n${expression}`);
		const root = makeProgram({ 'content/rcas/rca-0001.mdx': rcaDoc('RCA-0001', 'status: mitigated\n', body) });
		return { root, phasebook: makeSite(root) };
	}

	function run(phasebook: string, root: string, env: NodeJS.ProcessEnv = {}) {
		return spawnSync(process.execPath, [phasebook, 'build', '--root', root, '--out', 'out'], {
			encoding: 'utf8',
			env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', ...env },
			// Still running after this is the failure: the process is killed and the test fails.
			timeout: 60_000,
		});
	}

	// An author's attack: the build printed "published", then a timer the body started (the check
	// lets it through) kept the process alive until CI's job limit.
	it('exits once the site is published, though a body left a timer running', () => {
		const { root, phasebook } = program('{setInterval(() => {}, 1000)}');
		try {
			const started = Date.now();
			const result = run(phasebook, root);
			expect(result.error, 'still running after 60 s').toBeUndefined();
			expect(result.status, result.stdout + result.stderr).toBe(0);
			expect(result.stdout).toContain('phasebook build: 2 documents published to out/');
			expect(Date.now() - started).toBeLessThan(60_000);
			expect(existsSync(join(root, 'out/rcas/rca-0001/index.html'))).toBe(true);
		} finally {
			rmSync(root, { recursive: true, force: true });
		}
	}, 120_000);

	/**
	 * `phasebook <args>` started in the background, and a promise of the build's own line saying it
	 * is building (not `phasebook pdf`'s "building the site first").
	 */
	function start(phasebook: string, args: string[]) {
		const child = spawn(process.execPath, [phasebook, ...args], { env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1' } });
		let stderr = '';
		let stdout = '';
		child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
		const building = new Promise<void>((done) => child.stdout.on('data', (chunk: Buffer) => ((stdout += chunk.toString()), stdout.includes('checked; building the site') && done())));
		const ended = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
		return { child, building, ended, output: () => ({ stdout, stderr }) };
	}
	/** A body that renders for a few seconds, long enough to be caught at it. */
	const SLOW = '{(() => { const end = Date.now() + 4000; while (Date.now() < end) {} return 1; })()}';

	/** A program built into out/ once, whose RCA then renders slowly; out/ as that build left it. */
	function builtThenSlow() {
		const { root, phasebook } = program('Nothing unusual.');
		expect(run(phasebook, root).status).toBe(0);
		const before = tree(join(root, 'out'));
		const file = join(root, 'content/rcas/rca-0001.mdx');
		writeFileSync(file, readFileSync(file, 'utf8').replace('Nothing unusual.', SLOW));
		return { root, phasebook, before, build: ['build', '--root', root, '--out', 'out'] };
	}

	// An attack: Ctrl-C during the build printed "code it ran exited the process with code 130: a
	// document's {process.exit()}?", or nothing at all.
	it('says it was interrupted, exit 130, leaving the output as it was', async () => {
		const { root, phasebook, before, build: args } = builtThenSlow();
		try {
			const build = start(phasebook, args);
			await build.building;
			build.child.kill('SIGINT');
			expect(await build.ended).toBe(130);
			const { stderr } = build.output();
			expect(stderr).toContain('phasebook build: the build was interrupted (SIGINT); out/ was left as it was.');
			expect(stderr).not.toContain('process.exit');
			expect(tree(join(root, 'out'))).toEqual(before);
			expect(readdirSync(join(root, '.phasebook')).filter((name) => name.startsWith('build-'))).toEqual([]);
		} finally {
			rmSync(root, { recursive: true, force: true });
		}
	}, 180_000);

	// An attack: Ctrl-C to `phasebook pdf` while it built ended it at once, saying nothing, and the
	// build it had started went on alone and wrote dist/.
	it('phasebook pdf interrupted while it builds stops its build too, which writes nothing', async () => {
		const { root, phasebook } = program(SLOW);
		try {
			const pdf = start(phasebook, ['pdf', '--phase', '1', '--root', root]);
			await pdf.building;
			pdf.child.kill('SIGINT');
			expect(await pdf.ended).toBe(130);
			const { stderr } = pdf.output();
			expect(stderr).toContain('phasebook build: the build was interrupted (SIGINT); dist/ was left as it was.');
			expect(stderr).not.toContain('The build failed');
			// Nothing of the build is left to write dist/ later.
			await new Promise((wait) => setTimeout(wait, 8000));
			expect(execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).split('\n').filter((line) => line.includes(root))).toEqual([]);
			expect(existsSync(join(root, 'dist'))).toBe(false);
		} finally {
			rmSync(root, { recursive: true, force: true });
		}
	}, 180_000);

	// An attack: `kill -9` of the command left its child building, and it replaced out/ 15 s later.
	it('stops building when the command that started it is killed, and replaces nothing', async () => {
		const { root, phasebook, before, build: args } = builtThenSlow();
		try {
			const build = start(phasebook, args);
			await build.building;
			const builder = Number(execFileSync('ps', ['--ppid', String(build.child.pid), '-o', 'pid='], { encoding: 'utf8' }).trim());
			expect(builder).toBeGreaterThan(0);
			build.child.kill('SIGKILL');
			await build.ended;
			const alive = () => {
				try {
					process.kill(builder, 0);
					return true;
				} catch {
					return false;
				}
			};
			const deadline = Date.now() + 60_000;
			while (alive() && Date.now() < deadline) await new Promise((wait) => setTimeout(wait, 200));
			expect(alive(), 'the build went on without the command').toBe(false);
			expect(tree(join(root, 'out'))).toEqual(before);
			expect(readdirSync(join(root, '.phasebook')).filter((name) => name.startsWith('build-'))).toEqual([]);
		} finally {
			rmSync(root, { recursive: true, force: true });
		}
	}, 180_000);

	// An author's attack: V8's "FATAL ERROR: ... JavaScript heap out of memory", a native stack trace
	// and exit code 134, with the staging folder left behind. A small heap makes the test quick.
	it('says which document ran out of memory, in one paragraph, exit 1, leaving the output as it was', () => {
		const { root, phasebook } = program('Nothing unusual.');
		try {
			expect(run(phasebook, root).status).toBe(0);
			const before = tree(join(root, 'out'));
			const file = join(root, 'content/rcas/rca-0001.mdx');
			// Small objects, not large strings: V8 takes longer to fill its heap with them (a render of
			// 3.5 s here, not 2.3 s), so the body still outlasts the second after which the watch names it.
			writeFileSync(file, readFileSync(file, 'utf8').replace('Nothing unusual.', '{(() => { const a = []; for (;;) a.push({ n: a.length }); })()}'));
			const result = run(phasebook, root, { NODE_OPTIONS: '--max-old-space-size=256' });
			expect(result.status, result.stderr).toBe(1);
			expect(result.stderr).toMatch(/^phasebook build: the build ran out of memory while rendering content\/rcas\/rca-0001\.mdx \(Node's heap limit is 256 MB\): an expression in it that builds without end\? out\/ was left as it was\. A program this large may need more: NODE_OPTIONS=--max-old-space-size=\d+\.$/m);
			expect(result.stderr).not.toContain('FATAL ERROR');
			expect(result.stderr).not.toContain('Last few GCs');
			expect(result.stderr).not.toMatch(/^\s+at /m);
			expect(result.stderr).not.toMatch(/^\s*\d+: 0x/m);
			expect(tree(join(root, 'out'))).toEqual(before);
			expect(readdirSync(join(root, '.phasebook')).filter((name) => name.startsWith('build-'))).toEqual([]);
		} finally {
			rmSync(root, { recursive: true, force: true });
		}
	}, 180_000);
});
