import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { cli, ROOT } from './helpers.ts';

const manifest = JSON.parse(readFileSync(join(ROOT, 'assets/templates/manifest.json'), 'utf8')) as { templates: { name: string }[] };
// GOLDEN_DIR lets generate-evidence.sh replay phase 2's first run against a Windows-style checkout.
const golden = resolve(ROOT, process.env['GOLDEN_DIR'] ?? 'tests/e2e/golden');

for (const { name } of manifest.templates) {
	test(`REQ-2.4 ${name} renders like its golden file`, () => {
		const r = cli(['generate-template', name, '--example']);
		expect(r.stderr).toBe('');
		expect(r.code).toBe(0);
		const expected = readFileSync(join(golden, `${name}.golden`), 'utf8');
		const why = expected.includes('\r\n') && !r.stdout.includes('\r\n') ? 'the golden file has CRLF line endings; the renderer writes LF' : `${name} differs from its golden file`;
		expect(r.stdout, why).toBe(expected);
	});
}

test('REQ-2.1 template preview renders the security policy', async ({ page }) => {
	await page.goto('/ui/templates');
	await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
	await page.getByLabel('Template').selectOption('github/security_policy');
	await page.getByRole('button', { name: 'Render' }).click();
	await expect(page.locator('#output-path')).toHaveText('Writes SECURITY.md');
	await expect(page.locator('#output')).toContainText('Please report vulnerabilities privately to security@example.com.');
});

test('REQ-2.2 template preview shows why a context cannot render', async ({ page }) => {
	await page.goto('/ui/templates');
	await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
	await page.getByLabel('Template').selectOption('github/security_policy');
	await page.getByLabel('Context (JSON)').fill(JSON.stringify({ project_name: 'sample-program', securityContact: 'security@example.com' }));
	await page.getByRole('button', { name: 'Render' }).click();
	await expect(page.getByRole('alert')).toHaveText(
		"template_context: github/security_policy: Unknown variable 'securityContact'; did you mean 'security_contact'?; 'security_contact' is required",
	);
	await expect(page.locator('#output')).toHaveText('');
});

test('REQ-2.3 validate-templates finds no problem in the shipped templates', () => {
	const r = cli(['validate-templates']);
	expect(r).toMatchObject({ code: 0, stdout: `${manifest.templates.length} templates, 0 problems\n` });
});
