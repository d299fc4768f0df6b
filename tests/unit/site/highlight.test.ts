// Code blocks are highlighted whole however busy the machine: Shiki's per-line time limit is lifted.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createHighlighter, type ShikiTransformer } from 'shiki';
import { afterAll, describe, expect, it } from 'vitest';
import { completeHighlighting } from '../../../src/integrations/highlight.ts';
import phasebook from '../../../src/integrations/phasebook.ts';

// A machine so starved that every line runs out of time: what a 500 ms limit is under heavy load.
const starved: ShikiTransformer = {
	name: 'starved',
	preprocess(_code, options) {
		options.tokenizeTimeLimit = 1;
	},
};

// One long line of TypeScript, far more than a millisecond's work for the tokenizer.
const line = `const total = ${Array.from({ length: 3000 }, (_, i) => `price${i}(items[${i}], "note ${i}")`).join(' + ')};`;

describe('highlighting', async () => {
	const highlighter = await createHighlighter({ themes: ['github-dark'], langs: ['ts'] });
	afterAll(() => highlighter.dispose());
	const spans = (transformers: ShikiTransformer[], options: { tokenizeTimeLimit?: number } = {}) => (highlighter.codeToHtml(line, { lang: 'ts', theme: 'github-dark', transformers, ...options }).match(/<span /g) ?? []).length;
	// The line highlighted whole: no limit asked of Shiki directly (its default could cut it short on a busy machine).
	const whole = spans([], { tokenizeTimeLimit: 0 });

	it('a line that runs out of time is left mostly plain (what the limit does)', () => {
		expect(spans([starved])).toBeLessThan(whole / 2);
	});

	it('with the limit lifted, the line is highlighted whole however long it takes', () => {
		expect(spans([starved, completeHighlighting])).toBe(whole);
	});

	it('the integration appends it to the site’s Markdown settings, after the program’s own transformers', async () => {
		const root = mkdtempSync(join(tmpdir(), 'phasebook-highlight-'));
		try {
			const updates: Record<string, unknown>[] = [];
			const setup = phasebook().hooks['astro:config:setup']!;
			await (setup as (options: unknown) => Promise<void>)({
				config: { root: pathToFileURL(`${root}/`), publicDir: pathToFileURL(`${root}/public/`), base: '/', site: undefined, markdown: { processor: { name: 'satteri', options: { mdastPlugins: [] } } } },
				command: 'sync',
				updateConfig: (update: Record<string, unknown>) => updates.push(update),
				injectRoute: () => {},
				addMiddleware: () => {},
				logger: { warn: () => {}, info: () => {} },
			});
			const markdown = updates.map((u) => u['markdown'] as { shikiConfig?: { transformers?: unknown[] } } | undefined).find(Boolean);
			expect(markdown?.shikiConfig?.transformers).toEqual([completeHighlighting]);
		} finally {
			rmSync(root, { recursive: true, force: true });
		}
	});
});
