// A body's sections: each section's content is its lines between its heading and the next heading
// of equal or higher rank, joined with '\n', whatever line endings the file uses.
import { describe, expect, it } from 'vitest';
import { parseBody } from '../../../src/core/markdown/sections.ts';

const BODY = [
	'Intro before any heading.',
	'## Summary',
	'',
	'First paragraph.',
	'### Detail',
	'Nested text.',
	'## Empty',
	'Setext',
	'------',
	'',
	'Under a setext heading.',
	'## Last',
	'Last line, no newline after it.',
].join('\n');

const contents = (body: string) => parseBody(body).sections.map((s) => [s.heading.text, s.startLine, s.endLine, s.content]);

describe('parseBody sections', () => {
	it('ok: the content of each section, sub-sections included, an empty one empty, a setext underline left out', () => {
		expect(contents(BODY)).toEqual([
			['Summary', 3, 6, '\nFirst paragraph.\n### Detail\nNested text.'],
			['Detail', 6, 6, 'Nested text.'],
			['Empty', 8, 7, ''],
			['Setext', 10, 11, '\nUnder a setext heading.'],
			['Last', 13, 13, 'Last line, no newline after it.'],
		]);
	});

	it('ok: a trailing newline is a last empty line of the last section', () => {
		expect(contents(`${BODY}\n`).at(-1)).toEqual(['Last', 13, 14, 'Last line, no newline after it.\n']);
	});

	it('ok: CRLF line endings give the same sections with LF-joined content', () => {
		expect(contents(BODY.replaceAll('\n', '\r\n'))).toEqual(contents(BODY));
		expect(contents(`${BODY}\r\n`)).toEqual(contents(`${BODY}\n`));
	});
});
