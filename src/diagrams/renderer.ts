// Renders many mermaid diagrams in one headless Chromium session, in batches per page.evaluate.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { MermaidErrorInfo } from './errors.ts';
import { THEME_VARIABLES, type RenderOptions, type Theme } from './keys.ts';
import {
	determinismScript,
	pageRuntimeScript,
	prepareMermaidBundle,
	RESEED_GLOBAL,
} from './page-runtime.ts';
import { RENDER_ID } from './svg.ts';
import { processAlive } from '../core/atomic-dir.ts';
import type { Browser, Page } from 'playwright';

export interface RenderJob {
	key: string;
	source: string;
	theme: Theme;
}

export type RenderOutcome =
	{ key: string; svg: string; diagramType: string } | { key: string; error: MermaidErrorInfo };

export interface RenderSessionOptions {
	/** The browser to launch, unless {@link browser} is given. */
	executablePath?: string;
	/**
	 * A browser {@link launchBrowser} already started: the session renders in it and closes it when
	 * done, whether or not there was anything to render.
	 */
	browser?: Browser;
	/** Path of mermaid's self-contained browser bundle (mermaid.min.js). */
	mermaidScript: string;
	config?: RenderOptions;
	/** Diagrams per page.evaluate round trip: big enough to amortise it, small enough to stream. */
	batchSize?: number;
	/**
	 * Pages in the one browser session, each with mermaid loaded once. Mermaid's layout is
	 * single-threaded JavaScript, so one page per core is what makes a cold build scale.
	 */
	pages?: number;
	onOutcome?: (outcome: RenderOutcome) => void;
	/**
	 * Given the session's queue of jobs no page has taken yet, once, before the first is taken: the
	 * caller may move jobs to its front while the session runs ({@link hurry}).
	 */
	onQueue?: (queue: RenderJob[]) => void;
	/** How long the browser may take to start (default {@link LAUNCH_TIMEOUT_MS}). */
	launchTimeoutMs?: number;
	/**
	 * The page's speed-ups (see page-runtime.ts) and V8 setting; on by default. Off renders with
	 * mermaid exactly as published, which the tests use to show the output is the same.
	 */
	runtime?: boolean;
}

/** Renders that repay opening another page: loading mermaid into one costs about as much. */
const PAGE_WORTH = 40;

/** A batch normally takes a second or two; a hang (a pathological diagram) must not hang CI. */
const BATCH_TIMEOUT_MS = 120_000;

/**
 * Chromium starts in well under a second here, a few on a busy CI machine; a browser path that
 * never answers (a wrapper that hangs) must not hold the check for Playwright's three minutes.
 */
export const LAUNCH_TIMEOUT_MS = 60_000;

export function defaultPages(): number {
	return Math.min(4, availableParallelism());
}

export const LAUNCH_ARGS = [
	'--no-sandbox',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-gpu',
];

/**
 * V8's optimising compiler costs more than it saves in a render session: mermaid runs a lot of
 * different code a few hundred times at most, and its background compile jobs take CPU from the
 * other page. Without it a 400-render session on two pages took 7.9 s instead of 8.6 s.
 */
const RENDER_ARGS = ['--js-flags=--no-turbofan'];

const RENDER_FOLDER = 'phasebook-render-';

/** Removes the render pages of sessions whose process was killed before it could clean up. */
export function removeDeadRenderFolders(): void {
	let names: string[];
	try {
		names = readdirSync(tmpdir());
	} catch {
		return;
	}
	for (const name of names) {
		const pid = Number(new RegExp(`^${RENDER_FOLDER}(\\d+)-\\w+$`).exec(name)?.[1]);
		if (pid && pid !== process.pid && !processAlive(pid)) rmSync(join(tmpdir(), name), { recursive: true, force: true });
	}
}

/** Counts browser launches in this process, so tests can assert a warm build launched none. */
export function browserLaunches(): number {
	return stats().launches;
}

function stats(): { launches: number } {
	const key = Symbol.for('phasebook.diagrams.stats');
	const holder = globalThis as unknown as Record<symbol, { launches: number } | undefined>;
	return (holder[key] ??= { launches: 0 });
}

export interface LaunchOptions {
	/** How long the browser may take to start (default {@link LAUNCH_TIMEOUT_MS}). */
	launchTimeoutMs?: number;
	/** With the render session's V8 setting (see {@link RenderSessionOptions.runtime}); on by default. */
	runtime?: boolean;
}

/**
 * Starts the browser a render session runs in. Rejects when it does not start: a path that is no
 * browser and exits at once (`/bin/true`), one that crashes, or one that does not answer within
 * the launch timeout.
 */
export async function launchBrowser(executablePath: string, options: LaunchOptions = {}): Promise<Browser> {
	const { chromium } = await import('playwright');
	stats().launches++;
	return chromium.launch({
		executablePath,
		timeout: options.launchTimeoutMs ?? LAUNCH_TIMEOUT_MS,
		args: options.runtime === false ? LAUNCH_ARGS : [...LAUNCH_ARGS, ...RENDER_ARGS],
	});
}

export async function renderDiagrams(
	jobs: readonly RenderJob[],
	options: RenderSessionOptions,
): Promise<RenderOutcome[]> {
	if (jobs.length === 0) {
		await options.browser?.close();
		return [];
	}
	const batchSize = options.batchSize ?? 20;
	const queue = batchOrder(jobs, batchSize);
	options.onQueue?.(queue);
	const pageCount = Math.max(
		1,
		Math.min(options.pages ?? defaultPages(), Math.floor(queue.length / PAGE_WORTH)),
	);
	const outcomes: RenderOutcome[] = [];
	let browser = options.browser;
	if (!browser) void import('playwright').catch(() => undefined); // loads while the page is written
	let folder: string | undefined;
	try {
		const written = writeRenderPage(options.mermaidScript, options.runtime ?? true);
		folder = written.folder;
		if (!browser) {
			if (options.executablePath === undefined) throw new Error('renderDiagrams needs a browser or its executablePath');
			browser = await launchBrowser(options.executablePath, options);
		}
		const session = browser;
		const worker = async () => drain(await openRenderPage(session, written.url), queue, pageCount, options, outcomes);
		await Promise.all(Array.from({ length: pageCount }, worker));
	} finally {
		await browser?.close();
		if (folder !== undefined) rmSync(folder, { recursive: true, force: true });
	}
	return outcomes;
}

/**
 * Writes the render page into a folder of its own. The page loads mermaid from a file: Chromium
 * reads and compiles it as it streams in, where handing 5.5 MB to addScriptTag sends it through
 * the DevTools protocol first (0.4 s a page).
 */
function writeRenderPage(mermaidScript: string, runtime: boolean): { folder: string; url: string } {
	removeDeadRenderFolders();
	const folder = mkdtempSync(join(tmpdir(), `${RENDER_FOLDER}${process.pid}-`));
	try {
		writeFileSync(join(folder, 'mermaid.js'), pageScript(mermaidScript, runtime));
		writeFileSync(join(folder, 'index.html'), RENDER_PAGE);
	} catch (error) {
		rmSync(folder, { recursive: true, force: true });
		throw error;
	}
	return { folder, url: pathToFileURL(join(folder, 'index.html')).href };
}

async function openRenderPage(browser: Browser, url: string): Promise<Page> {
	const page = await browser.newPage();
	await page.goto(url);
	return page;
}

/**
 * Renders jobs from the shared queue on one page until the queue is empty, `pageCount` pages
 * taking from it at once, and collects each outcome as it arrives.
 */
async function drain(
	page: Page,
	queue: RenderJob[],
	pageCount: number,
	options: Pick<RenderSessionOptions, 'batchSize' | 'config' | 'onOutcome'>,
	outcomes: RenderOutcome[],
): Promise<void> {
	const batchSize = options.batchSize ?? 20;
	const next = () => {
		// Batches shrink as the queue runs out, so the pages finish together rather than one
		// page rendering its last two full batches while the other has nothing left.
		const size = Math.min(batchSize, Math.ceil(queue.length / (pageCount * 2)));
		const batch = queue.splice(0, Math.max(1, size));
		if (batch.length === 0) return undefined;
		const input = {
			jobs: batch,
			config: options.config ?? {},
			themeVariables: THEME_VARIABLES,
			renderId: RENDER_ID,
			reseed: RESEED_GLOBAL,
		};
		return withTimeout(page.evaluate(renderBatch, input), BATCH_TIMEOUT_MS);
	};
	// One batch ahead: the page queues it behind the current one (renderBatch runs them in
	// turn), so it never sits idle while Node post-processes and caches the last batch's SVGs.
	for (let current = next(); current;) {
		const following = next();
		following?.catch(() => undefined); // reported when awaited, not as an unhandled rejection
		for (const outcome of await current) {
			outcomes.push(outcome);
			options.onOutcome?.(outcome);
		}
		current = following;
	}
}

/** How long a kept render page waits for its next diagram before its browser is closed. */
export const KEPT_IDLE_MS = 15 * 60_000;

export type KeptOptions = Pick<RenderSessionOptions, 'mermaidScript' | 'config' | 'batchSize' | 'runtime'> & {
	/** How long to wait for the next render before the browser is closed (default {@link KEPT_IDLE_MS}). */
	idleMs?: number;
};

/**
 * One render page kept open between renders, for `phasebook dev`: a diagram edited while the
 * server runs renders in a page that has mermaid loaded already, where a browser started for it
 * took 3–4 s before the render itself (a fraction of a second). Renders take turns on the page.
 * The browser is closed after `idleMs` without a render, by {@link close} (the server stopping),
 * and when a render fails, so that the next one starts afresh.
 */
export class KeptRenderer {
	readonly #browser: Browser;
	readonly #options: KeptOptions;
	#page: Promise<Page> | undefined;
	#folder: string | undefined;
	#turn: Promise<unknown> = Promise.resolve();
	#idle: NodeJS.Timeout | undefined;
	#closed = false;

	constructor(browser: Browser, options: KeptOptions) {
		this.#browser = browser;
		this.#options = options;
		this.#armIdle();
	}

	/** Whether it can still render: not closed, its browser still connected. */
	get open(): boolean {
		return !this.#closed && this.#browser.isConnected();
	}

	/**
	 * Loads mermaid into the page and renders a small diagram, discarded, so that the first render
	 * finds mermaid's code loaded and compiled (on the page alone it took 2.6 s, then 0.3 s).
	 */
	warm(): Promise<void> {
		return this.render([{ key: 'warm-up', source: 'flowchart LR\n  a --> b', theme: 'default' }]).then(
			() => undefined,
			() => undefined,
		);
	}

	/** Renders the jobs after any render before them; rejects (and closes) when the page fails. */
	render(jobs: readonly RenderJob[], onOutcome?: (outcome: RenderOutcome) => void): Promise<RenderOutcome[]> {
		const run = this.#turn.then(async () => {
			clearTimeout(this.#idle);
			if (!this.open) throw new Error('the kept render browser was closed');
			const outcomes: RenderOutcome[] = [];
			const queue = batchOrder(jobs, this.#options.batchSize ?? 20);
			await drain(await this.#openPage(), queue, 1, { ...this.#options, ...(onOutcome && { onOutcome }) }, outcomes);
			return outcomes;
		});
		this.#turn = run.then(
			() => this.#armIdle(),
			() => this.close(),
		);
		return run;
	}

	async close(): Promise<void> {
		this.#closed = true;
		clearTimeout(this.#idle);
		await this.#browser.close().catch(() => undefined);
		if (this.#folder !== undefined) rmSync(this.#folder, { recursive: true, force: true });
		this.#folder = undefined;
	}

	#openPage(): Promise<Page> {
		this.#page ??= (async () => {
			const written = writeRenderPage(this.#options.mermaidScript, this.#options.runtime ?? true);
			this.#folder = written.folder;
			return openRenderPage(this.#browser, written.url);
		})();
		return this.#page;
	}

	#armIdle(): void {
		clearTimeout(this.#idle);
		if (this.#closed) return;
		// Never what keeps the process alive: a dev server that stops takes the browser with it.
		this.#idle = setTimeout(() => void this.close(), this.#options.idleMs ?? KEPT_IDLE_MS);
		this.#idle.unref();
	}
}

const RENDER_PAGE =
	'<!doctype html><html><head><meta charset="utf-8"><script src="mermaid.js"></script></head><body></body></html>';

/**
 * Moves the jobs of these sources to the front of a session's queue, light before dark, so that
 * the next batch a page takes renders them: a page waiting for its diagrams (the first request of
 * `phasebook dev` on a cold cache) need not wait for the whole program's. Returns how many moved.
 */
export function hurry(queue: RenderJob[], sources: ReadonlySet<string>): number {
	const moved: RenderJob[] = [];
	for (let index = queue.length - 1; index >= 0; index--) {
		if (sources.has(queue[index]!.source)) moved.unshift(...queue.splice(index, 1));
	}
	queue.unshift(...moved.filter((job) => job.theme === 'default'), ...moved.filter((job) => job.theme !== 'default'));
	return moved.length;
}

/**
 * Jobs in batch-sized groups, in the order given, light before dark within each group: a page
 * re-initialises mermaid only when the theme changes (about twice a batch), and a diagram's two
 * variants are done close together, so a page waiting for that diagram need not wait for the rest.
 */
export function batchOrder(jobs: readonly RenderJob[], batchSize: number): RenderJob[] {
	const ordered: RenderJob[] = [];
	for (let start = 0; start < jobs.length; start += batchSize) {
		const group = jobs.slice(start, start + batchSize);
		ordered.push(...group.filter((job) => job.theme === 'default'));
		ordered.push(...group.filter((job) => job.theme !== 'default'));
	}
	return ordered;
}

/** Mermaid's bundle as the page loads it: read and prepared once per process and setting. */
const pageScripts = new Map<string, string>();

function pageScript(mermaidScript: string, runtime: boolean): string {
	const key = `${runtime}\0${mermaidScript}`;
	let script = pageScripts.get(key);
	if (script === undefined) {
		const bundle = readFileSync(mermaidScript, 'utf8');
		const mermaid = runtime
			? `${pageRuntimeScript()}\n${prepareMermaidBundle(bundle).script}`
			: bundle;
		script = `${determinismScript()}\n${mermaid}`;
		pageScripts.set(key, script);
	}
	return script;
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error(`Mermaid rendering stalled for ${ms / 1000} s`)), ms);
	});
	return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

interface BatchInput {
	jobs: RenderJob[];
	config: RenderOptions;
	themeVariables: typeof THEME_VARIABLES;
	renderId: string;
	reseed: string;
}

interface MermaidGlobal {
	initialize(config: Record<string, unknown>): void;
	render(id: string, source: string): Promise<{ svg: string; diagramType: string }>;
}

/**
 * Runs inside the page: mermaid is loaded once, then called per diagram in a loop. Batches that
 * arrive while one is rendering wait their turn: mermaid's render is not re-entrant.
 */
function renderBatch(input: BatchInput): Promise<RenderOutcome[]> {
	const page = globalThis as unknown as { phasebookTurn?: Promise<unknown> };
	const turn = (page.phasebookTurn ?? Promise.resolve()).then(() => renderInTurn(input));
	page.phasebookTurn = turn.catch(() => undefined);
	return turn;

	async function renderInTurn({
		jobs,
		config,
		themeVariables,
		renderId,
		reseed,
	}: BatchInput): Promise<RenderOutcome[]> {
		const mermaid = (globalThis as unknown as { mermaid: MermaidGlobal }).mermaid;
		const results: RenderOutcome[] = [];
		let theme: string | undefined;
		for (const job of jobs) {
			if (job.theme !== theme) {
				theme = job.theme;
				const own = (config as { themeVariables?: Record<string, string> }).themeVariables;
				mermaid.initialize({
					...config,
					theme,
					themeVariables: { ...themeVariables[job.theme], ...own },
					startOnLoad: false,
					suppressErrorRendering: true,
					// Mermaid's hand-drawn and "neo" shapes jitter at random unless seeded.
					handDrawnSeed: 1,
				});
			}
			try {
				// Each render draws the same random numbers: the same source gives the same SVG.
				(globalThis as unknown as Record<string, () => void>)[reseed]?.();
				const { svg, diagramType } = await mermaid.render(renderId, job.source);
				// An icon's ids (an architecture diagram's) carry the time mermaid loaded and a count
				// of the icons drawn before it: numbered within the SVG instead, in order.
				const icons = new Map<string, string>();
				const stable = svg.replace(/IconifyId[0-9a-f]+/g, (id) => {
					if (!icons.has(id)) icons.set(id, `pbicon${icons.size}`);
					return icons.get(id)!;
				});
				results.push({ key: job.key, svg: stable, diagramType });
			} catch (error) {
				const info = error as {
					message?: string;
					hash?: { loc?: { first_column?: number } };
				};
				const column = info.hash?.loc?.first_column;
				results.push({
					key: job.key,
					error: {
						message: String(info.message ?? error),
						...(typeof column === 'number' && { column: column + 1 }),
					},
				});
				// A failed render can leave its scratch element behind; the next one reuses the id.
				document.getElementById(`d${renderId}`)?.remove();
				document.getElementById(renderId)?.remove();
			}
		}
		return results;
	}
}
