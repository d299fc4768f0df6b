// How large a diagram is shown and printed: its natural size and smallest text, read from its SVG.
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { diagramLayout, PAGE_WIDTH_PX, SCREEN_TEXT_PX } from '../../../src/diagrams/legibility.ts';
import { standaloneSvg, svgMetrics, templateSvg } from '../../../src/diagrams/svg.ts';

const flowchart = (width: number) =>
	`<svg id="pbsvg" width="100%" xmlns="http://www.w3.org/2000/svg" style="max-width: ${width}px;" viewBox="4 4 ${width} 160.5">` +
	'<style>#pbsvg{font-size:16px;}#pbsvg div.mermaidTooltip{font-size:12px;}#pbsvg .flowchartTitleText{font-size:18px;}</style><g></g></svg>';

const GANTT =
	'<svg id="pbsvg" width="100%" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1264 340"><style>#pbsvg .titleText{font-size:18px;}</style>' +
	'<g class="grid" font-size="10"><g class="tick" opacity="1"><line></line><text font-size="10">Aug 2026</text></g></g><text font-size="11" class="taskText">Planned</text></svg>';

describe('svgMetrics', () => {
	it('reads the natural size and the smallest text, leaving out the tooltip mermaid never draws', () => {
		expect(svgMetrics(flowchart(1523.3))).toEqual({ width: 1523.3, height: 160.5, smallestText: 16 });
	});

	it('counts font-size attributes (gantt labels, d3 axes) unless a .tick rule overrides the axis', () => {
		expect(svgMetrics(GANTT)?.smallestText).toBe(10);
		const restyled = GANTT.replace('</style>', '#pbsvg .tick text { font-size: 14px; }</style>').replace('font-size="11"', 'font-size="14"');
		expect(svgMetrics(restyled)?.smallestText).toBe(14);
	});

	// Attack h35: 140,000 sizes overflowed Math.min(...sizes) and the build stopped.
	it('reads a drawing with more sizes than a call takes arguments', () => {
		const many = `<svg id="p" viewBox="0 0 10 10">${'<text font-size="12"/>'.repeat(140_000)}<text font-size="9"/></svg>`;
		expect(svgMetrics(many)?.smallestText).toBe(9);
	});

	it('is undefined without a viewBox', () => {
		expect(svgMetrics('<svg xmlns="http://www.w3.org/2000/svg"><g></g></svg>')).toBeUndefined();
	});
});

describe('diagramLayout', () => {
	it('never shows text under the screen minimum: a wide diagram keeps a minimum width and scrolls', () => {
		const layout = diagramLayout({ width: 2365, height: 200, smallestText: 16 });
		expect(layout.minWidth).toBe(Math.ceil((2365 * SCREEN_TEXT_PX) / 16));
		expect(layout.mayScroll).toBe(true);
	});

	it('never draws a diagram larger than its natural size, and a small one needs no scrolling', () => {
		expect(diagramLayout({ width: 1264, height: 340, smallestText: 10 }).minWidth).toBe(1264);
		expect(diagramLayout({ width: 300, height: 200, smallestText: 16 })).toMatchObject({ minWidth: 207, mayScroll: false, landscape: false, printedPercent: 100, printedTextPt: 12 });
	});

	it('prints a wide diagram on a landscape page, and says how small its text comes out', () => {
		const wide = diagramLayout({ width: 2365, height: 200, smallestText: 16 });
		expect(wide.landscape).toBe(true);
		expect(wide.printedPercent).toBe(Math.round((PAGE_WIDTH_PX.landscape / 2365) * 100));
		expect(wide.printedTextPt).toBe(Math.round(16 * (PAGE_WIDTH_PX.landscape / 2365) * 0.75 * 10) / 10);
		const fits = diagramLayout({ width: 800, height: 200, smallestText: 16 });
		expect(fits.landscape).toBe(false);
		expect(fits.printedTextPt).toBeGreaterThanOrEqual(7);
	});
});

describe('standaloneSvg', () => {
	it('is an XML file drawn at its natural size on white, with its ids filled in', () => {
		const file = standaloneSvg(templateSvg(flowchart(1523.3)), 'Flowchart: Data flow');
		expect(file).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg width="1524" height="161" style="background: #fff" xmlns="http:\/\/www.w3.org\/2000\/svg" xmlns:xlink="http:\/\/www.w3.org\/1999\/xlink" id="d-pbsvg" /);
		expect(XMLValidator.validate(file)).toBe(true);
		expect(file).not.toContain('max-width');
		expect(file).not.toContain('__PBID__');
		expect(file).toContain('>Flowchart: Data flow</title>');
	});

	it('is XML a browser shows, from the HTML mermaid writes (&nbsp;, <br>, xlink:href undeclared)', () => {
		const html =
			'<svg id="pbsvg" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><a xlink:href="https://example.com/"><text>a &amp; b&nbsp;c</text></a>' +
			'<foreignObject><div xmlns="http://www.w3.org/1999/xhtml"><span>one<br>two &lt;b&gt;</span></div></foreignObject></svg>';
		const file = standaloneSvg(templateSvg(html), 'Flowchart');
		expect(XMLValidator.validate(file)).toBe(true);
		expect(file).toContain('<text>a &amp; b\u00a0c</text>');
		expect(file).toContain('<div xmlns="http://www.w3.org/1999/xhtml"><span>one<br/>two &lt;b&gt;</span></div>');
		expect(file).toContain('<a xlink:href="https://example.com/">');
	});
});
