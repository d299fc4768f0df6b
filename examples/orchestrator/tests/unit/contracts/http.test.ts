import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer, type Running } from '../../helpers/server.ts';
import { orderIntent } from './fixtures.ts';

let server: Running;
const token = 'test-publish-token';
beforeAll(async () => {
	server = await startServer({ publishToken: token });
});
afterAll(() => server.close());

describe('registry API', () => {
	test('REQ-3.4 GET /v1/schemas lists every schema and marks the latest', async () => {
		const body = (await (await fetch(`${server.url}/v1/schemas`)).json()) as { schemas: { id: string; latest: boolean }[] };
		expect(body.schemas.map((s) => `${s.id}${s.latest ? '*' : ''}`)).toEqual(['ExecutionReport@1.0*', 'OrderIntent@1.2*', 'PriceTick@1.0*', 'Signal@1.0*']);
	});

	test('REQ-3.4 GET /v1/schemas/{id} serves the schema with a strong ETag and answers 304 to it', async () => {
		const res = await fetch(`${server.url}/v1/schemas/OrderIntent@1.2`);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('application/schema+json');
		const etag = res.headers.get('etag')!;
		expect(etag).toMatch(/^"sha256-[0-9a-f]{64}"$/);
		expect(((await res.json()) as { $id: string }).$id).toBe('OrderIntent@1.2');
		const again = await fetch(`${server.url}/v1/schemas/OrderIntent@1.2`, { headers: { 'if-none-match': etag } });
		expect(again.status).toBe(304);
		expect((await fetch(`${server.url}/v1/schemas/Heartbeat@1.0`)).status).toBe(404);
	});

	test('REQ-3.4 POST /v1/schemas needs the publish token', async () => {
		expect((await fetch(`${server.url}/v1/schemas`, { method: 'POST', body: '{}' })).status).toBe(401);
		const open = await startServer();
		try {
			expect((await fetch(`${open.url}/v1/schemas`, { method: 'POST', headers: { authorization: 'Bearer ' }, body: '{}' })).status).toBe(401);
		} finally {
			await open.close();
		}
	});

	test('REQ-3.4 publishes a compatible version (201) and refuses an incompatible one (409)', async () => {
		const schema = (await (await fetch(`${server.url}/v1/schemas/PriceTick@1.0`)).json()) as Record<string, any>;
		const publish = (s: unknown) =>
			fetch(`${server.url}/v1/schemas`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: JSON.stringify(s) });
		const compatible = structuredClone(schema);
		compatible['$id'] = 'PriceTick@1.1';
		compatible['properties'].schema = { const: 'PriceTick@1.1' };
		compatible['properties'].venue = { type: 'string' };
		const created = await publish(compatible);
		expect(created.status).toBe(201);
		expect(created.headers.get('location')).toBe('/v1/schemas/PriceTick@1.1');
		const incompatible = structuredClone(compatible);
		incompatible['$id'] = 'PriceTick@1.2';
		incompatible['properties'].schema = { const: 'PriceTick@1.2' };
		incompatible['properties'].bid_px = { type: 'number' };
		const refused = await publish(incompatible);
		expect(refused.status).toBe(409);
		expect(await refused.json()).toMatchObject({ error: 'incompatible_change', against: 'PriceTick@1.1', violations: [{ rule: 'type-changed' }] });
		expect((await publish({ title: 'nothing' })).status).toBe(400);
	});

	test('REQ-3.3 POST /v1/validate/{id} answers 200 or 422 with the violations', async () => {
		const post = (id: string, body: unknown) => fetch(`${server.url}/v1/validate/${id}`, { method: 'POST', body: JSON.stringify(body) });
		expect(await (await post('OrderIntent@1.2', orderIntent())).json()).toEqual({ valid: true, schema: 'OrderIntent@1.2' });
		const invalid = await post('OrderIntent@1.2', orderIntent({ limit_price: '151.2375' }));
		expect(invalid.status).toBe(422);
		expect(await invalid.json()).toEqual({ valid: false, schema: 'OrderIntent@1.2', violations: [{ path: '/limit_price', message: '"151.2375" has 4 decimals; USDJPY allows 3' }] });
		expect((await post('Nope@1.0', {})).status).toBe(404);
	});
});
