// Renders diagrams the build-start scan did not see (dev edits), batched across documents.
import { formatFinding } from '../core/findings-format.ts';
import { NO_CHROMIUM, prepareDiagrams, type DiagramUse } from './prepare.ts';
import type { DiagramStore } from './store.ts';

export interface LateLogger {
	warn(message: string): void;
}

interface Pending {
	uses: DiagramUse[];
	done: Promise<void>;
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
	#pending: Pending | undefined;

	constructor(store: DiagramStore, strict: boolean, clientSide: Set<string>, logger: LateLogger) {
		this.#store = store;
		this.#strict = strict;
		this.#clientSide = clientSide;
		this.#logger = logger;
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
		const prepared = await prepareDiagrams(this.#store, uses, { strict: this.#strict });
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
