// Evidence is untrusted input: its addresses become links only when they are absolute http(s)
// URLs. Everything else (javascript:, data:, relative paths) stays text, which Astro escapes.
import { COMMIT_ID } from '../core/schemas/common.ts';

/** The address as a link target if it is an absolute http(s) URL, else undefined. */
export function httpUrl(value: string | undefined): string | undefined {
	const text = value?.trim();
	if (!text || !/^https?:\/\//i.test(text)) return undefined;
	try {
		const url = new URL(text);
		return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
	} catch {
		return undefined;
	}
}

/** A commit's page on a GitHub-style host (`<repo>/commit/<sha>`), when the repository is http(s). */
export function commitUrl(repository: string | undefined, sha: string | undefined): string | undefined {
	const repo = httpUrl(repository);
	if (!repo || !sha || !COMMIT_ID.test(sha)) return undefined;
	return `${repo.replace(/\/+$/, '')}/commit/${sha}`;
}

export interface TextPart {
	text: string;
	/** Set when the part is an http(s) URL to link. */
	href?: string;
}

// Stops at whitespace, quotes and angle brackets; trailing punctuation is trimmed below.
const URL_IN_TEXT = /https?:\/\/[^\s<>"'`]+/gi;

/** Splits free text (a failure message) into plain parts and http(s) links, in order. */
export function linkParts(text: string): TextPart[] {
	const parts: TextPart[] = [];
	let last = 0;
	for (const match of text.matchAll(URL_IN_TEXT)) {
		const raw = match[0].replace(/[.,;:!?)\]}]+$/, '');
		const href = httpUrl(raw);
		if (!href) continue;
		if (match.index > last) parts.push({ text: text.slice(last, match.index) });
		parts.push({ text: raw, href });
		last = match.index + raw.length;
	}
	if (last < text.length) parts.push({ text: text.slice(last) });
	return parts;
}
