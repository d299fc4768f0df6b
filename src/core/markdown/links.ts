// Inline links `[text](destination "title")` on a line, found in one pass.
// It replaces `/\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g`, which took quadratic time on
// a line of `[`s (every `[` scanned to the end of the line); the matches are the same.

export interface InlineLink {
	/** Offset of the `[` (or of the `!` of an image). */
	start: number;
	/** Offset just past the closing `)`. */
	end: number;
	text: string;
	href: string;
}

const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c);

/** What earlier attempts on the line found, so no stretch of it is scanned twice. */
interface Memo {
	/** No `"` from here on. */
	noQuoteFrom: number;
	/** The last destination scanned: every character in between is part of a destination. */
	destinationStart: number;
	destinationEnd: number;
}

/**
 * The destination part after `](`: `\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)`.
 */
function destination(
	line: string,
	from: number,
	memo: Memo,
): { href: string; end: number } | undefined {
	const stop = (c: string | undefined) => c === undefined || c === ')' || c === '>' || isSpace(c);
	let i = from;
	while (isSpace(line[i])) i++;
	// The `<` is a delimiter only when a destination follows it; otherwise it is the destination.
	const start = line[i] === '<' && !stop(line[i + 1]) ? i + 1 : i;
	// Every destination that starts inside the last one scanned ends where it ended.
	if (start > memo.destinationStart && start < memo.destinationEnd) i = memo.destinationEnd;
	else {
		i = start;
		while (!stop(line[i])) i++;
		memo.destinationStart = start;
		memo.destinationEnd = i;
	}
	if (i === start) return undefined;
	const href = line.slice(start, i);
	if (line[i] === '>') i++;
	let j = i;
	while (isSpace(line[j])) j++;
	if (j > i && line[j] === '"' && j + 1 < memo.noQuoteFrom) {
		const close = line.indexOf('"', j + 1);
		if (close === -1) memo.noQuoteFrom = j + 1;
		else {
			let k = close + 1;
			while (isSpace(line[k])) k++;
			if (line[k] === ')') return { href, end: k + 1 };
		}
	}
	return line[j] === ')' ? { href, end: j + 1 } : undefined;
}

/** The inline links of one line, leftmost first; an image's `!` is part of its link. */
export function inlineLinks(line: string): InlineLink[] {
	const links: InlineLink[] = [];
	const memo: Memo = { noQuoteFrom: Infinity, destinationStart: -1, destinationEnd: -1 };
	// The text of a link holds no `]`, so it opens at the first `[` after the last `]`.
	let open = -1;
	for (let i = 0; i < line.length; i++) {
		const c = line[i];
		if (c === '[') {
			if (open === -1) open = i;
		} else if (c === ']') {
			const found = open !== -1 && line[i + 1] === '(' ? destination(line, i + 2, memo) : undefined;
			if (found) {
				const start = open > 0 && line[open - 1] === '!' ? open - 1 : open;
				links.push({ start, end: found.end, text: line.slice(open + 1, i), href: found.href });
				i = found.end - 1;
			}
			open = -1;
		}
	}
	return links;
}
