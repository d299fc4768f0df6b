// Renders diagrams the build-start scan did not see (dev edits), batched across documents.
import { formatFinding } from '../core/findings-format.ts';
import { NO_CHROMIUM, prepareDiagrams, startBrowser, type BrowserStart, type DiagramUse } from './prepare.ts';
import type { DiagramStore } from './store.ts';

export interface LateLogger {
	warn(message: string): void;
}

interface Pending {
	uses: DiagramUse[];
	done: Promise<void>;
}

export interface LateOptions {
	/**
	 * Keep the browser and its render page open between renders (`phasebook dev`, where each edit
	 * to a diagram is a render of its own), until `idleMs` pass without one or {@link close}.
	 */
	keep?: boolean;
	idleMs?: number;
}

/**
 * Documents compile concurrently; requests within a short window share one browser session
 * instead of starting one each.
 */
export class LateRenderer {
	readonly #store: DiagramStore;
	readonly #strict: boolean;
	readonly #clientSide: Set<string>;
	readonly #logger: LateLogger;
	readonly #options: LateOptions;
	#pending: Pending | undefined;
	/** The browser kept for the renders to come, with its page (`keep`). */
	#kept: Promise<BrowserStart | undefined> = Promise.resolve(undefined);

	constructor(store: DiagramStore, strict: boolean, clientSide: Set<string>, logger: LateLogger, options: LateOptions = {}) {
		this.#store = store;
		this.#strict = strict;
		this.#clientSide = clientSide;
		this.#logger = logger;
		this.#options = options;
	}

	/**
	 * With `keep`, starts the browser and loads mermaid into its page now, so that the first diagram
	 * edited renders at once; nothing when there is no browser (the render will say so).
	 */
	async warm(): Promise<void> {
		if (!this.#options.keep) return;
		await (await this.#started()).kept?.warm();
	}

	/** Closes the kept browser, if any (the dev server stopping). */
	async close(): Promise<void> {
		const kept = await this.#kept;
		this.#kept = Promise.resolve(undefined);
		await kept?.kept?.close();
	}

	/** The browser to render in: the kept one while it is open, else one started now (and kept, with `keep`). */
	#started(): Promise<BrowserStart> {
		if (!this.#options.keep) return startBrowser(this.#store);
		const next = this.#kept.then(async (kept) => {
			if (kept?.kept?.open) return kept;
			await kept?.kept?.close();
			const start = await startBrowser(this.#store);
			return start.browser ? { ...start, kept: this.#store.keep(start.browser, this.#options.idleMs) } : start;
		});
		this.#kept = next.catch(() => undefined);
		return next;
	}

	/** Resolves once the source is cached or left to the browser; rejects on a syntax error. */
	async render(source: string, where: Omit<DiagramUse, 'source'>): Promise<void> {
		const use = { source, ...where };
		if (!this.#pending) {
			const uses: DiagramUse[] = [];
			const done = new Promise<void>((resolve) => setTimeout(resolve, 25)).then(() => {
				this.#pending = undefined;
				return this.#flush(uses);
			});
			this.#pending = { uses, done };
		}
		this.#pending.uses.push(use);
		await this.#pending.done.catch(() => undefined);
		if (this.#store.isCached(source) || this.#clientSide.has(source)) return;
		// The batch failed for this source: render it alone to report its own error.
		await this.#flush([use]);
	}

	async #flush(uses: DiagramUse[]): Promise<void> {
		const missing = uses.some((use) => !this.#store.isCached(use.source));
		const prepared = await prepareDiagrams(this.#store, uses, {
			strict: this.#strict,
			...(missing && { start: this.#started() }),
		});
		const errors = prepared.findings.filter((finding) => finding.severity === 'error');
		if (errors.length > 0) throw new Error(errors.map((f) => formatFinding(f)).join('\n'));
		if (prepared.discovery) {
			for (const source of prepared.unrendered) this.#clientSide.add(source);
			const reason = prepared.reason ?? NO_CHROMIUM;
			this.#logger.warn(
				`${reason[0]!.toUpperCase()}${reason.slice(1)}: ${prepared.unrendered.size} diagram(s) render in the browser.`,
			);
		}
	}
}
