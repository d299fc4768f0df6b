import assert from 'node:assert/strict';
import { test } from 'node:test';
import { json, url } from './client.ts';

// The instance under test serves a history of 10,000 runs (tests/fixtures/make-history.mjs),
// the size that exposed RCA-0004.
test('REQ-4.2 workflow-status answers within 2 s for 10,000 runs', async () => {
	const started = performance.now();
	const res = await fetch(url('/api/v1/workflows/status?limit=50'), { signal: AbortSignal.timeout(2000) });
	assert.equal(res.status, 200);
	await res.json();
	assert.ok(performance.now() - started < 2000);
});

test('REQ-4.2 the status of a 10,000-run history names every phase and pages its runs', async () => {
	const res = await fetch(url('/api/v1/workflows/status?limit=50'), { signal: AbortSignal.timeout(120_000) });
	assert.equal(res.status, 200);
	const body = await json(res);
	assert.deepEqual(body.phases.map((p: { id: string }) => p.id), ['1', '2', '3', '4']);
	assert.equal(body.runs.length, 50);
	assert.equal(typeof body.nextCursor, 'string');
});
