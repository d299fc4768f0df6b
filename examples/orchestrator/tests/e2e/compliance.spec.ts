import { cpSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { cli, ROOT, scratch } from './helpers.ts';

const SAMPLE = join(ROOT, 'tests/fixtures/sample-repo');

test('REQ-1.2 compliance page shows the verdict and every check', async ({ page }) => {
	await page.goto('/ui/compliance');
	await expect(page.getByRole('status')).toHaveText('pass');
	await expect(page.locator('#repository')).toHaveText('phasebook/sample-program');
	const rows = page.locator('#checks tr');
	await expect(rows).toHaveCount(4);
	await expect(page.locator('tr[data-check="governance-files"] td').nth(2)).toHaveText('LICENSE, SECURITY.md, CODEOWNERS');
});

test('REQ-1.4 compliance API counts the allow-listed critical finding and passes', async ({ request }) => {
	const res = await request.get('/api/v1/compliance');
	expect(res.status()).toBe(200);
	const body = await res.json();
	expect(body.checks.find((c: { id: string }) => c.id === 'security')).toEqual({ id: 'security', status: 'pass', detail: '0 HIGH, 1 CRITICAL, 1 allow-listed' });
});

test('REQ-1.1 validate-compliance passes the sample repository with exit 0', () => {
	const r = cli(['validate-compliance', '--repo', SAMPLE, '--json']);
	expect(r.code).toBe(0);
	expect(JSON.parse(r.stdout)).toMatchObject({ repository: 'phasebook/sample-program', verdict: 'pass' });
});

test('REQ-1.3 validate-compliance fails a repository whose coverage report is missing', () => {
	const repo = scratch();
	cpSync(SAMPLE, repo, { recursive: true });
	rmSync(join(repo, 'reports/coverage-summary.json'));
	const r = cli(['validate-compliance'], repo);
	expect(r.code).toBe(1);
	expect(r.stdout).toMatch(/✗ coverage: Coverage report missing/);
	expect(cli(['coverage-gate', 'reports/coverage-summary.json'], repo).code).toBe(2);
});

test('REQ-1.5 precommit refuses a staged secret and a denylisted import', () => {
	const dir = scratch();
	writeFileSync(join(dir, 'deploy.sh'), 'AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n');
	writeFileSync(join(dir, 'job.py'), 'import pickle\n');
	const r = cli(['precommit', 'deploy.sh', 'job.py'], dir);
	expect(r.code).toBe(1);
	expect(r.stderr).toBe('deploy.sh:1:19  Possible AWS access key id  secrets/aws-access-key\njob.py:1:1  pickle is denylisted (ci/denylist.txt)  denylist/import\n');
});
