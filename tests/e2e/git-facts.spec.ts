// What git says about the sample's code, on the site: ranges and inventory states, overdue phases,
// suspect review findings, the commit each gate judged, and code links at the range's end.
import { expect, test } from '@playwright/test';
import { rel } from './site.ts';

const CODE_COMMIT = 'a57f61a400b1d32630801297d7de1d7eef2cac88';

test('a phase page shows its git range and the state of each change-inventory row', async ({ page }) => {
	await page.goto(rel('/phases/3/'));
	const panel = page.locator('section', { has: page.getByRole('heading', { name: 'Code and git range' }) });
	await expect(panel.locator('[data-range]')).toHaveText('9e151cb..a57f61a');
	// One commit in the range changed the code (examples/orchestrator); the others, documents only.
	await expect(panel.locator('p', { has: page.locator('[data-range]') })).toHaveText('Git range 9e151cb..a57f61a (pinned in the frontmatter): 1 commit changed the code in its 8 paths, 27 files in all.');
	await expect(panel).toContainText('21 listed, 0 unchanged, 0 ghost, 0 changed but not listed');
	await panel.getByText("Each file's state").click();
	const row = panel.locator('tr', { hasText: 'src/contracts/compat.ts' });
	await expect(row.locator('td')).toHaveText('Listed');
	await expect(row.getByRole('link')).toHaveAttribute('href', `https://github.com/phasebook/sample-program/blob/${CODE_COMMIT}/examples/orchestrator/src/contracts/compat.ts`);
});

test('an overdue phase is marked on the dashboard and on its page', async ({ page }) => {
	await page.goto('');
	const row = page.locator('.phase-table tr', { hasText: 'Contract-driven development' });
	await expect(row.locator('[data-overdue]')).toContainText(/^Overdue by \d+ days$/);
	await expect(page.locator('.phase-table tr', { hasText: 'Template system' }).locator('[data-overdue]')).toHaveCount(0);
	await page.goto(rel('/phases/3/'));
	await expect(page.locator('[data-overdue]')).toContainText(/^Overdue by \d+ days$/);
	// The phases index tells the same story as the dashboard (it left the flag out).
	await page.goto(rel('/phases/'));
	await expect(page.locator('.phase-table tr', { hasText: 'Contract-driven development' }).locator('[data-overdue]')).toContainText(/^Overdue by \d+ days$/);
});

test('a review marks the findings whose file changed after it', async ({ page }) => {
	await page.goto(rel('/reviews/rev-000/'));
	await expect(page.locator('[data-suspect]')).toHaveCount(4);
	await expect(page.locator('tr', { hasText: 'src/templates/engine.ts:19' }).locator('[data-suspect]')).toHaveText('Suspect: the file changed on 21 Nov 2026, after the review');
	await page.goto(rel('/reviews/rev-001/'));
	await expect(page.locator('[data-suspect]')).toHaveCount(0);
});

test('the readiness page names the commit each gate judged', async ({ page }) => {
	await page.goto(rel('/readiness/'));
	const phase3 = page.locator('.phase-verdict', { has: page.getByRole('heading', { name: /Phase 3:/ }) });
	await expect(phase3.locator('[data-gate-commits]')).toHaveText(/^Gates judged a57f61a \(Clean build, Unit tests, End-to-end tests, .*Security scan\)$/);
});

test('the traceability matrix links each file to the repository at the end of its range', async ({ page }) => {
	await page.goto(rel('/traceability/'));
	const link = page.locator('.trace-files a', { hasText: 'src/compliance/coverage-gate.ts' });
	await expect(link).toHaveAttribute('href', `https://github.com/phasebook/sample-program/blob/${CODE_COMMIT}/examples/orchestrator/src/compliance/coverage-gate.ts`);
});
