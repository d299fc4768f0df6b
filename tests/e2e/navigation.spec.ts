// Moving around the site: the sidebar reaches every page type, breadcrumbs lead back, pagers step through phases.
import { expect, test } from '@playwright/test';
import { documentRoute } from '../../src/core/routes.ts';
import { pageTypes, phases, program, rel } from './site.ts';

test('the sidebar links to every document and index, and marks the current page', async ({ page }) => {
	await page.goto('');
	const sidebar = page.getByRole('navigation', { name: 'Site' });
	const expected = [
		...program.documents.phase.map((d) => documentRoute('phase', d.id)),
		...program.documents.rca.map((d) => documentRoute('rca', d.id)),
		...program.documents.handoff.map((d) => documentRoute('handoff', d.id)),
		...program.documents.review.map((d) => documentRoute('review', d.id)),
		'/phases/',
		'/rcas/',
		'/handoffs/',
		'/reviews/',
		'/changelog/',
		'/board/',
	];
	const hrefs = await sidebar.locator('a').evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
	for (const route of expected) expect(hrefs.some((h) => h.endsWith(route)), `sidebar links to ${route}`).toBe(true);

	// Follow one link of each group from the sidebar and check the page it opens.
	for (const group of ['Phases', 'RCAs', 'Handoffs', 'Reviews']) {
		const link = sidebar.locator('details', { has: page.locator('summary', { hasText: group }) }).locator('a').nth(1);
		const label = (await link.locator('.label').textContent())!.trim();
		await link.click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(label);
		await expect(page.getByRole('navigation', { name: 'Site' }).locator('a[aria-current="page"]')).toContainText(label);
	}
});

test("the header's main links open their pages", async ({ page }) => {
	await page.goto('');
	for (const [name, heading] of [['RCAs', 'Issue RCAs'], ['Board', 'Task board'], ['Changelog', 'Changelog'], ['Phases', 'Phases']]) {
		await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: name! }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading!);
	}
});

test('breadcrumbs lead from a document back to its index and the dashboard', async ({ page }) => {
	const rca = program.documents.rca[0]!;
	await page.goto(rel(documentRoute('rca', rca.id)));
	const crumbs = page.getByRole('navigation', { name: 'Breadcrumbs' });
	await expect(crumbs.locator('[aria-current="page"]')).toHaveText(rca.id);
	await crumbs.getByRole('link', { name: 'RCAs' }).click();
	await expect(page).toHaveURL(/\/rcas\/$/);
	await page.getByRole('navigation', { name: 'Breadcrumbs' }).getByRole('link', { name: 'Dashboard' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(program.project!.name);
});

test('previous and next step through the phases in order', async ({ page }) => {
	await page.goto(rel(documentRoute('phase', phases[0]!.id)));
	const pager = page.getByRole('navigation', { name: 'Previous and next phase' });
	await expect(pager.locator('a[rel="prev"]')).toHaveCount(0);
	for (const phase of phases.slice(1)) {
		await page.getByRole('navigation', { name: 'Previous and next phase' }).locator('a[rel="next"]').click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(phase.data.title);
	}
	await expect(page.getByRole('navigation', { name: 'Previous and next phase' }).locator('a[rel="next"]')).toHaveCount(0);
	await page.getByRole('navigation', { name: 'Previous and next phase' }).locator('a[rel="prev"]').click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(phases.at(-2)!.data.title);
});

test('every page type answers with its page', async ({ page }) => {
	for (const { route } of pageTypes) {
		const response = await page.goto(rel(route));
		expect(response?.status(), route).toBe(200);
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await expect(page.getByRole('main')).toBeVisible();
	}
});
