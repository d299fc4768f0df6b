// Makes mermaid's SVG safe to inline many times per page: per-instance ids and a text alternative.
import { svgAsXml } from './svg-xml.ts';

/** The id mermaid is asked to render with; every diagram gets it, so it carries no information. */
export const RENDER_ID = 'pbsvg';
/** Stands in the cached SVG wherever a per-instance id prefix goes. */
export const ID_SLOT = '__PBID__';

const ID_ATTRIBUTE = /\sid="([^"]+)"/g;
const STYLE_BLOCK = /(<style[^>]*>)([\s\S]*?)(<\/style>)/g;
const MARKUP_REFERENCE =
	/(\sid=")([^"]+)(")|(url\((?:\s|&quot;|['"])*#)([^)'"&\s]+)()|((?:xlink:)?href="#)([^"]+)(")|(aria-(?:labelledby|describedby)=")([^"]+)(")/g;
const CSS_ID = /#(-?[A-Za-z_][\w-]*)/g;

/**
 * Turns a rendered SVG into a template: every id, and every reference to one (url(#…), href="#…",
 * aria-labelledby, `#id` selectors in its <style>), gets the {@link ID_SLOT} prefix. Done once,
 * before caching, so instantiating on a page is a single string replacement.
 */
export function templateSvg(rendered: string): string {
	const svg = withoutSlot(rendered);
	const ids = new Set([...svg.matchAll(ID_ATTRIBUTE)].map((match) => match[1] ?? ''));
	const local = (id: string) => (ids.has(id) ? ID_SLOT + id : id);
	let out = '';
	let last = 0;
	for (const match of svg.matchAll(STYLE_BLOCK)) {
		const [whole, open = '', css = '', close = ''] = match;
		out += rewriteMarkup(svg.slice(last, match.index), local);
		out +=
			open +
			css.replace(CSS_ID, (token, id: string) => (ids.has(id) ? `#${ID_SLOT}${id}` : token)) +
			close;
		last = match.index + whole.length;
	}
	return out + rewriteMarkup(svg.slice(last), local);
}

/**
 * The rendered SVG with the slot's own text written another way, so that a label reading
 * `__PBID__` is not turned into the page's id prefix: as a character reference in markup, which
 * the page's HTML and the full-size file's XML both read back as `_`, and as a CSS escape in a
 * <style>, whose text is not markup.
 */
function withoutSlot(svg: string): string {
	if (!svg.includes(ID_SLOT)) return svg;
	let out = '';
	let last = 0;
	const escape = (text: string, as: string) => text.replaceAll(ID_SLOT, as + ID_SLOT.slice(1));
	for (const match of svg.matchAll(STYLE_BLOCK)) {
		const [whole, open = '', css = '', close = ''] = match;
		out += escape(svg.slice(last, match.index), '&#95;') + open + escape(css, '\\5f ') + close;
		last = match.index + whole.length;
	}
	return out + escape(svg.slice(last), '&#95;');
}

function rewriteMarkup(markup: string, local: (id: string) => string): string {
	return markup.replace(MARKUP_REFERENCE, (...groups: string[]) => {
		for (let index = 1; index <= 10; index += 3) {
			const before = groups[index];
			if (before === undefined) continue;
			const value = groups[index + 1] ?? '';
			const after = groups[index + 2] ?? '';
			const ids =
				index === 10
					? value.split(/\s+/).map(local).join(' ')
					: index === 1
						? ID_SLOT + value
						: local(value);
			return before + ids + after;
		}
		return groups[0] ?? '';
	});
}

export interface InstanceOptions {
	/** Unique within the page; must start with a letter so `#prefix…` stays a valid selector. */
	prefix: string;
	/** The text alternative used when the diagram has no accTitle of its own. */
	alt: string;
}

/** An SVG for one place on a page: ids prefixed, role="img", and a <title> naming it. */
export function instantiateSvg(template: string, options: InstanceOptions): string {
	const open = /^\s*<svg\b[^>]*>/.exec(template);
	if (!open) return template.replaceAll(ID_SLOT, options.prefix);
	let tag = open[0]
		.replace(/\srole="[^"]*"/, '')
		// "flowchart-v2" is mermaid's internal name, not something a screen reader should announce.
		.replace(/\saria-roledescription="[^"]*"/, '')
		.replace(/>$/, ' role="img">');
	let rest = template.slice(open[0].length);
	if (!/^\s*<title\b/.test(rest)) {
		const titleId = `${ID_SLOT}title`;
		rest = `<title id="${titleId}">${escapeHtml(options.alt)}</title>${rest}`;
		tag = /\saria-labelledby="/.test(tag)
			? tag.replace(/\saria-labelledby="([^"]*)"/, ` aria-labelledby="${titleId} $1"`)
			: tag.replace(/>$/, ` aria-labelledby="${titleId}">`);
	}
	return (tag + rest).replaceAll(ID_SLOT, options.prefix);
}

/** The accTitle mermaid put in the SVG's <title>, if any. */
export function svgTitle(template: string): string | undefined {
	const match = /^\s*<svg\b[^>]*>\s*<title\b[^>]*>([^<]*)<\/title>/.exec(template);
	return match?.[1] ? unescapeHtml(match[1]) : undefined;
}

export function escapeHtml(text: string): string {
	return text
		.replaceAll('&', '&amp;')
		.replaceAll('<', '&lt;')
		.replaceAll('>', '&gt;')
		.replaceAll('"', '&quot;');
}

function unescapeHtml(text: string): string {
	return text
		.replaceAll('&lt;', '<')
		.replaceAll('&gt;', '>')
		.replaceAll('&quot;', '"')
		.replaceAll('&#39;', "'")
		.replaceAll('&amp;', '&');
}

export interface SvgMetrics {
	/** The drawing's natural size, in CSS pixels (its viewBox). */
	width: number;
	height: number;
	/** The smallest font size its styles and attributes give text, in CSS pixels at natural size. */
	smallestText: number;
}

/** Mermaid draws text at 16 px unless a diagram type says otherwise (gantt axis labels: 10). */
const DEFAULT_TEXT = 16;
const VIEW_BOX = /^\s*<svg\b[^>]*\sviewBox="\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)\s*"/;
const FONT_SIZE_VALUE = /font-size:\s*([\d.]+)px/y;
/** A start or end tag (validated markup: no `<` or `>` inside one). */
const TAG = /<(\/?)(\w+)\b([^<>]*)>/g;
const FONT_SIZE_ATTRIBUTE = /\sfont-size="([\d.]+)(?:px)?"/;
const TICK_CLASS = /\sclass="tick"/;

/**
 * Each rule of a style sheet that sets a font size: the text before its `{` back to the last brace
 * (its selector, or an at-rule's prelude) and the first `font-size: <n>px` before the next `}`,
 * as /([^{}]*)\{[^}]*?font-size:\s*([\d.]+)px/g finds them. That expression started again at
 * every character of a selector or of a rule without a font size, so 20 KB of CSS (a diagram's
 * `themeCSS`) took 0.3 s and 200 KB half a minute; this is one pass.
 */
export function cssFontSizes(css: string): { selector: string; size: number }[] {
	const found: { selector: string; size: number }[] = [];
	// Just after the last brace before the `{` at hand; where the last match ended.
	let segment = 0;
	let resume = 0;
	// The next `}` and the next font size after the `{` at hand: both only move forward.
	let close = css.indexOf('}');
	let size = { at: -1, end: -1, value: 0 };
	for (let open = css.indexOf('{'); open !== -1; open = css.indexOf('{', open + 1)) {
		while (close !== -1 && close < open) {
			segment = Math.max(segment, close + 1);
			close = css.indexOf('}', close + 1);
		}
		const selectorStart = Math.max(segment, resume);
		segment = open + 1;
		if (open < resume) continue;
		if (size.at < open) size = nextFontSize(css, open + 1);
		if (size.at < (close === -1 ? css.length : close)) {
			found.push({ selector: css.slice(selectorStart, open), size: size.value });
			resume = size.end;
		}
	}
	return found;
}

function nextFontSize(css: string, from: number): { at: number; end: number; value: number } {
	for (let at = css.indexOf('font-size', from); at !== -1; at = css.indexOf('font-size', at + 1)) {
		FONT_SIZE_VALUE.lastIndex = at;
		const match = FONT_SIZE_VALUE.exec(css);
		if (match) return { at, end: at + match[0].length, value: Number(match[1]) };
	}
	return { at: Infinity, end: Infinity, value: 0 };
}

/**
 * The natural size and smallest text of a rendered diagram, read from its markup: the viewBox,
 * the font sizes of its <style> rules (not the tooltip's, which is never drawn in the SVG) and
 * its font-size attributes (gantt text, d3's axes). Undefined for an SVG without a viewBox.
 */
export function svgMetrics(svg: string): SvgMetrics | undefined {
	const box = VIEW_BOX.exec(svg);
	if (!box) return undefined;
	let smallest = Infinity;
	const seen = (size: number) => {
		if (size > 0 && size < smallest) smallest = size;
	};
	let tickRule = false;
	for (const css of styleSheets(svg)) {
		for (const { selector, size } of cssFontSizes(css)) {
			if (/tooltip/i.test(selector)) continue;
			seen(size);
			tickRule ||= /\.tick\s+text/.test(selector);
		}
	}
	// d3 writes its axis labels' size on the axis <g> and on each tick's <text>; a `.tick text`
	// rule overrides both. One pass over the start and end tags, counting the open tick groups.
	let inTick = 0;
	for (const [, end, element = '', attributes = ''] of svg.matchAll(TAG)) {
		if (end) {
			if (inTick > 0 && element === 'g') inTick--;
			continue;
		}
		if (tickRule && element === 'g') {
			if ((inTick > 0 || TICK_CLASS.test(attributes)) && !attributes.endsWith('/')) inTick++;
			continue;
		}
		if (inTick > 0) continue;
		const size = FONT_SIZE_ATTRIBUTE.exec(attributes)?.[1];
		if (size !== undefined) seen(Number(size));
	}
	return {
		width: Number(box[1]),
		height: Number(box[2]),
		smallestText: smallest === Infinity ? DEFAULT_TEXT : smallest,
	};
}

/** The text of each `<style>` element, in one pass (a `<style/>` without an end tag holds none). */
function* styleSheets(svg: string): Generator<string> {
	for (let at = svg.indexOf('<style'); at !== -1; ) {
		const open = svg.indexOf('>', at);
		if (open === -1) return;
		if (svg[open - 1] === '/') {
			at = svg.indexOf('<style', open);
			continue;
		}
		const close = svg.indexOf('</style>', open);
		if (close === -1) return;
		yield svg.slice(open + 1, close);
		at = svg.indexOf('<style', close);
	}
}

/**
 * A diagram as a file of its own (the full-size link of its figure): ids instantiated, drawn at
 * its natural size on white, whatever page it came from.
 */
export function standaloneSvg(template: string, alt: string): string {
	const svg = instantiateSvg(template, { prefix: 'd-', alt });
	const metrics = svgMetrics(svg);
	const xml = svgAsXml(
		svg,
		metrics
			? { style: 'background: #fff', height: String(Math.ceil(metrics.height)), width: String(Math.ceil(metrics.width)) }
			: {},
	);
	return `<?xml version="1.0" encoding="UTF-8"?>\n${xml ?? svg}\n`;
}
