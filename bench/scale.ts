// Benchmark at scale: generates a program of N documents (default 1,000) and prints, with medians,
// min and max and the machine's load:
// - `phasebook check` (first run, then diagrams cached) and `check --changed` after one edit;
// - the warm Phasebook build beside a bare Astro build of the same documents, run alternately
//   round by round so drift on a shared machine falls on both, with peak memory, the build's own
//   stage times and the output's size;
// - with --starlight, a Starlight site of the same documents too, in the same rounds (the order of
//   the three rotates round by round; Starlight is installed once into ~/.cache/phasebook/bench/,
//   see bench/starlight-site.ts), and how many times faster Phasebook's build is than Starlight's;
// - a rebuild after one document's body changed.
// --keep leaves the generated folder in place and prints where it is.
// Usage: node bench/scale.ts [documents] [--rounds <n>] [--check-only] [--starlight] [--keep]
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { writeBareSite } from './bare-site.ts';
import { generateProgram } from './generate.ts';
import { writeStarlightSite } from './starlight-site.ts';
import { stats } from './stats.ts';

const REPO = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const documents = Number(args.find((a) => /^\d+$/.test(a)) ?? 1000);
const roundsAt = args.indexOf('--rounds');
const rounds = roundsAt >= 0 ? Number(args[roundsAt + 1]) : 3;
const checkOnly = args.includes('--check-only');
const withStarlight = args.includes('--starlight');
const keep = args.includes('--keep');
const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1' };

interface Timed {
	seconds: number;
	peakMb: number;
	output: string;
}

function timed(command: string[], cwd: string): Timed {
	const started = performance.now();
	const result = spawnSync(process.execPath, ['--import', join(REPO, 'bench/report-rss.ts'), ...command], { cwd, env, encoding: 'utf8', maxBuffer: 1 << 28 });
	const seconds = (performance.now() - started) / 1000;
	if (result.status !== 0) {
		console.error(result.stdout.slice(-3000), result.stderr.slice(-3000));
		throw new Error(`${command.join(' ')} exited ${result.status}`);
	}
	const kb = Number(/bench-peak-rss-kb (\d+)/.exec(result.stderr)?.[1] ?? 0);
	return { seconds, peakMb: kb / 1024, output: result.stdout + result.stderr };
}

const load = () => loadavg().map((l) => l.toFixed(1)).join(' / ');

/**
 * A node_modules folder of its own that links each of this checkout's packages: Astro keeps its
 * caches in node_modules/.astro, which two sites sharing one folder would clear for each other.
 */
function ownNodeModules(dir: string): void {
	const target = join(dir, 'node_modules');
	mkdirSync(target, { recursive: true });
	for (const entry of readdirSync(join(REPO, 'node_modules'))) {
		if (entry === '.astro' || entry === '.vite' || entry === '.cache') continue;
		symlinkSync(join(REPO, 'node_modules', entry), join(target, entry));
	}
}

function folderMb(dir: string): number {
	let bytes = 0;
	for (const p of readdirSync(dir, { recursive: true })) {
		const s = statSync(join(dir, String(p)));
		if (s.isFile()) bytes += s.size;
	}
	return bytes / 1024 / 1024;
}

const pageKb = (file: string) => (statSync(file).size / 1024).toFixed(0);

/** The stage times `phasebook build` prints: Astro's page generation and the search index. */
function stages(output: string): { pages: number; index: number } {
	return {
		pages: Number(/pages built in ([\d.]+) s/.exec(output)?.[1] ?? NaN),
		index: Number(/search index written in (\d+) ms/.exec(output)?.[1] ?? NaN) / 1000,
	};
}

const root = mkdtempSync(join(tmpdir(), 'phasebook-bench-scale-'));
/** Everything timed, in the generated program at `root`; the folder is removed after, or kept with --keep. */
function run(): void {
	const counts = generateProgram(root, { documents, diagrams: true, code: true });
	console.log(`${documents} documents (${Object.entries(counts).map(([t, n]) => `${n} ${t}`).join(', ')}), ${folderMb(join(root, 'content')).toFixed(1)} MB of MDX; load at start ${load()}\n`);
	// A git repository, as a program lives in one: check --changed compares with HEAD.
	const git = (...a: string[]) => spawnSync('git', ['-c', 'user.name=Bench', '-c', 'user.email=bench@example.com', ...a], { cwd: root, encoding: 'utf8' });
	git('init', '-q');
	git('add', '-A');
	git('commit', '-qm', 'program');

	const check = (...extra: string[]) => timed([join(REPO, 'bin/phasebook.js'), 'check', '--root', root, ...extra], root);
	console.log(`check            first run (renders every diagram)  ${check().seconds.toFixed(2)} s`);
	const checks = Array.from({ length: 5 }, () => check().seconds);
	console.log(`check            diagrams cached                    ${stats(checks)}, process start included`);
	const edited = join(root, 'content/rcas/rca-0001.mdx');
	appendFileSync(edited, '\nOne more sentence from the author.\n');
	try {
		const changed = Array.from({ length: 5 }, () => check('--changed').seconds);
		console.log(`check --changed  one document edited                ${stats(changed)}`);
	} catch {
		console.log('check --changed  not supported by this checkout');
	}
	if (checkOnly) return;

	// The Phasebook site: the package's files beside the content (Astro wants injected routes inside
	// the project root or in node_modules), run through the copy's own command.
	for (const entry of ['astro.config.mjs', 'package.json', 'index.js', 'bin', 'scripts', 'src', 'public']) cpSync(join(REPO, entry), join(root, entry), { recursive: true });
	ownNodeModules(root);
	const bare = join(root, 'bare');
	writeBareSite(bare, join(root, 'content'), join(REPO, 'node_modules'));
	rmSync(join(bare, 'node_modules'));
	ownNodeModules(bare);
	// Starlight's site has a node_modules of its own already: hard links to the cached install.
	const starlight = join(root, 'starlight');
	if (withStarlight) writeStarlightSite(starlight, join(root, 'content'));

	const bareBuild = () => timed([join(REPO, 'node_modules/astro/bin/astro.mjs'), 'build', '--silent'], bare);
	const phasebookBuild = () => timed([join(root, 'bin/phasebook.js'), 'build', '--root', root], root);
	const starlightBuild = () => timed([join(starlight, 'node_modules/astro/bin/astro.mjs'), 'build', '--silent'], starlight);
	// Warm them all: the first Phasebook build renders the diagrams, the first of each fills Astro's caches.
	const cold = phasebookBuild();
	bareBuild();
	if (withStarlight) starlightBuild();
	console.log(`\nphasebook build  cold diagram cache                 ${cold.seconds.toFixed(1)} s, peak ${cold.peakMb.toFixed(0)} MB`);
	const sides = withStarlight ? (['bare', 'phasebook', 'starlight'] as const) : (['bare', 'phasebook'] as const);
	const build = { bare: bareBuild, phasebook: phasebookBuild, starlight: starlightBuild };
	const results = { bare: [] as Timed[], phasebook: [] as Timed[], starlight: [] as Timed[] };
	const loads: string[] = [];
	for (let round = 0; round < rounds; round++) {
		// The order rotates round by round, so no side always comes first (or right after another).
		for (let i = 0; i < sides.length; i++) {
			const side = sides[(i + round) % sides.length]!;
			results[side].push(build[side]());
		}
		loads.push(loadavg()[0]!.toFixed(1));
	}
	const ratios = results.phasebook.map((p, i) => p.seconds / results.bare[i]!.seconds);
	console.log(`bare astro build                                    ${stats(results.bare.map((r) => r.seconds), 1)}, peak ${stats(results.bare.map((r) => r.peakMb), 0, ' MB')}`);
	if (withStarlight) console.log(`starlight build                                     ${stats(results.starlight.map((r) => r.seconds), 1)}, peak ${stats(results.starlight.map((r) => r.peakMb), 0, ' MB')}`);
	console.log(`phasebook build  warm                               ${stats(results.phasebook.map((r) => r.seconds), 1)}, peak ${stats(results.phasebook.map((r) => r.peakMb), 0, ' MB')}`);
	console.log(`                 ratio to bare, per round           ${stats(ratios, 2, 'x')}`);
	if (withStarlight) {
		const faster = results.starlight.map((s, i) => s.seconds / results.phasebook[i]!.seconds);
		const median = [...faster].sort((x, y) => x - y)[Math.floor(faster.length / 2)]!;
		const verdict = median >= 1 ? `Phasebook is ${median.toFixed(2)}× faster than Starlight` : `Phasebook is ${(1 / median).toFixed(2)}× slower than Starlight`;
		console.log(`                 starlight / phasebook, per round   ${stats(faster, 2, 'x')}: ${verdict}`);
	}
	const st = results.phasebook.map((r) => stages(r.output));
	console.log(`                 stages: pages ${stats(st.map((s) => s.pages), 1)}; search index ${stats(st.map((s) => s.index), 1)}`);
	console.log(`                 1-minute load after each round: ${loads.join(', ')}`);

	// One document's body edited after a warm build: what a pull request usually changes.
	appendFileSync(edited, '\nAnd another, to rebuild.\n');
	const rebuild = phasebookBuild();
	const warmMedian = results.phasebook.map((r) => r.seconds).sort((a, b) => a - b)[Math.floor(rounds / 2)]!;
	console.log(`phasebook build  after one body edit                ${rebuild.seconds.toFixed(1)} s (${((100 * rebuild.seconds) / warmMedian).toFixed(0)} % of the warm build's median)`);

	const dist = join(root, 'dist');
	const pages = readdirSync(dist, { recursive: true }).filter((p) => String(p).endsWith('.html')).length;
	const starlightOutput = () => {
		const out = join(starlight, 'dist');
		const html = readdirSync(out, { recursive: true }).filter((p) => String(p).endsWith('.html')).length;
		return `; starlight ${folderMb(out).toFixed(0)} MB in ${html} pages (an RCA page ${pageKb(join(out, 'rcas/rca-0001/index.html'))} KB)`;
	};
	console.log(`\noutput           phasebook ${folderMb(dist).toFixed(0)} MB in ${pages} pages; bare ${folderMb(join(bare, 'dist')).toFixed(0)} MB${withStarlight ? starlightOutput() : ''}`);
	console.log(`                 an RCA page ${pageKb(join(dist, 'rcas/rca-0001/index.html'))} KB, a phase page ${pageKb(join(dist, 'phases/1/index.html'))} KB, the changelog ${pageKb(join(dist, 'changelog/index.html'))} KB, the dashboard ${pageKb(join(dist, 'index.html'))} KB`);
	console.log(`                 peak memory is the build process's own (the browser and Pagefind run in child processes); load at end ${load()}`);
}

try {
	run();
} finally {
	if (keep) console.log(`\nkept ${root}`);
	else rmSync(root, { recursive: true, force: true });
}
