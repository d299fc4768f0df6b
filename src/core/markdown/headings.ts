// Finds the headings of a Markdown/MDX body with a line scan: fast enough for a pre-commit hook.
// Headings inside fenced code, HTML or MDX comments and JSX elements do not count.

export interface Heading {
	depth: number;
	/** Heading text as written, without the markers and without inline comments. */
	text: string;
	/** 1-based line in the body. */
	line: number;
	/** True when the heading carries an "optional" MDX comment marker (used by templates). */
	optional: boolean;
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;
const JSX_OPEN = /^ {0,3}<([A-Za-z][\w.:-]*)(?=[\s/>]|$)/;
const INLINE_COMMENT = /\{\/\*[\s\S]*?\*\/\}|<!--[\s\S]*?-->/g;
const OPTIONAL_MARKER = /\{\/\*\s*optional\s*\*\/\}/i;

/** Normalises heading text for comparison: case, whitespace and trailing punctuation ignored. */
export function headingKey(text: string): string {
	return text
		.replace(INLINE_COMMENT, '')
		.replace(/\{#[^}]*\}\s*$/, '')
		.replace(/[*_`]/g, '')
		.replace(/\s+/g, ' ')
		.trim()
		.replace(/[\s.:;,!?…]+$/u, '')
		.toLowerCase();
}

function cleanText(raw: string): string {
	return raw.replace(INLINE_COMMENT, '').replace(/\s+/g, ' ').trim();
}

/** True when a line could continue a paragraph, so a following `---`/`===` makes it a heading. */
function isParagraphLine(line: string): boolean {
	if (line.trim() === '') return false;
	return !/^ {0,3}(?:[#>|]|[-*+][ \t]|\d+[.)][ \t]|<|\{|`{3}|~{3}|-{3,}\s*$|\*{3,}\s*$|_{3,}\s*$)/.test(
		line,
	);
}

/**
 * Yields, per line, whether it is prose (outside code, comments and JSX). One pass, no regex
 * backtracking across lines, so a 5 MB document costs the same per line as a small one.
 */
export function proseMask(lines: readonly string[]): boolean[] {
	const mask = new Array<boolean>(lines.length).fill(false);
	let fence: { char: string; size: number } | null = null;
	let comment: '*/}' | '-->' | null = null;
	let jsx: { tag: string; depth: number } | null = null;
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i]!;
		if (fence) {
			const close = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(line);
			if (close && close[1]![0] === fence.char && close[1]!.length >= fence.size) fence = null;
			continue;
		}
		if (comment) {
			if (line.includes(comment)) comment = null;
			continue;
		}
		if (jsx) {
			const opens = line.match(new RegExp(`<${jsx.tag}(?=[\\s/>]|$)`, 'g'))?.length ?? 0;
			const closes = line.match(new RegExp(`</${jsx.tag}\\s*>`, 'g'))?.length ?? 0;
			jsx.depth += opens - closes;
			if (jsx.depth <= 0) jsx = null;
			continue;
		}
		const open = FENCE_OPEN.exec(line);
		if (open && !(open[1]![0] === '`' && open[2]!.includes('`'))) {
			fence = { char: open[1]![0]!, size: open[1]!.length };
			continue;
		}
		const trimmed = line.trimStart();
		if (trimmed.startsWith('{/*') || trimmed.startsWith('<!--')) {
			const end = trimmed.startsWith('{/*') ? '*/}' : '-->';
			if (!trimmed.slice(3).includes(end)) comment = end;
			continue;
		}
		const tag = JSX_OPEN.exec(line);
		if (tag) {
			const name = tag[1]!;
			const selfClosing = /\/>\s*$/.test(line) && !line.includes(`</${name}`);
			const opens = line.match(new RegExp(`<${name}(?=[\\s/>]|$)`, 'g'))?.length ?? 0;
			const closes = line.match(new RegExp(`</${name}\\s*>`, 'g'))?.length ?? 0;
			if (!selfClosing && opens > closes) jsx = { tag: name, depth: opens - closes };
			continue;
		}
		mask[i] = true;
	}
	return mask;
}

export function findHeadings(body: string): Heading[] {
	const lines = body.split(/\r?\n/);
	return headingsIn(lines, proseMask(lines));
}

/** Headings of already split lines with their prose mask (see `proseMask`). */
export function headingsIn(lines: readonly string[], mask: readonly boolean[]): Heading[] {
	const headings: Heading[] = [];
	for (let i = 0; i < lines.length; i++) {
		if (!mask[i]) continue;
		const line = lines[i]!;
		const atx = ATX.exec(line);
		if (atx) {
			const raw = atx[2] ?? '';
			headings.push({
				depth: atx[1]!.length,
				text: cleanText(raw),
				line: i + 1,
				optional: OPTIONAL_MARKER.test(raw),
			});
			continue;
		}
		const next = lines[i + 1];
		if (next !== undefined && mask[i + 1] && isParagraphLine(line) && SETEXT.exec(next)) {
			// A setext heading's text is the whole paragraph above the underline.
			let start = i;
			while (start > 0 && mask[start - 1] && isParagraphLine(lines[start - 1]!)) start--;
			const raw = lines.slice(start, i + 1).join(' ');
			headings.push({
				depth: next.trim()[0] === '=' ? 1 : 2,
				text: cleanText(raw),
				line: start + 1,
				optional: OPTIONAL_MARKER.test(raw),
			});
			i++;
		}
	}
	return headings;
}
