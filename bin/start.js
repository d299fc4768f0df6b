// The `phasebook` command, once phasebook.js has checked the Node.js version: turns on Node's
// compile cache, registers the TypeScript loader, then hands over to the CLI: the bundle in cli/
// in an installed package, else the sources.
import { existsSync } from 'node:fs';
import { enableCompileCache } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isInstalled, registerTypeScript } from './typescript.js';

// A pre-commit hook runs `phasebook check` often: the compile cache keeps the stripped and compiled
// modules between runs, so start-up is mostly paid once (0.55 s became 0.45 s for `check --help`).
// Enabled before any TypeScript is loaded, in the user's own cache folder (never a shared one),
// unless NODE_COMPILE_CACHE names another or NODE_DISABLE_COMPILE_CACHE turns it off. Not for the
// commands that run Astro: they load code Vite generates anew, which only grew the cache (by about
// 640 entries a build) without making the build faster. `phasebook build` runs Astro in a child
// process (src/cli/build-process.ts): the parent, which only starts and watches it, uses the cache
// (`build --help` took 0.22 s without it, 0.10 s with it).
const RUNS_ASTRO = new Set(['build', 'dev', 'preview', 'pdf']);
const buildParent = process.argv[2] === 'build' && process.env.PHASEBOOK_BUILD_CHILD === undefined;
if (!RUNS_ASTRO.has(process.argv[2] ?? '') || buildParent) {
	enableCompileCache?.(process.env.NODE_COMPILE_CACHE || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'phasebook', 'node-compile-cache'));
}
// A reader that stops reading (`phasebook init | head -1`) closes the pipe, and the next write
// failed with EPIPE, as a stack trace, part-way through the work. The work goes on, unprinted.
for (const stream of [process.stdout, process.stderr]) {
	stream.on('error', (error) => {
		if (error.code !== 'EPIPE') throw error;
		stream.write = () => true;
	});
}
registerTypeScript();
// `npm pack` bundles the commands that do not run Astro into cli/ (scripts/bundle-cli.ts): a few
// bundled files to load instead of some 200 modules, none of them stripped of types on every run.
// Never in a checkout, where a bundle left by an earlier `npm pack` would be older than the sources.
const bundle = new URL('../cli/main.mjs', import.meta.url);
if (isInstalled() && existsSync(fileURLToPath(bundle))) await import(bundle.href);
else await import('../src/cli/main.ts');
