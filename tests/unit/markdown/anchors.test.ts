// The check's heading anchors are the ids the site's renderer gives: each body is compiled by the
// Sätteri MDX compiler with Astro's own heading-id plugin, as the build compiles it, and the two
// lists compared.
import { satteriHeadingIdsPlugin } from '@astrojs/markdown-satteri';
import { mdxToJs } from 'satteri';
import { describe, expect, it } from 'vitest';
import { bodyAnchors, isPageFurniture } from '../../../src/core/markdown/anchors.ts';
import { parseBody } from '../../../src/core/markdown/sections.ts';

async function renderedIds(body: string): Promise<string[]> {
	const astro = { frontmatter: {}, headings: [] as { depth: number; slug: string; text: string }[], localImagePaths: new Set<string>(), remoteImagePaths: new Set<string>() };
	const { code, data } = await mdxToJs(body, {
		hastPlugins: [satteriHeadingIdsPlugin()],
		features: { gfm: true, smartPunctuation: true },
		jsxImportSource: 'astro',
		elementAttributeNameCase: 'html',
		data: { astro },
	});
	const headings = (data as { astro: typeof astro }).astro.headings.map((h) => h.slug);
	// And the ids HTML in the body writes, as the compiled module carries them.
	const written = [...code.matchAll(/\bid: "([^"]+)"/g)].map((m) => m[1]!).filter((id) => !headings.includes(id));
	return [...written, ...headings];
}

const HEADINGS = [
	'## Symptom and impact',
	'## Root cause:',
	'## Hello -- world...',
	'## a---b',
	'## "Quoted" & it\'s',
	"## `__init__` and snake_case and `_private`",
	'## [Link](https://example.com) **bold** *it*',
	'## Café Ünïcode 日本',
	'## &amp; &#169; x &#x26;',
	'## Trailing #',
	'## Hello -- world...',
	'### Timeline',
	'#### Timeline',
	'## Non&nbsp;breaking',
	'## Step 1. (optional) {/* optional */}',
	'## 100% of REQ-1.1/REQ-1.2 — met',
	'## Two  spaces and\ta tab',
	'## `code  span` in it',
	'## Added {/* optional */}',
	'Setext heading\n---',
	'Setext *one*\n===',
];

describe('heading anchors', () => {
	it('are the ids the renderer gives every heading the check can read, duplicates numbered', async () => {
		const body = HEADINGS.map((h) => `${h}\n\nText.\n`).join('\n');
		const anchors = bodyAnchors(parseBody(body));
		expect(anchors).toBeDefined();
		expect(anchors).toEqual(await renderedIds(body));
		expect(anchors).toContain('timeline-1');
		expect(anchors).toContain('hello--world-1');
		expect(anchors).toContain('__init__-and-snake_case-and-_private');
	});

	it('take in the ids HTML writes, and none from code or comments', async () => {
		const body = '<a id="pinned"></a>\n\n## Title\n\n<div id=\'box\'>\n\nText\n\n</div>\n\n```html\n<a id="not-this"></a>\n```\n\n{/* <a id="nor-this"></a> */}\n';
		const anchors = bodyAnchors(parseBody(body));
		expect(anchors).toEqual(['pinned', 'box', 'title']);
		expect(new Set(anchors)).toEqual(new Set(await renderedIds(body)));
	});

	it('are unknown when a heading reads differently rendered, or the body may make ids of its own', () => {
		for (const body of [
			'## Version {frontmatter.version}',
			'## A <abbr>heading</abbr>',
			'## Escaped \\*star\\*',
			'## ![logo](./logo.png) Title',
			'## A [reference][ref]\n\n[ref]: https://example.com',
			'## Note[^1]\n\n[^1]: The note.',
			'> ## Quoted heading',
			'- ## Listed heading',
			'<details>\n\n## Inside HTML\n\n</details>',
			'## Title\n\n<Callout>Text</Callout>',
			'## A ---- run',
			'## Named &hellip; entity',
			// An underscore at a word's edge: emphasis, or text when nothing pairs with it.
			'## _emph_ and __strong__',
			'## _leading underscore',
			'## foo_bar_baz_',
			'A setext heading\nover two lines\n---',
		]) {
			expect(bodyAnchors(parseBody(body)), body).toBeUndefined();
		}
	});

	it('page furniture: the top, the site’s own parts, footnotes', () => {
		expect(['_top', 'pb-main', 'fn-1', 'fnref-1', 'footnote-label', 'user-content-fn-1'].every(isPageFurniture)).toBe(true);
		expect(isPageFurniture('timeline')).toBe(false);
	});
});
