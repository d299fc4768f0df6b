import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagramFigure, diagramFilePath, figureHtml } from '../../../src/diagrams/figure.ts';
import { slimSvg } from '../../../src/diagrams/slim.ts';
import { DiagramStore } from '../../../src/diagrams/store.ts';
import { parseFragment, type DefaultTreeAdapterMap } from 'parse5';
import { unsafeSvg } from '../../../src/diagrams/svg-safety.ts';
import { ID_SLOT, instantiateSvg, standaloneSvg, templateSvg } from '../../../src/diagrams/svg.ts';

type ChildNode = DefaultTreeAdapterMap['childNode'];

const REPO = join(import.meta.dirname, '../../..');

/** Shaped like mermaid 12's output for `mermaid.render('pbsvg', …)`. */
const MERMAID_SVG =
	'<svg id="pbsvg" width="100%" xmlns="http://www.w3.org/2000/svg" class="flowchart" viewBox="0 0 200 60" role="graphics-document document" aria-roledescription="flowchart-v2">' +
	'<style>#pbsvg{fill:#333;}#pbsvg .node rect{fill:#ECECFF;}#pbsvg [data-look="neo"].node{filter:url(#pbsvg-drop-shadow);}</style>' +
	'<g><marker id="pbsvg_flowchart-v2-pointEnd" viewBox="0 0 10 10"><path d="M 0 0 L 10 5 L 0 10 z"></path></marker>' +
	'<marker id="pbsvg_flowchart-v2-circleEnd" viewBox="0 0 10 10"><circle cx="5" cy="5" r="5"></circle></marker>' +
	'<path id="pbsvg-L_A_B_0" d="M10,30L90,30" data-edge="true" data-points="W3sieCI6MTB9XQ==" marker-end="url(#pbsvg_flowchart-v2-pointEnd)"></path>' +
	'<g class="node" id="flowchart-A-0" data-look="neo"><rect width="40" height="20"></rect><foreignObject><div xmlns="http://www.w3.org/1999/xhtml"><p>data-x="kept" in text</p></div></foreignObject></g>' +
	'<use href="#flowchart-A-0"></use></g>' +
	'<defs><filter id="pbsvg-drop-shadow"><feDropShadow dx="4"></feDropShadow></filter><filter id="pbsvg-unused"><feDropShadow dx="2"></feDropShadow></filter></defs></svg>';

const WITH_TITLE =
	'<svg id="pbsvg" xmlns="http://www.w3.org/2000/svg" role="graphics-document document" aria-describedby="chart-desc-pbsvg" aria-labelledby="chart-title-pbsvg">' +
	'<title id="chart-title-pbsvg">Checkout flow</title><desc id="chart-desc-pbsvg">How an order is paid</desc><g id="node-1"></g></svg>';

function ids(html: string): string[] {
	return [...html.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1] ?? '');
}

function references(html: string): string[] {
	return [
		...[...html.matchAll(/url\(#([^)]+)\)/g)].map((match) => match[1] ?? ''),
		...[...html.matchAll(/href="#([^"]+)"/g)].map((match) => match[1] ?? ''),
		...[...html.matchAll(/aria-(?:labelledby|describedby)="([^"]+)"/g)].flatMap((match) =>
			(match[1] ?? '').split(' '),
		),
	];
}

describe('templateSvg and instantiateSvg', () => {
	it('prefixes every id and every reference to one, in markup and in the <style>', () => {
		const svg = instantiateSvg(templateSvg(MERMAID_SVG), {
			prefix: 'dab12cd34-0l-',
			alt: 'Flowchart',
		});
		expect(svg).not.toContain(ID_SLOT);
		for (const id of ids(svg)) expect(id.startsWith('dab12cd34-0l-')).toBe(true);
		const defined = new Set(ids(svg));
		for (const reference of references(svg)) expect(defined.has(reference)).toBe(true);
		expect(svg).toContain(
			'<style>#dab12cd34-0l-pbsvg{fill:#333;}#dab12cd34-0l-pbsvg .node rect{fill:#ECECFF;}',
		);
	});

	it('keeps a label that reads like the id slot as the author wrote it, in the page and in the full-size file', () => {
		const svg =
			'<svg id="pbsvg" xmlns="http://www.w3.org/2000/svg"><style>#pbsvg .label::after{content:"__PBID__";}</style>' +
			'<g id="n1"><text aria-label="See __PBID__">Use __PBID__ here</text></g><use href="#n1"></use></svg>';
		const template = templateSvg(svg);
		expect(unsafeSvg(template, { template: true })).toBeUndefined();
		const page = instantiateSvg(template, { prefix: 'p7-', alt: 'Flowchart' });
		const read = parseFragment(page);
		const text = (node: ChildNode): string => ('value' in node ? node.value : 'childNodes' in node ? node.childNodes.map(text).join('') : '');
		expect(text(read.childNodes[0]!)).toContain('Use __PBID__ here');
		expect(page).toContain('aria-label="See &#95;_PBID__"');
		expect(page).toContain('content:"\\5f _PBID__"');
		expect(ids(page)).toEqual(['p7-pbsvg', 'p7-title', 'p7-n1']);
		expect(page).toContain('href="#p7-n1"');
		expect(standaloneSvg(template, 'Flowchart')).toContain('>Use __PBID__ here</text>');
	});

	it('gives the svg role="img" and a <title> naming the diagram when mermaid has no accTitle', () => {
		const svg = instantiateSvg(templateSvg(MERMAID_SVG), {
			prefix: 'p-',
			alt: 'Flowchart: Architecture',
		});
		expect(svg).toMatch(/^<svg [^>]*role="img" aria-labelledby="p-title">/);
		expect(svg).not.toContain('aria-roledescription');
		expect(svg).toContain('<title id="p-title">Flowchart: Architecture</title>');
	});

	it("keeps mermaid's accTitle and accDescr, with their references prefixed", () => {
		const svg = instantiateSvg(templateSvg(WITH_TITLE), { prefix: 'q-', alt: 'ignored' });
		expect(svg).toContain('aria-labelledby="q-chart-title-pbsvg"');
		expect(svg).toContain('aria-describedby="q-chart-desc-pbsvg"');
		expect(svg).toContain('<title id="q-chart-title-pbsvg">Checkout flow</title>');
		expect(svg).not.toContain('ignored');
	});
});

describe('slimSvg', () => {
	it('drops unreferenced markers and filters and data attributes no CSS selects on', () => {
		const svg = slimSvg(MERMAID_SVG);
		expect(svg).toContain('id="pbsvg_flowchart-v2-pointEnd"');
		expect(svg).not.toContain('circleEnd');
		expect(svg).toContain('id="pbsvg-drop-shadow"');
		expect(svg).not.toContain('pbsvg-unused');
		expect(svg).not.toContain('data-points');
		expect(svg).not.toContain('data-edge');
		expect(svg).toContain('data-look="neo"');
		expect(svg).toContain('<p>data-x="kept" in text</p>');
	});
});

describe('diagram figures on one page', () => {
	const store = new DiagramStore({ root: REPO, cacheDir: mkdtempSync(join(tmpdir(), 'pb-svg-')) });
	const sources = ['flowchart LR\n  A --> B', 'flowchart LR\n  B --> C'];
	for (const source of sources) {
		for (const theme of ['default', 'dark'] as const)
			store.cache.set(store.key(source, theme), templateSvg(slimSvg(MERMAID_SVG)));
	}

	it('never shares an id between two diagrams, two variants, or two documents showing the same one', () => {
		const page = [
			diagramFigure(store, sources[0]!, {
				scope: 'content/phases/a.mdx',
				index: 0,
				heading: 'Architecture',
			}),
			diagramFigure(store, sources[1]!, {
				scope: 'content/phases/a.mdx',
				index: 1,
				heading: 'Data flow',
			}),
			diagramFigure(store, sources[0]!, { scope: 'content/handoffs/a.mdx', index: 0 }),
			diagramFigure(store, sources[0]!, { scope: 'content/phases/a.mdx', index: 2 }),
		]
			.map((parts) => figureHtml(parts!))
			.join('\n');
		const all = ids(page);
		expect(all.length).toBe(4 * 2 * ids(slimSvg(MERMAID_SVG)).length + 4 * 2);
		expect(new Set(all).size).toBe(all.length);
		const defined = new Set(all);
		for (const reference of references(page)) expect(defined.has(reference)).toBe(true);
	});

	it('wraps the light and dark variants in the figure the site CSS switches between', () => {
		const parts = diagramFigure(store, sources[0]!, {
			scope: 'doc',
			index: 0,
			title: 'Components',
			heading: 'Architecture',
			base: '/docs',
		})!;
		const html = figureHtml(parts);
		const file = `/docs/${diagramFilePath(store, sources[0]!)}`;
		expect(html).toMatch(/^<figure class="diagram" data-diagram="Flowchart"><p class="diagram-actions" data-pagefind-ignore>/);
		// Without JavaScript, "Open full size" is a plain link to the diagram's SVG file.
		expect(html).toContain(`<a class="diagram-open" href="${file}" data-diagram-open>Open full size<span class="sr-only">: Components</span></a>`);
		expect(html).toMatch(/<div class="diagram-frame" style="--diagram-min-width: \d+px"[^>]*><div class="diagram-light"><svg /);
		expect(html).toContain('</svg></div><div class="diagram-dark"><svg ');
		expect(html).toMatch(/<figcaption>Components<\/figcaption><\/figure>$/);
		expect(html).toContain('<title id="d');
		expect(html).toContain('>Flowchart: Architecture</title>');
	});

	it('is undefined when a variant is missing from the cache', () => {
		expect(diagramFigure(store, 'pie\n  "a": 1', { scope: 'doc', index: 0 })).toBeUndefined();
	});
});
