// Phones and paper: no sideways scroll at 360 px on any page type; print media hides the navigation.
import { expect, test } from '@playwright/test';
import { documentRoute } from '../../src/core/routes.ts';
import { pageTypes, phases, rel, useTheme } from './site.ts';

test.describe('at 360 px', () => {
	test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });

	for (const { name, route } of pageTypes) {
		test(`the ${name} page does not scroll sideways`, async ({ page }) => {
			await page.goto(rel(route));
			const overflow = await page.evaluate(() => {
				const width = document.documentElement.clientWidth;
				const wide = [...document.querySelectorAll('body *')]
					.filter((el) => {
						const box = el.getBoundingClientRect();
						if (box.width === 0 || box.right <= width + 1) return false;
						// Content inside a horizontally scrolling box (wide tables) is meant to scroll there.
						for (let p = el.parentElement; p; p = p.parentElement) {
							const o = getComputedStyle(p).overflowX;
							if (o === 'auto' || o === 'scroll' || o === 'hidden') return false;
						}
						return true;
					})
					.slice(0, 5)
					.map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`);
				return { scroll: document.documentElement.scrollWidth - width, wide };
			});
			expect(overflow, `${route} overflows: ${overflow.wide.join(', ')}`).toEqual({ scroll: 0, wide: [] });
		});
	}

	// An adopter's attack: on a card the failing or untested mark was drawn on the first cell, which
	// has no padding there, so the red edge ran through the first letter of the requirement's id.
	test('the traceability matrix marks a failing or untested requirement clear of its text', async ({ page }) => {
		await page.goto(rel('/traceability/'));
		const rows = await page.locator('.trace-matrix tr:is(.trace-row-failing, .trace-row-untested)').evaluateAll((trs) =>
			trs.map((tr) => {
				const cell = tr.firstElementChild as HTMLElement;
				const marked = [tr, cell].filter((el) => getComputedStyle(el).boxShadow !== 'none');
				const range = document.createRange();
				range.selectNodeContents(cell);
				const edge = marked.length === 1 ? marked[0]!.getBoundingClientRect().left + 4 : Number.NaN;
				return { id: tr.id, marks: marked.length, gap: Math.round(range.getBoundingClientRect().left - edge) };
			}),
		);
		expect(rows.length).toBeGreaterThan(0);
		for (const row of rows) {
			expect(row.marks, `${row.id} has one mark`).toBe(1);
			expect(row.gap, `${row.id}: its text starts ${row.gap} px after the mark`).toBeGreaterThanOrEqual(4);
		}
	});

	// A reader's attack: `overflow-wrap: anywhere` let tables squeeze code cells to a few
	// characters a line, 151.2375 over four lines on the RCA about price precision.
	test('a number or a name in a table cell stays on one line; the table scrolls instead', async ({ page }) => {
		await page.goto(rel(documentRoute('rca', 'RCA-0003')));
		const split = await page.locator('td code').evaluateAll((codes) =>
			codes.filter((c) => (c.textContent ?? '').length <= 12 && c.getClientRects().length > 1).map((c) => c.textContent),
		);
		expect(split).toEqual([]);
		expect(await page.locator('td code', { hasText: '151.2375' }).count()).toBeGreaterThan(0);
	});

	// A reader's attack: "No earlier run" in every row pushed the column with figures off screen.
	test('a coverage table shows no comparison column that has nothing to compare', async ({ page }) => {
		await page.goto(rel(documentRoute('phase', '1')));
		const table = page.locator('.coverage-table').first();
		await expect(table.locator('caption')).toContainText('Nothing to compare it with');
		expect(await table.locator('thead th').allTextContents()).toEqual(['Metric', 'Latest']);
		const latest = table.locator('td.latest').first();
		expect(await latest.evaluate((td) => td.getClientRects().length === 1 && (td as HTMLElement).offsetHeight < 40)).toBe(true);
	});

	// A reader's attack: the sample's name showed as "Multi-Rapid Or…" beside the theme chooser's word.
	test('the program’s name shows whole in the header, the theme chooser as its icon', async ({ page }) => {
		await page.goto('');
		const title = page.locator('.site-title');
		const cut = await title.evaluate((el) => el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1);
		expect(cut, `"${await title.textContent()}" is cut off`).toBe(false);
		const header = (await page.locator('.site-header').boundingBox())!;
		const box = (await title.boundingBox())!;
		expect(box.y + box.height).toBeLessThanOrEqual(header.y + header.height);
		const theme = page.getByRole('combobox', { name: 'Theme' });
		await expect(theme).toBeVisible();
		expect((await theme.boundingBox())!.width).toBeLessThan(48);
		await theme.selectOption('dark');
		await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
	});

	// A reader's attack: between a phone's width and a desktop's the name was cut again ("Multi-Rapid Orchestration Platf…").
	test('the program’s name shows whole at every width up to a desktop’s', async ({ page }) => {
		await page.goto('');
		const title = page.locator('.site-title');
		for (const width of [360, 420, 500, 560, 620, 680, 740, 800, 900, 1024, 1280]) {
			await page.setViewportSize({ width, height: 740 });
			const cut = await title.evaluate((el) => el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1);
			expect(cut, `"${await title.textContent()}" is cut off at ${width} px`).toBe(false);
		}
	});

	test('the full-window view of a diagram names the gestures a touch screen has, not keys', async ({ page }) => {
		await page.goto(rel(documentRoute('phase', phases[2]!.id)));
		await page.locator('a[data-diagram-open]').first().click();
		const hint = page.getByRole('dialog').locator('.viewer-keys');
		await expect(hint.getByText('Drag to pan, pinch to zoom.')).toBeVisible();
		await expect(hint.getByText(/Arrow keys/)).toBeHidden();
		await expect(page.getByRole('dialog').locator('.viewer-stage')).toHaveAccessibleDescription('Drag to pan, pinch to zoom.');
	});

	test('the menu button opens the sidebar and Escape closes it', async ({ page }) => {
		await page.goto('');
		const sidebar = page.getByRole('navigation', { name: 'Site' });
		await expect(sidebar).toBeHidden();
		await page.getByRole('button', { name: 'Menu' }).click();
		await expect(sidebar).toBeVisible();
		await page.keyboard.press('Escape');
		await expect(sidebar).toBeHidden();
		await expect(page.getByRole('button', { name: 'Menu' })).toBeFocused();
	});

	test('with scripts the header has the menu button and no Menu link', async ({ page }) => {
		await page.goto(rel(documentRoute('phase', phases[0]!.id)));
		await expect(page.getByRole('button', { name: 'Menu' })).toBeVisible();
		await expect(page.getByRole('link', { name: 'Menu', exact: true })).toBeHidden();
	});

	// Tab went on past the menu's last link into the page it covers, with nothing focused in view.
	test('tabbing out of the open menu closes it', async ({ page }) => {
		await page.goto('');
		const sidebar = page.getByRole('navigation', { name: 'Site' });
		await page.getByRole('button', { name: 'Menu' }).click();
		await expect(sidebar).toBeVisible();
		await sidebar.getByRole('link').last().focus();
		await expect(sidebar).toBeVisible();
		await page.keyboard.press('Tab');
		await expect(sidebar).toBeHidden();
		await expect(page.getByRole('button', { name: 'Menu' })).toHaveAttribute('aria-expanded', 'false');
	});
});

// Without scripts the menu button cannot open the menu, so a phone showed the whole sidebar, every
// phase, RCA and handoff, above the page the reader came for.
test.describe('at 360 px without scripts', () => {
	test.use({ viewport: { width: 360, height: 740 }, isMobile: true, javaScriptEnabled: false });

	test('a page starts with its own content; the header’s Menu link leads to the sidebar after it', async ({ page }) => {
		await page.goto(rel(documentRoute('phase', phases[0]!.id)));
		const sidebar = page.getByRole('navigation', { name: 'Site' });
		const heading = page.getByRole('heading', { level: 1 });
		await expect(heading).toBeInViewport();
		const [headingBox, sidebarBox] = [await heading.boundingBox(), await sidebar.boundingBox()];
		expect(sidebarBox!.y).toBeGreaterThan(headingBox!.y);
		await expect(page.getByRole('button', { name: 'Menu' })).toBeHidden();
		await page.getByRole('link', { name: 'Menu', exact: true }).click();
		await expect(sidebar).toBeInViewport();
	});
});

test('in print media the navigation is hidden and outside links show their address', async ({ page }) => {
	await page.goto(rel(documentRoute('phase', phases[0]!.id)));
	await page.emulateMedia({ media: 'print' });
	for (const selector of ['.site-header', '.sidebar', '.breadcrumbs', '.toc', '.skip-link', '.pager', '.site-search']) {
		const visible = await page.locator(selector).evaluateAll((els) => els.some((el) => getComputedStyle(el).display !== 'none' && (el as HTMLElement).offsetParent !== null));
		expect(visible, `${selector} is hidden in print`).toBe(false);
	}
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	const color = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
	expect(color).toBe('rgb(255, 255, 255)');
	const after = await page.locator('.prose a[href^="http"]').first().evaluate((a) => getComputedStyle(a, '::after').content);
	expect(after).toMatch(/<https?:.*>/);
	// The sample sets no site address: a link to one of its pages prints no made-up origin.
	const internal = await page.locator('.prose a[href^="/"]').first().evaluate((a) => getComputedStyle(a, '::after').content);
	expect(internal).toBe('none');
});

// A reader's attack: with the dark theme, diagrams printed dark, light-grey arrows on white paper.
for (const how of ['chosen in the theme menu', 'the system preference'] as const) {
	test(`in print media the light rendering of each diagram shows, with the dark theme ${how}`, async ({ page }) => {
		if (how === 'chosen in the theme menu') await useTheme(page, 'dark');
		await page.emulateMedia({ colorScheme: 'dark' });
		await page.goto(rel(documentRoute('phase', '1')));
		await expect(page.locator('.diagram-dark').first()).toBeVisible();
		await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
		await expect(page.locator('.diagram-light').first()).toBeVisible();
		expect(await page.locator('.diagram-dark').evaluateAll((els) => els.filter((el) => getComputedStyle(el).display !== 'none').length)).toBe(0);
	});
}
