import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { complianceReport, REPO_LAYOUT } from '../../../src/compliance/report.ts';
import { SAMPLE_REPO, startServer, type Running } from '../../helpers/server.ts';
import { copyOf } from '../../helpers/tmp.ts';

const now = new Date('2026-11-20T09:14:03.456Z');

describe('compliance report', () => {
	test('REQ-1.2 the sample repository passes every check', async () => {
		const report = await complianceReport(SAMPLE_REPO, { now });
		expect(report).toMatchObject({ repository: 'phasebook/sample-program', checkedAt: '2026-11-20T09:14:03Z', verdict: 'pass' });
		expect(report.checks.map((c) => `${c.id} ${c.status}`)).toEqual([
			'branch-protection pass',
			'governance-files pass',
			'coverage pass',
			'security pass',
		]);
		expect(report.checks[3]?.detail).toBe('0 HIGH, 1 CRITICAL, 1 allow-listed');
	});

	test('REQ-1.3 a repository without its coverage report fails the coverage check', async () => {
		const repo = await copyOf(SAMPLE_REPO);
		await rm(join(repo, REPO_LAYOUT.coverage));
		const report = await complianceReport(repo, { now });
		expect(report.verdict).toBe('fail');
		expect(report.checks.find((c) => c.id === 'coverage')?.detail).toMatch(/^Coverage report missing/);
	});

	test('REQ-1.4 an expired allow-list entry fails the security check', async () => {
		const report = await complianceReport(SAMPLE_REPO, { now: new Date('2027-02-01T00:00:00Z') });
		expect(report.checks.find((c) => c.id === 'security')).toEqual({
			id: 'security',
			status: 'fail',
			detail: '0 HIGH, 1 CRITICAL, 0 allow-listed; CVE-2023-45853 allow-list entry expired on 2027-01-31',
		});
	});

	test('REQ-1.4 a missing or broken SARIF log fails closed', async () => {
		const repo = await copyOf(SAMPLE_REPO);
		await writeFile(join(repo, REPO_LAYOUT.sarif), '{"version":"1.0"}');
		await rm(join(repo, REPO_LAYOUT.allowlist));
		expect((await complianceReport(repo, { now })).checks[3]?.detail).toBe('reports/security.sarif: Not a SARIF 2.1.0 log');
		await rm(join(repo, REPO_LAYOUT.sarif));
		expect((await complianceReport(repo, { now })).checks[3]?.detail).toContain('is missing; the gate fails closed');
	});

	test('REQ-1.1 a repository without settings fails branch protection', async () => {
		const repo = await copyOf(SAMPLE_REPO);
		await writeFile(join(repo, REPO_LAYOUT.settings), 'not json');
		const report = await complianceReport(repo, { now, threshold: 90 });
		expect(report.repository).toBe('(unknown)');
		expect(report.checks[0]).toMatchObject({ status: 'fail', detail: '.github/settings.json is missing or not JSON' });
		expect(report.checks[2]?.detail).toContain('below the 90 % threshold');
	});
});

describe('GET /api/v1/compliance', () => {
	let server: Running;
	beforeAll(async () => {
		server = await startServer();
	});
	afterAll(() => server.close());

	test('REQ-1.2 answers the verdict with every check', async () => {
		const res = await fetch(`${server.url}/api/v1/compliance`);
		expect(res.status).toBe(200);
		expect(res.headers.get('cache-control')).toBe('no-store');
		const body = (await res.json()) as { verdict: string; checks: unknown[] };
		expect(body.verdict).toBe('pass');
		expect(body.checks).toHaveLength(4);
	});

	test('REQ-1.2 the fixture repository carries its own licence', async () => {
		expect(await readFile(join(SAMPLE_REPO, 'LICENSE'), 'utf8')).toContain('Apache License');
	});
});
