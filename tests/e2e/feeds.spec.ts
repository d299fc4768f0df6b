// The changelog feeds, the sitemap and edit links: well-formed, absolute, and under the base path.
import { expect, test } from '@playwright/test';
import { documentRoute } from '../../src/core/routes.ts';
import { BASE, program, rel, sitemapPages } from './site.ts';

const released = program.documents.changelog.filter((c) => c.data.status === 'released');

for (const [file, entry, type] of [['feed.xml', 'entry', 'Atom'], ['rss.xml', 'item', 'RSS']] as const) {
	test(`the changelog ${type} feed lists every release with absolute links`, async ({ page, request }) => {
		const response = await request.get(rel(`/changelog/${file}`));
		expect(response.ok()).toBe(true);
		const xml = await response.text();
		await page.goto(rel('/changelog/'));
		const parsed = await page.evaluate(
			([source, tag]) => {
				const doc = new DOMParser().parseFromString(source!, 'application/xml');
				const links = [...doc.querySelectorAll(`${tag} > link`)].map((l) => l.getAttribute('href') ?? l.textContent ?? '');
				return { error: doc.querySelector('parsererror')?.textContent ?? '', count: doc.querySelectorAll(tag!).length, links };
			},
			[xml, entry],
		);
		expect(parsed.error).toBe('');
		expect(parsed.count).toBe(released.length);
		for (const link of parsed.links) expect(link).toMatch(new RegExp(`^https?://[^/]+${BASE}changelog/#v`));
		// Links inside the entries point at the site, under its base path.
		for (const [, href] of xml.matchAll(/href=&quot;([^&]+)&quot;/g)) expect(href).toMatch(new RegExp(`^(https?://[^/]+${BASE}|https?://|mailto:)`));
		await expect(page.locator(`link[rel="alternate"][href="${BASE}changelog/${file}"]`)).toHaveCount(1);
	});
}

test('the sitemap lists every document page under the base path, and no 404 or print copy', async ({ request }) => {
	const pages = await sitemapPages(request);
	for (const phase of program.documents.phase) expect(pages).toContain(rel(documentRoute('phase', phase.id)));
	for (const rca of program.documents.rca) expect(pages).toContain(rel(documentRoute('rca', rca.id)));
	expect(pages).toContain('search/');
	expect(pages.filter((p) => /404|print\/$/.test(p))).toEqual([]);
	for (const path of pages.slice(0, 5)) expect((await request.get(path)).ok(), path).toBe(true);
});

test('a document links to its source for editing, and to its print version', async ({ page }) => {
	const phase = program.documents.phase[0]!;
	await page.goto(rel(documentRoute('phase', phase.id)));
	const edit = page.getByRole('link', { name: 'Edit this page' });
	await expect(edit).toHaveAttribute('href', new RegExp(`/edit/${program.project!.branch}/(.+/)?${phase.path}$`));
	await page.getByRole('link', { name: 'Print version for sign-off' }).click();
	await expect(page).toHaveURL(new RegExp(`${BASE}phases/${phase.id}/print/$`));
	await expect(page.getByRole('heading', { level: 1 })).toContainText(phase.data.title);
});
