// `phasebook build` runs in a child process that this one starts and watches. A build that runs
// out of memory dies inside V8, printing "FATAL ERROR: ... JavaScript heap out of memory" and a
// native stack trace with exit code 134, and leaves its staging folder: it cannot say so itself,
// its parent can.
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { constants } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getHeapStatistics } from 'node:v8';
import { printablePath } from '../core/findings-format.ts';
import { RENDERING_FILE } from '../lib/render-watch.ts';

/** Set in the child's environment: `1`, or `tty` when its parent relays its stderr to a terminal. */
export const BUILD_CHILD = 'PHASEBOOK_BUILD_CHILD';

/** Set in the child's environment: the parent's process id, so a child whose parent is gone stops. */
export const BUILD_PARENT = 'PHASEBOOK_BUILD_PARENT';

/** Whether this process is the child that builds the site. */
export function isBuildChild(env: NodeJS.ProcessEnv = process.env): boolean {
	return env[BUILD_CHILD] !== undefined;
}

/**
 * Whether this child's stderr, a pipe to its parent, reaches a terminal: Phasebook's colour asks
 * the stream it writes to (wantsColor), which in the child is never a terminal itself.
 */
export function relayedToTerminal(env: NodeJS.ProcessEnv = process.env): boolean {
	return env[BUILD_CHILD] === 'tty';
}

/** The folder the build in process `pid` writes the site into before it swaps it into place. */
export function stagingFolder(stagingParent: string, pid: number = process.pid): string {
	return join(stagingParent, `build-${pid}`);
}

/** V8's last words when the heap is full; they come after `<--- Last few GCs --->`. */
const OUT_OF_MEMORY = /^FATAL ERROR: .*JavaScript heap out of memory/m;

/**
 * The child's stderr, passed on a line at a time as it arrives, except V8's report of a fatal
 * error: from its first line on, everything is held back for the parent to judge at the end.
 */
class StderrRelay {
	#partial = '';
	/** Blank lines, passed on with the next line: V8's report starts with one. */
	#blank = '';
	#held: string | undefined;

	write(text: string): void {
		const lines = (this.#partial + text).split('\n');
		this.#partial = lines.pop()!;
		for (const line of lines) this.#line(`${line}\n`);
	}

	#line(line: string): void {
		if (this.#held === undefined && (line.startsWith('<--- Last few GCs --->') || line.startsWith('FATAL ERROR:'))) {
			this.#held = this.#blank;
			this.#blank = '';
		}
		if (this.#held !== undefined) this.#held += line;
		else if (line.trim() === '') this.#blank += line;
		else {
			process.stderr.write(this.#blank + line);
			this.#blank = '';
		}
	}

	/** What is left once the child has ended: held back, or not yet passed on. */
	end(): string {
		return this.#blank + (this.#held ?? '') + this.#partial;
	}
}

/** The document the render watch saw rendering for a quarter of a second or more, if it still was. */
function renderingDocument(staging: string): string | undefined {
	try {
		const path = readFileSync(join(staging, RENDERING_FILE), 'utf8').trim();
		return path ? printablePath(path) : undefined;
	} catch {
		return undefined;
	}
}

/** The message for a build that ran out of memory: where, the limit, and what to do. */
function outOfMemory(document: string | undefined, shownOut: string): string {
	// The limit the reader set, when set: V8's own figure adds the young generation (256 read as 448).
	const set = /--max-old-space-size[= ](\d+)/.exec(`${process.env['NODE_OPTIONS'] ?? ''} ${process.execArgv.join(' ')}`)?.[1];
	const limit = set ? Number(set) : Math.round(getHeapStatistics().heap_size_limit / 1024 / 1024);
	// Half as much again, to the next power of two: 448 MB gives 1024, 4288 MB gives 8192.
	const more = Math.max(1024, 2 ** Math.ceil(Math.log2(limit * 1.5)));
	const where = document ? `while rendering ${document}` : 'while building the site';
	const cause = document ? ': an expression in it that builds without end?' : '. A document whose expression builds without end?';
	return `\nphasebook build: the build ran out of memory ${where} (Node's heap limit is ${set ? '' : 'about '}${limit} MB)${cause} ${shownOut} was left as it was. A program this large may need more: NODE_OPTIONS=--max-old-space-size=${more}.\n`;
}

/**
 * Runs `phasebook build` with the same arguments in a child Node process and resolves to the exit
 * code to end with: the child's, or 1 for a child ended by a signal or out of memory.
 */
export async function buildInChild({ root, shownOut }: { root: string; shownOut: string }): Promise<number> {
	const terminal = Boolean(process.stderr.isTTY);
	const env: NodeJS.ProcessEnv = { ...process.env, [BUILD_CHILD]: terminal ? 'tty' : '1', [BUILD_PARENT]: String(process.pid) };
	// Libraries that colour text (Astro's) see a pipe where the reader has a terminal.
	if (terminal && !env['NO_COLOR'] && env['FORCE_COLOR'] === undefined) env['FORCE_COLOR'] = '1';
	// bin/phasebook.js, not this script: an installed package needs the TypeScript loader it registers.
	const bin = fileURLToPath(new URL('../../bin/phasebook.js', import.meta.url));
	const child = spawn(process.execPath, [...process.execArgv, bin, 'build', ...process.argv.slice(2)], { env, stdio: ['inherit', 'inherit', 'pipe'] });
	// `timeout` and a cancelled CI job signal the process they started, this one: the build ends too.
	let forwarded: NodeJS.Signals | undefined;
	const forward = (signal: NodeJS.Signals) => {
		forwarded ??= signal;
		child.kill(signal);
	};
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, forward);
	const relay = new StderrRelay();
	const stderr = child.stderr!;
	stderr.setEncoding('utf8');
	stderr.on('data', (text: string) => relay.write(text));
	const drained = new Promise((done) => stderr.once('close', done));
	const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((done, fail) => {
		child.once('error', fail);
		child.once('exit', (code, signal) => done([code, signal]));
	});
	// What the child wrote last may still be in the pipe. A process that code in a document started
	// can hold the pipe open for as long as it runs: the parent waits a second for it, not longer.
	let wait: NodeJS.Timeout | undefined;
	await Promise.race([drained, new Promise((done) => (wait = setTimeout(done, 1000)))]);
	clearTimeout(wait);
	stderr.destroy();
	const rest = relay.end();
	const staging = stagingFolder(join(root, '.phasebook'), child.pid!);
	if ((signal === 'SIGABRT' || code === 134) && OUT_OF_MEMORY.test(rest)) {
		const document = renderingDocument(staging);
		rmSync(staging, { recursive: true, force: true, maxRetries: 5 });
		process.stderr.write(outOfMemory(document, shownOut));
		return 1;
	}
	process.stderr.write(rest);
	// A child ended by a signal ran none of its own clean-up, and said nothing: said here, but for
	// the render watch's SIGKILL, which said why itself.
	if (signal) {
		rmSync(staging, { recursive: true, force: true, maxRetries: 5 });
		if (forwarded || signal !== 'SIGKILL') process.stderr.write(interrupted(forwarded ?? signal, shownOut));
	}
	// A child that stopped on the signal it was passed said so and exited with 128 + its number.
	if (forwarded) return 128 + (constants.signals[forwarded] ?? 0);
	return signal ? 1 : (code ?? 1);
}

/** What the build says when a signal ended it before the site was published. */
export function interrupted(signal: NodeJS.Signals, shownOut: string): string {
	return `\nphasebook build: the build was interrupted (${signal}); ${shownOut} was left as it was.\n`;
}
