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
	readonly #failure: (source: string, place: FigurePlace) => Promise<Error | undefined>;
	/**
	 * Whether a page waits for a diagram no session is rendering yet (the browser still starting):
	 * a build does, so that its pages come out as a warm build's; a dev server does not, and shows
	 * such a diagram in the reader's browser until a later request finds it rendered.
	 */
	readonly #patient: boolean;
	#over = false;
	readonly #slots: Slot[] = [];
	/** An HTML comment no document can contain by accident: it carries a per-build nonce. */
	readonly #prefix = `<!--phasebook-diagram:${randomUUID()}:`;

	constructor(
		store: DiagramStore,
		sources: Iterable<string>,
		finished: Promise<unknown>,
		failure: (source: string, place: FigurePlace) => Promise<Error | undefined>,
		options: { patient?: boolean } = {},
	) {
		this.#store = store;
		this.#sources = new Set(sources);
		this.#finished = finished.catch(() => undefined).finally(() => (this.#over = true));
		this.#failure = failure;
		this.#patient = options.patient ?? true;
	}

	/** Whether this source is being rendered by the session (a build's, or a dev server's first). */
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
		// This page waits for these: the session renders them next rather than in the program's order.
		this.#store.hurry(slots.flatMap((index) => this.#slots[index]?.source ?? []));
		for (const index of slots) {
			const slot = this.#slots[index];
			if (!slot) continue;
			const coming = this.#store.delivered(slot.source);
			if (!coming && !this.#patient && !this.#over && !this.#store.isCached(slot.source)) {
				inner.set(index, clientFigure(slot.source, slot.place, slot.place.base ?? '/').inner);
				continue;
			}
			await Promise.race([coming, this.#finished]);
			let figure = diagramFigure(this.#store, slot.source, slot.place);
			if (!figure) {
				await this.#finished;
				const error = await this.#failure(slot.source, slot.place);
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
