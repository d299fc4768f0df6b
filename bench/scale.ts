// Benchmark at scale: generates a program of N documents (default 1,000) and prints
// (1) `npm run check` wall time (target <= 1 s) and (2) the Phasebook build's wall time and peak
// memory beside a bare Astro build of the same documents (target <= 1.5x bare, < 2 GB).
// Usage: node bench/scale.ts [documents] [--check-only]
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { writeBareSite } from './bare-site.ts';
import { generateProgram } from './generate.ts';

const REPO = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const documents = Number(args.find((a) => /^\d+$/.test(a)) ?? 1000);
const checkOnly = args.includes('--check-only');
const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1' };

function timed(command: string[], cwd: string): { seconds: number; peakMb: number } {
	const started = performance.now();
	const result = spawnSync(process.execPath, ['--import', join(REPO, 'bench/report-rss.ts'), ...command], { cwd, env, encoding: 'utf8', maxBuffer: 1 << 28 });
	const seconds = (performance.now() - started) / 1000;
	if (result.status !== 0) {
		console.error(result.stdout.slice(-3000), result.stderr.slice(-3000));
		throw new Error(`${command.join(' ')} exited ${result.status}`);
	}
	const kb = Number(/bench-peak-rss-kb (\d+)/.exec(result.stderr)?.[1] ?? 0);
	return { seconds, peakMb: kb / 1024 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const root = mkdtempSync(join(tmpdir(), 'phasebook-bench-scale-'));
try {
	const counts = generateProgram(root, { documents, diagrams: true });
	const bytes = readdirSync(join(root, 'content'), { recursive: true })
		.map((p) => join(root, 'content', String(p)))
		.filter((p) => statSync(p).isFile())
		.reduce((sum, p) => sum + statSync(p).size, 0);
	console.log(`Generated ${documents} documents (${Object.entries(counts).map(([t, n]) => `${n} ${t}`).join(', ')}), ${(bytes / 1024 / 1024).toFixed(1)} MB of MDX\n`);

	// The first check renders the 400 diagrams into the cache; later ones are what a pre-commit hook sees.
	const first = timed([join(REPO, 'bin/phasebook.js'), 'check', '--root', root], root);
	console.log(`check    phasebook check, first run          ${first.seconds.toFixed(2)} s (renders every diagram into the cache)`);
	const checks = Array.from({ length: 5 }, () => timed([join(REPO, 'bin/phasebook.js'), 'check', '--root', root], root).seconds);
	console.log(`check    phasebook check, diagrams cached    median ${median(checks).toFixed(2)} s of 5 runs (min ${Math.min(...checks).toFixed(2)} s), process start included`);
	if (checkOnly) process.exit(0);

	// The Phasebook site: the package's files beside the content (Astro wants injected routes inside
	// the project root or in node_modules), run through the copy's own command.
	for (const entry of ['astro.config.mjs', 'package.json', 'index.js', 'bin', 'scripts', 'src', 'public']) cpSync(join(REPO, entry), join(root, entry), { recursive: true });
	symlinkSync(join(REPO, 'node_modules'), join(root, 'node_modules'), 'dir');
	const bare = join(root, 'bare');
	writeBareSite(bare, join(root, 'content'), join(REPO, 'node_modules'));

	const baseline = timed([join(REPO, 'node_modules/astro/bin/astro.mjs'), 'build', '--silent'], bare);
	console.log(`bare     astro build (Sätteri, GFM)        ${baseline.seconds.toFixed(1)} s, peak ${baseline.peakMb.toFixed(0)} MB`);
	rmSync(join(root, '.phasebook'), { recursive: true, force: true });
	const cold = timed([join(root, 'bin/phasebook.js'), 'build', '--root', root], root);
	console.log(`phasebook build, cold diagram cache        ${cold.seconds.toFixed(1)} s, peak ${cold.peakMb.toFixed(0)} MB (${(cold.seconds / baseline.seconds).toFixed(2)}x bare)`);
	const warm = timed([join(root, 'bin/phasebook.js'), 'build', '--root', root], root);
	console.log(`phasebook build, warm diagram cache        ${warm.seconds.toFixed(1)} s, peak ${warm.peakMb.toFixed(0)} MB (${(warm.seconds / baseline.seconds).toFixed(2)}x bare)`);
	const pages = readdirSync(join(root, 'dist'), { recursive: true }).filter((p) => String(p).endsWith('.html')).length;
	console.log(`\n${pages} HTML pages in the Phasebook build; peak memory is the build process's own (browser and Pagefind run in child processes).`);
} finally {
	rmSync(root, { recursive: true, force: true });
}
