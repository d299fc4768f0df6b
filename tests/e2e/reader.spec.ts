// The reader's site at a phone's and a laptop's width: diagrams legible or scrolling with a
// full-window view, tables that do not wrap their dates or hide a column, the dashboard's phases
// as cards on a phone, and the handoff beside its evidence.
import { expect, test, type Page } from '@playwright/test';
import { documentRoute } from '../../src/core/routes.ts';
import { formatDate } from '../../src/lib/dates.ts';
import { phases, program, rcas, rel } from './site.ts';

/** Every page that shows diagrams: the dashboard's generated ones and each phase report's. */
const diagramPages = ['/', ...phases.map((p) => documentRoute('phase', p.id))];

/** Per figure on the page: the smallest text size at the scale it is shown, and its full-size link. */
async function figureText(page: Page) {
	return page.$$eval('figure.diagram', (figures) =>
		figures.map((figure) => {
			const svg = [...figure.querySelectorAll<SVGSVGElement>('.diagram-frame svg')].find((s) => s.getClientRects().length > 0);
			if (!svg) return { smallest: Infinity, label: figure.dataset['diagram'] ?? '', link: '' };
			const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
			let smallest = Infinity;
			for (const el of svg.querySelectorAll('text, tspan, foreignObject span, foreignObject div, foreignObject p')) {
				if (!el.textContent?.trim()) continue;
				smallest = Math.min(smallest, parseFloat(getComputedStyle(el).fontSize) * scale);
			}
			const link = figure.querySelector<HTMLAnchorElement>('a[data-diagram-open]')?.getAttribute('href') ?? '';
			return { smallest, label: `${figure.dataset['diagram']}: ${svg.querySelector('title')?.textContent ?? ''}`, link };
		}),
	);
}

for (const width of [390, 1280]) {
	test.describe(`at ${width} px`, () => {
		test.use({ viewport: { width, height: 900 } });

		test('no diagram text is shown smaller than 10 px, and each diagram links to its full-size SVG', async ({ page, request }) => {
			for (const route of diagramPages) {
				await page.goto(rel(route));
				const figures = await figureText(page);
				for (const f of figures) {
					expect(f.smallest, `${route} ${f.label}`).toBeGreaterThanOrEqual(10);
					expect(f.link, `${route} ${f.label} offers the full-window view`).toMatch(/\/_phasebook\/diagrams\/[0-9a-f]+\.svg$/);
				}
				if (route === '/') expect(figures.length).toBe(2);
			}
			const { link } = (await figureText(page))[0]!;
			const file = await request.get(link.replace(/^\//, ''));
			expect(file.headers()['content-type']).toContain('image/svg+xml');
			expect(await file.text()).toMatch(/^<\?xml[^>]*>\n<svg width="\d+" height="\d+"/);
		});

		test('the dashboard timeline labels each tick once', async ({ page }) => {
			await page.goto('');
			const ticks = await page.locator('figure[data-diagram="Gantt chart"] .diagram-light .tick text').allTextContents();
			expect(ticks.length).toBeGreaterThan(2);
			expect(new Set(ticks).size, ticks.join(', ')).toBe(ticks.length);
		});
	});
}

test.describe('on a phone', () => {
	test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

	test('the dashboard shows each phase as a card that leads with its status and readiness', async ({ page }) => {
		await page.goto('');
		const rows = page.locator('.phase-table tbody tr[data-filter-item]');
		await expect(rows).toHaveCount(phases.length);
		for (const row of await rows.all()) {
			const readiness = row.locator('td.readiness .badge');
			await expect(readiness).toBeVisible();
			const box = (await readiness.boundingBox())!;
			expect(box.x + box.width, 'the readiness badge is on screen').toBeLessThanOrEqual(390);
			// Status and readiness come first in the card, above the phase's title.
			const title = (await row.locator('th[scope="row"]').boundingBox())!;
			expect(box.y).toBeLessThan(title.y);
		}
	});

	// Each table whose verdict sat off screen behind a sideways scroll: its rows are cards that
	// lead with the verdict, and every other cell names its column.
	const verdictTables = [
		{ route: '', table: '.table-wrap[aria-label="KPIs table"] table', rows: 5 },
		{ route: documentRoute('phase', '3'), table: 'table.gate-table', rows: 5 },
		{ route: documentRoute('phase', '3'), table: 'table.inventory-state', rows: 1 },
		{ route: 'reviews/rev-001/', table: 'table.findings', rows: 3 },
		{ route: 'readiness/', table: 'table.gate-matrix', rows: phases.length },
		{ route: 'phases/3/gates/security/', table: 'table.findings-table', rows: 1 },
		{ route: 'rcas/', table: 'table:has(> #rca-rows)', rows: rcas.length },
		{ route: 'traceability/', table: 'table.trace-coverage', rows: 4 },
		{ route: 'reviews/', table: 'main table', rows: program.documents.review.length },
		{ route: 'handoffs/', table: 'main table', rows: program.documents.handoff.length },
	];
	for (const { route, table, rows: least } of verdictTables) {
		test(`${table} on ${route.startsWith('/') ? route : `/${route}`} shows each row's verdict on screen, before the row's name`, async ({ page }) => {
			await page.goto(rel(route));
			// The inventory's table sits in a closed disclosure.
			const disclosure = page.locator(`details:has(${table}) > summary`);
			if ((await disclosure.count()) > 0) await disclosure.first().click();
			const rows = await page.$$eval(`${table} > tbody > tr:not([hidden])`, (trs) =>
				trs.map((tr) => {
					const title = tr.querySelector(':scope > th[scope="row"]')!.getBoundingClientRect();
					const cells = [...tr.querySelectorAll<HTMLElement>(':scope > td')].map((td) => {
						const box = td.getBoundingClientRect();
						return { lead: td.classList.contains('lead'), text: td.textContent!.trim(), right: box.right, top: box.top, label: getComputedStyle(td, '::before').content };
					});
					return { title: tr.querySelector(':scope > th')!.textContent!.trim(), titleTop: title.top, cells };
				}),
			);
			expect(rows.length).toBeGreaterThanOrEqual(least);
			for (const row of rows) {
				expect(row.cells.filter((c) => c.lead).length, row.title).toBeGreaterThan(0);
				for (const cell of row.cells) {
					expect(cell.right, `${row.title}: ${cell.text} is on screen`).toBeLessThanOrEqual(390);
					if (cell.lead) expect(cell.top, `${row.title}: the verdict comes before the name`).toBeLessThan(row.titleTop);
					else expect(cell.label, `${row.title}: ${cell.text} names its column`).toMatch(/^".+: "$/);
				}
			}
			const hidden = await page.$$eval(`${table} > tbody > tr[hidden]`, (trs) => trs.map((tr) => tr.getBoundingClientRect().height));
			expect(hidden.every((h) => h === 0), 'a row the filter hides stays hidden').toBe(true);
			const wide = await page.evaluate(() => document.documentElement.scrollWidth);
			expect(wide, 'the page does not scroll sideways').toBeLessThanOrEqual(390);
		});
	}
});

test.describe('at 1280 px', () => {
	test.use({ viewport: { width: 1280, height: 900 } });

	test('the gate-results table keeps each run’s date and commit on one line', async ({ page }) => {
		for (const phase of phases.slice(0, 4)) {
			await page.goto(rel(documentRoute('phase', phase.id)));
			const cells = page.locator('.gate-table td.latest-run');
			for (const cell of await cells.all()) {
				for (const part of [cell.locator('time'), cell.locator('.th-note')]) {
					if (!(await part.count())) continue;
					// Lines of text: the boxes of its contents, those whose middles lie a line apart counted once.
					const lines = await part.evaluate((el) => {
						const range = document.createRange();
						range.selectNodeContents(el);
						const line = parseFloat(getComputedStyle(el).lineHeight) || 16;
						const middles = [...range.getClientRects()].filter((r) => r.width > 0).map((r) => (r.top + r.bottom) / 2);
						return middles.filter((m, i) => middles.slice(0, i).every((n) => Math.abs(n - m) > line / 2)).length;
					});
					expect(lines, `${documentRoute('phase', phase.id)}: "${await part.textContent()}" wraps`).toBe(1);
				}
			}
		}
	});

	test('the traceability matrix shows its Code column whole', async ({ page }) => {
		await page.goto(rel('/traceability/'));
		const wrap = (await page.locator('.table-wrap:has(.trace-matrix)').boundingBox())!;
		const code = (await page.locator('.trace-matrix thead th', { hasText: 'Code' }).boundingBox())!;
		expect(code.x + code.width).toBeLessThanOrEqual(wrap.x + wrap.width + 1);
	});

	test('the full-window view opens from the keyboard, zooms, pans and closes', async ({ page }) => {
		await page.goto(rel(documentRoute('phase', phases[2]!.id)));
		const open = page.locator('a[data-diagram-open]').first();
		await open.focus();
		await page.keyboard.press('Enter');
		const dialog = page.getByRole('dialog');
		await expect(dialog).toBeVisible();
		await expect(dialog.locator('.viewer-canvas svg')).toHaveCount(1);
		await expect(dialog.locator('.viewer-stage')).toBeFocused();
		// The picture a screen reader lands on is named, as the dialog is, by the diagram's title.
		const name = (await dialog.locator('.viewer-title').textContent())!;
		expect(name).not.toBe('');
		await expect(dialog.locator('.viewer-stage')).toHaveAccessibleName(name);
		await expect(dialog.locator('.viewer-stage')).toHaveAccessibleDescription(/^Arrow keys pan, \+ and − zoom/);
		await page.keyboard.press('1');
		await expect(dialog.locator('.viewer-scale')).toHaveText('100 %');
		await page.keyboard.press('+');
		await expect(dialog.locator('.viewer-scale')).toHaveText('125 %');
		const before = await dialog.locator('.viewer-canvas').evaluate((el) => el.style.transform);
		await page.keyboard.press('ArrowLeft');
		expect(await dialog.locator('.viewer-canvas').evaluate((el) => el.style.transform)).not.toBe(before);
		await page.keyboard.press('Escape');
		await expect(dialog).toBeHidden();
		await expect(open).toBeFocused();
	});

	test('a handoff shows its phase’s evidence as of its date', async ({ page }) => {
		const handoff = program.documents.handoff[0]!;
		await page.goto(rel(documentRoute('handoff', handoff.id)));
		const day = formatDate(handoff.data.date);
		const section = page.locator('section.handoff-evidence');
		await expect(section.getByRole('heading', { level: 2 })).toHaveText(`Evidence on ${day}`);
		await expect(section).toContainText(new RegExp(`(gates as the runs recorded up to|No run of phase ${handoff.data.phase}'s gates had been recorded by) ${day}`));
		// Judged on the runs up to the day, or, when none of the phase's was recorded by then, on
		// those recorded since, as the check judges its coverageVerdict.
		await expect(section).toContainText(/(Passing tests covered \d+ of \d+ requirements? \(\d+(\.\d)? %\) on|Its coverage verdict is judged on the runs recorded since: passing tests cover \d+ of \d+ requirements? \(\d+(\.\d)? %\))/);
	});
});

// A planned phase whose author has written its summary and architecture only: the template's other
// headings were published with nothing under them, listed in "On this page" and in the print view.
test('a phase page leaves out the template sections nobody wrote, in its body and its contents list', async ({ page }) => {
	await page.goto(rel('/phases/6/'));
	const body = page.locator('main');
	await expect(body.getByRole('heading', { name: 'Executive summary', exact: true })).toBeVisible();
	await expect(body.getByRole('heading', { name: 'Architecture', exact: true })).toBeVisible();
	for (const unwritten of ['Rollback plan', 'Before and after', 'Change inventory', 'Sequence', 'Failure path']) {
		await expect(page.getByRole('heading', { name: unwritten, exact: true })).toHaveCount(0);
		await expect(page.getByRole('link', { name: unwritten, exact: true })).toHaveCount(0);
	}
	await page.goto(rel('/phases/6/print/'));
	await expect(page.getByRole('heading', { name: 'Rollback plan', exact: true })).toHaveCount(0);
	await expect(page.getByRole('heading', { name: 'Executive summary', exact: true })).toHaveCount(1);
});

test('a phase’s readiness labels a review’s own blockers as the reviewer’s, apart from its findings', async ({ page }) => {
	await page.goto(rel(documentRoute('phase', '3')));
	const blocker = page.locator('li', { hasText: 'REV-001 blocker 1:' }).first();
	await expect(blocker).toContainText('Reviewer’s blocker · owner Dev Raman');
	const finding = page.locator('li', { hasText: 'REV-001 F-1 (blocking) is open' }).first();
	await expect(finding).toContainText('Review finding · owner Dev Raman');
});

// Paper cannot open a disclosure: the printed readiness page kept each blocker's history folded.
test('printing opens what a page folds away, and folds it again after', async ({ page }) => {
	await page.goto(rel('/readiness/'));
	const folded = page.locator('details:not([open])');
	const count = await folded.count();
	expect(count).toBeGreaterThan(0);
	await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
	await expect(page.locator('details:not([open])')).toHaveCount(0);
	await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
	await expect(page.locator('details:not([open])')).toHaveCount(count);
});

// "On this page" jumped from the evidence to the body, past the panels a sign-off reader looks for.
test('a phase page lists its panels in its contents, in the order of the page', async ({ page }) => {
	await page.setViewportSize({ width: 1440, height: 900 });
	await page.goto(rel('/phases/3/'));
	const toc = page.locator('nav.toc-aside');
	const entries = await toc.getByRole('link').allTextContents();
	const panels = ['Requirements', 'Deliverables', 'Approvals', 'Deferred items', 'Code and git range', 'RCAs, handoff and review'];
	expect(entries.filter((e) => panels.includes(e.trim())).map((e) => e.trim())).toEqual(panels);
	expect(entries.findIndex((e) => e.trim() === 'RCAs, handoff and review')).toBeLessThan(entries.findIndex((e) => e.trim() === 'Executive summary'));
	for (const panel of panels) {
		const target = await toc.getByRole('link', { name: panel, exact: true }).getAttribute('href');
		await expect(page.locator(`[id="${target!.slice(1)}"]`)).toHaveText(panel);
	}
});

// Phase 3 said "Not released" beside a changelog and dashboard that list its 0.3.0-rc.1 as shipped.
test('a phase without its release names the pre-releases it shipped', async ({ page }) => {
	await page.goto(rel('/phases/3/'));
	const release = page.getByText('Not released', { exact: true }).locator('..');
	await expect(release).toHaveText(/^\s*Not released \(pre-release 0\.3\.0-rc\.1\)\s*$/);
	await expect(release.getByRole('link', { name: '0.3.0-rc.1', exact: true })).toHaveAttribute('href', /\/changelog\/#v0\.3\.0-rc\.1$/);
});

// The timeline's actual windows and the dependency chart's statuses were in the pictures only.
test('the dashboard gives its timeline and dependencies as a table too', async ({ page }) => {
	await page.goto('');
	await page.getByText('The timeline and dependencies as a table').click();
	const table = page.locator('details.diagram-text table');
	const row = (title: string) => table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: title }) });
	const phase3 = row('Phase 3: Contract-driven development');
	await expect(phase3.getByRole('cell').nth(0)).toHaveText('In review');
	await expect(phase3.getByRole('cell').nth(2)).toHaveText(/^\s*Since \d+ \w+ 2026, ongoing\s*$/);
	await expect(phase3.getByRole('cell').nth(3)).toHaveText('Phase 2');
	await expect(table.getByRole('row').filter({ hasText: 'Phase 6' }).getByRole('cell').nth(2)).toHaveText('Not started');
});

// At 360 px the matrix's test columns began off screen: each requirement is a card on a phone.
test('on a phone the traceability matrix shows every cell of a requirement on screen', async ({ page }) => {
	await page.setViewportSize({ width: 360, height: 800 });
	await page.goto(rel('/traceability/'));
	const rights = await page.$$eval('table.trace-matrix > tbody > tr:not([hidden]) > td', (tds) => tds.map((td) => td.getBoundingClientRect().right));
	expect(rights.length).toBeGreaterThan(0);
	expect(Math.max(...rights)).toBeLessThanOrEqual(360);
});

// The pack's RCA and review were h2s, and so were their own sections: a PDF's bookmarks and a
// screen reader's headings could not tell where one document ended and the next began.
test('the sign-off pack nests each document’s sections under its part', async ({ page }) => {
	await page.goto(rel('/phases/3/print/'));
	const part = page.getByRole('heading', { level: 2, name: /^RCA-\d+:/ }).first();
	await expect(part).toBeVisible();
	await expect(page.getByRole('heading', { level: 2, name: 'Symptom and impact', exact: true })).toHaveCount(0);
	await expect(page.getByRole('heading', { level: 3, name: 'Symptom and impact', exact: true }).first()).toBeVisible();
	await expect(page.getByRole('heading', { level: 2, name: 'Executive summary', exact: true })).toHaveCount(0);
	await expect(page.getByRole('heading', { level: 3, name: 'Executive summary', exact: true })).toHaveCount(1);
});
