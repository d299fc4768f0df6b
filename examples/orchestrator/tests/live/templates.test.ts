import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { json, url } from './client.ts';

const render = (name: string, context: unknown) =>
	fetch(url(`/api/v1/templates/${encodeURIComponent(name)}/render`), {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ context }),
	});

test('REQ-2.4 GET /api/v1/templates lists at least 15 templates', async () => {
	const body = await json(await fetch(url('/api/v1/templates')));
	assert.ok(body.templates.length >= 15, `${body.templates.length} templates`);
});

test('REQ-2.1 POST /api/v1/templates/{name}/render returns the content and its sha256', async () => {
	const res = await render('github/security_policy', { project_name: 'sample-program', security_contact: 'security@example.com', embargo_days: 90 });
	assert.equal(res.status, 200);
	const body = await json(res);
	assert.equal(body.template, 'github/security_policy');
	assert.equal(body.outputPath, 'SECURITY.md');
	assert.equal(body.sha256, createHash('sha256').update(body.content).digest('hex'));
	assert.match(body.content, /privately to security@example\.com\./);
});

test('REQ-2.2 POST render answers 422 template_context for a missing variable', async () => {
	const res = await render('github/security_policy', { project_name: 'sample-program', embargo_days: 90 });
	assert.equal(res.status, 422);
	const body = await json(res);
	assert.equal(body.error, 'template_context');
	assert.match(body.message, /'security_contact' is required/);
});
