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
import type { Browser } from 'playwright';

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
	const pageCount = Math.max(
		1,
		Math.min(options.pages ?? defaultPages(), Math.floor(queue.length / PAGE_WORTH)),
	);
	// The page loads mermaid from a file: Chromium reads and compiles it as it streams in, where
	// handing 5.5 MB to addScriptTag sends it through the DevTools protocol first (0.4 s a page).
	const outcomes: RenderOutcome[] = [];
	let browser = options.browser;
	if (!browser) void import('playwright').catch(() => undefined); // loads while the page is written
	let folder: string | undefined;
	try {
		removeDeadRenderFolders();
		folder = mkdtempSync(join(tmpdir(), `${RENDER_FOLDER}${process.pid}-`));
		writeFileSync(
			join(folder, 'mermaid.js'),
			pageScript(options.mermaidScript, options.runtime ?? true),
		);
		writeFileSync(join(folder, 'index.html'), RENDER_PAGE);
		const pageUrl = pathToFileURL(join(folder, 'index.html')).href;
		if (!browser) {
			if (options.executablePath === undefined) throw new Error('renderDiagrams needs a browser or its executablePath');
			browser = await launchBrowser(options.executablePath, options);
		}
		const session = browser;
		const worker = async () => {
			const page = await session.newPage();
			await page.goto(pageUrl);
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
		};
		await Promise.all(Array.from({ length: pageCount }, worker));
	} finally {
		await browser?.close();
		if (folder !== undefined) rmSync(folder, { recursive: true, force: true });
	}
	return outcomes;
}

const RENDER_PAGE =
	'<!doctype html><html><head><meta charset="utf-8"><script src="mermaid.js"></script></head><body></body></html>';

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
				results.push({ key: job.key, svg, diagramType });
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
