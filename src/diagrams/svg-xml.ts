// A diagram's SVG as an XML file (its full-size link): what the HTML parser reads from the
// markup a page inlines, written out by XML's rules. Mermaid's markup is HTML (`&nbsp;`, `<br>`
// without a slash, `xlink:href` with no `xmlns:xlink`), which a browser that opens the file as
// XML refuses to show.
import { createRequire } from 'node:module';
import type { DefaultTreeAdapterTypes as Tree } from 'parse5';

const require = createRequire(import.meta.url);
let parse5: typeof import('parse5') | undefined;

const escapeText = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
const escapeValue = (value: string) =>
	escapeText(value).replaceAll('"', '&quot;').replaceAll('\t', '&#9;').replaceAll('\n', '&#10;').replaceAll('\r', '&#13;');

/**
 * The one `<svg>` element of `svg` as XML, with `replace` put in place of the root's attributes
 * of those names (undefined drops one). Undefined when the markup has no `<svg>` root.
 */
export function svgAsXml(svg: string, replace: Record<string, string | undefined> = {}): string | undefined {
	const { parseFragment, defaultTreeAdapter, html } = (parse5 ??= require('parse5') as typeof import('parse5'));
	const fragment = parseFragment(defaultTreeAdapter.createElement('div', html.NS.HTML, []), svg.trim(), {});
	const root = fragment.childNodes.find((node): node is Tree.Element => 'tagName' in node);
	if (!root || root.tagName !== 'svg' || root.namespaceURI !== html.NS.SVG) return undefined;
	const out: string[] = [];
	const write = (node: Tree.ChildNode, parentNamespace: string | undefined) => {
		if (node.nodeName === '#text') return void out.push(escapeText((node as Tree.TextNode).value));
		if (!('tagName' in node)) return;
		const attributes: string[] = [];
		if (node.namespaceURI !== parentNamespace) attributes.push(`xmlns="${node.namespaceURI}"`);
		if (node === root) attributes.push(`xmlns:xlink="${html.NS.XLINK}"`);
		for (const attribute of node.attrs) {
			const name = attribute.prefix ? `${attribute.prefix}:${attribute.name}` : attribute.name;
			if (name === 'xmlns' || name.startsWith('xmlns:') || (node === root && name in replace)) continue;
			attributes.push(`${name}="${escapeValue(attribute.value)}"`);
		}
		if (node === root) {
			for (const [name, value] of Object.entries(replace)) if (value !== undefined) attributes.unshift(`${name}="${escapeValue(value)}"`);
		}
		const open = `<${node.tagName}${attributes.map((attribute) => ` ${attribute}`).join('')}`;
		if (node.childNodes.length === 0) return void out.push(`${open}/>`);
		out.push(`${open}>`);
		for (const child of node.childNodes) write(child, node.namespaceURI);
		out.push(`</${node.tagName}>`);
	};
	write(root, undefined);
	return out.join('');
}
