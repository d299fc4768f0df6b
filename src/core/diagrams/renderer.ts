// Renders many mermaid diagrams in one headless Chromium session, in batches per page.evaluate.
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { MermaidErrorInfo } from './errors.ts';
import { THEME_VARIABLES, type RenderOptions, type Theme } from './keys.ts';
import { RENDER_ID } from './svg.ts';

export interface RenderJob {
	key: string;
	source: string;
	theme: Theme;
}

export type RenderOutcome =
	{ key: string; svg: string; diagramType: string } | { key: string; error: MermaidErrorInfo };

export interface RenderSessionOptions {
	executablePath: string;
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
}

/** Renders that repay opening another page: loading mermaid into one costs about as much. */
const PAGE_WORTH = 40;

/** A batch normally takes a second or two; a hang (a pathological diagram) must not hang CI. */
const BATCH_TIMEOUT_MS = 120_000;

export function defaultPages(): number {
	return Math.min(4, availableParallelism());
}

export const LAUNCH_ARGS = [
	'--no-sandbox',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-gpu',
];

/** Counts browser launches in this process, so tests can assert a warm build launched none. */
export function browserLaunches(): number {
	return stats().launches;
}

function stats(): { launches: number } {
	const key = Symbol.for('phasebook.diagrams.stats');
	const holder = globalThis as unknown as Record<symbol, { launches: number } | undefined>;
	return (holder[key] ??= { launches: 0 });
}

export async function renderDiagrams(
	jobs: readonly RenderJob[],
	options: RenderSessionOptions,
): Promise<RenderOutcome[]> {
	if (jobs.length === 0) return [];
	const batchSize = options.batchSize ?? 20;
	// Light first, then dark: each page re-initialises mermaid only when the theme changes.
	const queue = [...jobs].sort((a, b) =>
		a.theme === b.theme ? 0 : a.theme === 'default' ? -1 : 1,
	);
	const pageCount = Math.max(
		1,
		Math.min(options.pages ?? defaultPages(), Math.floor(queue.length / PAGE_WORTH)),
	);
	const script = readFileSync(options.mermaidScript, 'utf8');
	const { chromium } = await import('playwright');
	stats().launches++;
	const browser = await chromium.launch({
		executablePath: options.executablePath,
		args: LAUNCH_ARGS,
	});
	const outcomes: RenderOutcome[] = [];
	try {
		const worker = async () => {
			const page = await browser.newPage();
			await page.setContent(
				'<!doctype html><html><head><meta charset="utf-8"></head><body></body></html>',
			);
			await page.addScriptTag({ content: script });
			for (
				let batch = queue.splice(0, batchSize);
				batch.length > 0;
				batch = queue.splice(0, batchSize)
			) {
				const results = await withTimeout(
					page.evaluate(renderBatch, {
						jobs: batch,
						config: options.config ?? {},
						themeVariables: THEME_VARIABLES,
						renderId: RENDER_ID,
					}),
					BATCH_TIMEOUT_MS,
				);
				for (const outcome of results) {
					outcomes.push(outcome);
					options.onOutcome?.(outcome);
				}
			}
		};
		await Promise.all(Array.from({ length: pageCount }, worker));
	} finally {
		await browser.close();
	}
	return outcomes;
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
}

interface MermaidGlobal {
	initialize(config: Record<string, unknown>): void;
	render(id: string, source: string): Promise<{ svg: string; diagramType: string }>;
}

/** Runs inside the page: mermaid is loaded once, then called per diagram in a loop. */
async function renderBatch({ jobs, config, themeVariables, renderId }: BatchInput): Promise<RenderOutcome[]> {
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
			});
		}
		try {
			const { svg, diagramType } = await mermaid.render(renderId, job.source);
			results.push({ key: job.key, svg, diagramType });
		} catch (error) {
			const info = error as { message?: string; hash?: { loc?: { first_column?: number } } };
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
