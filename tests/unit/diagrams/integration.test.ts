// The diagrams integration's build hooks, driven as Astro drives them: a page waits for its diagrams
// only while a browser that has started renders them. A browser that exits at once is no browser,
// in the build as in the check.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AstroIntegrationLogger } from 'astro';
import { afterEach, describe, expect, it } from 'vitest';
import { diagramRegistry, resolveDeferredDiagrams } from '../../../src/diagrams/registry.ts';
import diagrams from '../../../src/integrations/diagrams.ts';

const SOURCE = 'flowchart LR\n  A --> B';
const DOCUMENT = `# A\n\n\`\`\`mermaid\n${SOURCE}\n\`\`\`\n`;
const saved = process.env['PHASEBOOK_BROWSER'];

afterEach(() => {
	if (saved === undefined) delete process.env['PHASEBOOK_BROWSER'];
	else process.env['PHASEBOOK_BROWSER'] = saved;
});

type Hook = (options: unknown) => unknown;

interface Plugin {
	before: (root: unknown, ctx: unknown) => void;
	code: (node: unknown, ctx: unknown) => unknown;
}

/**
 * A cold static build of one document with one diagram, nothing cached, run up to the page: the
 * hooks in Astro's order (with `contentSync`, the content sync's own server that Astro sets up
 * outside production, as under NODE_ENV=test), then the document's diagram through the Markdown
 * plugin the integration installed, then the page through the build's middleware step.
 */
async function buildPage(browser: string, options: { contentSync?: boolean } = {}) {
	process.env['PHASEBOOK_BROWSER'] = browser;
	const root = mkdtempSync(join(tmpdir(), 'pb-diagrams-integration-'));
	mkdirSync(join(root, 'content'));
	writeFileSync(join(root, 'content/a.md'), DOCUMENT);
	const logged: string[] = [];
	const logger = {
		info: () => {},
		debug: () => {},
		warn: (message: string) => logged.push(`warn ${message}`),
		error: (message: string) => logged.push(`error ${message}`),
	} as unknown as AstroIntegrationLogger;
	const plugins: Plugin[] = [];
	const config = {
		root: pathToFileURL(`${root}/`),
		srcDir: pathToFileURL(`${root}/src/`),
		base: '/',
		output: 'static',
		markdown: { processor: { name: 'satteri', options: { mdastPlugins: plugins } } },
	};
	const hooks = diagrams({ root, cacheDir: 'cache', strict: false }).hooks as Record<string, Hook>;
	await hooks['astro:config:setup']!({ config, command: 'build', logger, addMiddleware: () => {}, updateConfig: () => {} });
	await hooks['astro:config:done']!({ config: { ...config, adapter: undefined } });
	if (options.contentSync) await hooks['astro:server:setup']!({ server: { middlewares: { use: () => {} } }, logger });
	await hooks['astro:build:start']!({ logger });

	// The document compiles: its code block becomes the figure (plain Markdown: raw HTML).
	let figure = '';
	const ctx = {
		source: DOCUMENT,
		fileURL: pathToFileURL(join(root, 'content/a.md')),
		data: {},
		sourceFormat: 'markdown',
		replaceNode: (_node: unknown, html: { value: string }) => void (figure = html.value),
	};
	const [plugin] = plugins;
	plugin!.before(undefined, ctx);
	await plugin!.code({ type: 'code', lang: 'mermaid', value: SOURCE, position: { start: { line: 3, column: 1 } } }, ctx);
	// The page is generated: a placeholder left in it waits for its diagram (diagrams-middleware.ts).
	const page = await resolveDeferredDiagrams(`<main>${figure}</main>`);
	return { logged, page, deferred: diagramRegistry().deferral !== undefined };
}

describe('a cold build whose browser exits at once (PHASEBOOK_BROWSER=/bin/true)', () => {
	it('gives the page the client-side fallback, without waiting, and warns once with the reason', async () => {
		const { logged, page, deferred } = await buildPage('/bin/true');
		expect(deferred).toBe(false);
		expect(page).toContain(`<pre class="mermaid" aria-label="`);
		expect(page).toContain('/_phasebook/mermaid.min.js');
		expect(logged).toEqual([
			expect.stringMatching(
				/^warn Could not render 1 uncached diagram in content\/a\.md: the browser \/bin\/true did not start \(browserType\.launch: [^\n]+\); those pages render them in the browser instead\. /,
			),
		]);
	}, 60_000);

	it('gives the same page as a build with no browser at all', async () => {
		const exits = await buildPage('/bin/true');
		const none = await buildPage('/nonexistent/chromium');
		expect(exits.page).toBe(none.page);
		expect(none.logged).toEqual([
			// The value set is what is wrong: the warning names it, not "set PHASEBOOK_BROWSER".
			'warn Could not render 1 uncached diagram in content/a.md: PHASEBOOK_BROWSER=/nonexistent/chromium is not an executable file; those pages render them in the browser instead. Set PHASEBOOK_BROWSER to a Chromium or Chrome executable that starts, or install Chromium.',
		]);
	}, 60_000);

	it("warns once, not again from the content sync's server", async () => {
		for (const browser of ['/bin/true', '/nonexistent/chromium']) {
			const { logged, page } = await buildPage(browser, { contentSync: true });
			expect(page, browser).toContain('<pre class="mermaid"');
			expect(logged, browser).toHaveLength(1);
		}
	}, 60_000);
});
