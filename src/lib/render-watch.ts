// A watch on document bodies as a build renders them: an expression that never ends
// (`{(() => { while (true) {} })()}`) holds the only thread, so no timer of its own can stop it
// and CI waited until its job's limit. A worker thread sees the body still rendering after the
// limit, says which document holds it, removes the build's staging folder and ends the process.
import { Worker } from 'node:worker_threads';

/**
 * The file in the build's staging folder naming the body that has been rendering for a quarter of
 * a second or more. A build that runs out of memory dies at once, with no chance to say where; the
 * process that started it (src/cli/build-process.ts) reads the name from here. Fast renders (a
 * large report takes some 50 ms) write nothing; a body that fills the heap within a second, as
 * one filling a small heap does, is still named (after a second it was not).
 */
export const RENDERING_FILE = 'rendering.txt';

/** Seconds a body may take to render before the build is stopped (PHASEBOOK_RENDER_TIMEOUT). */
export const DEFAULT_RENDER_SECONDS = 60;

/** The limit in seconds: PHASEBOOK_RENDER_TIMEOUT when it is a positive number, else the default. */
export function renderSeconds(env: NodeJS.ProcessEnv = process.env): number {
	const set = Number(env['PHASEBOOK_RENDER_TIMEOUT']);
	return Number.isFinite(set) && set > 0 ? set : DEFAULT_RENDER_SECONDS;
}

const PATH_BYTES = 4096;

// Runs in the worker, as CommonJS (an `eval` worker). [0] counts entries and exits: odd while a
// body renders. The path of that body follows in the byte buffer, its length first.
const WATCHER = `
const { workerData } = require('node:worker_threads');
const { rmSync, writeFileSync, writeSync } = require('node:fs');
const { basename, dirname, join } = require('node:path');
const seq = new Int32Array(workerData.seq);
const bytes = new Uint8Array(workerData.path);
const pause = new Int32Array(new SharedArrayBuffer(4));
const staging = workerData.staging;
// Only the build's own staging folder (.phasebook/build-<pid>): it holds no page of the site yet.
const own = Boolean(staging) && basename(staging) === 'build-' + process.pid && basename(dirname(staging)) === '.phasebook';
const named = own ? join(staging, workerData.file) : undefined;
let last = -1;
let since = Date.now();
let written = false;
const rendering = () => Buffer.from(bytes.slice(4, 4 + new DataView(bytes.buffer).getUint32(0))).toString('utf8');
for (;;) {
	Atomics.wait(pause, 0, 0, 250);
	const now = Atomics.load(seq, 0);
	if (now !== last) {
		last = now;
		since = Date.now();
		// The body named has finished: a later crash is not its doing.
		if (written) { written = false; try { rmSync(named, { force: true }); } catch {} }
		continue;
	}
	if (now % 2 === 0) continue;
	if (named && !written && Date.now() - since >= 250) {
		// Before Astro made the staging folder there is nowhere to write: the crash then names no body.
		try { writeFileSync(named, rendering()); written = true; } catch {}
	}
	if (Date.now() - since < workerData.seconds * 1000) continue;
	const path = rendering();
	if (own) rmSync(staging, { recursive: true, force: true });
	writeSync(2, '\\nphasebook build: ' + path + ' has been rendering for ' + workerData.seconds + ' s: an expression in it never ends (a loop? phasebook check names them as mdx/code), so the build was stopped and ' + (workerData.out || 'the output folder') + ' was left as it was. PHASEBOOK_RENDER_TIMEOUT sets the limit in seconds.\\n');
	process.kill(process.pid, 'SIGKILL');
}
`;

interface Watch {
	seq: Int32Array;
	path: Uint8Array;
}

let watch: Watch | undefined;
const encoder = new TextEncoder();

/**
 * Starts the watch once per process: in a build (PHASEBOOK_BUILD_STAGING names its staging
 * folder); never in the dev server, whose reader can stop it.
 */
function started(): Watch | undefined {
	if (watch || process.env['PHASEBOOK_BUILD_STAGING'] === undefined) return watch;
	const seq = new SharedArrayBuffer(4);
	const path = new SharedArrayBuffer(PATH_BYTES);
	const worker = new Worker(WATCHER, {
		eval: true,
		workerData: { seq, path, seconds: renderSeconds(), staging: process.env['PHASEBOOK_BUILD_STAGING'], out: process.env['PHASEBOOK_BUILD_OUT'], file: RENDERING_FILE },
	});
	// The watch never keeps a finished build alive.
	worker.unref();
	watch = { seq: new Int32Array(seq), path: new Uint8Array(path) };
	return watch;
}

/** Runs a body's render (synchronous: its expressions run inside it) under the watch. */
export function watched<T>(path: string, render: () => T): T {
	const w = started();
	if (!w) return render();
	const encoded = encoder.encode(path).subarray(0, PATH_BYTES - 4);
	new DataView(w.path.buffer).setUint32(0, encoded.length);
	w.path.set(encoded, 4);
	Atomics.add(w.seq, 0, 1);
	try {
		return render();
	} finally {
		Atomics.add(w.seq, 0, 1);
	}
}
