// Accessibility: axe-core finds no serious or critical violation on any page of the sitemap, in
// either theme; the skip link, landmarks and focus ring work from the keyboard.
import { expect, test, type Page } from '@playwright/test';
import { createRequire } from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rel, ROOT, sitemapPages, useTheme } from './site.ts';

const SHARDS = 4;
const axeSource = createRequire(createRequire(import.meta.url).resolve('@axe-core/playwright')).resolve('axe-core/axe.min.js');

interface Violation {
	id: string;
	impact?: string | null;
	help: string;
	nodes: { target: unknown[] }[];
}

/**
 * Runs axe-core in the page: all rules in the light theme, only the rules that depend on colour in
 * the dark one. axe-core is injected once per page and run directly, several times faster than
 * @axe-core/playwright's AxeBuilder (which re-injects and finishes each run in a new page); the
 * site has no frames, which is what AxeBuilder's extra work is for.
 */
async function scan(page: Page, theme: 'light' | 'dark'): Promise<string[]> {
	if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: axeSource });
	const violations = await page.evaluate(async (dark) => {
		const axe = (window as unknown as { axe: { run: (ctx: Document, options: object) => Promise<{ violations: Violation[] }> } }).axe;
		document.documentElement.dataset['theme'] = dark ? 'dark' : 'light';
		const options = dark ? { runOnly: ['color-contrast', 'link-in-text-block'], resultTypes: ['violations'] } : { resultTypes: ['violations'] };
		return (await axe.run(document, options)).violations;
	}, theme === 'dark');
	return violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => `${new URL(page.url()).pathname} (${theme})  ${v.impact}  ${v.id}: ${v.help}\n    ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('\n    ')}`);
}

for (let shard = 0; shard < SHARDS; shard++) {
	test(`axe: no serious or critical violation in either theme, part ${shard + 1} of ${SHARDS}`, async ({ page, request }) => {
		// About twenty pages, each scanned in both themes: minutes on a loaded machine.
		test.setTimeout(300_000);
		await useTheme(page, 'light');
		const pages = (await sitemapPages(request)).filter((_, i) => i % SHARDS === shard);
		expect(pages.length).toBeGreaterThan(0);
		const problems: string[] = [];
		for (const path of pages) {
			await page.goto(path);
			problems.push(...(await scan(page, 'light')), ...(await scan(page, 'dark')));
		}
		expect(problems, problems.join('\n')).toEqual([]);
	});
}

test('the print versions of phases pass axe too', async ({ page }) => {
	await page.goto(rel('/phases/'));
	const first = await page.locator('#phase-rows a').first().getAttribute('href');
	await page.goto(`${first}print/`);
	const problems = [...(await scan(page, 'light')), ...(await scan(page, 'dark'))];
	expect(problems, problems.join('\n')).toEqual([]);
});

for (const theme of ['light', 'dark'] as const) {
	test(`search results and the header's result list pass axe, ${theme} theme`, async ({ page }) => {
		await useTheme(page, theme);
		await page.goto(rel('/search/?q=registry'));
		await expect(page.locator('.search-hit').first()).toBeVisible();
		await page.getByRole('searchbox', { name: 'Search the documents' }).fill('registry');
		await expect(page.locator('[data-search-popover] .search-hit').first()).toBeVisible();
		const problems = await scan(page, theme);
		expect(problems, problems.join('\n')).toEqual([]);
	});
}

test('the skip link is the first stop and moves focus to the main content', async ({ page }) => {
	await page.goto('');
	await page.keyboard.press('Tab');
	const skip = page.getByRole('link', { name: 'Skip to content' });
	await expect(skip).toBeFocused();
	await expect(skip).toBeInViewport();
	const outline = await skip.evaluate((el) => getComputedStyle(el).outlineStyle);
	expect(outline).not.toBe('none');
	await page.keyboard.press('Enter');
	await expect(page.locator('main')).toBeFocused();
});

test('every page has banner, navigation, main and contentinfo landmarks', async ({ page }) => {
	await page.goto('');
	await expect(page.getByRole('banner')).toHaveCount(1);
	await expect(page.getByRole('main')).toHaveCount(1);
	await expect(page.getByRole('contentinfo')).toHaveCount(1);
	await expect(page.getByRole('navigation', { name: 'Site' })).toHaveCount(1);
	await expect(page.getByRole('search')).not.toHaveCount(0);
});

test('the search page tells its two search landmarks apart by name', async ({ page }) => {
	await page.goto(rel('/search/'));
	const names = await page.getByRole('search').evaluateAll((forms) => forms.map((f) => f.getAttribute('aria-label')));
	expect(names).toEqual(['Quick search', 'Search and filter']);
});

test('keyboard focus is visible on links and controls', async ({ page }) => {
	await page.goto('');
	for (let i = 0; i < 6; i++) {
		await page.keyboard.press('Tab');
		const style = await page.evaluate(() => {
			const el = document.activeElement as HTMLElement;
			const s = getComputedStyle(el);
			return { tag: el.tagName, outline: s.outlineStyle, width: s.outlineWidth, shadow: s.boxShadow };
		});
		expect(style.outline !== 'none' || style.shadow !== 'none', `${style.tag} shows focus`).toBe(true);
	}
});

// A reader's attack: the print version's phase report and its handoff each had a "Table: Gate,
// Result, Notes" region. Read from the built files: every page, no browser needed.
test('no built page has two regions of the same name', () => {
	const pages = readdirSync(join(ROOT, 'dist'), { recursive: true, encoding: 'utf8' }).filter((path) => path.endsWith('.html'));
	expect(pages.length).toBeGreaterThan(20);
	const clashes = pages.flatMap((path) => {
		const names = [...readFileSync(join(ROOT, 'dist', path), 'utf8').matchAll(/<[a-z][^>]*\srole="region"[^>]*\saria-label="([^"]*)"/g)].map((m) => m[1]!);
		return names.filter((name, i) => names.indexOf(name) !== i).map((name) => `${path}: ${name}`);
	});
	expect(clashes).toEqual([]);
});

// A reader's attack: six regions of the readiness page were all "Blockers over time table".
test('the readiness page names each phase\'s blocker table for its phase', async ({ page }) => {
	await page.goto(rel('/readiness/'));
	const names = await page.locator('.table-wrap[role="region"]').evaluateAll((els) => els.map((el) => el.getAttribute('aria-label')));
	expect(names.length).toBeGreaterThan(1);
	expect(new Set(names).size).toBe(names.length);
});

// A reader's attack: the wrapper of a table an author wrote took keyboard focus with no name, so a
// screen reader announced a nameless group; every focusable table wrapper is a named region.
test('every table wrapper that takes focus is a region named for its table', async ({ page }) => {
	for (const route of ['/rcas/rca-0001/', '/reviews/rev-001/', '/handoffs/ho-001/']) {
		await page.goto(rel(route));
		const wrappers = page.locator('.table-wrap[data-scroll-frame]');
		expect(await wrappers.count(), route).toBeGreaterThan(0);
		const unnamed = await wrappers.evaluateAll((els) => els.filter((el) => el.getAttribute('role') !== 'region' || !el.getAttribute('aria-label')?.trim()).length);
		expect(unnamed, route).toBe(0);
	}
	await page.goto(rel('/rcas/rca-0001/'));
	await expect(page.getByRole('region', { name: 'Table: Option, For, Against, Taken' })).toBeVisible();
});

// A reader's attack: every table frame was a tab stop, though at a desktop's width most tables fit
// and a stop that scrolls nothing is one more key press on the way through the page.
test('a table frame takes keyboard focus only while its table is wider than it, at phone and desktop widths', async ({ page }) => {
	const frames = () =>
		page.locator('[data-scroll-frame]').evaluateAll((els) =>
			els.filter((el) => el.getClientRects().length > 0).map((el) => ({ scrolls: el.scrollWidth > el.clientWidth + 1, stop: el.getAttribute('tabindex') === '0' })),
		);
	await page.setViewportSize({ width: 1280, height: 900 });
	await page.goto(rel('/rcas/rca-0001/'));
	await expect.poll(async () => (await frames()).filter((f) => f.scrolls !== f.stop).length).toBe(0);
	const wide = await frames();
	expect(wide.some((f) => !f.stop)).toBe(true);
	// Narrowed, the wide table scrolls, and its frame is a stop again.
	await page.setViewportSize({ width: 360, height: 800 });
	await expect.poll(async () => (await frames()).filter((f) => f.scrolls !== f.stop).length).toBe(0);
	expect((await frames()).some((f) => f.stop)).toBe(true);
});
