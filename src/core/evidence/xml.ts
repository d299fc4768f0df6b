// Safe XML reading for reports: no DTD, no entity expansion, located well-formedness errors.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { EvidenceError, errorAt } from './errors.ts';
import { guardText } from './text.ts';

/** An element: attributes under `@`, text under `#text`, CDATA under `#cdata`, children by tag name. */
export interface XmlNode {
	'@'?: Record<string, string>;
	'#text'?: string;
	'#cdata'?: XmlNode[];
	[tag: string]: unknown;
}

export interface XmlDocument {
	rootName: string;
	root: XmlNode;
}

const parser = new XMLParser({
	ignoreAttributes: false,
	attributeNamePrefix: '',
	attributesGroupName: '@',
	// No entity expansion at all: DTD entities are how XXE attacks read files and fetch URLs.
	// The five predefined entities and character references are decoded by decodeEntities().
	processEntities: false,
	htmlEntities: false,
	parseTagValue: false,
	parseAttributeValue: false,
	ignoreDeclaration: true,
	ignorePiTags: true,
	alwaysCreateTextNode: true,
	cdataPropName: '#cdata',
	isArray: (_name: string, _path: unknown, _leaf: boolean, isAttribute: boolean) => !isAttribute,
	// Captured output is never read and can be most of a report; skip parsing inside it.
	stopNodes: ['..system-out', '..system-err', '..stackTrace'],
});

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const ENTITY = /&(?:#x([0-9a-fA-F]+)|#(\d+)|(lt|gt|amp|quot|apos));/g;

/** Decodes the predefined XML entities and character references; any other `&name;` stays literal. */
export function decodeEntities(value: string): string {
	if (!value.includes('&')) return value;
	return value.replace(ENTITY, (whole, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
		if (name) return PREDEFINED[name]!;
		const code = hex ? Number.parseInt(hex, 16) : Number(dec);
		return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
	});
}

/** Rejects any markup declaration (`<!DOCTYPE`, `<!ENTITY`, ...) outside comments and CDATA. */
function rejectDeclarations(text: string, file: string): void {
	for (let i = text.indexOf('<!'); i !== -1; i = text.indexOf('<!', i + 2)) {
		if (text.startsWith('<!--', i)) {
			const end = text.indexOf('-->', i + 4);
			if (end === -1) return; // the validator reports the unclosed comment
			i = end + 1;
		} else if (text.startsWith('<![CDATA[', i)) {
			const end = text.indexOf(']]>', i + 9);
			if (end === -1) return;
			i = end + 1;
		} else {
			const what = /^<!([A-Za-z]*)/.exec(text.slice(i, i + 20))?.[1] || 'markup';
			throw errorAt(
				file,
				text,
				i,
				`Unexpected <!${what} declaration: DTDs and entity declarations are not allowed in a report (they can make an XML parser read local files or fetch URLs)`,
			);
		}
	}
}

/** fast-xml-parser reports unclosed tags at 1:1 with a JSON list; say what a person needs instead. */
function validationError(text: string, file: string, err: { msg: string; line?: number; col?: number }) {
	const unclosed = /^Invalid '\[(.*)\]' found\.$/s.exec(err.msg);
	if (unclosed) {
		const tags = [...unclosed[1]!.matchAll(/"([^"]+)"/g)].map((m) => `</${m[1]}>`).reverse();
		return errorAt(
			file,
			text,
			text.trimEnd().length,
			`Unexpected end of file, expected ${tags.join(', ')} (the report looks truncated)`,
		);
	}
	return new EvidenceError(err.msg, { file, line: err.line ?? 1, column: err.col ?? 1 });
}

/** Parses a report's XML text. Every element is an array of nodes, whatever its count. */
export function parseXml(text: string, file: string): XmlDocument {
	guardText(text, file);
	rejectDeclarations(text, file);
	const valid = XMLValidator.validate(text);
	if (valid !== true) throw validationError(text, file, valid.err);
	let parsed: Record<string, XmlNode[]>;
	try {
		parsed = parser.parse(text) as Record<string, XmlNode[]>;
	} catch (error) {
		throw new EvidenceError(`Could not read the XML: ${(error as Error).message}`, { file, line: 1, column: 1 });
	}
	const roots = Object.entries(parsed)
		.filter((entry): entry is [string, XmlNode[]] => Array.isArray(entry[1]))
		.flatMap(([name, nodes]) => nodes.map((node) => ({ name, node })));
	if (roots.length !== 1) {
		const names = roots.map((r) => `<${r.name}>`).join(', ');
		throw new EvidenceError(`Expected one root element, found ${roots.length ? names : 'none'}`, { file, line: 1, column: 1 });
	}
	return { rootName: roots[0]!.name, root: roots[0]!.node };
}

/** The child elements named `tag` (always an array). */
export function children(node: XmlNode, tag: string): XmlNode[] {
	const value = node[tag];
	return Array.isArray(value) ? (value as XmlNode[]) : [];
}

/** An attribute's decoded value, or undefined. */
export function attr(node: XmlNode, name: string): string | undefined {
	const value = node['@']?.[name];
	return value === undefined ? undefined : decodeEntities(value);
}

/** The element's decoded text, CDATA included. */
export function textOf(node: XmlNode): string {
	const cdata = (node['#cdata'] ?? []).map((c) => c['#text'] ?? '').join('');
	return decodeEntities(node['#text'] ?? '') + cdata;
}
