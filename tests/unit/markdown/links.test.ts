// The link scanner reads a destination as the site's renderer does: every short destination over
// the characters that matter, and random longer ones, rendered by Sätteri and scanned, must give
// the same links with the same hrefs.
import { markdownToHtml } from 'satteri';
import { describe, expect, it } from 'vitest';
import { decodeEntities } from '../../../src/core/entities.ts';
import { inlineLinks } from '../../../src/core/markdown/links.ts';
import { randomStrings, strings } from '../../helpers/strings.ts';

/** The hrefs of the links the renderer makes of each line, rendered as paragraphs of one document. */
async function renderedHrefs(lines: string[]): Promise<string[][]> {
	const { html } = await markdownToHtml(lines.join('\n\n'), { features: { gfm: true, smartPunctuation: true } });
	const paragraphs = html.split('</p>').slice(0, -1);
	expect(paragraphs).toHaveLength(lines.length);
	return paragraphs.map((p) => [...p.matchAll(/<a href="([^"]*)"/g)].map((m) => decodeURI(decodeEntities(m[1]!))).filter((href) => href !== ''));
}

describe('inline links', () => {
	it('read destinations as the renderer does: <spaced paths>, paired and escaped parentheses, titles', async () => {
		const destinations = [...strings('()<> "\'a\\', 5), ...randomStrings('()<> "\'ab\\', 14, 6000, 29)];
		const lines = destinations.map((d) => `[t](${d}`);
		const rendered = await renderedHrefs(lines);
		lines.forEach((line, i) => {
			expect(inlineLinks(line).map((l) => l.href), JSON.stringify(line)).toEqual(rendered[i]);
		});
	});

	it('pair brackets as the renderer does: brackets and images in a link\'s text, escaped brackets, no nested links', async () => {
		const lines = [...strings('[]()!a\\', 6), ...randomStrings('()[]! ab\\', 16, 8000, 3)].map((d) => `x ${d}`);
		const { html } = await markdownToHtml(lines.join('\n\n'), { features: { gfm: true, smartPunctuation: true } });
		const paragraphs = html.split('</p>').slice(0, -1);
		expect(paragraphs).toHaveLength(lines.length);
		lines.forEach((line, i) => {
			const rendered = [...paragraphs[i]!.matchAll(/<(?:a href|img src)="([^"]*)"/g)].map((m) => decodeURI(decodeEntities(m[1]!))).filter((href) => href !== '');
			expect(inlineLinks(line).map((l) => l.href).sort(), JSON.stringify(line)).toEqual(rendered.sort());
		});
	});

	it('examples', () => {
		const hrefs = (line: string) => inlineLinks(line).map((l) => l.href);
		expect(hrefs('See [the spec](<./no such file.mdx>) and [Foo](https://en.wikipedia.org/wiki/Foo_(bar)).')).toEqual(['./no such file.mdx', 'https://en.wikipedia.org/wiki/Foo_(bar)']);
		expect(hrefs('[a](./a\\(1\\).mdx "Title") [b](b.mdx \'t\') [c](c.mdx (t))')).toEqual(['./a(1).mdx', 'b.mdx', 'c.mdx']);
		expect(hrefs('[unpaired](a(b) [spaced](a b)')).toEqual([]);
		expect(hrefs('[entity](../src/a&amp;b.ts) [number](a&#95;b.ts)')).toEqual(['../src/a&b.ts', 'a_b.ts']);
		expect(hrefs('[![build](./badge.svg)](./ci.mdx) and [a [nested] text](./b.mdx) and \\[not](./c.mdx)')).toEqual(['./ci.mdx', './badge.svg', './b.mdx']);
	});
});
