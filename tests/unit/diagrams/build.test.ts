import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'astro';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DIAGRAM_FILES_DIR } from '../../../src/diagrams/figure.ts';
import { browserLaunches } from '../../../src/diagrams/renderer.ts';
import { requireBrowser } from './browser-required.ts';

const FIXTURE = join(import.meta.dirname, '../../fixtures/diagrams-site');
const PAGES = ['alpha/index.html', 'beta/index.html', 'index.html', 'plain/index.html'];
const ENV_KEYS = [
	'PHASEBOOK_BROWSER',
	'PHASEBOOK_CACHE_DIR',
	'PHASEBOOK_STRICT',
	'CI',
	'DIAGRAMS_FIXTURE_BROKEN',
];
const savedEnv = Object.fromEntries(ENV_KEYS.map((key) => [key, process.env[key]]));

/** Builds the fixture site with these environment variables; returns its pages' HTML. */
async function buildFixture(env: Record<string, string>): Promise<Record<string, string>> {
	for (const key of ENV_KEYS) delete process.env[key];
	Object.assign(process.env, env);
	const outDir = mkdtempSync(join(tmpdir(), 'pb-diagrams-out-'));
	// Astro's and Vite's caches go to temporary folders, so the fixture stays as checked in.
	const caches = mkdtempSync(join(tmpdir(), 'pb-astro-cache-'));
	await build({
		root: FIXTURE,
		outDir,
		cacheDir: join(caches, 'astro'),
		vite: { cacheDir: join(caches, 'vite') },
		logLevel: 'error',
	});
	const files = existsSync(join(outDir, DIAGRAM_FILES_DIR)) ? readdirSync(join(outDir, DIAGRAM_FILES_DIR)) : [];
	return Object.fromEntries(
		[...PAGES, '_phasebook/mermaid.min.js', ...files.map((name) => `${DIAGRAM_FILES_DIR}/${name}`)].map((page) => [page, read(join(outDir, page))]),
	);
}

function read(path: string): string {
	return existsSync(path) ? readFileSync(path, 'utf8') : '';
}

function figures(html: string): string[] {
	return html.match(/<figure class="diagram[^"]*"[\s\S]*?<\/figure>/g) ?? [];
}

function ids(html: string): string[] {
	return [...html.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1] ?? '');
}

afterEach(() => {
	for (const key of ENV_KEYS) {
		if (savedEnv[key] === undefined) delete process.env[key];
		else process.env[key] = savedEnv[key];
	}
});

describe('building a site with diagrams', () => {
	beforeAll(requireBrowser);
	const cache = mkdtempSync(join(tmpdir(), 'pb-diagrams-cache-'));
	let cold: Record<string, string> = {};

	it('renders every mermaid block (MDX content, a Markdown page) and the generated diagram to inline light and dark SVG', async () => {
		const launches = browserLaunches();
		cold = await buildFixture({ PHASEBOOK_CACHE_DIR: cache });
		expect(browserLaunches() - launches).toBe(1);
		const expected = {
			'alpha/index.html': 2,
			'beta/index.html': 2,
			'index.html': 1,
			'plain/index.html': 1,
		};
		for (const [page, count] of Object.entries(expected)) {
			const html = cold[page] ?? '';
			expect(figures(html)).toHaveLength(count);
			for (const figure of figures(html)) {
				expect(figure).toMatch(
					/<div class="diagram-light"><svg [^>]*role="img"[\s\S]*<\/svg><\/div><div class="diagram-dark"><svg /,
				);
				// Its "Open full size" link leads to a standalone SVG file the build wrote.
				const file = /<a class="diagram-open" href="\/([^"]+)"/.exec(figure)?.[1] ?? '';
				expect(cold[file], file).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg width="\d+" height="\d+" /);
			}
			expect(html).not.toContain('<pre class="mermaid"');
			const all = ids(html);
			expect(new Set(all).size).toBe(all.length);
		}
		// The block shown inside a ````md fence stays a code sample.
		expect(cold['alpha/index.html']).toContain('NotADiagram');
		expect(figures(cold['alpha/index.html'] ?? '')[0]).toContain(
			'<figcaption>Components after phase 1</figcaption>',
		);
		expect(cold['index.html']).toContain('>Gantt chart: Phase timeline</title>');
		expect(cold['_phasebook/mermaid.min.js']).toBe('');
	}, 180_000);

	it('builds again from the cache alone: same SVGs, no browser launched', async () => {
		const launches = browserLaunches();
		const warm = await buildFixture({
			PHASEBOOK_CACHE_DIR: cache,
			PHASEBOOK_BROWSER: '/nonexistent/chromium',
		});
		expect(browserLaunches()).toBe(launches);
		// The cold build filled in figures as their diagrams arrived; the pages are the same bytes.
		for (const page of PAGES) expect(warm[page], page).toBe(cold[page]);
		expect(Object.values(cold).join('')).not.toContain('<!--phasebook-diagram');
	}, 180_000);

	it('falls back to client-side rendering, on the pages concerned, when no browser is found', async () => {
		const pages = await buildFixture({
			PHASEBOOK_CACHE_DIR: mkdtempSync(join(tmpdir(), 'pb-diagrams-cache-')),
			PHASEBOOK_BROWSER: '/nonexistent/chromium',
		});
		const alpha = pages['alpha/index.html'] ?? '';
		expect(alpha).toContain('<pre class="mermaid"');
		expect(alpha).toContain('_phasebook/mermaid.min.js');
		expect(alpha).not.toContain('diagram-light');
		expect(pages['_phasebook/mermaid.min.js']?.length).toBeGreaterThan(100_000);
	}, 180_000);

	it('fails in strict mode (CI=true) when no browser is found', async () => {
		const attempt = buildFixture({
			PHASEBOOK_CACHE_DIR: mkdtempSync(join(tmpdir(), 'pb-diagrams-cache-')),
			PHASEBOOK_BROWSER: '/nonexistent/chromium',
			CI: 'true',
		});
		await expect(attempt).rejects.toThrow(
			/PHASEBOOK_BROWSER=\/nonexistent\/chromium is not an executable file, and strict mode is on[\s\S]*content\/docs\/alpha\.mdx:\d+:\d+/,
		);
	}, 180_000);

	it('fails on a mermaid syntax error, naming where it is and what mermaid said', async () => {
		const attempt = buildFixture({ PHASEBOOK_CACHE_DIR: cache, DIAGRAMS_FIXTURE_BROKEN: '1' });
		await expect(attempt).rejects.toThrow(
			/1 mermaid diagram failed to render:\ngenerated:broken:3:\d+ {2}error {2}Mermaid syntax error in line 3 of the generated diagram: Parse error on line 3: Expecting/,
		);
	}, 180_000);
});

// A browser that exits at once is no browser, in a whole Astro build as in the check (the hooks'
// order without the content sync's server, as in production, is in integration.test.ts).
describe('building a site with a browser that exits at once (PHASEBOOK_BROWSER=/bin/true)', () => {
	it('falls back to client-side rendering, giving the same pages as when no browser is found', async () => {
		const exits = await buildFixture({
			PHASEBOOK_CACHE_DIR: mkdtempSync(join(tmpdir(), 'pb-diagrams-cache-')),
			PHASEBOOK_BROWSER: '/bin/true',
		});
		const none = await buildFixture({
			PHASEBOOK_CACHE_DIR: mkdtempSync(join(tmpdir(), 'pb-diagrams-cache-')),
			PHASEBOOK_BROWSER: '/nonexistent/chromium',
		});
		for (const page of PAGES) expect(exits[page], page).toBe(none[page]);
		const alpha = exits['alpha/index.html'] ?? '';
		expect(alpha).toContain('<pre class="mermaid"');
		expect(alpha).not.toContain('<!--phasebook-diagram');
		expect(exits['index.html']).toContain('<pre class="mermaid"');
		expect(exits['_phasebook/mermaid.min.js']?.length).toBeGreaterThan(100_000);
	}, 180_000);

	it('fails in strict mode (CI=true), saying the browser did not start', async () => {
		const attempt = buildFixture({
			PHASEBOOK_CACHE_DIR: mkdtempSync(join(tmpdir(), 'pb-diagrams-cache-')),
			PHASEBOOK_BROWSER: '/bin/true',
			CI: 'true',
		});
		await expect(attempt).rejects.toThrow(
			/Diagrams could not be rendered: the browser \/bin\/true did not start \(browserType\.launch: [^\n]+\), and strict mode is on\.\ncontent\/docs\/alpha\.mdx:\d+:\d+ {2}error {2}Diagram not rendered: the browser \/bin\/true did not start/,
		);
	}, 180_000);
});
