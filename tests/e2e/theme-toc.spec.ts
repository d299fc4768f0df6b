// The theme choice survives a reload; the table of contents follows the reader and deep-links.
import { expect, test } from '@playwright/test';
import { documentRoute } from '../../src/core/routes.ts';
import { phases, rel } from './site.ts';

const report = rel(documentRoute('phase', phases[0]!.id));

test('the chosen theme is kept across a reload and another page', async ({ page }) => {
	await page.emulateMedia({ colorScheme: 'light' });
	await page.goto('');
	await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
	await page.getByLabel('Theme').selectOption('dark');
	await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
	const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
	await page.reload();
	await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
	await expect(page.getByLabel('Theme')).toHaveValue('dark');
	expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(background);
	await page.goto(rel('/rcas/'));
	await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
	await page.getByLabel('Theme').selectOption('auto');
	await page.reload();
	await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
});

test('the table of contents highlights the section being read', async ({ page }) => {
	await page.setViewportSize({ width: 1400, height: 900 });
	await page.goto(report);
	const toc = page.locator('.page-aside').getByRole('navigation', { name: 'On this page' });
	await expect(toc).toBeVisible();
	const links = toc.locator('a');
	const target = links.nth(Math.min(4, (await links.count()) - 1));
	const hash = (await target.getAttribute('href'))!;
	await target.click();
	await expect(page).toHaveURL(new RegExp(`${hash}$`));
	await expect(toc.locator('a[aria-current="true"]')).toHaveAttribute('href', hash);
	await page.evaluate(() => window.scrollTo(0, 0));
	await expect(toc.locator('a[aria-current="true"]')).toHaveAttribute('href', '#_top');
});

test('a deep link opens at its section, below the sticky header', async ({ page }) => {
	await page.setViewportSize({ width: 1400, height: 900 });
	await page.goto(report);
	const hash = (await page.locator('.page-aside [data-toc] a').nth(3).getAttribute('href'))!;
	await page.goto(`${report}${hash}`);
	const heading = page.locator(hash);
	await expect(heading).toBeInViewport();
	const header = await page.locator('.site-header').boundingBox();
	const top = (await heading.boundingBox())!.y;
	expect(top).toBeGreaterThanOrEqual(header!.y + header!.height - 1);
	await expect(page.locator(`.page-aside [data-toc] a[href="${hash}"]`)).toHaveAttribute('aria-current', 'true');
});

test('each heading has a link to itself', async ({ page }) => {
	await page.goto(report);
	const anchor = page.locator('.prose .anchor-link').first();
	const href = (await anchor.getAttribute('href'))!;
	await expect(page.locator(href)).toHaveCount(1);
});
