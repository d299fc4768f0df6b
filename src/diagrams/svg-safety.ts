// Checks an SVG read back from the diagram cache before it is inlined in a page: a CI cache can be
// written by any branch, and an injected <script> or onerror ran on page load (issue 13). Mermaid
// never writes these, so an entry that has one is refused and rendered again, never repaired.

/** Elements that run script, load documents or animate attributes into `javascript:` URLs. */
const DENIED_ELEMENTS = new Set([
	'script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'link', 'meta',
	'form', 'input', 'button', 'textarea', 'select', 'audio', 'video', 'source', 'track', 'portal',
	'animate', 'set', 'animatemotion', 'animatetransform', 'animatecolor', 'discard', 'handler',
	'listener',
]);

/**
 * Attributes holding an address: only nothing or a same-document `#id`, and on a link (`<a>`,
 * which loads nothing until the reader follows it) an http(s) URL too. An `<image>`, `<use>` or
 * `<feImage>` of another site would load from it with every page view.
 */
const ADDRESS_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'data', 'poster', 'background']);
const LOCAL_ADDRESS = /^(?:|#[^\s"'<>]*)$/;
const LINK_ADDRESS = /^(?:|#[^\s"'<>]*|https?:\/\/[^\s"'<>]*)$/i;

/** The five entities XML has; any other named one in CSS is refused rather than decoded. */
const XML_ENTITIES: Record<string, string> = { quot: '"', amp: '&', lt: '<', gt: '>', apos: "'" };

/**
 * CSS as the browser reads it: the markup's character references decoded (a style attribute's,
 * and a `<style>` inside SVG, whose text the HTML parser decodes), then CSS's own escapes
 * (`u\72l(` is `url(`). Undefined when it holds a named reference XML does not define.
 */
function decodedCss(css: string): string | undefined {
	let unknown = false;
	const markup = css.replace(/&(#x[0-9a-f]+|#\d+|[a-z][a-z0-9]*);?/gi, (whole, name: string) => {
		if (name[0] === '#') {
			const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
			return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
		}
		const known = XML_ENTITIES[name.toLowerCase()];
		if (known === undefined) unknown = true;
		return known ?? whole;
	});
	if (unknown) return undefined;
	return markup.replace(/\\(?:([0-9a-f]{1,6})\s?|([^\n0-9a-f]))/gi, (_, hex: string | undefined, char: string | undefined) => {
		if (char !== undefined) return char;
		const code = Number.parseInt(hex!, 16);
		return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
	});
}

/** What in CSS can load or run something: every `url()` must point into the document. */
function cssProblem(css: string): string | undefined {
	const decoded = decodedCss(css);
	if (decoded === undefined) return 'its CSS holds a character reference XML does not define';
	const lower = decoded.toLowerCase();
	for (const word of ['@import', 'expression(', 'javascript:', 'behavior:', '-moz-binding', 'image-set(', 'image(', 'cross-fade(', 'element(', 'src(']) {
		if (lower.includes(word)) return `its CSS holds "${word}"`;
	}
	for (let at = lower.indexOf('url('); at !== -1; at = lower.indexOf('url(', at + 4)) {
		let i = at + 4;
		for (;;) {
			if (/\s|["']/.test(lower[i] ?? '')) i++;
			else if (lower.startsWith('&quot;', i)) i += 6;
			else break;
		}
		if (lower[i] !== '#') return 'its CSS loads a url() from outside the diagram';
	}
	return undefined;
}

const NAME = /[A-Za-z_][\w:.-]*/y;
const ATTRIBUTE = /\s*([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?/y;

const localName = (name: string) => name.slice(name.lastIndexOf(':') + 1).toLowerCase();

/** Scans one start tag at `start` (just past `<`): its problem, or where it ends. */
function startTag(svg: string, start: number): { problem: string } | { end: number; name: string; selfClosing: boolean } {
	NAME.lastIndex = start;
	const name = NAME.exec(svg)?.[0];
	if (!name) return { problem: 'it is not well-formed markup' };
	const local = localName(name);
	if (DENIED_ELEMENTS.has(local)) return { problem: `it holds a <${local}> element` };
	let i = start + name.length;
	for (;;) {
		while (/\s/.test(svg[i] ?? '')) i++;
		if (svg[i] === '>') return { end: i + 1, name: local, selfClosing: false };
		if (svg.startsWith('/>', i)) return { end: i + 2, name: local, selfClosing: true };
		ATTRIBUTE.lastIndex = i;
		const match = ATTRIBUTE.exec(svg);
		if (!match || match[0].length === 0) return { problem: 'it is not well-formed markup' };
		const attribute = localName(match[1]!);
		const value = match[2] ?? match[3] ?? match[4] ?? '';
		if (attribute.startsWith('on')) return { problem: `it holds an event-handler attribute (${match[1]})` };
		if (ADDRESS_ATTRIBUTES.has(attribute) && !(local === 'a' ? LINK_ADDRESS : LOCAL_ADDRESS).test(value.trim())) {
			return { problem: local === 'a' ? `its ${match[1]} points outside the diagram and the web` : `its <${local}> ${match[1]} loads from outside the diagram` };
		}
		if (attribute === 'style') {
			const css = cssProblem(value);
			if (css) return { problem: css };
		}
		i = ATTRIBUTE.lastIndex;
	}
}

/**
 * Why an SVG must not be published, or undefined when it may be: one `<svg>` root, well-formed
 * tags, no element or attribute that runs script or loads from elsewhere. One pass.
 */
export function unsafeSvg(svg: string): string | undefined {
	const text = svg.trim();
	if (!/^<svg[\s/>]/.test(text)) return 'it does not start with <svg>';
	if (!text.endsWith('</svg>') && !(text.endsWith('/>') && text.indexOf('<', 1) === -1)) {
		return 'it does not end with </svg> (a truncated file)';
	}
	const lower = text.toLowerCase();
	for (let at = text.indexOf('<'); at !== -1; ) {
		const next = text[at + 1];
		let end: number;
		if (text.startsWith('<!--', at)) {
			end = text.indexOf('-->', at + 4);
			if (end === -1) return 'it holds an unclosed comment';
			end += 3;
		} else if (text.startsWith('<![CDATA[', at)) {
			end = text.indexOf(']]>', at + 9);
			if (end === -1) return 'it holds an unclosed CDATA section';
			end += 3;
		} else if (next === '/') {
			end = text.indexOf('>', at);
			if (end === -1) return 'it is not well-formed markup';
			end += 1;
		} else {
			const tag = startTag(text, at + 1);
			if ('problem' in tag) return tag.problem;
			end = tag.end;
			if (tag.name === 'style' && !tag.selfClosing) {
				const close = lower.indexOf('</style', end);
				if (close === -1) return 'it holds an unclosed <style>';
				const css = cssProblem(text.slice(end, close));
				if (css) return css;
				end = close;
			}
		}
		at = text.indexOf('<', end);
	}
	return undefined;
}
