// Search from static files: the Pagefind index the build writes, queried in the browser.
import { expect, test } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { documentRoute } from '../../src/core/routes.ts';
import { phases, program, rel, ROOT } from './site.ts';

/** A word of a phase's body that no other document's body uses, so the phase must be the hit. */
function distinctiveWord(): { word: string; phase: (typeof phases)[number] } {
	const words = (text: string) => new Set(text.toLowerCase().match(/\b[a-z]{9,}\b/g) ?? []);
	const all = [...program.documents.phase, ...program.documents.rca, ...program.documents.handoff, ...program.documents.review, ...program.documents.changelog];
	for (const phase of phases) {
		const others = new Set(all.filter((d) => d !== phase).flatMap((d) => [...words(d.body)]));
		const word = [...words(phase.body)].sort().find((w) => !others.has(w));
		if (word) return { word, phase };
	}
	throw new Error('No phase body has a word of its own');
}

const { word, phase } = distinctiveWord();

test(`the search page finds phase ${phase.id} by a word from its body`, async ({ page }) => {
	await page.goto(rel('/search/'));
	await page.getByLabel('Words to find').fill(word);
	const hit = page.locator('.search-hit').filter({ has: page.locator(`a[href$="${documentRoute('phase', phase.id)}"]`) });
	await expect(hit).toHaveCount(1);
	await expect(hit.locator('.search-hit-title')).toHaveText(phase.data.title);
	await expect(hit.locator('.search-hit-meta')).toHaveText(`Phase report · Phase ${phase.id}`);
	await expect(hit.locator('mark').first()).toBeVisible();
	await expect(page).toHaveURL(new RegExp(`\\?q=${word}$`));
	await hit.locator('.search-hit-title').click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(phase.data.title);
});

// A reader's attack: searching RCA-0003 listed that RCA fifth of five, after the pages naming it.
test('a search for a document’s id lists that document first', async ({ page }) => {
	await page.goto(rel('/search/?q=RCA-0003'));
	await expect(page.locator('.search-hit').first().locator('a').first()).toHaveAttribute('href', new RegExp(`${documentRoute('rca', 'RCA-0003')}$`));
});

test('search filters by document type and keeps the query in the address', async ({ page }) => {
	const rca = program.documents.rca[0]!;
	await page.goto(rel(`/search/?q=${encodeURIComponent(rca.id)}&type=${encodeURIComponent('Issue RCA')}`));
	await expect(page.getByLabel('Type')).toHaveValue('Issue RCA');
	await expect(page.locator('.search-hit').first()).toBeVisible();
	for (const meta of await page.locator('.search-hit-meta').allTextContents()) expect(meta).toMatch(/^Issue RCA/);
});

test('the header box shows first results as you type and Enter opens the search page', async ({ page }) => {
	await page.goto('');
	await page.keyboard.press('/');
	const box = page.getByRole('searchbox', { name: 'Search the documents' });
	await expect(box).toBeFocused();
	await box.fill(word);
	const popover = page.locator('[data-search-popover]');
	await expect(popover.locator(`a[href$="${documentRoute('phase', phase.id)}"]`)).toBeVisible();
	await page.keyboard.press('ArrowDown');
	await expect(popover.locator('a').first()).toBeFocused();
	await page.keyboard.press('Escape');
	await expect(popover).toBeHidden();
	await box.press('Enter');
	await expect(page).toHaveURL(new RegExp(`/search/\\?q=${word}$`));
	await expect(page.locator('.search-hit').first()).toBeVisible();
});

/** The pages in the index the build wrote, as Pagefind keeps them. */
function indexed(): { url: string; content: string }[] {
	const folder = join(ROOT, 'dist', 'pagefind', 'fragment');
	return readdirSync(folder).map((name) => JSON.parse(gunzipSync(readFileSync(join(folder, name))).toString('utf8').replace(/^pagefind_dcd/, '')) as { url: string; content: string });
}

test('the index holds every document page, each once, and no other page', () => {
	const documents = [...program.documents.phase, ...program.documents.rca, ...program.documents.handoff, ...program.documents.review];
	const expected = documents.map((d) => documentRoute(d.type, d.id));
	if (program.documents.changelog.length) expected.push('/changelog/');
	expect(indexed().map((f) => f.url).sort()).toEqual(expected.sort());
});

test('search snippets keep a label apart from its value (no "OwnersAlex", no "tests1 of 4")', () => {
	const fragments = indexed();
	expect(fragments.length).toBeGreaterThan(10);
	const labels = /\b(Owners|Status|Severity|Detected|Resolved|Date|Risk|Priority|Reviewers|Readiness|Release)(?=[A-Z0-9])|UTCcommit|[a-z]\d+ of \d+ tests failed/;
	for (const { url, content } of fragments) {
		const run = labels.exec(content);
		expect(run, `${url}: …${run ? content.slice(Math.max(0, run.index - 20), run.index + 30) : ''}…`).toBeNull();
	}
	// The facts of an RCA read as words in its snippet.
	const rca = fragments.find((f) => f.url.endsWith(`${documentRoute('rca', program.documents.rca[0]!.id)}`))!;
	expect(rca.content).toContain(`Owners ${program.documents.rca[0]!.data.owners.join(', ')}`);
});
