// Astro integration: renders the build's mermaid diagrams up front, in one browser session, cached.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import { AstroError } from 'astro/errors';
import type { MdastPluginDefinition } from 'satteri';
import { isStrictEnv } from '../diagrams/check.ts';
import { Deferral } from '../diagrams/deferral.ts';
import { CLIENT_MERMAID_PATH, DIAGRAM_FILES_DIR, diagramFilePath } from '../diagrams/figure.ts';
import { diagramKind } from '../diagrams/kind.ts';
import { standaloneSvg, svgTitle } from '../diagrams/svg.ts';
import { mermaidBundlePath, type RenderOptions } from '../diagrams/keys.ts';
import { LateRenderer } from '../diagrams/late.ts';
import {
	NO_CHROMIUM,
	prepareDiagrams,
	startBrowser,
	type BrowserStart,
	type DiagramUse,
	type Preparation,
} from '../diagrams/prepare.ts';
import { formatFinding } from '../core/findings-format.ts';
import { diagramRegistry, duringFirstRender, type GeneratedDiagram } from '../diagrams/registry.ts';
import { generatedUses, scanDocuments } from '../diagrams/scan.ts';
import { DiagramStore } from '../diagrams/store.ts';
import { satteriMermaid } from './satteri-mermaid.ts';
import { virtualContext } from './virtual-context.ts';

export {
	diagramHtml,
	registerGeneratedDiagrams,
	type GeneratedDiagram,
} from '../diagrams/registry.ts';

export interface DiagramsOptions {
	/** Project root (path or file URL); defaults to Astro's root. */
	root?: string | URL;
	/** Folder of the documents, relative to root. Default `content`. */
	contentDir?: string;
	/** No browser for uncached diagrams is an error (default: PHASEBOOK_STRICT=1 or CI=true). */
	strict?: boolean;
	/** Overrides `<root>/.phasebook/cache/diagrams` (relative to root). */
	cacheDir?: string;
	/** Mermaid configuration besides the theme, e.g. `{ layout: 'dagre' }`; part of every key. */
	mermaidConfig?: RenderOptions;
	/** Pages (renderer processes) in the one browser session; default: one per CPU core, up to 4. */
	pages?: number;
	/**
	 * The documents' diagrams the site publishes, when the caller knows them (Phasebook's check
	 * has found them, leaving out a template's stubs); otherwise every block in the documents.
	 */
	documentDiagrams?: () => Promise<DiagramUse[]>;
	/** Generated diagrams to render with the documents' ones (besides registerGeneratedDiagrams). */
	generated?: () => GeneratedDiagram[] | Promise<GeneratedDiagram[]>;
}

/** How long after a dev server starts its render browser is started, ready for diagram edits. */
const WARM_AFTER_MS = 10_000;

type Outcome = { prepared: Preparation; ms: number } | { error: unknown };

/**
 * What the build-start scan found: sources to render, and the browser to render them with, started
 * (or why there is none) before any page compiles, so that pages wait for their diagrams only when
 * a browser is actually rendering them.
 */
interface Plan {
	missing: string[];
	start?: BrowserStart;
}

/** The integration; also exported by name, for `import { diagrams }`. */
export default function diagrams(options: DiagramsOptions = {}): AstroIntegration {
	const registry = diagramRegistry();
	let plan: Promise<Plan> | undefined;
	let pending: Promise<Outcome> | undefined;
	let strict = false;
	let deferrable = false;
	let hasAdapter = false;
	let building = false;
	let late: LateRenderer | undefined;
	let warming: NodeJS.Timeout | undefined;
	/** Whether any document has a diagram: a dev server then keeps a browser ready to render edits. */
	let hasDiagrams = false;
	/** Every source a page may show, whose full-size SVG file the build writes (and dev serves). */
	const figureSources = new Set<string>();
	return {
		name: 'phasebook:diagrams',
		hooks: {
			'astro:config:setup': ({ config, command, logger, addMiddleware, updateConfig }) => {
				building = command === 'build';
				// Pages reach this integration's diagrams (diagramHtml) through virtual:phasebook/context.
				updateConfig({ vite: { plugins: [virtualContext()] } });
				const root =
					typeof options.root === 'string'
						? options.root
						: fileURLToPath(options.root ?? config.root);
				strict = options.strict ?? isStrictEnv();
				const store = new DiagramStore({
					root,
					...(options.cacheDir !== undefined && { cacheDir: join(root, options.cacheDir) }),
					...(options.mermaidConfig !== undefined && { mermaidConfig: options.mermaidConfig }),
					...(options.pages !== undefined && { pages: options.pages }),
				});
				Object.assign(registry, {
					store,
					base: config.base,
					clientSide: new Set<string>(),
					clientSideUsed: false,
				});
				// A dev server keeps its browser and render page between edits: an edited diagram shows
				// in under a second instead of the 3–4 s of starting Chromium and mermaid for it.
				late = new LateRenderer(store, strict, registry.clientSide, logger, { keep: command === 'dev' });
				const renderer = late;
				registry.deferral = undefined;
				addPlugin(
					config.markdown.processor,
					satteriMermaid({
						store,
						root,
						base: config.base,
						clientSide: registry.clientSide,
						renderLate: (source, where) => {
							figureSources.add(source);
							return renderer.render(source, where);
						},
						onClientSide: () => (registry.clientSideUsed = true),
						deferral: () => registry.deferral,
					}),
				);
				if (command !== 'build' && command !== 'dev') return;
				// Not awaited here: the browser renders while Astro syncs content and generates types.
				const started = performance.now();
				// Markdown pages can hold diagrams too; anything missed still renders, later and slower.
				const pages = relative(root, fileURLToPath(new URL('pages/', config.srcDir)));
				const documents = scanDocuments(root, [options.contentDir ?? 'content', pages]);
				hasDiagrams = documents.length > 0;
				// A cold build fills in figures that were still rendering when their page compiled.
				// The middleware costs about a millisecond a page, so only a build that needs it has it.
				deferrable =
					command === 'build' &&
					config.output === 'static' &&
					documents.some((use) => !store.isCached(use.source));
				if (deferrable) {
					addMiddleware({
						entrypoint: new URL('./diagrams-middleware.ts', import.meta.url),
						order: 'post',
					});
				}
				let uses: DiagramUse[] = documents;
				plan = (async () => {
					const generated = [...registry.generated, ...((await options.generated?.()) ?? [])];
					const published = options.documentDiagrams ? [...(await options.documentDiagrams()), ...scanDocuments(root, [pages])] : documents;
					uses = [...published, ...generatedUses(generated)];
					for (const use of uses) figureSources.add(use.source);
					const missing = [...new Set(uses.map((use) => use.source))].filter(
						(source) => !store.isCached(source),
					);
					if (missing.length === 0) return { missing };
					// The same rule as the check's: a browser that exits at once or never starts is none.
					const start = await startBrowser(store);
					if (start.browser) store.expect(missing);
					return { missing, start };
				})();
				pending = plan
					.then(({ start }) =>
						prepareDiagrams(store, uses, {
							strict,
							...(start && { start: Promise.resolve(start) }),
						}),
					)
					.then(
						(prepared) => ({ prepared, ms: performance.now() - started }),
						(error: unknown) => ({ error }),
					);
				if (command === 'dev') {
					// Pages compile with a placeholder for each document diagram this first render has
					// yet to draw, and fill it in when they are served (diagrams-middleware.ts): a page's
					// own diagrams go to the front of the queue, where a body that waited for its
					// diagrams made the first document page wait for the whole program's (36 s at 1,000
					// documents). One whose browser is still starting is drawn in the reader's browser.
					const first = [...new Set(documents.map((use) => use.source))].filter((source) => !store.isCached(source));
					if (first.length > 0) {
						const rendering = pending;
						registry.deferral = new Deferral(store, first, rendering, async (_source, place) => {
							const outcome = await rendering;
							if ('error' in outcome) return undefined; // the log has it
							// Only this page's own broken diagrams: the log names every one.
							const own = outcome.prepared.findings.filter((f) => f.severity === 'error' && f.path === place.scope);
							return own.length > 0 ? diagramsError(own.map((f) => formatFinding(f)), undefined) : undefined;
						}, { patient: false });
						addMiddleware({ entrypoint: new URL('./diagrams-middleware.ts', import.meta.url), order: 'post' });
					}
				}
			},
			'astro:config:done': ({ config }) => {
				hasAdapter = config.adapter !== undefined;
			},
			'astro:build:start': async ({ logger }) => {
				const { missing, start } = (await plan) ?? { missing: [] };
				// Only where every page is generated at build time: a page rendered on demand would
				// keep its placeholders. Without a browser that started, the pages do not wait: they
				// get the client-side fallback, as when no browser is found.
				if (start?.browser && pending && deferrable && !hasAdapter) {
					// Chromium is rendering: pages compile with placeholders and wait, each for its own
					// diagrams, when they are generated (diagrams-middleware.ts, resolveDeferredDiagrams).
					const rendering = pending;
					registry.deferral = new Deferral(registry.store!, missing, rendering, async (source) => {
						const outcome = await rendering;
						if ('error' in outcome) return toError(outcome.error);
						const error = failure(outcome, strict);
						if (error) return error;
						// The browser stopped answering part-way: what it did not render is left to the
						// reader's browser, as when there is none (the warning comes with the build's end).
						if (outcome.prepared.unrendered.has(source)) {
							registry.clientSide.add(source);
							registry.clientSideUsed = true;
							return undefined;
						}
						return new Error('A diagram did not render.');
					});
					return;
				}
				// Before any document compiles, so the Sätteri plugin finds every diagram cached.
				settle(await pending, logger, true, strict);
			},
			'astro:server:setup': async ({ server, logger }) => {
				const url = `${withSlash(registry.base)}${CLIENT_MERMAID_PATH}`;
				const files = `${withSlash(registry.base)}${DIAGRAM_FILES_DIR}/`;
				server.middlewares.use((request, response, next) => {
					const store = registry.store;
					if (!store) return next();
					if (request.url === url) {
						response.setHeader('Content-Type', 'text/javascript');
						return void response.end(readFileSync(mermaidBundlePath(store.settings.root)));
					}
					if (!request.url?.startsWith(files)) return next();
					const path = request.url.slice(withSlash(registry.base).length);
					const svg = [...figureSources].find((source) => diagramFilePath(store, source) === path);
					const file = svg === undefined ? undefined : diagramFile(store, svg);
					if (file === undefined) return next();
					response.setHeader('Content-Type', 'image/svg+xml');
					response.end(file);
				});
				// In dev a broken diagram shows on its page (in Astro's overlay) rather than stopping the server.
				// A build syncs its content in a server of its own first: what it renders gets the diagrams
				// as settled here, but the build reports them itself (astro:build:start), once.
				if (building) settle(await pending, QUIET, false, strict);
				// The dev server answers at once: a cold cache took 17–28 s to render before it did. A page
				// opened meanwhile renders its own diagrams (the late renderer), and the rest are cached
				// when these finish.
				else if (pending) {
					void duringFirstRender(
						pending.then((outcome) => settle(outcome, logger, false, strict)).catch((error: unknown) => logger.error(error instanceof Error ? error.message : String(error))),
					);
				}
				// Some seconds after start, so that starting Chromium does not compete for the cores with
				// the first pages the author opens (it made the dashboard's first request 1 s slower);
				// a diagram edited before then starts the browser itself.
				if (!building && hasDiagrams) {
					warming = setTimeout(() => void late?.warm(), WARM_AFTER_MS);
					warming.unref();
				}
			},
			'astro:server:done': async () => {
				clearTimeout(warming);
				await late?.close();
			},
			'astro:build:done': async ({ dir, logger }) => {
				if (registry.deferral) {
					registry.deferral = undefined;
					settle(await pending, logger, true, strict);
				}
				if (!registry.store) return;
				// Each figure links to its diagram's full-size file: the view without JavaScript.
				for (const source of figureSources) {
					const file = diagramFile(registry.store, source);
					if (file === undefined) continue;
					const target = join(fileURLToPath(dir), diagramFilePath(registry.store, source));
					mkdirSync(dirname(target), { recursive: true });
					writeFileSync(target, file);
				}
				if (!registry.clientSideUsed) return;
				const target = join(fileURLToPath(dir), CLIENT_MERMAID_PATH);
				mkdirSync(dirname(target), { recursive: true });
				copyFileSync(mermaidBundlePath(registry.store.settings.root), target);
			},
		},
	};
}

type SettleLogger = Pick<AstroIntegrationLogger, 'info' | 'warn' | 'error'>;

const QUIET: SettleLogger = { info() {}, warn() {}, error() {} };

function settle(
	outcome: Outcome | undefined,
	logger: SettleLogger,
	fail: boolean,
	strict: boolean,
) {
	if (!outcome) return;
	if ('error' in outcome) throw outcome.error;
	const { prepared, ms } = outcome;
	const error = failure(outcome, strict);
	if (error) {
		if (fail) throw error;
		logger.error(error.message);
	}
	if (prepared.discovery && !strict) {
		for (const source of prepared.unrendered) diagramRegistry().clientSide.add(source);
		warnNoBrowser(
			logger,
			prepared.findings.map((finding) => finding.path),
			prepared.discovery.tried,
			prepared.reason ?? NO_CHROMIUM,
		);
	}
	if (prepared.rendered > 0) {
		logger.info(`Rendered ${prepared.rendered} diagrams (light and dark) in ${Math.round(ms)} ms`);
	}
}

/** The error a build with diagram findings fails with, or undefined when there are none. */
function failure(outcome: { prepared: Preparation }, strict: boolean): AstroError | undefined {
	const { prepared } = outcome;
	const errors = prepared.findings.filter((finding) => finding.severity === 'error');
	if (errors.length === 0) return undefined;
	return diagramsError(
		errors.map((f) => formatFinding(f)),
		prepared.discovery !== undefined && strict ? (prepared.reason ?? NO_CHROMIUM) : undefined,
	);
}

function toError(error: unknown): Error {
	return error instanceof Error ? error : new Error(String(error));
}

/** Adds an mdast plugin to Astro's Sätteri processor (Phasebook's diagrams and links need it). */
export function addPlugin(
	processor: { name: string; options: unknown },
	plugin: MdastPluginDefinition,
) {
	if (processor.name !== 'satteri') {
		throw new AstroError(
			`Phasebook diagrams need Astro's Sätteri Markdown processor, but markdown.processor is "${processor.name}".`,
			'Remove markdown.processor from astro.config.mjs, or set it to satteri() from @astrojs/markdown-satteri.',
		);
	}
	(processor.options as { mdastPlugins: unknown[] }).mdastPlugins.push(plugin);
}

/** The build's diagram error; `noBrowser` is why there was no browser, when that is the cause. */
function diagramsError(lines: string[], noBrowser: string | undefined): AstroError {
	const count = lines.length === 1 ? '1 mermaid diagram' : `${lines.length} mermaid diagrams`;
	const error = noBrowser !== undefined
		? new AstroError(
				`Diagrams could not be rendered: ${noBrowser}, and strict mode is on.\n${lines.join('\n')}`,
				'Set PHASEBOOK_BROWSER to a Chromium executable or install Chromium. Strict mode comes from the strict option, PHASEBOOK_STRICT=1 or CI=true.',
			)
		: new AstroError(
				`${count} failed to render:\n${lines.join('\n')}`,
				'Fix the diagram at the line shown; the mermaid live editor (mermaid.live) shows the same errors.',
			);
	// The author's mistake is in a document, not in this file: Astro prints no stack for an empty one.
	error.stack = '';
	return error;
}

/** The build's one warning about the diagrams left to the reader's browser, naming their documents. */
function warnNoBrowser(logger: SettleLogger, paths: string[], tried: string[], reason: string) {
	const documents = [...new Set(paths)].join(', ');
	const diagrams = `${paths.length} uncached diagram${paths.length === 1 ? '' : 's'}`;
	const instead = 'those pages render them in the browser instead.';
	logger.warn(
		reason === NO_CHROMIUM
			? `No Chromium found to render ${diagrams} in ${documents}; ${instead} ` +
					`Set PHASEBOOK_BROWSER or install Chromium (looked at: ${tried.join(', ') || 'nothing'}).`
			: `Could not render ${diagrams} in ${documents}: ${reason}; ${instead} ` +
					'Set PHASEBOOK_BROWSER to a Chromium or Chrome executable that starts, or install Chromium.',
	);
}

/** The full-size SVG file of a rendered diagram, or undefined when it is not rendered. */
function diagramFile(store: DiagramStore, source: string): string | undefined {
	const template = store.template(source, 'default');
	return template === undefined ? undefined : standaloneSvg(template, svgTitle(template) ?? diagramKind(source));
}

function withSlash(base: string): string {
	return base.endsWith('/') ? base : `${base}/`;
}

export { diagrams };
