// The installed CLI with its bundle (cli/, written by `npm pack`) against the same package run from
// its TypeScript sources, alternately, round by round: `phasebook --version`, `check --help`, and
// `check` and `check --changed` of a generated program in git, its diagrams cached and one RCA
// edited (what a pre-commit hook sees), and `check --changed` right after that RCA is saved again.
// Usage: node bench/cli-start.ts [documents] [rounds]
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateProgram } from './generate.ts';
import { stats } from './stats.ts';

const documents = Number(process.argv[2] ?? 1000);
const rounds = Number(process.argv[3] ?? 7);
const REPO = resolve(import.meta.dirname, '..');
const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', npm_config_audit: 'false', npm_config_fund: 'false' };

function run(cwd: string, command: string, args: string[]) {
	const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 1 << 28 });
	if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}:\n${result.stdout.slice(-2000)}${result.stderr.slice(-2000)}`);
	return result.stdout;
}

const work = mkdtempSync(join(tmpdir(), 'phasebook-cli-start-'));
try {
	const tarball = join(work, run(REPO, 'npm', ['pack', '--pack-destination', work, '--loglevel=error']).trim().split('\n').at(-1)!);
	const app = join(work, 'app');
	mkdirSync(app);
	writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
	run(app, 'npm', ['install', '--save-dev', '--prefer-offline', '--loglevel=error', tarball]);
	const program = join(work, 'program');
	generateProgram(program, { documents, diagrams: true, code: true });
	for (const args of [['init', '-q'], ['add', '-A'], ['commit', '-qm', 'program']]) run(program, 'git', ['-c', 'user.name=Bench', '-c', 'user.email=bench@example.com', ...args]);
	appendFileSync(join(program, 'content/rcas/rca-0001.mdx'), '\nOne more sentence from the author.\n');
	const pkg = join(app, 'node_modules/phasebook');
	const bin = join(pkg, 'bin/phasebook.js');
	const cases: Record<string, string[]> = {
		'--version': ['--version'],
		'check --help': ['check', '--help'],
		[`check, ${documents} documents`]: ['check', '--root', program],
		'check --changed': ['check', '--changed', '--root', program],
		// As a pre-commit hook right after a save: the RCA is read again, and the cache written.
		'check --changed, just edited': ['check', '--changed', '--root', program],
	};
	const edited = join(program, 'content/rcas/rca-0001.mdx');
	const sides = ['bundle', 'sources'] as const;
	const setSide = (side: (typeof sides)[number]) => renameSync(join(pkg, side === 'bundle' ? 'cli.off' : 'cli'), join(pkg, side === 'bundle' ? 'cli' : 'cli.off'));
	let current: (typeof sides)[number] = 'bundle';
	const use = (side: (typeof sides)[number]) => {
		if (side !== current) setSide(side);
		current = side;
	};
	const times = new Map<string, number[]>();
	// Warm both: the first check renders the diagrams, the first runs fill Node's compile cache.
	for (const side of sides) {
		use(side);
		for (const args of Object.values(cases)) run(app, process.execPath, [bin, ...args]);
	}
	const loads: number[] = [];
	for (let round = 0; round < rounds; round++) {
		loads.push(loadavg()[0]!);
		for (const side of round % 2 === 0 ? sides : [...sides].reverse()) {
			use(side);
			for (const [name, args] of Object.entries(cases)) {
				if (name.endsWith('just edited')) appendFileSync(edited, 'And one more.\n');
				const started = performance.now();
				run(app, process.execPath, [bin, ...args]);
				const key = `${name} | ${side}`;
				times.set(key, [...(times.get(key) ?? []), (performance.now() - started) / 1000]);
			}
		}
	}
	use('bundle');
	console.log(`phasebook installed from its package, ${rounds} rounds, load ${Math.min(...loads).toFixed(1)}-${Math.max(...loads).toFixed(1)}`);
	for (const name of Object.keys(cases)) {
		const bundle = times.get(`${name} | bundle`)!;
		const sources = times.get(`${name} | sources`)!;
		console.log(`${name.padEnd(28)} bundle ${stats(bundle)}   sources ${stats(sources)}`);
	}
} finally {
	rmSync(work, { recursive: true, force: true });
}
