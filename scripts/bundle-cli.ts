// Bundles the commands that do not run Astro into cli/, for the package npm installs (`prepack`).
//
// An installed Phasebook has no Node type stripping (Node never strips under node_modules), so each
// of its 83 TypeScript modules went through amaro on every run, and zod alone is 95 modules: a
// pre-commit hook paid about 0.3 s of start-up for `phasebook check`. bin/start.js runs cli/
// when the package is installed and the folder is there; a checkout of Phasebook always runs its
// sources, so cli/ can never be stale where someone edits them.
//
// What stays outside the bundle, imported from where npm installed it:
// - build, dev, preview and pdf: they run Astro, which loads the integration from src/, and the
//   core those commands share with it must be one copy;
// - every package not named in BUNDLED_PACKAGES: Astro, Sätteri's native parser, Playwright,
//   Pagefind, mermaid, the YAML and XML parsers, and the Markdown parser change-inventory.ts
//   loads by `require`.
//
// Each module keeps its own `import.meta.url`: the bundle rewrites it to the module's source file,
// which the package ships, so paths such as '../../package.json' or a `createRequire` resolve as
// they do from the sources.
import { closeSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { Plugin } from 'esbuild';

const ROOT = resolve(import.meta.dirname, '..');

/**
 * The dependencies carried in the bundle: zod alone, 95 modules to load otherwise. The others are
 * one module each or load only when needed, and the parsers of untrusted input (YAML, XML) stay
 * where npm installed them, so a fix in one reaches the CLI with `npm update`, not only with a
 * new Phasebook.
 */
export const BUNDLED_PACKAGES: ReadonlySet<string> = new Set(['zod']);

/** The commands that run Astro: their entry points stay sources (see above). */
export const ASTRO_COMMANDS: ReadonlySet<string> = new Set(['build', 'dev', 'preview', 'pdf']);

/** The file each bundle is named by, so bin/start.js knows one when it sees it. */
export const BUNDLE_ENTRY = 'main.mjs';

/** The first line of every file the bundler writes: only a folder of such files is ever replaced. */
export const BUNDLE_BANNER = '// Written by scripts/bundle-cli.ts when the package is packed; do not edit.';

function packageName(specifier: string): string {
	const parts = specifier.split('/');
	return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/** Keeps each module's import.meta.url its source file's, relative to where the bundle is loaded. */
function ownUrls(outDir: string): Plugin {
	return {
		name: 'phasebook-own-urls',
		setup(build) {
			build.onLoad({ filter: /\.ts$/ }, (args) => {
				if (!args.path.startsWith(ROOT + sep) || args.path.includes(`${sep}node_modules${sep}`)) return undefined;
				const source = readFileSync(args.path, 'utf8');
				if (/import\.meta\.(?:dirname|filename)\b/.test(source)) {
					throw new Error(`${relative(ROOT, args.path)} uses import.meta.dirname or import.meta.filename, which the bundle cannot keep; derive the path from import.meta.url`);
				}
				const from = relative(outDir, args.path).split(sep).join('/');
				return { contents: source.replaceAll('import.meta.url', `new URL(${JSON.stringify(from)}, import.meta.url).href`), loader: 'ts' };
			});
		},
	};
}

/** Leaves bare imports outside BUNDLED_PACKAGES, and the Astro commands' entry points, to Node. */
function externals(outDir: string): Plugin {
	return {
		name: 'phasebook-externals',
		setup(build) {
			build.onResolve({ filter: /^[^./]/ }, (args) => {
				if (args.path.startsWith('node:') || BUNDLED_PACKAGES.has(packageName(args.path))) return undefined;
				return { path: args.path, external: true };
			});
			build.onResolve({ filter: /\/scripts\/[a-z-]+\.ts$/ }, (args) => {
				const command = /([a-z-]+)\.ts$/.exec(args.path)![1]!;
				if (!ASTRO_COMMANDS.has(command)) return undefined;
				const source = resolve(args.resolveDir, args.path);
				return { path: relative(outDir, source).split(sep).join('/'), external: true };
			});
		},
	};
}

/**
 * Writes the bundle of src/cli/main.ts and the commands it loads into `outDir` (inside the
 * package: its imports resolve from there). Returns the files written, relative to `outDir`.
 * Refuses a folder that exists and holds anything but an earlier bundle's files (BUNDLE_BANNER).
 */
export async function bundleCli(outDir: string): Promise<string[]> {
	const { build } = await import('esbuild');
	const out = resolve(outDir);
	if (!out.startsWith(ROOT + sep)) throw new Error(`the bundle must be written inside the package (${ROOT}), not to ${out}`);
	const existing = readdirIfAny(out);
	const foreign = existing.find((name) => !ownFile(join(out, name)));
	if (foreign !== undefined) throw new Error(`${relative(ROOT, out)} holds files that no bundle wrote (${foreign}); not replacing it`);
	if (existing.length > 0) rmSync(out, { recursive: true });
	mkdirSync(dirname(out), { recursive: true });
	const result = await build({
		entryPoints: { main: join(ROOT, 'src/cli/main.ts') },
		outdir: out,
		bundle: true,
		splitting: true,
		format: 'esm',
		platform: 'node',
		target: 'node22',
		outExtension: { '.js': '.mjs' },
		chunkNames: 'chunk-[hash]',
		legalComments: 'eof',
		banner: { js: BUNDLE_BANNER },
		logLevel: 'warning',
		metafile: true,
		plugins: [externals(out), ownUrls(out)],
	});
	return Object.keys(result.metafile.outputs).map((file) => relative(out, resolve(file)).split(sep).join('/')).sort();
}

/** A regular .mjs file that starts with the bundler's banner. */
function ownFile(path: string): boolean {
	if (!path.endsWith('.mjs') || !lstatSync(path).isFile()) return false;
	const head = Buffer.alloc(BUNDLE_BANNER.length);
	const fd = openSync(path, 'r');
	try {
		readSync(fd, head, 0, head.length, 0);
	} finally {
		closeSync(fd);
	}
	return head.toString('utf8') === BUNDLE_BANNER;
}

function readdirIfAny(dir: string): string[] {
	try {
		return readdirSync(dir);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
		throw error;
	}
}

if (import.meta.main) {
	const outDir = join(ROOT, 'cli');
	try {
		const files = await bundleCli(outDir);
		console.log(`phasebook: bundled the CLI into ${relative(process.cwd(), outDir)}/ (${files.length} files)`);
	} catch (error) {
		// esbuild has printed its own errors, with file and line; the others are Phasebook's refusals.
		if (!(error as { errors?: unknown[] }).errors?.length) console.error(`phasebook bundle-cli: ${(error as Error).message}`);
		process.exitCode = 1;
	}
}
