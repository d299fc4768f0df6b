// Turns mermaid's error messages into a line in the diagram source and a one-line message.
import { replaceDelimited, type Delimiter } from '../core/markdown/delimited.ts';

/** Mermaid's `%%{init: …}%%` directives, which its line count leaves out. */
const DIRECTIVE: readonly Delimiter[] = [{ open: '%%{', close: '}%%' }];

export interface MermaidErrorInfo {
	message: string;
	/** Not mermaid's error but the drawing's: larger than mermaid draws, or one that would load from elsewhere. */
	rule?: 'diagrams/too-large' | 'diagrams/unsafe';
	/** Line and column mermaid reported, in the text it parsed (see {@link sourceLine}). */
	line?: number;
	column?: number;
}

export interface SourceLocation {
	/** 1-based line within the diagram source, when mermaid said where. */
	line?: number;
	/** 1-based column within that line, when known. */
	column?: number;
	/** Mermaid's message on one line, without its excerpt and caret. */
	message: string;
}

/** Reads "Parse error on line N[, column C]" from mermaid's (jison or langium) message. */
export function parseMermaidError(error: MermaidErrorInfo, source: string): SourceLocation {
	const raw = error.message.replace(/\r\n?/g, '\n');
	const position = /(?:Parse|Lexer) error on line (\d+)(?:, column (\d+))?/.exec(raw);
	const line = position?.[1] ? Number(position[1]) : error.line;
	const column = position?.[2] ? Number(position[2]) : error.column;
	const location: SourceLocation = { message: oneLine(raw) };
	if (line !== undefined) location.line = sourceLine(source, line);
	if (column !== undefined) location.column = column;
	return location;
}

/**
 * Mermaid numbers lines in its cleaned-up text: frontmatter and `%%` comment lines (with the blank
 * lines before them) removed, leading blank lines trimmed. Replays that to find the author's line.
 */
export function sourceLine(source: string, cleanedLine: number): number {
	const lines = source.replace(/\r\n?/g, '\n').split('\n');
	let start = 0;
	if (/^-{3}\s*$/.test(lines[0] ?? '')) {
		const end = lines.findIndex((line, index) => index > 0 && /^-{3}\s*$/.test(line));
		if (end !== -1) start = end + 1;
	}
	const kept: number[] = [];
	let blanks: number[] = [];
	for (let index = start; index < lines.length; index++) {
		const line = replaceDelimited(lines[index] ?? '', DIRECTIVE, '');
		if (/^\s*$/.test(line)) blanks.push(index);
		else if (/^\s*%%(?!\{)./.test(line)) blanks = [];
		else {
			// Leading blank lines are trimmed; later ones count.
			if (kept.length > 0) kept.push(...blanks);
			blanks = [];
			kept.push(index);
		}
	}
	kept.push(...blanks);
	const original = kept[cleanedLine - 1];
	return original === undefined ? Math.min(cleanedLine, lines.length) : original + 1;
}

/** Mermaid's message without the source excerpt and caret lines jison adds. */
function oneLine(message: string): string {
	const lines = message.split('\n').filter((line) => line.trim() !== '');
	if (lines.length >= 3 && /^-*\^$/.test(lines[2] ?? '')) {
		return [lines[0]?.replace(/:$/, ''), ...lines.slice(3)].join(': ');
	}
	return lines.join(' ').replace(/\s+/g, ' ').trim();
}
