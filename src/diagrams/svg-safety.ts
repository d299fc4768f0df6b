// Checks an SVG before it is inlined in a page: one read back from the diagram cache, which any
// branch that can write a CI cache can fill (issue 13), and one mermaid just drew from a source
// whose themeCSS or classDef loads from elsewhere. Mermaid never writes what is refused here, so
// a refused entry is rendered again, never repaired.
//
// The SVG is read the way the page's reader reads it: by the HTML parser (parse5, the WHATWG
// algorithm), so a comment closed by `--!>`, a `<style>` that an `<img>` breaks out of, or a
// CDATA section in HTML content means here what it means to a browser. Then:
// - the markup must be exactly the elements it builds: every tag written, every element closed
//   by its own end tag, no parse error, so a page around it cannot read it differently (an end
//   tag that closes one of the page's elements, which parsing it alone would ignore, is refused);
// - every element is one of an allow-list (static SVG, the HTML of labels, MathML of formulas),
//   in the namespace its `xmlns` names, so the full-size file read as XML means the same;
// - no attribute runs script, and nothing loads from elsewhere: addresses point into the diagram
//   (a link may point to the web), and CSS, in `<style>`, `style` and presentation attributes,
//   has no `url()` but `#id`.
import { defaultTreeAdapter, html, parseFragment, type DefaultTreeAdapterTypes as Tree, type ParserError } from 'parse5';

const SVG_ELEMENTS = new Set([
	'a', 'circle', 'clippath', 'defs', 'desc', 'ellipse', 'feblend', 'fecolormatrix', 'fecomponenttransfer',
	'fecomposite', 'feconvolvematrix', 'fediffuselighting', 'fedisplacementmap', 'fedistantlight', 'fedropshadow',
	'feflood', 'fefunca', 'fefuncb', 'fefuncg', 'fefuncr', 'fegaussianblur', 'feimage', 'femerge', 'femergenode',
	'femorphology', 'feoffset', 'fepointlight', 'fespecularlighting', 'fespotlight', 'fetile', 'feturbulence',
	'filter', 'foreignobject', 'g', 'image', 'line', 'lineargradient', 'marker', 'mask', 'metadata', 'path',
	'pattern', 'polygon', 'polyline', 'radialgradient', 'rect', 'stop', 'style', 'svg', 'switch', 'symbol', 'text',
	'textpath', 'title', 'tspan', 'use', 'view',
]);

/** What mermaid's sanitised labels hold (markdown, `<br>`, the HTML an author may write). */
const HTML_ELEMENTS = new Set([
	'a', 'abbr', 'address', 'article', 'aside', 'b', 'bdi', 'bdo', 'big', 'blockquote', 'br', 'caption', 'center',
	'cite', 'code', 'col', 'colgroup', 'data', 'dd', 'del', 'details', 'dfn', 'div', 'dl', 'dt', 'em', 'figcaption',
	'figure', 'font', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'i', 'img', 'ins', 'kbd',
	'label', 'li', 'main', 'mark', 'nav', 'nobr', 'ol', 'p', 'pre', 'q', 'rp', 'rt', 'ruby', 's', 'samp', 'section',
	'small', 'span', 'strike', 'strong', 'sub', 'summary', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead',
	'time', 'tr', 'tt', 'u', 'ul', 'var', 'wbr',
]);

/** KaTeX's formulas in labels; not `annotation-xml`, whose content the parser may read as HTML. */
const MATHML_ELEMENTS = new Set([
	'annotation', 'menclose', 'merror', 'mfrac', 'mi', 'mmultiscripts', 'mn', 'mo', 'mover', 'mpadded', 'mphantom',
	'mprescripts', 'mroot', 'mrow', 'ms', 'mspace', 'msqrt', 'mstyle', 'msub', 'msubsup', 'msup', 'mtable', 'mtd',
	'mtext', 'mtr', 'munder', 'munderover', 'none', 'semantics', 'math',
]);

const ALLOWED: Record<string, Set<string>> = { [html.NS.SVG]: SVG_ELEMENTS, [html.NS.HTML]: HTML_ELEMENTS, [html.NS.MATHML]: MATHML_ELEMENTS };

/** HTML elements without an end tag: every other element must be closed by its own. */
const VOID_ELEMENTS = new Set(['br', 'col', 'hr', 'img', 'wbr']);

/**
 * Attributes holding an address: only nothing or a same-document `#id`, and on a link (`<a>`,
 * which loads nothing until the reader follows it) an http(s) URL too. An `<image>`, `<use>` or
 * `<feImage>` of another site would load from it with every page view.
 */
const ADDRESS_ATTRIBUTES = new Set([
	'href', 'src', 'srcset', 'ping', 'action', 'formaction', 'data', 'poster', 'background', 'lowsrc', 'dynsrc',
	'codebase', 'archive', 'classid', 'base', 'manifest', 'icon',
]);
const LINK_ATTRIBUTES = new Set(['href']);
const LOCAL_ADDRESS = /^(?:|#[^\s"'<>]*)$/;
const LINK_ADDRESS = /^(?:|#[^\s"'<>]*|https?:\/\/[^\s"'<>]*)$/i;

/** Presentation attributes whose value is CSS that may hold a `url()`. */
const CSS_ATTRIBUTES = new Set(['style', 'fill', 'stroke', 'filter', 'clip-path', 'mask', 'marker-start', 'marker-mid', 'marker-end', 'cursor', 'color-profile']);

/** The attribute prefixes an SVG may use, and the one namespace each may be declared as. */
const PREFIXES: Record<string, string | undefined> = { xlink: html.NS.XLINK, xml: undefined, xmlns: undefined };

/** Deeper than this, Chromium's parser reparents elements (at 512): a page would differ. */
const MAX_DEPTH = 256;

/** CSS as the browser reads it, after the markup's own decoding: with its escapes (`u\72l(` is `url(`) undone. */
function unescapedCss(css: string): string {
	return css.replace(/\\(?:([0-9a-f]{1,6})\s?|([^\n0-9a-f]))/gi, (_, hex: string | undefined, char: string | undefined) => {
		if (char !== undefined) return char;
		const code = Number.parseInt(hex!, 16);
		return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
	});
}

/** What in CSS can load or run something: every `url()` must point into the document. */
function cssProblem(css: string): string | undefined {
	const lower = unescapedCss(css).toLowerCase();
	for (const word of ['@import', 'expression(', 'javascript:', 'behavior:', '-moz-binding', 'image-set(', 'image(', 'cross-fade(', 'element(', 'src(']) {
		if (lower.includes(word)) return `its CSS holds "${word}"`;
	}
	for (let at = lower.indexOf('url('); at !== -1; at = lower.indexOf('url(', at + 4)) {
		let i = at + 4;
		while (/\s|["']/.test(lower[i] ?? '')) i++;
		if (lower[i] !== '#') return 'its CSS loads a url() from outside the diagram';
	}
	return undefined;
}

const isElement = (node: Tree.ChildNode): node is Tree.Element => 'tagName' in node;

/** Line and column of an offset, for a message. */
function place(text: string, offset: number): string {
	const before = text.slice(0, offset);
	const line = before.split('\n').length;
	return `line ${line}, column ${offset - before.lastIndexOf('\n')}`;
}

function attributeProblem(element: Tree.Element, attribute: Tree.Element['attrs'][number]): string | undefined {
	const written = attribute.prefix ? `${attribute.prefix}:${attribute.name}` : attribute.name;
	const colon = written.indexOf(':');
	const prefix = colon === -1 ? undefined : written.slice(0, colon).toLowerCase();
	const name = written.slice(colon + 1).toLowerCase();
	if (prefix !== undefined && !(prefix in PREFIXES)) return `its <${element.tagName}> has an attribute of an unknown namespace (${written})`;
	if (prefix === 'xmlns' || (prefix === undefined && name === 'xmlns')) {
		// What the file read as XML takes the element's namespace from, and the page from the parser.
		const expected = prefix === undefined ? element.namespaceURI : PREFIXES[name];
		if (attribute.value !== expected) return `its <${element.tagName}> declares the namespace ${written}="${attribute.value}"`;
		return undefined;
	}
	if (name.startsWith('on')) return `it holds an event-handler attribute (${written})`;
	if (ADDRESS_ATTRIBUTES.has(name)) {
		const link = element.tagName === 'a' && LINK_ATTRIBUTES.has(name);
		if (!(link ? LINK_ADDRESS : LOCAL_ADDRESS).test(attribute.value.trim())) {
			return link ? `its ${written} points outside the diagram and the web` : `its <${element.tagName.toLowerCase()}> ${written} loads from outside the diagram`;
		}
	}
	if (CSS_ATTRIBUTES.has(name)) return cssProblem(attribute.value);
	return undefined;
}

/**
 * Why an SVG must not be published, or undefined when it may be: one `<svg>` element that the
 * HTML parser reads exactly as written, of allowed elements, with nothing that runs script or
 * loads from elsewhere.
 */
export function unsafeSvg(svg: string): string | undefined {
	const text = svg.trim();
	if (!/^<svg[\s/>]/.test(text)) return 'it does not start with <svg>';
	if (!text.endsWith('</svg>') && !(text.endsWith('/>') && text.indexOf('<', 1) === -1)) {
		return 'it does not end with </svg> (a truncated file)';
	}
	let error: ParserError | undefined;
	const context = defaultTreeAdapter.createElement('div', html.NS.HTML, []);
	const fragment = parseFragment(context, text, {
		sourceCodeLocationInfo: true,
		onParseError: (found) => void (error ??= found),
	});
	if (error) return `it is not well-formed markup (${error.code} at line ${error.startLine}, column ${error.startCol})`;
	const root = fragment.childNodes;
	if (root.length !== 1 || !isElement(root[0]!) || root[0].tagName !== 'svg' || root[0].namespaceURI !== html.NS.SVG) {
		const stray = root.find((node, index) => index > 0 || !isElement(node));
		const at = stray?.sourceCodeLocation?.startOffset ?? 0;
		return `it holds markup outside its <svg> (${place(text, at)}: "${text.slice(at, at + 24)}")`;
	}
	// Every node is read where the last one ended: a gap is markup the parser dropped or that
	// closed something it had not opened.
	let cursor = 0;
	const stray = () => `it is not well-formed markup (${place(text, cursor)}: "${text.slice(cursor, cursor + 24)}" is not read as written)`;
	const stack: { node: Tree.ChildNode; depth: number; closing?: true }[] = [{ node: root[0], depth: 1 }];
	while (stack.length > 0) {
		const { node, depth, closing } = stack.pop()!;
		const added = () => `it is not well-formed markup (the parser adds a <${node.nodeName}> near ${place(text, cursor)} that is not written)`;
		if (!isElement(node)) {
			const location = node.sourceCodeLocation;
			if (!location) return added();
			if (location.startOffset !== cursor) return stray();
			cursor = location.endOffset;
			continue;
		}
		const location = node.sourceCodeLocation;
		if (!location?.startTag) return added();
		const name = node.tagName.toLowerCase();
		if (closing) {
			if (location.endTag) {
				if (location.endTag.startOffset !== cursor) return stray();
				cursor = location.endTag.endOffset;
				continue;
			}
			const selfClosing = text[location.startTag.endOffset - 2] === '/';
			const closed = node.namespaceURI === html.NS.HTML ? VOID_ELEMENTS.has(name) : selfClosing && node.childNodes.length === 0;
			if (!closed) return `it is not well-formed markup (the <${node.tagName}> at ${place(text, location.startOffset)} is not closed by its own end tag)`;
			continue;
		}
		if (location.startTag.startOffset !== cursor) return stray();
		cursor = location.startTag.endOffset;
		if (depth > MAX_DEPTH) return `it nests elements more than ${MAX_DEPTH} deep (${place(text, location.startOffset)})`;
		if (name.includes(':') || !ALLOWED[node.namespaceURI]?.has(name)) return `it holds a <${name}> element`;
		for (const attribute of node.attrs) {
			const problem = attributeProblem(node, attribute);
			if (problem) return problem;
		}
		if (name === 'style') {
			// Text only, so that the page reads the same CSS whether it takes it as SVG or as HTML.
			if (node.childNodes.some(isElement)) return 'its <style> holds markup';
			const css = cssProblem(node.childNodes.map((child) => ('value' in child ? child.value : '')).join(''));
			if (css) return css;
		}
		stack.push({ node, depth, closing: true });
		for (let index = node.childNodes.length - 1; index >= 0; index--) stack.push({ node: node.childNodes[index]!, depth: depth + 1 });
	}
	if (cursor !== text.length) return stray();
	return undefined;
}
