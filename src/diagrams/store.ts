// Rendered diagrams by source: key computation, cache lookups and rendering what is missing.
import { DiagramCache, diagramCacheDir } from './cache.ts';
import type { MermaidErrorInfo } from './errors.ts';
import { unsafeSvg } from './svg-safety.ts';
import {
	diagramKey,
	mermaidBundlePath,
	readMermaidVersion,
	THEMES,
	type RenderOptions,
	type Theme,
} from './keys.ts';
import { hurry, KeptRenderer, launchBrowser, renderDiagrams, type RenderJob, type RenderOutcome } from './renderer.ts';
import type { Browser } from 'playwright';
import { slimSvg } from './slim.ts';
import { templateSvg } from './svg.ts';

export interface DiagramSettings {
	/** The project root: where the cache folder and the mermaid package are found. */
	root: string;
	/** Overrides `<root>/.phasebook/cache/diagrams`. */
	cacheDir?: string;
	/** Mermaid configuration besides the theme (e.g. `{ layout: 'dagre' }`). Part of every key. */
	mermaidConfig?: RenderOptions;
	/** Renderer pages in the one browser session; default one per CPU core, up to 4. */
	pages?: number;
	batchSize?: number;
	/** How long Chromium may take to start. */
	launchTimeoutMs?: number;
	/** Scan cached SVGs for script before use (default true; see CacheOptions.scanMarkup). */
	scanMarkup?: boolean;
}

export class DiagramStore {
	readonly cache: DiagramCache;
	readonly mermaidVersion: string;
	readonly options: RenderOptions;
	readonly settings: DiagramSettings;
	readonly #keys = new Map<string, string>();
	/** Sources a render session will deliver, and what resolves when it has (or has given up). */
	readonly #expected = new Map<string, { done: Promise<void>; resolve: () => void }>();
	/** The queues of the render sessions going on, for {@link hurry}. */
	readonly #queues = new Set<RenderJob[]>();

	constructor(settings: DiagramSettings) {
		this.settings = settings;
		this.cache = new DiagramCache(settings.cacheDir ?? diagramCacheDir(settings.root), {
			secret: process.env['PHASEBOOK_CACHE_SECRET'],
			...(settings.scanMarkup === false && { scanMarkup: false }),
		});
		this.mermaidVersion = readMermaidVersion(settings.root);
		this.options = settings.mermaidConfig ?? {};
	}

	key(source: string, theme: Theme): string {
		const memo = `${theme}\0${source}`;
		let key = this.#keys.get(memo);
		if (key === undefined) {
			key = diagramKey({
				source,
				theme,
				mermaidVersion: this.mermaidVersion,
				options: this.options,
			});
			this.#keys.set(memo, key);
		}
		return key;
	}

	/** Both variants are on disk. */
	isCached(source: string): boolean {
		return THEMES.every((theme) => this.cache.has(this.key(source, theme)));
	}

	/** The cached SVG template of one variant (ids still to be instantiated), or undefined. */
	template(source: string, theme: Theme): string | undefined {
		return this.cache.get(this.key(source, theme));
	}

	/**
	 * Announces sources a coming {@link render} will deliver, so pages can wait for each one
	 * ({@link delivered}) while the others still render.
	 */
	expect(sources: Iterable<string>): void {
		for (const source of sources) {
			if (this.#expected.has(source) || this.isCached(source)) continue;
			let resolve = () => {};
			const done = new Promise<void>((settle) => (resolve = settle));
			this.#expected.set(source, { done, resolve });
		}
	}

	/** Resolves once an announced source is cached or has failed; undefined if none is coming. */
	delivered(source: string): Promise<void> | undefined {
		return this.#expected.get(source)?.done;
	}

	/**
	 * Asks the render sessions going on to render these sources next: a page waits for them. Returns
	 * whether any was still queued (a source already taken by a page is rendering already).
	 */
	hurry(sources: Iterable<string>): boolean {
		const wanted = new Set(sources);
		let moved = 0;
		for (const queue of this.#queues) moved += hurry(queue, wanted);
		return moved > 0;
	}

	/** Starts the browser to render in, with this store's launch timeout; rejects when it does not start. */
	launch(executablePath: string): Promise<Browser> {
		return launchBrowser(executablePath, {
			...(this.settings.launchTimeoutMs !== undefined && { launchTimeoutMs: this.settings.launchTimeoutMs }),
		});
	}

	/**
	 * A render page kept open in a browser {@link launch} started, with this store's settings, for
	 * renders to come (`phasebook dev`); the page closes the browser when it closes.
	 */
	keep(browser: Browser, idleMs?: number): KeptRenderer {
		return new KeptRenderer(browser, {
			mermaidScript: mermaidBundlePath(this.settings.root),
			config: this.options,
			...(this.settings.batchSize !== undefined && { batchSize: this.settings.batchSize }),
			...(idleMs !== undefined && { idleMs }),
		});
	}

	/**
	 * Renders every variant of these sources that is not cached, in one browser session, and
	 * caches each as it arrives. Returns mermaid's error for each source that failed. The browser is
	 * an executable to launch, or one {@link launch} started, which the session closes, or a page
	 * {@link keep} keeps open, which stays open.
	 */
	async render(
		sources: Iterable<string>,
		browser: string | Browser | KeptRenderer,
	): Promise<Map<string, MermaidErrorInfo>> {
		const jobs: RenderJob[] = [];
		const sourceOf = new Map<string, string>();
		for (const source of new Set(sources)) {
			for (const theme of THEMES) {
				const key = this.key(source, theme);
				if (this.cache.has(key) || sourceOf.has(key)) continue;
				sourceOf.set(key, source);
				jobs.push({ key, source, theme });
			}
		}
		const errors = new Map<string, MermaidErrorInfo>();
		let queued: RenderJob[] | undefined;
		const settle = (source: string) => {
			this.#expected.get(source)?.resolve();
			this.#expected.delete(source);
		};
		try {
			const onOutcome = (outcome: RenderOutcome) => {
				const source = sourceOf.get(outcome.key) ?? '';
				if ('error' in outcome) {
					if (!errors.has(source)) errors.set(source, outcome.error);
					settle(source);
				} else {
					const refused = refusedDrawing(outcome.svg, source);
					if (refused) {
						if (!errors.has(source)) errors.set(source, refused);
						settle(source);
						return;
					}
					this.cache.set(outcome.key, templateSvg(slimSvg(outcome.svg)));
					if (this.isCached(source)) settle(source);
				}
			};
			if (browser instanceof KeptRenderer) {
				await browser.render(jobs, onOutcome);
			} else {
				await renderDiagrams(jobs, {
					...(typeof browser === 'string' ? { executablePath: browser } : { browser }),
					mermaidScript: mermaidBundlePath(this.settings.root),
					config: this.options,
					...(this.settings.pages !== undefined && { pages: this.settings.pages }),
					...(this.settings.batchSize !== undefined && { batchSize: this.settings.batchSize }),
					...(this.settings.launchTimeoutMs !== undefined && { launchTimeoutMs: this.settings.launchTimeoutMs }),
					onOutcome,
					onQueue: (queue) => this.#queues.add((queued = queue)),
				});
			}
		} finally {
			if (queued) this.#queues.delete(queued);
			for (const source of sourceOf.values()) settle(source);
		}
		return errors;
	}
}

/** mermaid's default `maxTextSize`: a longer diagram is drawn as a picture of that error. */
const MAX_TEXT_SIZE = 50_000;

/**
 * A drawing mermaid made that must not be published, as an error of its source: the picture of
 * "Maximum text size in diagram exceeded" in place of the diagram, or an SVG that would load
 * something from elsewhere (a `themeCSS` or `classDef` with a `url()` of another site), which
 * the cache refuses on reading, so a fresh render must not publish it either.
 */
function refusedDrawing(svg: string, source: string): MermaidErrorInfo | undefined {
	if (svg.includes('Maximum text size in diagram exceeded')) {
		return { rule: 'diagrams/too-large', message: `mermaid drew "Maximum text size in diagram exceeded" in its place: its ${source.length.toLocaleString('en')} characters are more than mermaid's maxTextSize (${MAX_TEXT_SIZE.toLocaleString('en')} unless configured); split the diagram` };
	}
	const unsafe = unsafeSvg(svg);
	if (unsafe) return { rule: 'diagrams/unsafe', message: `${unsafe} (a themeCSS, style or classDef of the diagram's source); expected a diagram that loads nothing from elsewhere` };
	return undefined;
}
