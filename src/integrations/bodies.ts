// Document bodies compiled outside Vite. Astro would make each .mdx under content/ a Vite module:
// at 10,000 documents Rolldown then bundles 10,000 modules (the build's peak memory, and most of
// its time). Here the build compiles each body with the same Sätteri processor and the same
// options as @astrojs/mdx, writes the module to Phasebook's cache and Node imports it directly.
//
// Such a module may import only Astro's JSX runtime, which the pages hand over (`provideRuntime`):
// Astro bundles its runtime into the pages, and a body must render with that very copy. A body
// that imports anything else (an author's component, a local image, which Astro turns into an
// `astro:assets` import) stays a Vite module: `virtual:phasebook/bodies` lists those documents.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { init, parse } from 'es-module-lexer';
import { load as loadYaml } from 'js-yaml';
import type { AstroConfig, MDXInstance } from 'astro';
import { cacheBase } from '../core/cache-store.ts';
import { frontmatterYaml } from '../core/load.ts';
import type { Plugin } from 'vite';

/** What the compiler needs of a loaded document: its path under the root and its body. */
export interface BodySource {
	/** Relative to the project root, with forward slashes: `content/rcas/rca-0001.mdx`. */
	path: string;
	body: string;
	/** The file line the body starts on; the lines above it are the frontmatter's. */
	bodyLine: number;
}

/** A compiled body's module: what the pages use of an MDX module, which it exports as Astro's do. */
export type BodyModule = Pick<MDXInstance<Record<string, unknown>>, 'Content' | 'getHeadings'>;

/** The names a native body may import, and where Astro's compiled MDX imports them from. */
const RUNTIME_SOURCES = new Set(['astro/jsx-runtime', 'astro/runtime/server/index.js']);
const RUNTIME_NAMES = ['Fragment', 'jsx', 'jsxs', '__astro_tag_component__'] as const;
export type AstroRuntime = Record<(typeof RUNTIME_NAMES)[number], unknown>;

const RUNTIME = Symbol.for('phasebook.bodies.runtime');
const COMPILER = Symbol.for('phasebook.bodies.compiler');
const RUNTIME_FILE = 'runtime.mjs';
/** The cache's own format: a change to what this file writes changes every module's name. */
const FORMAT = '1';

type Global = Record<symbol, unknown>;

/**
 * The pages call this with their own imports of Astro's runtime before importing any body. The
 * first copy handed over is kept: a process renders with one copy of Astro.
 */
export function provideRuntime(runtime: AstroRuntime): void {
	(globalThis as Global)[RUNTIME] ??= runtime;
}

/** The one thing the processor must do: Astro's MDX interface (`createMdxRenderer`). */
interface MdxProcessor {
	name: string;
	createMdxRenderer?: (
		shared: Record<string, unknown>,
		mdx: { optimize: unknown; srcDir: URL; sourcemap: boolean },
	) => Promise<{ process(content: string, filePath: string, frontmatter: Record<string, unknown>): Promise<{ code: string }> }>;
}

export interface BodyCompilerOptions {
	root: string;
	/** Astro's resolved configuration: its Markdown processor and settings, as @astrojs/mdx reads them. */
	config: Pick<AstroConfig, 'markdown' | 'srcDir'>;
	/** The `optimize` option given to @astrojs/mdx. */
	optimize: unknown;
	/** Overrides `<cache>/bodies` (`.phasebook/cache`, or PHASEBOOK_CACHE_DIR). */
	cacheDir?: string;
	/** The body as the site publishes it (`publishedBody`: no unwritten template sections). */
	published?: (doc: BodySource) => Promise<string>;
}

/** A compiled body: the module file Node imports, or none when the body must stay a Vite module. */
type Compiled = { file: string } | { vite: true };

export class BodyCompiler {
	readonly dir: string;
	readonly #options: BodyCompilerOptions;
	#renderer: ReturnType<NonNullable<MdxProcessor['createMdxRenderer']>> | undefined;
	/** By path: the body it was compiled from, and the outcome. */
	readonly #compiled = new Map<string, { key: string; result: Promise<Compiled> }>();
	/** The module files this process wrote or used, kept by `prune`. */
	readonly #used = new Set<string>();
	#runtimeWritten = false;
	readonly #started = Date.now();

	constructor(options: BodyCompilerOptions) {
		this.#options = options;
		this.dir = options.cacheDir ?? join(cacheBase(options.root), 'bodies');
	}

	/** Compiles a body once per version of it (and of the frontmatter it reads); concurrent callers share the work. */
	compile(doc: BodySource): Promise<Compiled> {
		const frontmatter = this.#frontmatter(doc);
		const key = `${doc.bodyLine}\n${doc.body}\n${frontmatter ? JSON.stringify(frontmatter) : ''}`;
		const known = this.#compiled.get(doc.path);
		if (known?.key === key) return known.result;
		const result = this.#compile(doc, frontmatter ?? {});
		this.#compiled.set(doc.path, { key, result });
		// A failure is the page's to report, and the next request tries again.
		result.catch(() => {
			if (this.#compiled.get(doc.path)?.result === result) this.#compiled.delete(doc.path);
		});
		return result;
	}

	/** The document's body module, imported by Node; undefined when it is a Vite module. */
	async module(doc: BodySource, again = false): Promise<BodyModule | undefined> {
		const compiled = await this.compile(doc);
		if ('vite' in compiled) return undefined;
		if (!(globalThis as Global)[RUNTIME]) {
			throw new Error('Phasebook: a document body was imported before the pages handed over Astro’s runtime.');
		}
		try {
			return (await import(/* @vite-ignore */ pathToFileURL(compiled.file).href)) as BodyModule;
		} catch (error) {
			// The body's own module code threw as it ran (`export const x = JSON.parse(text)`): the
			// document names it, not the cached module's file.
			if (existsSync(compiled.file)) {
				const message = error instanceof Error ? error.message : String(error);
				throw Object.assign(new Error(`${doc.path}: ${message} (as its import and export lines ran)`, { cause: error }), { name: error instanceof Error ? error.name : 'Error' });
			}
			// Another build sharing the cache folder pruned it since: write it again, once.
			if (again) throw error;
			this.#compiled.delete(doc.path);
			return this.module(doc, true);
		}
	}

	/** Of these documents, the paths whose bodies must be Vite modules. */
	async viteOnly(docs: readonly BodySource[]): Promise<string[]> {
		const results = await Promise.all(docs.map(async (doc) => ({ doc, compiled: await this.compile(doc) })));
		return results.filter(({ compiled }) => 'vite' in compiled).map(({ doc }) => doc.path);
	}

	/**
	 * Removes the module files this process neither wrote nor used and that were there before it
	 * started: the previous builds' bodies. Another build may be writing to the same folder.
	 */
	prune(): number {
		if (!existsSync(this.dir)) return 0;
		let removed = 0;
		for (const name of readdirSync(this.dir)) {
			const file = join(this.dir, name);
			if (name === RUNTIME_FILE || this.#used.has(file) || !/^[0-9a-f]{40}\.mjs(?:\.\d+\.tmp)?$/.test(name)) continue;
			const status = statSync(file);
			// A second's margin: the file system's clock runs a little behind Date.now().
			if (!status.isFile() || status.mtimeMs >= this.#started - 1000) continue;
			rmSync(file, { force: true });
			removed++;
		}
		return removed;
	}

	/**
	 * The frontmatter as @astrojs/mdx hands it to the compiler (js-yaml's default schema, so a date
	 * is a Date), for a body whose expressions read it: `{frontmatter.title}`. Read from the file
	 * only then; undefined for the other bodies, which compile without it to the same module.
	 */
	#frontmatter(doc: BodySource): Record<string, unknown> | undefined {
		if (!/\bfrontmatter\b/.test(doc.body)) return undefined;
		try {
			const yaml = frontmatterYaml(readFileSync(resolve(this.#options.root, doc.path), 'utf8'));
			const data = yaml === undefined ? undefined : loadYaml(yaml);
			return data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
		} catch {
			// Gone since it was loaded, or YAML only js-yaml's default schema rejects: as Astro would
			// see no frontmatter. The check has judged the YAML already.
			return {};
		}
	}

	async #compile(doc: BodySource, frontmatter: Record<string, unknown>): Promise<Compiled> {
		const renderer = await (this.#renderer ??= this.#createRenderer());
		const file = resolve(this.#options.root, doc.path);
		// The frontmatter's lines stay, blank, so the compiler's lines (in its messages, and the
		// diagram plugin's) are the file's. Every document schema is strict, so a body never has
		// the `layout` that would make Astro wrap it.
		const body = this.#options.published ? await this.#options.published(doc) : doc.body;
		const content = '\n'.repeat(Math.max(0, doc.bodyLine - 1)) + body;
		let code: string;
		try {
			({ code } = await renderer.process(content, file, frontmatter));
		} catch (error) {
			throw located(error, doc.path);
		}
		// As Vite names a module: forward slashes on every system.
		const module = await nativeModule(code, doc.path, file.replaceAll('\\', '/'));
		if (module === undefined) return { vite: true };
		const name = `${createHash('sha1').update(FORMAT).update('\0').update(module).digest('hex')}.mjs`;
		const target = join(this.dir, name);
		this.#used.add(target);
		if (!this.#runtimeWritten) {
			try {
				mkdirSync(this.dir, { recursive: true });
			} catch (error) {
				const reason = (error as NodeJS.ErrnoException).code === 'EEXIST' ? 'it is a file, not a folder' : (error as Error).message;
				throw new Error(`Phasebook cannot keep the compiled document bodies in ${this.dir}: ${reason}. Move that file away, or set PHASEBOOK_CACHE_DIR.`);
			}
			writeRuntime(this.dir);
			this.#runtimeWritten = true;
		}
		// A module of the same name may be there from an earlier build, or from a cache CI restored,
		// which any branch can write: Node runs only the module compiled here.
		if (!existsSync(target) || readFileSync(target, 'utf8') !== module) writeWhole(target, module);
		return { file: target };
	}

	#createRenderer() {
		const { markdown, srcDir } = this.#options.config;
		const processor = markdown.processor as unknown as MdxProcessor;
		if (!processor.createMdxRenderer) {
			throw new Error(`Phasebook: the Markdown processor "${processor.name}" cannot compile MDX.`);
		}
		// What @astrojs/mdx hands the processor when mdx() is given only `optimize`.
		return processor.createMdxRenderer(
			{
				syntaxHighlight: markdown.syntaxHighlight,
				shikiConfig: markdown.shikiConfig,
				gfm: markdown.gfm,
				smartypants: markdown.smartypants,
			},
			{ optimize: this.#options.optimize, srcDir, sourcemap: false },
		);
	}
}

/** The compiler's message ("7:1: Expected a closing tag…") with the document's path in front. */
function located(error: unknown, path: string): Error {
	const message = error instanceof Error ? error.message : String(error);
	const at = /^(\d+):(\d+):\s*/.exec(message);
	const text = at ? `${path}:${at[1]}:${at[2]}: ${message.slice(at[0].length)}` : `${path}: ${message}`;
	return new Error(text, { cause: error });
}

/**
 * The module file Node imports, or undefined when the compiled body needs Vite to resolve it.
 * `path` is the document's under the root, `file` its absolute path.
 */
export async function nativeModule(code: string, path: string, file: string): Promise<string | undefined> {
	await init;
	const [imports, exports] = parse(code);
	const exported = (name: string) => exports.some((entry) => entry.n === name);
	// A body that exports its own `Content` gets Astro's own handling of it.
	if (exported('Content')) return undefined;
	let out = '';
	let at = 0;
	for (const entry of imports) {
		// A dynamic import or import.meta means something else in a file of the cache.
		if (entry.t !== 1 || entry.n === undefined || !RUNTIME_SOURCES.has(entry.n)) return undefined;
		const names = /^import\s*\{([^}]*)\}\s*from\s*["'][^"']+["']/.exec(code.slice(entry.ss, entry.se));
		if (!names) return undefined;
		for (const binding of names[1]!.split(',')) {
			const name = binding.trim().split(/\s+as\s+/)[0];
			if (name && !(RUNTIME_NAMES as readonly string[]).includes(name)) return undefined;
		}
		out += `${code.slice(at, entry.s)}./${RUNTIME_FILE}`;
		at = entry.e;
	}
	out += code.slice(at);
	// What @astrojs/mdx adds to each compiled body (its vite-plugin-mdx-postprocess): the `url` and
	// `file` a body's expressions may read unless it exports its own (the site's trailing slash
	// included), and the content component with the Fragment its JSX expects, marked as MDX for
	// Astro's renderer.
	const metadata = [
		exported('url') ? '' : `export const url = ${JSON.stringify(`${path}/`)};\n`,
		exported('file') ? '' : `export const file = ${JSON.stringify(file)};\n`,
	].join('');
	return `${out.replace('export default function MDXContent', 'function MDXContent')}
import { Fragment as __phasebook_Fragment, __astro_tag_component__ as __phasebook_tag } from './${RUNTIME_FILE}';
${metadata}export const Content = (props = {}) => MDXContent({
  ...props,
  components: { Fragment: __phasebook_Fragment${exported('components') ? ', ...components' : ''}, ...props.components },
});
export default Content;
Content[Symbol.for('mdx-component')] = true;
Content[Symbol.for('astro.needsHeadRendering')] = true;
Content.moduleId = ${JSON.stringify(path)};
__phasebook_tag(Content, 'astro:jsx');
`;
}

/** The one module every body imports its runtime from: the copy the pages handed over. */
function writeRuntime(dir: string): void {
	const file = join(dir, RUNTIME_FILE);
	const text = `// Written by Phasebook: document bodies render with the copy of Astro the pages bundle.
const runtime = globalThis[Symbol.for('phasebook.bodies.runtime')];
if (!runtime) throw new Error('Phasebook: no Astro runtime was handed over to the document bodies.');
export const { ${RUNTIME_NAMES.join(', ')} } = runtime;
`;
	if (existsSync(file) && readFileSync(file, 'utf8') === text) return;
	writeWhole(file, text);
}

/** Written under a temporary name and renamed, so an import never reads half a module. */
function writeWhole(file: string, text: string): void {
	const temp = `${file}.${process.pid}.tmp`;
	writeFileSync(temp, text);
	renameSync(temp, file);
}

/** The compiler the integration made for this process; the pages' copy of this module finds it here. */
export function bodyCompiler(): BodyCompiler {
	const compiler = (globalThis as Global)[COMPILER] as BodyCompiler | undefined;
	if (!compiler) throw new Error('Phasebook: the document bodies were asked for before the integration set up.');
	return compiler;
}

export function setBodyCompiler(compiler: BodyCompiler): void {
	(globalThis as Global)[COMPILER] = compiler;
}

/**
 * The bodies Vite compiles (those that import a component or an image) as the site publishes them:
 * the file with its unwritten template sections blanked, line for line, handed to @astrojs/mdx in
 * place of the file as it is (`published` answers undefined where nothing changes).
 */
export function publishedBodies(contentDir: string, published: (path: string, text: string) => Promise<string | undefined>): Plugin {
	const prefix = `${contentDir.replace(/\/+$/, '')}/`;
	return {
		name: 'phasebook:published-bodies',
		enforce: 'pre',
		async load(id) {
			const file = id.replace(/[?#].*$/, '');
			if (!file.startsWith(prefix) || !file.endsWith('.mdx')) return null;
			const text = await readFile(file, 'utf8');
			return (await published(file, text)) ?? null;
		},
	};
}

const BODIES_ID = 'virtual:phasebook/bodies';
/** The id Vite knows the virtual module by once resolved. */
export const RESOLVED_BODIES_ID = `\0${BODIES_ID}`;

/**
 * `virtual:phasebook/bodies`: the documents whose bodies must be Vite modules, each with its import,
 * keyed like import.meta.glob (`/content/...`). `documents` lists the program's loaded documents.
 */
export function virtualBodies(documents: () => Promise<readonly BodySource[]>): Plugin {
	return {
		name: 'phasebook:bodies',
		resolveId(id) {
			return id === BODIES_ID ? RESOLVED_BODIES_ID : null;
		},
		async load(id) {
			if (id !== RESOLVED_BODIES_ID) return null;
			const paths = await bodyCompiler().viteOnly(await documents());
			const entries = paths.map((path) => `\t${JSON.stringify(`/${path}`)}: () => import(${JSON.stringify(`/${path}`)}),`);
			return `export default {\n${entries.join('\n')}\n};\n`;
		},
	};
}
