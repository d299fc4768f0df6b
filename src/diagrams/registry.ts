// The build's diagram state, shared by the integration and the pages (through its context module).
import { readyOrDeferredFigure, type Deferral } from './deferral.ts';
import { clientFigure, figureHtml, type FigurePlace } from './figure.ts';
import { DiagramStore } from './store.ts';

/** A diagram built from data (the home page's phase timeline), not written in a document. */
export interface GeneratedDiagram {
	/** Stable name, used in error messages (`generated:<key>`) and to scope element ids. */
	key: string;
	source: string;
	/** Caption and text alternative, e.g. "Phase timeline". */
	label: string;
}

interface Registry {
	store: DiagramStore | undefined;
	base: string;
	generated: GeneratedDiagram[];
	/** Sources no browser could render: pages show them client-side. */
	clientSide: Set<string>;
	/** Some page got the client-side fallback: the build must emit mermaid for it. */
	clientSideUsed: boolean;
	/** diagramHtml sources already warned about, to warn once each. */
	warned: Set<string>;
	/** In a cold build, the diagrams still rendering while pages compile. */
	deferral: Deferral | undefined;
}

/**
 * The deferral lives on the process, not in this module: a dev server loads the integration through
 * Vite's config loader and the pages (and their middleware, which fills the placeholders in) through
 * Node, each with its own instance of this module.
 */
const DEFERRAL = Symbol.for('phasebook.diagrams.deferral');
type WithDeferral = { [DEFERRAL]?: Deferral | undefined };

const registry: Registry = {
	store: undefined,
	base: '/',
	generated: [],
	clientSide: new Set(),
	clientSideUsed: false,
	warned: new Set(),
	get deferral() {
		return (globalThis as WithDeferral)[DEFERRAL];
	},
	set deferral(deferral: Deferral | undefined) {
		(globalThis as WithDeferral)[DEFERRAL] = deferral;
	},
};

/**
 * Dev servers' first renders of the uncached diagrams still going, one per server start. A count
 * on the process, not in the registry: in dev the integration (loaded with the config) and the
 * pages can hold two instances of this module.
 */
const FIRST_RENDERS = Symbol.for('phasebook.diagrams.firstRenders');
type WithRenders = { [FIRST_RENDERS]?: number };

/** Counts a dev server's first render of the uncached diagrams while `rendering` goes on. */
export function duringFirstRender(rendering: Promise<unknown>): Promise<unknown> {
	const process = globalThis as WithRenders;
	process[FIRST_RENDERS] = (process[FIRST_RENDERS] ?? 0) + 1;
	return rendering.finally(() => (process[FIRST_RENDERS] = (process[FIRST_RENDERS] ?? 1) - 1));
}

function firstRenderGoing(): boolean {
	return ((globalThis as WithRenders)[FIRST_RENDERS] ?? 0) > 0;
}

/** One per process: pages reach this instance through the integration's context module. */
export function diagramRegistry(): Registry {
	return registry;
}

/**
 * Declares diagrams the site builds from data, before the build starts (e.g. in astro.config.mjs),
 * so they are rendered in the same browser session as the documents' diagrams.
 */
export function registerGeneratedDiagrams(sources: readonly GeneratedDiagram[]): void {
	const registry = diagramRegistry();
	const keys = new Set(sources.map((source) => source.key));
	registry.generated = [...registry.generated.filter((item) => !keys.has(item.key)), ...sources];
}

export interface DiagramHtmlOptions {
	label?: string;
	/** Distinguishes repeats of the same diagram on one page (their ids would otherwise match). */
	index?: number;
}

/**
 * The figure HTML of a generated diagram, from the cache filled at build start. A diagram that was
 * not registered (or had no browser to render it) falls back to client-side rendering.
 */
export function diagramHtml(source: string, options: DiagramHtmlOptions = {}): string {
	const registry = diagramRegistry();
	registry.store ??= new DiagramStore({ root: process.cwd() });
	const label = options.label ?? registry.generated.find((item) => item.source === source)?.label;
	const place: FigurePlace = {
		scope: `generated:${label ?? ''}`,
		index: options.index ?? 0,
		base: registry.base,
		...(label !== undefined && { label }),
	};
	const parts = registry.clientSide.has(source)
		? undefined
		: readyOrDeferredFigure(registry.store, registry.deferral, source, place);
	if (parts) return figureHtml(parts);
	// In a dev server still rendering at start, a diagram not ready yet shows client-side until it is.
	if (!firstRenderGoing() && !registry.clientSide.has(source) && !registry.warned.has(source)) {
		registry.warned.add(source);
		console.warn(
			`[phasebook:diagrams] "${label ?? source.split('\n')[0]}" was not rendered at build start, so it renders in the browser. Pass it to registerGeneratedDiagrams() in astro.config.mjs.`,
		);
	}
	registry.clientSideUsed = true;
	return figureHtml(clientFigure(source, place, registry.base));
}

/**
 * Puts the finished figures in place of the placeholders a cold build left in `html` (a page, or
 * a feed's rendered entry), waiting for those diagrams only. Returns `html` as it is otherwise.
 */
export function resolveDeferredDiagrams(html: string): Promise<string> | string {
	const { deferral } = diagramRegistry();
	return deferral ? deferral.resolve(html) : html;
}
