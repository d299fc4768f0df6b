// Phones and paper: no sideways scroll at 360 px on any page type; print media hides the navigation.
import { expect, test } from '@playwright/test';
import { documentRoute } from '../../src/core/routes.ts';
import { pageTypes, phases, rel } from './site.ts';

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
