// The HTML a diagram becomes on a page: a figure with a light and a dark inline SVG in a frame
// that scrolls when the diagram is too wide to shrink legibly, and a link to its full-size file.
import { sourceHash } from './keys.ts';
import { altText, diagramKind } from './kind.ts';
import { diagramLayout } from './legibility.ts';
import type { DiagramStore } from './store.ts';
import { escapeHtml, instantiateSvg, svgMetrics, svgTitle } from './svg.ts';

export interface FigurePlace {
	/** What makes this diagram's ids unique across pages' documents: a document path, a key. */
	scope: string;
	/** Counter of this diagram within its scope (the n-th mermaid block of the document). */
	index: number;
	/** `title="…"` from the code fence, shown as the caption. */
	title?: string;
	/** A caption and name for generated diagrams. */
	label?: string;
	/** The section heading above the block, used in the text alternative. */
	heading?: string;
	/** The site's base path, under which the diagram's SVG file is linked. Default `/`. */
	base?: string;
}

/** Where the build writes the full-size SVG files of its diagrams, under the site's base. */
export const DIAGRAM_FILES_DIR = '_phasebook/diagrams';

/** The file of one diagram (its light rendering), named by its cache key, relative to the base. */
export function diagramFilePath(store: DiagramStore, source: string): string {
	return `${DIAGRAM_FILES_DIR}/${store.key(source, 'default').slice(0, 16)}.svg`;
}

const withSlash = (base: string) => (base.endsWith('/') ? base : `${base}/`);

/** A figure as its attributes and inner HTML, so a JSX element can carry the inner part verbatim. */
export interface FigureParts {
	className: string;
	/** The diagram type ("Flowchart"), in `data-diagram`. */
	kind: string;
	inner: string;
}

export function figureHtml(parts: FigureParts): string {
	return `<figure class="${parts.className}" data-diagram="${escapeHtml(parts.kind)}">${parts.inner}</figure>`;
}

/**
 * The figure for a cached diagram, or undefined when a variant is not in the cache. Ids are
 * prefixed per diagram and per variant, so nothing in the page shares an id.
 */
export function diagramFigure(
	store: DiagramStore,
	source: string,
	place: FigurePlace,
): FigureParts | undefined {
	const light = store.template(source, 'default');
	const dark = store.template(source, 'dark');
	if (light === undefined || dark === undefined) return undefined;
	const stem = `d${sourceHash(`${place.scope}\0${source}`)}-${place.index}`;
	const alt = altText(source, place);
	const caption = place.title ?? svgTitle(light) ?? place.label;
	const name = escapeHtml(caption ?? alt);
	const metrics = svgMetrics(light);
	const layout = metrics && diagramLayout(metrics);
	const file = `${withSlash(place.base ?? '/')}${diagramFilePath(store, source)}`;
	// A frame that may scroll is a named region a keyboard can reach (and scroll with the arrows).
	const frame = layout
		? ` style="--diagram-min-width: ${layout.minWidth}px"${layout.landscape ? ' data-print="landscape"' : ''}` +
			(layout.mayScroll ? ` tabindex="0" role="region" aria-label="${name}, scrolls sideways"` : '')
		: '';
	// Paper says how far a wide diagram was shrunk (and, with a site address, where the full size is).
	const printNote =
		layout && layout.printedPercent < 100
			? ` <span class="diagram-print-note" data-pagefind-ignore data-file="${file}">Printed at ${layout.printedPercent} % of its size; its smallest text is ${layout.printedTextPt} pt.</span>`
			: '';
	const captionText = caption ? escapeHtml(caption) : '';
	return {
		className: 'diagram',
		kind: diagramKind(source),
		inner:
			// Before the drawing, so the figcaption stays the figure's last child.
			`<p class="diagram-actions" data-pagefind-ignore><a class="diagram-open" href="${file}" data-diagram-open>Open full size<span class="sr-only">: ${name}</span></a></p>` +
			`<div class="diagram-frame"${frame}>` +
			`<div class="diagram-light">${instantiateSvg(light, { prefix: `${stem}l-`, alt })}</div>` +
			`<div class="diagram-dark">${instantiateSvg(dark, { prefix: `${stem}d-`, alt })}</div>` +
			'</div>' +
			(caption || printNote ? `<figcaption>${captionText}${printNote}</figcaption>` : ''),
	};
}

/** Where the build puts its copy of mermaid for pages that render diagrams in the browser. */
export const CLIENT_MERMAID_PATH = '_phasebook/mermaid.min.js';

/**
 * The client-side fallback: mermaid's own `<pre class="mermaid">`, and a loader that runs once per
 * page however many fallback figures it has, picking the theme the page is in.
 */
export function clientFigure(source: string, place: FigurePlace, base: string): FigureParts {
	const caption = place.title ?? place.label;
	const src = `${base.endsWith('/') ? base : `${base}/`}${CLIENT_MERMAID_PATH}`;
	return {
		className: 'diagram diagram-client',
		kind: diagramKind(source),
		inner:
			`<pre class="mermaid" aria-label="${escapeHtml(altText(source, place))}">${escapeHtml(source)}</pre>` +
			(caption ? `<figcaption>${escapeHtml(caption)}</figcaption>` : '') +
			`<script type="module">${clientLoader(src)}</script>`,
	};
}

function clientLoader(src: string): string {
	return [
		'if(!window.__phasebookMermaid){window.__phasebookMermaid=1;',
		'const r=document.documentElement;',
		"const dark=r.dataset.theme?r.dataset.theme==='dark':matchMedia('(prefers-color-scheme: dark)').matches;",
		`const s=document.createElement('script');s.src=${JSON.stringify(src)};`,
		"s.onload=()=>{mermaid.initialize({startOnLoad:false,theme:dark?'dark':'default'});mermaid.run({querySelector:'pre.mermaid'});};",
		'document.head.append(s);}',
	].join('');
}
