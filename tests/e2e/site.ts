// What the end-to-end tests know about the sample site, read from the same core the site is built from.
import type { APIRequestContext, Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadProgram, type SourceDocument } from '../../src/core/load.ts';
import { documentRoute } from '../../src/core/routes.ts';

export const ROOT = resolve(import.meta.dirname, '../..');
export const SCREENSHOTS = join(ROOT, 'test-results', 'screenshots');

/** Base path the site is served under ('/' or '/docs/'); page paths below are relative to it. */
export const BASE = (process.env.PHASEBOOK_BASE ?? '/').replace(/\/?$/, '/');

export const program = (await loadProgram(ROOT)).program;

/** A route such as /phases/3/ as a path relative to the baseURL (which carries the base path). */
export const rel = (route: string) => route.replace(/^\//, '');

const byId = (a: SourceDocument, b: SourceDocument) => a.id.localeCompare(b.id, 'en', { numeric: true });
export const phases = [...program.documents.phase].sort(byId);
export const rcas = [...program.documents.rca].sort(byId);

/** One page of every type the site has, for tests that visit each kind once. */
export const pageTypes: { name: string; route: string }[] = [
	{ name: 'dashboard', route: '/' },
	{ name: 'phase index', route: '/phases/' },
	{ name: 'phase report', route: documentRoute('phase', phases[2]?.id ?? phases[0]!.id) },
	{ name: 'phase print', route: `${documentRoute('phase', phases[2]?.id ?? phases[0]!.id)}print/` },
	{ name: 'rca index', route: '/rcas/' },
	{ name: 'rca', route: documentRoute('rca', rcas[0]!.id) },
	{ name: 'handoff index', route: '/handoffs/' },
	{ name: 'handoff', route: documentRoute('handoff', program.documents.handoff[0]!.id) },
	{ name: 'review index', route: '/reviews/' },
	{ name: 'review', route: documentRoute('review', program.documents.review[0]!.id) },
	{ name: 'changelog', route: '/changelog/' },
	{ name: 'board', route: '/board/' },
	{ name: 'search', route: '/search/' },
	{ name: 'not found', route: '/404.html' },
];

/** Every page the sitemap lists, as paths relative to the baseURL. */
export async function sitemapPages(request: APIRequestContext): Promise<string[]> {
	const index = await (await request.get('sitemap-index.xml')).text();
	const pages: string[] = [];
	for (const [, loc] of index.matchAll(/<loc>([^<]+)<\/loc>/g)) {
		const sitemap = await (await request.get(rel(new URL(loc!).pathname.slice(BASE.length - 1)))).text();
		for (const [, page] of sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)) pages.push(rel(new URL(page!).pathname.slice(BASE.length - 1)));
	}
	return pages;
}

/** Full-page screenshot kept under test-results/screenshots/ and attached to the report. */
export async function screenshot(page: Page, name: string, attach?: (name: string, body: { path: string; contentType: string }) => Promise<void>) {
	mkdirSync(SCREENSHOTS, { recursive: true });
	const path = join(SCREENSHOTS, `${name}.png`);
	await page.screenshot({ path, fullPage: true });
	await attach?.(name, { path, contentType: 'image/png' });
}

/** Sets the saved theme choice before any page script runs. */
export async function useTheme(page: Page, theme: 'light' | 'dark') {
	await page.addInitScript((t) => localStorage.setItem('phasebook-theme', t), theme);
}
