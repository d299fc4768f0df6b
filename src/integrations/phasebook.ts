// The Phasebook Astro integration: the whole site (routes, MDX, diagrams, sitemap) from one call
// in a program's astro.config.mjs, so the program's folder holds only settings, templates and content.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import type { AstroIntegration } from 'astro';
import type { RunnableDevEnvironment, ViteDevServer } from 'vite';
import { PROSE_ELEMENTS } from '../components/prose/elements.ts';
import { today } from '../core/dates.ts';
import { diagramUses } from '../core/document-facts.ts';
import { typeOfPath } from '../core/changed.ts';
import { loadProject, splitBody } from '../core/load.ts';
import { publishedBody } from '../core/published-body.ts';
import { configuredSite, isDeployBuild, missingSiteWarning, PREVIEW_SITE } from '../core/site-address.ts';
import { programDiagrams } from '../core/program-diagrams.ts';
import type { RenderOptions } from '../diagrams/keys.ts';
import { BodyCompiler, bodyCompiler, publishedBodies, RESOLVED_BODIES_ID, setBodyCompiler, virtualBodies } from './bodies.ts';
import { analysisOf, invalidateAnalyses } from './context.ts';
import diagrams, { addPlugin } from './diagrams.ts';
import { completeHighlighting } from './highlight.ts';
import { satteriLinks } from './satteri-links.ts';
import { ignoreKnownWarnings } from './known-warnings.ts';
import { siteRoutes } from './routes.ts';

export interface PhasebookOptions {
	/**
	 * The address the site is published at, for feeds, the sitemap, canonical and printed links;
	 * else `site` in content/project.yaml. PHASEBOOK_SITE overrides both.
	 */
	site?: string;
	/** The path the site is served under, e.g. `/my-repo/` on GitHub Pages; PHASEBOOK_BASE overrides it. */
	base?: string;
	/** A diagram that cannot be rendered for want of a browser fails the build (default: PHASEBOOK_STRICT=1 or CI=true). */
	strict?: boolean;
	/** Mermaid configuration besides the theme, e.g. `{ layout: 'dagre' }`. */
	mermaidConfig?: RenderOptions;
}

/** Set by `phasebook build --strict` for the build it starts, before Astro loads the config. */
let strictOverride: boolean | undefined;
export function setStrict(strict: boolean): void {
	strictOverride = strict;
}

/** Set by `phasebook build --deploy`: a build for publishing warns when it has no site address. */
let deployFlag = false;
export function setDeploy(deploy: boolean): void {
	deployFlag = deploy;
}

/**
 * Each static part of a body compiles to one HTML string, not a tree of JSX calls: smaller modules
 * to render (at 1,000 documents the build took 15 % less time and 8 % less memory, BENCHMARKS.md).
 * The elements the prose components replace stay elements.
 */
const OPTIMIZE = { ignoreElementNames: [...PROSE_ELEMENTS] };

/**
 * A body Node imports is no module of Vite's, so Vite would not reload the page for an edit to it.
 * An edit may also move a body between Node and Vite (an import added or removed), and a document
 * may come or go: `virtual:phasebook/bodies` is made again on the next request after every edit,
 * in every environment, before anything awaits. It once was only when this edit was seen to move a
 * body; but the list is loaded per environment and the compiler kept one view of it, so a body that
 * had just gained an import could stay without a module until the next edit (3 of 10 tries).
 */
function reloadForBody(server: ViteDevServer): void {
	for (const environment of Object.values(server.environments)) {
		const module = environment.moduleGraph.getModuleById(RESOLVED_BODIES_ID);
		if (module) environment.moduleGraph.invalidateModule(module);
		// The module as the server's runner evaluated it, for the next request to evaluate again.
		const evaluated = (environment as Partial<RunnableDevEnvironment>).runner?.evaluatedModules;
		const stale = evaluated?.getModuleById(RESOLVED_BODIES_ID);
		if (stale) evaluated!.invalidateModule(stale);
	}
	server.environments.client.hot.send({ type: 'full-reload', path: '*' });
}

/** A document's body as the site publishes it, judged against its type's template (published-body.ts). */
async function publishedOf(root: string, path: string, body: string): Promise<string> {
	const type = typeOfPath(path);
	return type ? publishedBody(body, (await analysisOf(root)).templates.get(type)) : body;
}

/** Paths the dev server's watcher reports that are output or caches, never the program's own files. */
const isOutput = (path: string) => /[\\/](?:node_modules|dist|\.astro|\.phasebook|\.git)(?:[\\/]|$)/.test(path);

export default function phasebook(options: PhasebookOptions = {}): AstroIntegration {
	return {
		name: 'phasebook',
		hooks: {
			'astro:config:setup': async ({ config, command, updateConfig, injectRoute, addMiddleware, logger }) => {
				const root = fileURLToPath(config.root).replace(/\/+$/, '');
				const site = configuredSite({ site: options.site ?? (await loadProject(root))?.site ?? config.site });
				if (!site && command === 'build' && isDeployBuild(deployFlag)) logger.warn(missingSiteWarning());
				const strict = strictOverride ?? options.strict;
				const base = process.env.PHASEBOOK_BASE || options.base || config.base;
				// A program folder has no public/ of its own unless its team adds one: use Phasebook's.
				const ownPublic = existsSync(fileURLToPath(config.publicDir));
				updateConfig({
					...(!ownPublic && { publicDir: new URL('../../public/', import.meta.url) }),
					// Without an address, feeds and the sitemap point at the preview server, never a made-up domain.
					site: site ?? PREVIEW_SITE,
					base,
					trailingSlash: 'always',
					// Astro 7's default ('jsx') drops the line breaks between elements, so a label and its value
					// (<dt>Owners</dt><dd>…</dd>, table cells) reach the search index as one word: "OwnersAlex".
					// `true` keeps one white-space character there, which the page shows as nothing at all.
					compressHTML: true,
					// Appended to the program's own transformers (Astro concatenates lists), so it runs last.
					markdown: { shikiConfig: { transformers: [completeHighlighting] } },
					// Two pages at a time: one page's file writes and git look-ups overlap another's rendering.
					// Generating 1,061 pages took 6.3 s instead of 7.5 s (bench/scale.ts, BENCHMARKS.md).
					build: { concurrency: 2 },
					devToolbar: { enabled: false },
					vite: {
						// The routes and components ship as source (.astro, .ts): Vite compiles them.
						ssr: { noExternal: ['phasebook'] },
						build: { rolldownOptions: { onwarn: ignoreKnownWarnings } },
						// The documents whose bodies must be Vite modules; the others Node imports (bodies.ts).
						plugins: [
							virtualBodies(async () => Object.values((await analysisOf(root)).program.documents).flat()),
							publishedBodies(`${root}/content`, async (file, text) => {
								const split = splitBody(text);
								if (!split) return undefined;
								const body = await publishedOf(root, file.slice(root.length + 1), split.body);
								return body === split.body ? undefined : text.slice(0, text.length - split.body.length) + body;
							}),
						],
					},
					integrations: [
						// Registers its mermaid plugin on the default Sätteri processor, which mdx() then uses.
						diagrams({
							root,
							contentDir: 'content',
							...(strict !== undefined && { strict }),
							...(options.mermaidConfig && { mermaidConfig: options.mermaidConfig }),
							// What the check found: the blocks of the bodies as published.
							documentDiagrams: async () => diagramUses((await analysisOf(root)).facts),
							// The dashboard's timeline and dependency graph, rendered in the same batch as the documents'.
							generated: async () => {
								const analysis = await analysisOf(root);
								return programDiagrams(analysis.program, analysis.today ?? today());
							},
						}),
						// Compiles the bodies that stay Vite modules, and renders every body (its renderer).
						mdx({ optimize: OPTIMIZE }),
						// sitemap-index.xml lists every page but the 404 and the print versions (copies of pages).
						sitemap({ filter: (page) => !/\/404\/?$|\/print\/$/.test(page) }),
					],
				});
				// Relative links between documents and to the project's files, as GitHub follows them.
				addPlugin(config.markdown.processor, satteriLinks({ root, contentDir: 'content', base }));
				for (const route of siteRoutes()) injectRoute({ ...route, prerender: true });
				// A build renders against one analysis anyway; the dev server renews it on an edit, so
				// each request pins the one it started with.
				if (command === 'dev') addMiddleware({ entrypoint: new URL('./analysis-middleware.ts', import.meta.url), order: 'pre' });
			},
			'astro:config:done': ({ config }) => {
				const root = fileURLToPath(config.root).replace(/\/+$/, '');
				setBodyCompiler(new BodyCompiler({ root, config, optimize: OPTIMIZE, published: (doc) => publishedOf(root, doc.path, doc.body) }));
			},
			// The dev server keeps one analysis for every request until a file of the program changes
			// (content, evidence, templates, settings, code the claims are checked against).
			'astro:server:setup': ({ server }) => {
				server.watcher.on('all', (_event, path) => {
					if (isOutput(path)) return;
					invalidateAnalyses();
					// The pages' paths come from the program, not from Astro's content collections, so
					// Astro's cache of getStaticPaths is cleared the way Astro clears it for those: a new
					// document's page answered 404, and a deleted one's was still served.
					for (const [name, environment] of Object.entries(server.environments)) {
						if (name !== 'client') environment.hot.send('astro:content-changed', {});
					}
					if (/\.mdx$/.test(path)) reloadForBody(server);
				});
			},
			// The bodies of earlier builds go. This build's stay: the next one writes only those that changed.
			'astro:build:done': () => {
				bodyCompiler().prune();
			},
		},
	};
}
