// Figures whose SVG is still rendering when their page compiles: a placeholder now, the SVG later.
//
// A cold build renders its diagrams in Chromium, which keeps both cores busy for seconds. Rather
// than hold the whole Astro build until the last one is done, documents compile with a placeholder
// in each figure, and the figure's inner HTML replaces it when the page is generated: the same
// string the cached path would have put there, so the page comes out byte for byte the same.
import { randomUUID } from 'node:crypto';
import { clientFigure, diagramFigure, type FigureParts, type FigurePlace } from './figure.ts';
import { diagramKind } from './kind.ts';
import type { DiagramStore } from './store.ts';

interface Slot {
	source: string;
	place: FigurePlace;
}

export class Deferral {
	readonly #store: DiagramStore;
	readonly #sources: ReadonlySet<string>;
	/** Settles when the render session is over (whatever its outcome). */
	readonly #finished: Promise<unknown>;
	/**
	 * Asked when a diagram did not render, once the session is over: the error to fail the build
	 * with, or undefined when the diagram is left to the reader's browser (the browser stopped
	 * answering, outside strict mode).
	 */
	readonly #failure: (source: string) => Promise<Error | undefined>;
	readonly #slots: Slot[] = [];
	/** An HTML comment no document can contain by accident: it carries a per-build nonce. */
	readonly #prefix = `<!--phasebook-diagram:${randomUUID()}:`;

	constructor(
		store: DiagramStore,
		sources: Iterable<string>,
		finished: Promise<unknown>,
		failure: (source: string) => Promise<Error | undefined>,
	) {
		this.#store = store;
		this.#sources = new Set(sources);
		this.#finished = finished.catch(() => undefined);
		this.#failure = failure;
	}

	/** Whether this source is being rendered by the build's session. */
	has(source: string): boolean {
		return this.#sources.has(source);
	}

	/**
	 * The figure as {@link diagramFigure} will make it, with a placeholder for its inner HTML
	 * until {@link resolve}.
	 */
	figure(source: string, place: FigurePlace): FigureParts {
		this.#slots.push({ source, place });
		return {
			className: 'diagram',
			kind: diagramKind(source),
			inner: `${this.#prefix}${this.#slots.length - 1}-->`,
		};
	}

	/**
	 * Replaces every placeholder in `text` with its figure's inner HTML, waiting for just those
	 * diagrams. A diagram that did not render gets the client-side fallback, or throws the
	 * build's diagram error when {@link #failure} gives one.
	 */
	async resolve(text: string): Promise<string> {
		if (!text.includes(this.#prefix)) return text;
		const pattern = new RegExp(`${escapeRegExp(this.#prefix)}(\\d+)-->`, 'g');
		const slots = [...new Set([...text.matchAll(pattern)].map((match) => Number(match[1])))];
		const inner = new Map<number, string>();
		for (const index of slots) {
			const slot = this.#slots[index];
			if (!slot) continue;
			await Promise.race([this.#store.delivered(slot.source), this.#finished]);
			let figure = diagramFigure(this.#store, slot.source, slot.place);
			if (!figure) {
				await this.#finished;
				const error = await this.#failure(slot.source);
				if (error) throw error;
				// The placeholder sits inside a figure already written: only its inner HTML changes.
				figure = clientFigure(slot.source, slot.place, slot.place.base ?? '/');
			}
			inner.set(index, figure.inner);
		}
		return text.replace(pattern, (token, index: string) => inner.get(Number(index)) ?? token);
	}
}

/**
 * The figure for a diagram that is cached, else a placeholder figure for one still rendering,
 * else undefined: the one rule the documents' plugin and the generated diagrams both follow.
 */
export function readyOrDeferredFigure(
	store: DiagramStore,
	deferral: Deferral | undefined,
	source: string,
	place: FigurePlace,
): FigureParts | undefined {
	return (
		diagramFigure(store, source, place) ??
		(deferral?.has(source) ? deferral.figure(source, place) : undefined)
	);
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
