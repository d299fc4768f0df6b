// Splits a body into sections by heading and judges whether a section has real content.
import { collapseWhitespace, COMMENT_DELIMITERS, replaceDelimited } from './delimited.ts';
import { headingKey, headingsIn, lineKinds, type Heading, type LineKind } from './headings.ts';

export interface Section {
	heading: Heading;
	key: string;
	/** 1-based body lines of the content, heading excluded, up to the next heading of equal or higher rank. */
	startLine: number;
	endLine: number;
	/** The content, sub-sections included. */
	content: string;
}

export interface ParsedBody {
	lines: string[];
	/** Per line: prose (true) or code, comment or JSX (false). */
	mask: boolean[];
	/** Per line: which of those it is. */
	kinds: LineKind[];
	headings: Heading[];
	sections: Section[];
}

const parsedBodies = new WeakMap<object, ParsedBody>();

/** `parseBody` of a document's body, computed once per document (sections, readiness and links share it). */
export function parsedBodyOf(doc: { body: string }): ParsedBody {
	let parsed = parsedBodies.get(doc);
	if (!parsed) {
		parsed = parseBody(doc.body);
		parsedBodies.set(doc, parsed);
	}
	return parsed;
}

export function parseBody(body: string): ParsedBody {
	// Without a CR, each section's content is a slice of the body, which shares its characters;
	// joining its lines copied every body once more (the garbage of a 10,000-document check).
	const crlf = body.includes('\r');
	const lines = crlf ? body.split(/\r?\n/) : body.split('\n');
	const starts = crlf ? [] : lineStarts(lines);
	const kinds = lineKinds(lines);
	const mask = kinds.map((kind) => kind === 'prose');
	const headings = headingsIn(lines, mask);
	const sections = headings.map((heading, index) => {
		let end = lines.length;
		for (let j = index + 1; j < headings.length; j++) {
			if (headings[j]!.depth <= heading.depth) {
				end = headings[j]!.line - 1;
				break;
			}
		}
		// A setext heading's underline is part of the heading.
		const underline = /^ {0,3}(=+|-+)\s*$/.test(lines[heading.line] ?? '') && !/^ {0,3}#/.test(lines[heading.line - 1] ?? '');
		const startLine = heading.line + (underline ? 2 : 1);
		return {
			heading,
			key: headingKey(heading.text),
			startLine,
			endLine: end,
			content: crlf ? lines.slice(startLine - 1, end).join('\n') : startLine > end ? '' : body.slice(starts[startLine - 1], starts[end - 1]! + lines[end - 1]!.length),
		};
	});
	return { lines, mask, kinds, headings, sections };
}

/** Where each line starts in the text the lines were split from ('\n' only). */
function lineStarts(lines: readonly string[]): number[] {
	const starts = new Array<number>(lines.length);
	let at = 0;
	for (let i = 0; i < lines.length; i++) {
		starts[i] = at;
		at += lines[i]!.length + 1;
	}
	return starts;
}

/** Words that stand in for content, each whole; any number of them is still no content. */
const PLACEHOLDERS = /\b(?:tbd|tbc|todo|fixme|xxx|placeholder|coming soon|lorem ipsum)\b/gi;
/** Filler text: "Lorem ipsum dolor sit amet, …" is a placeholder however long it runs. */
const FILLER = /^lorem ipsum\b/i;
/** A note to self in place of the section: "TODO: write this", "TBD - after the review". */
const NOTE_TO_SELF = /^(?:tbd|tbc|todo|fixme|xxx)\b(?=\s*[:(-])[^\n]{0,60}$/i;

/** Content with comments removed and whitespace collapsed: what a reader would see as text. */
export function visibleText(content: string): string {
	return collapseWhitespace(replaceDelimited(content, COMMENT_DELIMITERS, ' ')).trim();
}

/** The visible text of the first `window` characters, headings left out; a comment the cut opens is dropped. */
function visibleHead(content: string, window: number): string {
	const head = content.length > window ? replaceDelimited(content.slice(0, window), COMMENT_DELIMITERS, ' ', { dropUnclosed: true }) : content;
	return visibleText(head.replace(/^ {0,3}#{1,6}(?:[ \t].*)?$/gm, ''));
}

/** Whether a section is empty needs only its start: past this many characters it has content. */
const EMPTINESS_WINDOW = 4096;

/**
 * Whether a section holds nothing a reader could use: only whitespace, comments, placeholders
 * such as TBD/TODO, or exactly what the template put there (an empty table, a stub diagram).
 * Sub-section headings are not content of their own. `templateText` is `visibleText` of the
 * template's section.
 */
export function isEmptySection(content: string, templateText = ''): boolean {
	const enough = templateText.length + 200;
	// Most sections are settled by their first few hundred characters, read first; reading 4 KB of
	// every section cost 0.7 s of a 10,000-document check. A cut can show at most a few characters
	// the longer read would hide (half a comment opener), hence the margin.
	const glance = enough + 300;
	if (content.length > glance && visibleHead(content, glance).length > enough + 8) return false;
	const text = visibleHead(content, EMPTINESS_WINDOW + templateText.length);
	if (text === '') return true;
	if (text.length > enough) return false;
	const words = text.replace(/[-*_.…:!>#|\s]+/g, ' ').trim();
	if (words.replace(PLACEHOLDERS, '').trim() === '' || FILLER.test(words) || NOTE_TO_SELF.test(text)) return true;
	return templateText !== '' && text === templateText;
}
