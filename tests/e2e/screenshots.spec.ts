// Screenshots of the key pages, light and dark, desktop and phone, kept under test-results/screenshots/.
import { expect, test } from '@playwright/test';
import { pageTypes, rel, screenshot, useTheme } from './site.ts';

const key = ['dashboard', 'phase report', 'rca', 'review', 'changelog', 'board', 'search', 'phase print'];
const pages = pageTypes.filter((p) => key.includes(p.name));

for (const theme of ['light', 'dark'] as const) {
	test(`screenshots of the key pages, ${theme} theme`, async ({ page }, info) => {
		// Full-page shots of long pages: the sign-off pack (RCAs, traceability, handoffs) is 22,000 px
		// tall and took 26 s alone on a loaded two-core machine.
		test.setTimeout(180_000);
		await useTheme(page, theme);
		await page.setViewportSize({ width: 1440, height: 900 });
		for (const { name, route } of pages) {
			await page.goto(rel(route === '/search/' ? '/search/?q=registry' : route));
			if (route === '/search/') await expect(page.locator('.search-hit').first()).toBeVisible();
			await screenshot(page, `${name.replace(/ /g, '-')}-${theme}`, (n, body) => info.attach(n, body));
		}
	});
}

test('screenshots at 360 px', async ({ page }, info) => {
	test.setTimeout(60_000);
	await page.setViewportSize({ width: 360, height: 740 });
	for (const { name, route } of pages.filter((p) => ['dashboard', 'phase report', 'board'].includes(p.name))) {
		await page.goto(rel(route));
		await screenshot(page, `${name.replace(/ /g, '-')}-phone`, (n, body) => info.attach(n, body));
	}
	await page.goto('');
	await page.getByRole('button', { name: 'Menu' }).click();
	await screenshot(page, 'menu-open-phone', (n, body) => info.attach(n, body));
});
