import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { matchPath } from '../../../src/http.ts';
import { startServer, type Running } from '../../helpers/server.ts';

describe('routing', () => {
	test('matches :params one segment each and decodes them', () => {
		expect(matchPath('/v1/schemas/:id', '/v1/schemas/OrderIntent%401.2')).toEqual({ id: 'OrderIntent@1.2' });
		expect(matchPath('/api/v1/templates/:name/render', '/api/v1/templates/github%2Fsecurity_policy/render')).toEqual({ name: 'github/security_policy' });
		expect(matchPath('/v1/schemas/:id', '/v1/schemas/')).toBeUndefined();
		expect(matchPath('/v1/schemas/:id', '/v1/schemas/a/b')).toBeUndefined();
		expect(matchPath('/v1/schemas/:id', '/v1/schemas/%E0%A4%A')).toBeUndefined();
		expect(matchPath('/healthz', '/readyz')).toBeUndefined();
	});
});

describe('server', () => {
	let server: Running;
	beforeAll(async () => {
		server = await startServer();
	});
	afterAll(() => server.close());

	test('answers /healthz with the version', async () => {
		const res = await fetch(`${server.url}/healthz`);
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual({ status: 'ok', version: '0.3.0-rc.1' });
	});

	test('serves the UI pages and redirects / to the compliance page', async () => {
		for (const page of ['compliance', 'templates', 'schemas']) {
			const res = await fetch(`${server.url}/ui/${page}`);
			expect(res.status).toBe(200);
			expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
		}
		expect((await fetch(`${server.url}/ui/admin`)).status).toBe(404);
		const root = await fetch(`${server.url}/`, { redirect: 'manual' });
		expect(root.status).toBe(302);
		expect(root.headers.get('location')).toBe('/ui/compliance');
	});

	test('answers 404 and 405 as problem documents', async () => {
		const missing = await fetch(`${server.url}/nope`);
		expect(missing.status).toBe(404);
		expect(await missing.json()).toEqual({ error: 'not_found', message: 'No route for /nope' });
		const wrong = await fetch(`${server.url}/healthz`, { method: 'DELETE' });
		expect(wrong.status).toBe(405);
	});

	test('refuses a body that is not JSON, and one over 1 MB', async () => {
		const bad = await fetch(`${server.url}/v1/validate/Signal@1.0`, { method: 'POST', body: '{' });
		expect(bad.status).toBe(400);
		expect(((await bad.json()) as { error: string }).error).toBe('invalid_json');
		const big = await fetch(`${server.url}/v1/validate/Signal@1.0`, { method: 'POST', body: 'x'.repeat(1024 * 1024 + 1) });
		expect(big.status).toBe(413);
	});

	test('answers 500 without internals when a handler throws', async () => {
		const broken = await startServer({ templatesDir: '/nonexistent/templates' });
		const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
		try {
			const res = await fetch(`${broken.url}/api/v1/templates`);
			expect(res.status).toBe(500);
			expect(await res.json()).toEqual({ error: 'internal', message: 'Internal server error' });
			expect(errors).toHaveBeenCalledOnce();
		} finally {
			errors.mockRestore();
			await broken.close();
		}
	});

	test('a request without a path is routed as /', async () => {
		const status = await new Promise<number>((done, fail) => {
			const port = new URL(server.url).port;
			request({ host: '127.0.0.1', port, path: '/', method: 'GET' }, (res) => {
				res.resume();
				done(res.statusCode ?? 0);
			})
				.on('error', fail)
				.end();
		});
		expect(status).toBe(302);
	});
});
