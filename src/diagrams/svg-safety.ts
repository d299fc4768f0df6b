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
//   (a link may lead to a web or mail address or a page of the site), and CSS, in `<style>`,
//   `style` and presentation attributes, has no `url()` but `#id`;
// - nothing styles or covers the page around it: `<style>` rules select inside the diagram's id,
//   nothing is fixed or sticky, ids are the build's, no `<img>` is named;
// - its size is bounded before the parser sees it, so a hostile entry costs milliseconds.
import { createRequire } from 'node:module';
import type { CssNode, Selector, SelectorList, WalkContext } from 'css-tree';
import type { DefaultTreeAdapterTypes as Tree, ParserError } from 'parse5';
import { ID_SLOT } from './svg.ts';

// Loaded on first use: `phasebook check`, which never publishes a diagram, does not pay for them.
const require = createRequire(import.meta.url);
let parse5: typeof import('parse5') | undefined;
let cssTree: { parse: typeof import('css-tree').parse; walk: typeof import('css-tree').walk } | undefined;
const html = () => (parse5 ??= require('parse5') as typeof import('parse5'));
const css = () =>
	(cssTree ??= {
		parse: require('css-tree/parser') as typeof import('css-tree').parse,
		walk: require('css-tree/walker') as typeof import('css-tree').walk,
	});

// parse5's html.NS, spelled out so that the module loads without parse5.
const NS = { HTML: 'http://www.w3.org/1999/xhtml', SVG: 'http://www.w3.org/2000/svg', MATHML: 'http://www.w3.org/1998/Math/MathML', XLINK: 'http://www.w3.org/1999/xlink' };

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

const ALLOWED: Record<string, Set<string>> = { [NS.SVG]: SVG_ELEMENTS, [NS.HTML]: HTML_ELEMENTS, [NS.MATHML]: MATHML_ELEMENTS };

/** HTML elements without an end tag: every other element must be closed by its own. */
const VOID_ELEMENTS = new Set(['br', 'col', 'hr', 'img', 'wbr']);

/**
 * Attributes holding an address: only nothing or a same-document `#id` (an image may also be a
 * raster `data:` URL), and on a link (`<a>`, which loads nothing until the reader follows it) a
 * linkAddress. An `<image>`, `<use>` or `<feImage>` of another site would load from it with
 * every page view.
 */
const ADDRESS_ATTRIBUTES = new Set([
	'href', 'src', 'srcset', 'ping', 'action', 'formaction', 'data', 'poster', 'background', 'lowsrc', 'dynsrc',
	'codebase', 'archive', 'classid', 'base', 'manifest', 'icon',
]);
const LINK_ATTRIBUTES = new Set(['href']);
const LOCAL_ADDRESS = /^(?:|#[^\s"'<>]*)$/;

/**
 * Where a link may lead when the reader follows it: a web or mail address, or one relative to the
 * page (`click A "/docs/x"`); no other scheme (`javascript:`), and nothing a browser strips before
 * reading the scheme (`java\tscript:`).
 */
function linkAddress(value: string): boolean {
	if (/[\u0000-\u0020\u007f-\u00a0\\]/.test(value)) return false;
	const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1]?.toLowerCase();
	return scheme === undefined || scheme === 'http' || scheme === 'https' || scheme === 'mailto';
}

/** Presentation attributes whose value is CSS that may hold a `url()`. */
const CSS_ATTRIBUTES = new Set(['style', 'fill', 'stroke', 'filter', 'clip-path', 'mask', 'marker-start', 'marker-mid', 'marker-end', 'cursor', 'color-profile']);

/** The attribute prefixes an SVG may use, and the one namespace each may be declared as. */
const PREFIXES: Record<string, string | undefined> = { xlink: NS.XLINK, xml: undefined, xmlns: undefined };

/** Deeper than this, Chromium's parser reparents elements (at 512): a page would differ. */
const MAX_DEPTH = 256;

/**
 * More tags than any diagram has (mermaid's largest, at its 50,000-character limit, has about
 * 20,000 elements): refused before parsing, which takes a second per 300,000 tags.
 */
const MAX_TAGS = 200_000;

/** More CSS than a diagram's style sheet and its `themeCSS` come to (mermaid's are 10 to 30 KB). */
const MAX_SHEET = 1_000_000;

/** More attributes than any element mermaid writes has (a dozen). */
const MAX_ATTRIBUTES = 200;

/** Thrown from the parser's error callback, to stop at the first error. */
const PARSE_ERROR = Symbol('parse error');

/** Longer than any element's name (`feComponentTransfer`): the parser builds a name character by character. */
const MAX_NAME = 64;
const LONG_NAME = new RegExp(`<\\/?[A-Za-z][^\\s/>]{${MAX_NAME}}`);

/** A start tag as mermaid (the browser's serialiser) writes it: every value in double quotes, no `<` or `>` in one. */
const WRITTEN_TAG = /^<[^\s/>]+(?:\s+[^\s"'<>/=]+="[^"<>]*")*\s*\/?>$/;

/** An image in the SVG itself: a raster `data:` URL loads nothing from elsewhere. */
const DATA_IMAGE = /^data:image\/(?:png|jpeg|gif|webp);base64,[a-z0-9+/=\s]*$/i;
const IMAGE_ELEMENTS = new Set(['img', 'image', 'feimage']);

/** The at-rules a diagram's style sheet may hold; others load (`@import`, `@font-face`) or reach past it. */
const AT_RULES = new Set(['media', 'supports', 'keyframes', '-webkit-keyframes']);

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
		// CSS's own white space and one quote: a no-break space or a second quote is part of the URL.
		let i = at + 4;
		while (/[ \t\n\r\f]/.test(lower[i] ?? '')) i++;
		if (lower[i] === '"' || lower[i] === "'") i++;
		if (lower[i] !== '#') return 'its CSS loads a url() from outside the diagram';
	}
	// Drawn over the page rather than in the diagram (the frame contains it as well).
	if (/position\s*:\s*(?:fixed|sticky)/.test(lower)) return 'its CSS takes an element out of the diagram (position: fixed or sticky)';
	return undefined;
}

/**
 * A `<style>` in an inline SVG styles the whole page: each of its rules must select inside the
 * diagram, as mermaid's do (`#<svg id> .node rect`), so it can hide or restyle nothing else.
 * Only descendant and child combinators, no nesting; keyframes are names, not selectors.
 */
function unscopedCss(sheet: string, rootId: string | undefined): string | undefined {
	if (sheet.length > MAX_SHEET) return `its <style> holds more than ${MAX_SHEET / 1e6} MB of CSS`;
	// Diagrams of one type and theme share their style sheet (a template's root id is the same
	// too): each is parsed once. Only sheets of a diagram's size are remembered, so memory stays small.
	if (sheet.length > 64_000) return sheetProblem(sheet, rootId);
	const key = `${rootId}\0${sheet}`;
	if (sheetsSeen.has(key)) return sheetsSeen.get(key);
	const problem = sheetProblem(sheet, rootId);
	if (sheetsSeen.size >= 256) sheetsSeen.delete(sheetsSeen.keys().next().value!);
	sheetsSeen.set(key, problem);
	return problem;
}

const sheetsSeen = new Map<string, string | undefined>();

function sheetProblem(sheet: string, rootId: string | undefined): string | undefined {
	let problem: string | undefined;
	const { parse, walk } = css();
	const ast = parse(sheet, { parseValue: false, parseCustomProperty: false, onParseError: (error) => void (problem ??= `its CSS is not well-formed (${error.message})`) });
	if (problem) return problem;
	const scoped = (selector: Selector) => {
		const parts = selector.children.toArray();
		const first = parts[0];
		if (rootId === undefined || first?.type !== 'IdSelector' || first.name !== rootId) return false;
		// The first step from the svg goes into it; a sibling step after that stays inside.
		const step = parts.find((part) => part.type === 'Combinator');
		return step === undefined || (step.type === 'Combinator' && (step.name === ' ' || step.name === '>'));
	};
	walk(ast, function (this: WalkContext, node: CssNode) {
		if (problem) return;
		if (node.type === 'Atrule' && !AT_RULES.has(node.name.toLowerCase())) problem = `its CSS holds "@${node.name}"`;
		// css-tree reads a nested rule after a declaration (`fill:#000;html:not(&) body{…}`) as a
		// declaration's value; a browser reads it as a rule, of the page around the diagram.
		else if (node.type === 'Declaration' && node.value.type === 'Raw' && /[{}&]/.test(node.value.value)) problem = 'its CSS nests a rule in another';
		else if (node.type === 'Rule') {
			if (this.atrule && /keyframes$/i.test(this.atrule.name)) return;
			if (this.rule) problem = 'its CSS nests a rule in another';
			else if (node.prelude.type !== 'SelectorList' || !(node.prelude as SelectorList).children.toArray().every((selector) => selector.type === 'Selector' && scoped(selector))) {
				problem = `its CSS styles the page outside the diagram (a rule not under #${rootId ?? 'the svg\'s id'})`;
			}
		}
	});
	return problem;
}

const isElement = (node: Tree.ChildNode): node is Tree.Element => 'tagName' in node;

/** Line and column of an offset, for a message. */
function place(text: string, offset: number): string {
	const before = text.slice(0, offset);
	const line = before.split('\n').length;
	return `line ${line}, column ${offset - before.lastIndexOf('\n')}`;
}

function attributeProblem(element: Tree.Element, attribute: Tree.Element['attrs'][number], template: boolean): string | undefined {
	const written = attribute.prefix ? `${attribute.prefix}:${attribute.name}` : attribute.name;
	const colon = written.indexOf(':');
	const prefix = colon === -1 ? undefined : written.slice(0, colon).toLowerCase();
	const name = written.slice(colon + 1).toLowerCase();
	const tag = element.tagName.toLowerCase();
	if (prefix !== undefined && !(prefix in PREFIXES)) return `its <${tag}> has an attribute of an unknown namespace (${written})`;
	if (prefix === 'xmlns' || (prefix === undefined && name === 'xmlns')) {
		// What the file read as XML takes the element's namespace from, and the page from the parser.
		const expected = prefix === undefined ? element.namespaceURI : PREFIXES[name];
		if (attribute.value !== expected) return `its <${tag}> declares the namespace ${written}="${attribute.value}"`;
		return undefined;
	}
	if (name.startsWith('on')) return `it holds an event-handler attribute (${written})`;
	// A named <img> becomes a property of `document` (`name="getElementById"` breaks the page's scripts).
	if (name === 'name' && element.namespaceURI === NS.HTML && tag === 'img') return `its <${tag}> has a name attribute`;
	// Every id of a cached drawing is instantiated per page, so none can take a name the page uses.
	if (template && name === 'id' && prefix === undefined && !attribute.value.startsWith(ID_SLOT)) return `its id "${attribute.value}" is not one the build gave it`;
	if (ADDRESS_ATTRIBUTES.has(name)) {
		const value = attribute.value.trim();
		const link = tag === 'a' && LINK_ATTRIBUTES.has(name);
		const image = IMAGE_ELEMENTS.has(tag) && (name === 'src' || name === 'href');
		if (link ? !linkAddress(value) : !LOCAL_ADDRESS.test(value) && !(image && DATA_IMAGE.test(value))) {
			if (link) return `its ${written} is a link to "${value.slice(0, 40)}", not to a web or mail address or a page of the site`;
			if (image && /^data:/i.test(value)) return `its <${tag}> ${written} is a data: URL that is not a PNG, JPEG, GIF or WebP image`;
			return `its <${tag}> ${written} loads from outside the diagram`;
		}
	}
	if (CSS_ATTRIBUTES.has(name)) return cssProblem(attribute.value);
	return undefined;
}

/**
 * Nesting and tag count, estimated in one pass before parsing: the parser's time grows faster
 * than the input with nesting (a megabyte of unclosed `<g>` takes it 15 s).
 */
function tooBig(text: string): string | undefined {
	const long = LONG_NAME.exec(text);
	if (long) return `it holds a tag whose name is longer than ${MAX_NAME} characters (${place(text, long.index)})`;
	let depth = 0;
	let tags = 0;
	for (const match of text.matchAll(/<(\/?)([A-Za-z][^\s/<>]*)[^<>]*?(\/?)>/g)) {
		if (++tags > MAX_TAGS) return `it holds more than ${MAX_TAGS.toLocaleString('en')} tags`;
		if (match[1]) depth--;
		else if (!match[3] && !VOID_ELEMENTS.has(match[2]!.toLowerCase()) && ++depth > MAX_DEPTH * 4) {
			return `it nests elements more than ${MAX_DEPTH} deep (${place(text, match.index)})`;
		}
	}
	return undefined;
}

export interface SvgCheck {
	/**
	 * The SVG is a cached template (src/diagrams/svg.ts): every id carries the slot the page's
	 * prefix goes in. A fresh drawing, not yet a template, has mermaid's ids.
	 */
	template?: boolean;
}

/**
 * Why an SVG must not be published, or undefined when it may be: one `<svg>` element that the
 * HTML parser reads exactly as written, of allowed elements, with nothing that runs script,
 * loads from elsewhere or styles the page around it. What the page and the full-size file make
 * of it by string edits (ids prefixed, the root's role replaced) then means what it says: no
 * comment for a prefix ending in `-` to close, no `>` or quote in a value to end a tag early.
 */
export function unsafeSvg(svg: string, check: SvgCheck = {}): string | undefined {
	const text = svg.trim();
	if (!/^<svg[\s/>]/.test(text)) return 'it does not start with <svg>';
	if (!text.endsWith('</svg>')) return 'it does not end with </svg> (a truncated file)';
	const big = tooBig(text);
	if (big) return big;
	const { parseFragment, defaultTreeAdapter, html: spec } = html();
	// The first parse error ends the parse: what follows is refused anyway, and some errors cost
	// the parser time with every repeat (each of 800,000 attributes compared with all before it).
	let error: ParserError | undefined;
	const context = defaultTreeAdapter.createElement('div', spec.NS.HTML, []);
	let fragment: Tree.DocumentFragment | undefined;
	try {
		fragment = parseFragment(context, text, {
			sourceCodeLocationInfo: true,
			onParseError: (found) => {
				error = found;
				throw PARSE_ERROR;
			},
		});
	} catch (thrown) {
		if (thrown !== PARSE_ERROR) throw thrown;
	}
	if (error || !fragment) return `it is not well-formed markup (${error?.code} at line ${error?.startLine}, column ${error?.startCol})`;
	const root = fragment.childNodes;
	if (root.length !== 1 || !isElement(root[0]!) || root[0].tagName !== 'svg' || root[0].namespaceURI !== NS.SVG) {
		const stray = root.find((node, index) => index > 0 || !isElement(node));
		const at = stray?.sourceCodeLocation?.startOffset ?? 0;
		return `it holds markup outside its <svg> (${place(text, at)}: "${text.slice(at, at + 24)}")`;
	}
	const rootId = root[0].attrs.find((attribute) => attribute.name === 'id' && !attribute.prefix)?.value;
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
			if (node.nodeName === '#comment') return `it holds a comment (${place(text, cursor)}), which mermaid never writes`;
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
			const closed = depth > 1 && (node.namespaceURI === NS.HTML ? VOID_ELEMENTS.has(name) : selfClosing && node.childNodes.length === 0);
			if (!closed) return `it is not well-formed markup (the <${node.tagName}> at ${place(text, location.startOffset)} is not closed by its own end tag)`;
			continue;
		}
		if (location.startTag.startOffset !== cursor) return stray();
		cursor = location.startTag.endOffset;
		if (depth > MAX_DEPTH) return `it nests elements more than ${MAX_DEPTH} deep (${place(text, location.startOffset)})`;
		if (name.includes(':') || !ALLOWED[node.namespaceURI]?.has(name)) return `it holds a <${name}> element`;
		if (node.attrs.length > MAX_ATTRIBUTES) return `its <${name}> at ${place(text, location.startOffset)} has more than ${MAX_ATTRIBUTES} attributes`;
		for (const attribute of node.attrs) {
			const problem = attributeProblem(node, attribute, check.template === true);
			if (problem) return problem;
		}
		const tag = text.slice(location.startTag.startOffset, location.startTag.endOffset);
		if (!WRITTEN_TAG.test(tag) || (depth === 1 && tag.includes("'"))) {
			return `its <${name}> at ${place(text, location.startOffset)} is not written as mermaid writes a tag (each value in double quotes, no < or > in one)`;
		}
		if (name === 'style') {
			// Text only, so that the page reads the same CSS whether it takes it as SVG or as HTML.
			if (node.childNodes.some(isElement)) return 'its <style> holds markup';
			const sheet = node.childNodes.map((child) => ('value' in child ? child.value : '')).join('');
			const problem = cssProblem(sheet) ?? (node.namespaceURI === NS.SVG ? unscopedCss(sheet, rootId) : 'its <style> is not SVG');
			if (problem) return problem;
		}
		stack.push({ node, depth, closing: true });
		for (let index = node.childNodes.length - 1; index >= 0; index--) stack.push({ node: node.childNodes[index]!, depth: depth + 1 });
	}
	if (cursor !== text.length) return stray();
	return undefined;
}
