// Sätteri mdast plugin: swaps each ```mermaid block for its pre-rendered figure, per document.
import { fileURLToPath } from 'node:url';
import { relative } from 'node:path';
import type { MdastPluginDefinition, MdastVisitorContext, MdxJsxFlowElement } from 'satteri';
import { extractMermaidBlocks, type MermaidBlock } from '../core/mermaid-blocks.ts';
import {
	clientFigure,
	figureHtml,
	type FigureParts,
	type FigurePlace,
} from '../diagrams/figure.ts';
import { readyOrDeferredFigure, type Deferral } from '../diagrams/deferral.ts';
import type { DiagramStore } from '../diagrams/store.ts';

export interface SatteriMermaidOptions {
	store: DiagramStore;
	root: string;
	/** Site base path, for the client-side fallback's copy of mermaid. */
	base: string;
	/** Sources to leave to the browser (no Chromium was found to render them). */
	clientSide: ReadonlySet<string>;
	/** Called for a block the build-start scan did not render (a dev edit); renders and caches it. */
	renderLate?: (
		source: string,
		where: { path: string; line: number; column: number },
	) => Promise<void>;
	/** Called whenever a page gets the client-side fallback, so the build emits mermaid. */
	onClientSide?: () => void;
	/** In a cold build: the diagrams still rendering, which get a placeholder filled in later. */
	deferral?: () => Deferral | undefined;
}

interface DocumentState {
	blocks: Map<number, MermaidBlock>;
	scope: string;
	count: number;
}

const STATE = 'phasebookMermaid';

export function satteriMermaid(options: SatteriMermaidOptions): MdastPluginDefinition {
	return {
		name: 'phasebook-mermaid',
		options: { position: true },
		before(_root, ctx) {
			// Astro blanks the frontmatter but keeps its lines, so lines here are the file's lines.
			const source = ctx.source;
			const blocks = source.includes('mermaid') ? extractMermaidBlocks(source) : [];
			const path = ctx.fileURL ? fileURLToPath(ctx.fileURL) : 'document';
			ctx.data[STATE] = {
				blocks: new Map(blocks.map((block) => [block.line, block])),
				scope: relative(options.root, path),
				count: 0,
			} satisfies DocumentState;
		},
		code(node, ctx) {
			if (node.lang !== 'mermaid') return;
			const state = ctx.data[STATE] as DocumentState;
			const line = node.position?.start.line ?? 0;
			const block = state.blocks.get(line);
			const place: FigurePlace = {
				scope: state.scope,
				index: state.count++,
				base: options.base,
				...(block?.title !== undefined && { title: block.title }),
				...(block?.heading !== undefined && { heading: block.heading }),
			};
			const source = node.value;
			const swap = () => replaceWithFigure(ctx, node, figureFor(options, source, place));
			if (
				options.clientSide.has(source) ||
				options.store.isCached(source) ||
				options.deferral?.()?.has(source) ||
				!options.renderLate
			) {
				return void swap();
			}
			const where = { path: state.scope, line, column: node.position?.start.column ?? 1 };
			return options.renderLate(source, where).then(swap);
		},
	};
}

function figureFor(
	options: SatteriMermaidOptions,
	source: string,
	place: FigurePlace,
): FigureParts {
	const figure = options.clientSide.has(source)
		? undefined
		: readyOrDeferredFigure(options.store, options.deferral?.(), source, place);
	if (figure !== undefined) return figure;
	options.onClientSide?.();
	return clientFigure(source, place, options.base);
}

/**
 * A <figure> whose inner HTML rides in Astro's `set:html`, one opaque string: re-parsing the SVG as
 * MDX would turn every SVG node into JSX (slow) and read the braces in its CSS as expressions.
 */
function replaceWithFigure(
	ctx: MdastVisitorContext,
	node: Readonly<{ type: 'code' }>,
	figure: FigureParts,
): void {
	// Plain Markdown (.md pages) has no JSX but passes raw HTML through as it is.
	if (ctx.sourceFormat === 'markdown')
		return ctx.replaceNode(node as never, { type: 'html', value: figureHtml(figure) });
	const element: MdxJsxFlowElement = {
		type: 'mdxJsxFlowElement',
		name: 'figure',
		attributes: [
			{ type: 'mdxJsxAttribute', name: 'class', value: figure.className },
			{ type: 'mdxJsxAttribute', name: 'data-diagram', value: figure.kind },
			{ type: 'mdxJsxAttribute', name: 'set:html', value: figure.inner },
		],
		children: [],
	};
	ctx.replaceNode(node as never, element);
}
