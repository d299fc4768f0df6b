// `phasebook dev` on a generated program: how long a repeat request takes for each kind of page,
// and how long an edit takes to show. Prints medians with min and max.
// Usage: node bench/dev.ts [documents] [--repeats <n>]
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateProgram } from './generate.ts';
import { stats } from './stats.ts';

const REPO = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const documents = Number(args.find((a) => /^\d+$/.test(a)) ?? 1000);
const repeatsAt = args.indexOf('--repeats');
const repeats = repeatsAt >= 0 ? Number(args[repeatsAt + 1]) : 5;
const port = 4900 + (process.pid % 90);
const base = `http://127.0.0.1:${port}`;

async function timedGet(path: string): Promise<{ seconds: number; status: number; text: string }> {
	const started = performance.now();
	const response = await fetch(`${base}${path}`);
	const text = await response.text();
	return { seconds: (performance.now() - started) / 1000, status: response.status, text };
}

const root = mkdtempSync(join(tmpdir(), 'phasebook-bench-dev-'));
const server = { kill: () => {} } as { kill: () => void };
try {
	generateProgram(root, { documents, diagrams: true });
	for (const entry of ['astro.config.mjs', 'package.json', 'index.js', 'bin', 'scripts', 'src', 'public']) cpSync(join(REPO, entry), join(root, entry), { recursive: true });
	mkdirSync(join(root, 'node_modules'));
	for (const entry of readdirSync(join(REPO, 'node_modules'))) {
		if (!['.astro', '.vite', '.cache'].includes(entry)) symlinkSync(join(REPO, 'node_modules', entry), join(root, 'node_modules', entry));
	}
	// Astro's dev server serves no pages when VITEST is set; this runs outside tests, but be sure.
	const env = Object.fromEntries(Object.entries({ ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1' }).filter(([k]) => !k.startsWith('VITEST')));
	const started = performance.now();
	const child = spawn(process.execPath, [join(root, 'bin/phasebook.js'), 'dev', '--root', root, '--port', String(port), '--host', '127.0.0.1'], { cwd: root, env, stdio: 'ignore' });
	server.kill = () => child.kill('SIGTERM');
	let ready = false;
	while (!ready) {
		if (performance.now() - started > 600_000) throw new Error('the dev server did not answer within 10 minutes');
		try {
			ready = (await fetch(`${base}/favicon.svg`)).ok;
		} catch {
			await new Promise((r) => setTimeout(r, 500));
		}
	}
	console.log(`${documents} documents; dev server ready in ${((performance.now() - started) / 1000).toFixed(1)} s (uncached diagrams render behind it)`);
	const pages = ['/', '/phases/1/', '/rcas/rca-0001/', '/readiness/', '/traceability/', '/changelog/'];
	for (const page of pages) {
		const first = await timedGet(page);
		if (first.status !== 200) throw new Error(`${page} answered ${first.status}`);
		const again: number[] = [];
		for (let i = 0; i < repeats; i++) again.push((await timedGet(page)).seconds);
		console.log(`${page.padEnd(18)} first request ${first.seconds.toFixed(2)} s; repeat ${stats(again)}`);
	}
	const file = join(root, 'content/rcas/rca-0001.mdx');
	const edits: number[] = [];
	for (let i = 0; i < 3; i++) {
		const title = `Incident edited ${i}`;
		writeFileSync(file, readFileSync(file, 'utf8').replace(/^title: .*$/m, `title: ${title}`));
		const editStarted = performance.now();
		for (;;) {
			const page = await timedGet('/rcas/rca-0001/');
			if (page.text.includes(title)) break;
			if (performance.now() - editStarted > 120_000) throw new Error('an edit did not show within 2 minutes');
		}
		edits.push((performance.now() - editStarted) / 1000);
	}
	console.log(`an edit to an RCA's title, until its page shows it: ${stats(edits)}`);
	// A diagram edited: the dev server renders it (kept browser and page, see KeptRenderer) and the
	// page shows the new label in its SVG.
	const withDiagram = readdirSync(join(root, 'content/phases')).find((name) => readFileSync(join(root, 'content/phases', name), 'utf8').includes('```mermaid'));
	if (withDiagram) {
		const phase = join(root, 'content/phases', withDiagram);
		const route = `/phases/${withDiagram.replace(/\.mdx$/, '')}/`;
		const diagramEdits: number[] = [];
		for (let i = 0; i < 5; i++) {
			const label = `Edited service ${i}`;
			writeFileSync(phase, readFileSync(phase, 'utf8').replace(/--> B0\[[^\]]*\]/, `--> B0[${label}]`));
			const editStarted = performance.now();
			for (;;) {
				const page = await timedGet(route);
				if (page.text.includes(label)) break;
				if (performance.now() - editStarted > 120_000) throw new Error('a diagram edit did not show within 2 minutes');
			}
			diagramEdits.push((performance.now() - editStarted) / 1000);
		}
		console.log(`an edit to a diagram's label, until its page shows it: ${diagramEdits.map((s) => s.toFixed(2)).join(', ')} s; ${stats(diagramEdits)}`);
	}
	console.log(`load ${loadavg().map((l) => l.toFixed(1)).join(' / ')}`);
} finally {
	server.kill();
	rmSync(root, { recursive: true, force: true });
}
