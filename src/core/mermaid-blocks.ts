// Finds mermaid fenced code blocks in Markdown/MDX text, with their position and nearest heading.
import { atxHeading } from './markdown/headings.ts';
import { inlineLinks } from './markdown/links.ts';

export interface MermaidBlock {
	/** The diagram source as the Markdown parser sees it: fence indentation removed, no final newline. */
	source: string;
	/** 1-based line of the opening fence in the original file. */
	line: number;
	/** 1-based column of the opening fence. */
	column: number;
	/** The info string after the language, e.g. `title="Login flow"`. */
	meta: string;
	/** `title="…"` from the info string, when given. */
	title?: string;
	/** Text of the nearest heading above the block, when there is one. */
	heading?: string;
}

export interface ExtractOptions {
	/** Lines before the text in its file (e.g. the frontmatter), so lines are reported in the file. */
	lineOffset?: number;
}

interface OpenFence {
	char: string;
	size: number;
	indent: number;
	lang: string;
	meta: string;
	line: number;
	lines: string[];
	/** How many blockquote markers (`>`) the fence is inside, and how wide they are. */
	quotes: number;
	quoteWidth: number;
}

/** The blockquote markers a line starts with (`> > `), and how many. */
function quotePrefix(line: string): { prefix: string; depth: number } {
	const prefix = /^(?:[ \t]{0,3}>[ \t]?)*/.exec(line)![0];
	return { prefix, depth: (prefix.match(/>/g) ?? []).length };
}

const FENCE_OPEN = /^([ \t]*)(`{3,}|~{3,})(.*)$/;

/**
 * Every ```mermaid (or ~~~mermaid) block, skipping blocks nested in other fences.
 * Indentation is accepted at any depth because MDX has no indented code blocks: a fence inside a
 * list item is still a fence.
 */
export function extractMermaidBlocks(text: string, options: ExtractOptions = {}): MermaidBlock[] {
	const offset = options.lineOffset ?? 0;
	const lines = text.split(/\r?\n/);
	const blocks: MermaidBlock[] = [];
	let fence: OpenFence | undefined;
	let heading: string | undefined;

	const close = (open: OpenFence) => {
		if (open.lang !== 'mermaid') return;
		const title = /(?:^|\s)title=(?:"([^"]*)"|'([^']*)'|(\S+))/.exec(open.meta);
		const titleText = title?.[1] ?? title?.[2] ?? title?.[3];
		blocks.push({
			source: open.lines.join('\n'),
			line: open.line + offset,
			column: open.quoteWidth + open.indent + 1,
			meta: open.meta,
			...(titleText !== undefined && { title: titleText }),
			...(heading !== undefined && { heading }),
		});
	};

	lines.forEach((whole, index) => {
		// A fence inside a blockquote (`> ```mermaid`) is read without the quote's markers; the
		// blockquote's end (a line with fewer of them) ends the fence too.
		const quote = quotePrefix(whole);
		if (fence && quote.depth < fence.quotes) {
			close(fence);
			fence = undefined;
		}
		const line = fence ? stripQuotes(whole, fence.quotes) : whole.slice(quote.prefix.length);
		if (fence) {
			if (isClosingFence(line, fence)) {
				close(fence);
				fence = undefined;
			} else {
				fence.lines.push(stripIndent(line, fence.indent));
			}
			return;
		}
		const open = FENCE_OPEN.exec(line);
		if (open) {
			const [, indent = '', marker = '', info = ''] = open;
			// CommonMark: a backtick fence's info string may not contain backticks.
			if (marker.startsWith('`') && info.includes('`')) return;
			const trimmed = info.trim();
			const space = trimmed.search(/\s/);
			fence = {
				char: marker.charAt(0),
				size: marker.length,
				indent: indent.length,
				lang: space === -1 ? trimmed : trimmed.slice(0, space),
				meta: space === -1 ? '' : trimmed.slice(space + 1).trim(),
				line: index + 1,
				lines: [],
				quotes: quote.depth,
				quoteWidth: quote.prefix.length,
			};
			return;
		}
		const atx = atxHeading(line);
		if (atx && atx.text !== '') heading = plainHeading(atx.text);
	});
	// An unclosed fence runs to the end of the document.
	if (fence) close(fence);
	return blocks;
}

/** The mermaid blocks of one Markdown section (for the template rule that wants one per sub-section). */
export function mermaidBlocksIn(
	markdownSection: string,
	options: ExtractOptions = {},
): MermaidBlock[] {
	return extractMermaidBlocks(markdownSection, options);
}

/** Splits YAML frontmatter off a document, returning the body and the lines it started after. */
export function splitFrontmatter(text: string): { body: string; lineOffset: number } {
	// V8 tries the expression at every position of a text that does not start with it.
	if (!text.startsWith('---')) return { body: text, lineOffset: 0 };
	const match = /^---[ \t]*\r?\n(?:[\s\S]*?\r?\n)?---[ \t]*(?:\r?\n|$)/.exec(text);
	if (!match) return { body: text, lineOffset: 0 };
	const head = match[0];
	const lineOffset = head.split('\n').length - (head.endsWith('\n') ? 1 : 0);
	return { body: text.slice(head.length), lineOffset };
}

/** The mermaid blocks of a whole document file, with lines counted in the file. */
export function extractFromDocument(text: string): MermaidBlock[] {
	const { body, lineOffset } = splitFrontmatter(text);
	return extractMermaidBlocks(body, { lineOffset });
}

function isClosingFence(line: string, fence: OpenFence): boolean {
	const match = /^([ \t]*)(`+|~+)[ \t]*$/.exec(line);
	if (!match) return false;
	const [, indent = '', marker = ''] = match;
	return (
		marker.charAt(0) === fence.char &&
		marker.length >= fence.size &&
		indent.length <= fence.indent + 3
	);
}

/** `line` without its first `depth` blockquote markers (and the space after each). */
function stripQuotes(line: string, depth: number): string {
	let rest = line;
	for (let i = 0; i < depth; i++) rest = rest.replace(/^[ \t]{0,3}>[ \t]?/, '');
	return rest;
}

function stripIndent(line: string, indent: number): string {
	let index = 0;
	while (index < indent && line.charAt(index) === ' ') index++;
	return line.slice(index);
}

/** Heading text without the inline Markdown an alt text should not read out. */
function plainHeading(raw: string): string {
	let text = '';
	let last = 0;
	for (const link of inlineLinks(raw)) {
		text += raw.slice(last, link.start) + link.text;
		last = link.end;
	}
	return (text + raw.slice(last)).replace(/[`*_]/g, '').trim();
}
