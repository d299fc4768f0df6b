import assert from 'node:assert/strict';
import { test } from 'node:test';
import { json, url } from './client.ts';

test('GET /healthz answers ok with the version', async () => {
	const res = await fetch(url('/healthz'));
	assert.equal(res.status, 200);
	const body = await json(res);
	assert.equal(body.status, 'ok');
	assert.match(body.version, /^\d+\.\d+\.\d+/);
});

test('REQ-1.2 GET /api/v1/compliance answers 200 with a pass verdict and every check', async () => {
	const res = await fetch(url('/api/v1/compliance'), { headers: { accept: 'application/json' } });
	assert.equal(res.status, 200);
	const body = await json(res);
	assert.equal(body.verdict, 'pass');
	assert.deepEqual(body.checks.map((c: { id: string }) => c.id), ['branch-protection', 'governance-files', 'coverage', 'security']);
	assert.match(body.checkedAt, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
});

test('REQ-1.4 the security check reports the allow-listed critical finding', async () => {
	const body = await json(await fetch(url('/api/v1/compliance')));
	const security = body.checks.find((c: { id: string }) => c.id === 'security');
	assert.deepEqual(security, { id: 'security', status: 'pass', detail: '0 HIGH, 1 CRITICAL, 1 allow-listed' });
});
