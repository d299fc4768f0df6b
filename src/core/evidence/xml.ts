// Safe XML reading for reports: no DTD is read, no entity expanded; located well-formedness errors.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { EvidenceError, errorAt } from './errors.ts';
import { checkDeclarations } from './xml-declarations.ts';
import { guardText } from './text.ts';
import { decodeEntities } from '../entities.ts';

/** An element with decoded attributes, its child elements in document order and its text. */
export interface XmlElement {
	name: string;
	attrs: Record<string, string>;
	children: XmlElement[];
	/** Text and CDATA directly inside the element, concatenated. */
	text: string;
	/** 1-based line of its start tag, for messages about its attributes. */
	line: number;
}

export interface XmlDocument {
	rootName: string;
	root: XmlElement;
}

const parser = new XMLParser({
	// Document order matters: Node's runner and nested suites interleave cases and suites.
	preserveOrder: true,
	ignoreAttributes: false,
	attributeNamePrefix: '',
	// No entity expansion at all: DTD entities are how XXE attacks read files and fetch URLs.
	// The five predefined entities and character references are decoded by decodeEntities().
	processEntities: false,
	htmlEntities: false,
	parseTagValue: false,
	parseAttributeValue: false,
	ignoreDeclaration: true,
	ignorePiTags: true,
	cdataPropName: '#cdata',
	// Captured output is never read and can be most of a report; skip parsing inside it.
	stopNodes: ['..system-out', '..system-err', '..stackTrace'],
	// Where each element starts, so a reader can say at which line an attribute is wrong.
	captureMetaData: true,
});
const META = XMLParser.getMetaDataSymbol();

type RawNode = Record<string, unknown>;

/** fast-xml-parser reports unclosed tags at 1:1 with a JSON list; say what a person needs instead. */
function validationError(
	text: string,
	file: string,
	err: { msg: string; line?: number; col?: number },
) {
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
	// A well-formed document ends with ">"; anything else was cut off, whatever the parser says.
	const cut = text.trimEnd().endsWith('>')
		? ''
		: ' (the file ends mid-element; the report looks truncated)';
	return new EvidenceError(`${err.msg}${cut}`, { file, line: err.line ?? 1, column: err.col ?? 1 });
}

/** The 1-based line of an offset, by a binary search of the offsets where lines start. */
function lineFinder(text: string): (offset: number) => number {
	const starts = [0];
	for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
	return (offset) => {
		let [low, high] = [0, starts.length - 1];
		while (low < high) {
			const mid = (low + high + 1) >> 1;
			if (starts[mid]! <= offset) low = mid;
			else high = mid - 1;
		}
		return low + 1;
	};
}

/** fast-xml-parser's ordered output (`{tag: [children], ':@': attrs}`) as XmlElements. */
function convert(name: string, raw: RawNode, lineOf: (offset: number) => number): XmlElement {
	const attrs: Record<string, string> = {};
	for (const [key, value] of Object.entries((raw[':@'] ?? {}) as Record<string, string>)) {
		attrs[key] = decodeEntities(String(value));
	}
	const start = (raw as Record<symbol, { startIndex?: number } | undefined>)[META as symbol]?.startIndex;
	const element: XmlElement = { name, attrs, children: [], text: '', line: start === undefined ? 1 : lineOf(start) };
	for (const child of raw[name] as RawNode[]) {
		if ('#text' in child) element.text += decodeEntities(String(child['#text']));
		else if ('#cdata' in child)
			element.text += (child['#cdata'] as RawNode[]).map((t) => String(t['#text'] ?? '')).join('');
		else {
			const tag = Object.keys(child).find((key) => key !== ':@');
			if (tag) element.children.push(convert(tag, child, lineOf));
		}
	}
	return element;
}

/** fast-xml-parser's limit on nesting (its maxNestedTags), which it reports without a place. */
const MAX_NESTING = 100;

/** Where the first element nested deeper than {@link MAX_NESTING} starts, in well-formed XML. */
function tooDeep(xml: string): number | undefined {
	const text = xml.replace(LITERAL, (markup) => ' '.repeat(markup.length));
	let depth = 0;
	for (const tag of text.matchAll(/<(\/?)[^\s>/!?][^>]*?(\/?)>/g)) {
		if (tag[1]) depth--;
		else if (!tag[2] && ++depth > MAX_NESTING) return tag.index;
	}
	return undefined;
}

/** Markup whose text holds no references: CDATA sections, comments and processing instructions. */
const LITERAL = /<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>/g;

/** An `&` that starts none of XML's own references (the five entities, a character reference). */
const BAD_REFERENCE = /&(?!(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);)/g;

/**
 * Refuses, located, a reference to an entity XML does not define (`&xxe;`, declared in no DTD, as
 * none is read) or a bare `&`: the document is not well-formed, and its text would be stored with
 * the reference as written. The validator lets both through.
 */
function checkReferences(xml: string, file: string): void {
	if (!xml.includes('&')) return;
	const text = xml.replace(LITERAL, (markup) => markup.replace(/&/g, ' '));
	BAD_REFERENCE.lastIndex = 0;
	const bad = BAD_REFERENCE.exec(text);
	if (!bad) return;
	const written = /^&[^\s;<&]{0,30};?/.exec(text.slice(bad.index))![0];
	const what = written.endsWith(';') && written.length > 2 ? `A reference to the entity ${written}, which XML does not define (no DTD is read)` : 'An & that starts no reference (written as &amp; in XML)';
	throw errorAt(file, xml, bad.index, `${what}, so the report is not well-formed XML`);
}

/** XML's Char production: the characters a document may hold, written or by reference. */
function isXmlChar(code: number): boolean {
	return code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
}

const CHAR_REFERENCE = /&#(?:x([0-9a-fA-F]+)|([0-9]+));/y;

/**
 * Refuses, located, what fast-xml-parser lets through and has no option to refuse: a `<` inside an
 * attribute's value (`name="a<b"`, stored as written), and a character reference to no character
 * XML allows (`&#0;`, a lone surrogate `&#xD800;`, `&#99999999;`), which was stored as text or as
 * half a character. One pass, skipping comments, CDATA and processing instructions, whose text
 * holds neither markup nor references.
 */
function checkMarkup(xml: string, file: string): void {
	const notWellFormed = (offset: number, what: string) => errorAt(file, xml, offset, `${what}, so the report is not well-formed XML`);
	let quote: string | undefined;
	let inTag = false;
	for (let i = 0; i < xml.length; i++) {
		const c = xml[i];
		if (c === '&' && xml[i + 1] === '#') {
			CHAR_REFERENCE.lastIndex = i;
			const reference = CHAR_REFERENCE.exec(xml);
			if (reference) {
				const code = reference[1] ? Number.parseInt(reference[1], 16) : Number(reference[2]);
				if (!isXmlChar(code)) throw notWellFormed(i, `The character reference ${reference[0].length > 16 ? `${reference[0].slice(0, 15)}…` : reference[0]} names no character XML allows`);
			}
		} else if (quote) {
			if (c === quote) quote = undefined;
			else if (c === '<') throw notWellFormed(i, 'A < inside the value of an attribute (written as &lt; in XML)');
		} else if (inTag) {
			if (c === '"' || c === "'") quote = c;
			else if (c === '>') inTag = false;
		} else if (c === '<') {
			const end = xml.startsWith('<!--', i) ? xml.indexOf('-->', i + 4) : xml.startsWith('<![CDATA[', i) ? xml.indexOf(']]>', i + 9) : xml.startsWith('<?', i) ? xml.indexOf('?>', i + 2) : undefined;
			if (end === undefined) inTag = true;
			else if (end === -1) return; // unterminated: the validator has said so already
			else i = end;
		}
	}
}

/** Parses a report's XML text into elements. */
export function parseXml(text: string, file: string): XmlDocument {
	guardText(text, file);
	const doctype = checkDeclarations(text, file);
	// Spaces keep every later line and column where the user sees it.
	const xml = doctype
		? text.slice(0, doctype.start) +
			text.slice(doctype.start, doctype.end).replace(/[^\n]/g, ' ') +
			text.slice(doctype.end)
		: text;
	const valid = XMLValidator.validate(xml);
	if (valid !== true) throw validationError(xml, file, valid.err);
	checkReferences(xml, file);
	checkMarkup(xml, file);
	let parsed: RawNode[];
	try {
		parsed = parser.parse(xml) as RawNode[];
	} catch (error) {
		const deep = tooDeep(xml);
		if (deep !== undefined) throw errorAt(file, xml, deep, `Elements nested deeper than ${MAX_NESTING} levels, so the report is not read (a test report nests a few)`);
		throw new EvidenceError(`Could not read the XML: ${(error as Error).message}`, {
			file,
			line: 1,
			column: 1,
		});
	}
	const lineOf = lineFinder(xml);
	const roots = parsed.flatMap((node) => {
		const tag = Object.keys(node).find((key) => key !== ':@' && !key.startsWith('#'));
		return tag ? [convert(tag, node, lineOf)] : [];
	});
	if (roots.length !== 1) {
		const names = roots.map((r) => `<${r.name}>`).join(', ');
		throw new EvidenceError(`Expected one root element, found ${roots.length ? names : 'none'}`, {
			file,
			line: 1,
			column: 1,
		});
	}
	return { rootName: roots[0]!.name, root: roots[0]! };
}

/** The child elements named `tag`. */
export function children(element: XmlElement, tag: string): XmlElement[] {
	return element.children.filter((child) => child.name === tag);
}

/** Every element named `tag` below `element`, in document order. */
export function descendants(element: XmlElement, tag: string): XmlElement[] {
	const found: XmlElement[] = [];
	const visit = (node: XmlElement) => {
		for (const child of node.children) {
			if (child.name === tag) found.push(child);
			visit(child);
		}
	};
	visit(element);
	return found;
}

/** Checks the root element when the user named the format (detection already checked it). */
export function expectRoot(
	doc: XmlDocument,
	names: readonly string[],
	what: string,
	file: string,
): void {
	if (names.includes(doc.rootName)) return;
	const expected = names.map((n) => `<${n}>`).join(' or ');
	throw new EvidenceError(
		`Unexpected root element <${doc.rootName}>, expected ${expected} (${what})`,
		{
			file,
			line: 1,
			column: 1,
		},
	);
}
