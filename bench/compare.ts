// A/B of two Phasebook checkouts on one generated program: `check` (diagrams cached) and the warm
// build, run alternately round by round so drift on a shared machine falls on both alike.
// Usage: node bench/compare.ts <checkout-a> <checkout-b> [documents] [rounds] [--check-only] [--code] [--changed]
// --check-only times only `check`; --code commits the program to git with the code its change
// inventories name, so the git rules run too (a checkout from before issue 10 refuses it);
// --changed (with --code) edits one RCA after the commit and times `check --changed`, as a
// pre-commit hook runs it.
// A checkout without bin/phasebook.js (before the package) is run through scripts/*.ts with its
// site sources copied next to the content, as it was used then.
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateProgram } from './generate.ts';
import { stats } from './stats.ts';

const flags = process.argv.slice(2).filter((arg) => arg.startsWith('--'));
const [a, b, documentsArg, roundsArg] = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
if (!a || !b) {
	console.error('Usage: node bench/compare.ts <checkout-a> <checkout-b> [documents] [rounds] [--check-only] [--code]');
	process.exit(1);
}
const verbs = flags.includes('--check-only') ? (['check'] as const) : (['check', 'build'] as const);
const code = flags.includes('--code') || flags.includes('--changed');
const changed = flags.includes('--changed');
/** The edit `--changed` makes: a paragraph in one RCA's root cause, as an author would write it. */
const EDITED = 'content/rcas/rca-0002.mdx';
const documents = Number(documentsArg ?? 1000);
const rounds = Number(roundsArg ?? 5);
const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1' };

interface Side {
	name: string;
	root: string;
	command: (verb: 'check' | 'build') => string[];
}

function side(checkout: string, content: string): Side {
	const repo = resolve(checkout);
	const root = mkdtempSync(join(tmpdir(), 'phasebook-compare-'));
	cpSync(content, root, { recursive: true });
	const packaged = existsSync(join(repo, 'bin/phasebook.js'));
	// The checkout's site sources beside the content, as each layout builds its own program (Astro
	// wants injected routes inside the project root or in node_modules).
	const entries = packaged ? ['astro.config.mjs', 'package.json', 'index.js', 'bin', 'scripts', 'src', 'public'] : ['astro.config.mjs', 'package.json', 'tsconfig.json', 'src', 'public'];
	for (const entry of entries) cpSync(join(repo, entry), join(root, entry), { recursive: true });
	// Each side its own node_modules folder (links to the checkout's packages): Astro keeps its
	// content store in node_modules/.astro, and a shared one would be cleared by the other side.
	symlinkSync(join(repo, 'node_modules'), join(root, 'node_modules'), 'dir');
	if (code) {
		// The checkout's files are no change of the program's; a plain status refreshes the copied
		// index, whose file times are the original's (else every check's status reads every file).
		appendFileSync(join(root, '.git/info/exclude'), ['node_modules', ...entries].map((e) => `/${e}\n`).join(''));
		spawnSync('git', ['status', '--short'], { cwd: root });
	}
	if (changed) {
		const file = join(root, EDITED);
		writeFileSync(file, readFileSync(file, 'utf8').replace('\n## Root cause analysis\n', '\n## Root cause analysis\n\nAn edited line.\n'));
	}
	const extra = changed ? ['--changed'] : [];
	return {
		name: checkout,
		root,
		command: (verb) => (packaged ? [join(root, 'bin/phasebook.js'), verb, ...(verb === 'check' ? extra : [])] : [join(repo, `scripts/${verb}.ts`), ...(verb === 'check' ? extra : [])]),
	};
}

function timed(s: Side, verb: 'check' | 'build'): number {
	const started = performance.now();
	const result = spawnSync(process.execPath, [...s.command(verb), '--root', s.root], { cwd: s.root, env, encoding: 'utf8', maxBuffer: 1 << 28 });
	if (result.status !== 0) throw new Error(`${s.name} ${verb} exited ${result.status}:\n${result.stdout.slice(-2000)}${result.stderr.slice(-2000)}`);
	return (performance.now() - started) / 1000;
}

const content = mkdtempSync(join(tmpdir(), 'phasebook-compare-content-'));
const sides: Side[] = [];
try {
	generateProgram(content, { documents, diagrams: true, code });
	if (code) {
		// Copied with the program, so each side checks the same repository.
		const git = (...args: string[]) => spawnSync('git', ['-c', 'user.name=Bench', '-c', 'user.email=bench@example.com', ...args], { cwd: content });
		git('init', '-q');
		git('add', '-A');
		git('commit', '-qm', 'program');
	}
	sides.push(side(a, content), side(b, content));
	// Warm both: the first check renders the diagrams, the first build fills Astro's caches.
	for (const s of sides) for (const verb of verbs) timed(s, verb);
	const times = new Map(sides.map((s) => [s.name, { check: [] as number[], build: [] as number[] }]));
	const loads: string[] = [];
	for (let round = 0; round < rounds; round++) {
		for (const verb of verbs) {
			for (const s of round % 2 ? [...sides].reverse() : sides) times.get(s.name)![verb].push(timed(s, verb));
		}
		loads.push(loadavg()[0]!.toFixed(1));
	}
	console.log(`${documents} documents, ${rounds} rounds, alternating; 1-minute load after each round: ${loads.join(', ')}`);
	for (const verb of verbs) {
		for (const s of sides) console.log(`${verb.padEnd(6)} ${s.name.padEnd(24)} ${stats(times.get(s.name)![verb])}`);
	}
} finally {
	rmSync(content, { recursive: true, force: true });
	for (const s of sides) rmSync(s.root, { recursive: true, force: true });
}
