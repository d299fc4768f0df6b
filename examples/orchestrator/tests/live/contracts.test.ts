import assert from 'node:assert/strict';
import { test } from 'node:test';
import { json, url } from './client.ts';

const TOKEN = process.env['ORCH_PUBLISH_TOKEN'] ?? '';

test('REQ-3.4 GET /v1/schemas lists the registry', async () => {
	const body = await json(await fetch(url('/v1/schemas')));
	const ids = body.schemas.map((s: { id: string }) => s.id);
	for (const id of ['PriceTick@1.0', 'Signal@1.0', 'OrderIntent@1.2', 'ExecutionReport@1.0']) assert.ok(ids.includes(id), id);
});

test('REQ-3.4 GET /v1/schemas/{id} answers with a strong ETag and 304 on If-None-Match', async () => {
	const res = await fetch(url('/v1/schemas/OrderIntent@1.2'));
	assert.equal(res.status, 200);
	assert.equal(res.headers.get('content-type'), 'application/schema+json');
	const etag = res.headers.get('etag');
	assert.match(etag ?? '', /^"sha256-[0-9a-f]{64}"$/);
	const again = await fetch(url('/v1/schemas/OrderIntent@1.2'), { headers: { 'if-none-match': etag! } });
	assert.equal(again.status, 304);
});

test('REQ-3.4 POST /v1/schemas without a token answers 401', async () => {
	const res = await fetch(url('/v1/schemas'), { method: 'POST', body: '{}' });
	assert.equal(res.status, 401);
});

test('REQ-3.4 publishing a compatible version answers 201 and an incompatible one 409', async () => {
	assert.ok(TOKEN, 'ORCH_PUBLISH_TOKEN must be set for the live tests');
	const publish = (schema: unknown) =>
		fetch(url('/v1/schemas'), { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(schema) });
	const base = await (await fetch(url('/v1/schemas/Signal@1.0'))).json();
	const compatible = structuredClone(base);
	compatible.$id = 'Signal@1.1';
	compatible.properties.schema = { const: 'Signal@1.1' };
	compatible.properties.strategy = { type: 'string' };
	assert.equal((await publish(compatible)).status, 201);
	const incompatible = structuredClone(compatible);
	incompatible.$id = 'Signal@1.2';
	incompatible.properties.schema = { const: 'Signal@1.2' };
	incompatible.properties.direction = { type: 'string', enum: ['long', 'short'] };
	const refused = await publish(incompatible);
	assert.equal(refused.status, 409);
	const body = await json(refused);
	assert.equal(body.error, 'incompatible_change');
	assert.deepEqual(body.violations, [{ path: '/properties/direction/enum', rule: 'enum-value-removed', from: 'flat' }]);
});

test("REQ-3.3 POST /v1/validate/OrderIntent@1.2 refuses a price finer than the symbol's digits", async () => {
	const payload = {
		schema: 'OrderIntent@1.2',
		intent_id: 'oi_01JC8Q7W5X2M9T4R6B3N0K1P8D',
		symbol: 'USDJPY',
		side: 'buy',
		quantity: '0.10',
		limit_price: '151.2375',
		time_in_force: 'GTC',
		created_at: '2026-11-12T08:30:00.125Z',
	};
	const res = await fetch(url('/v1/validate/OrderIntent@1.2'), { method: 'POST', body: JSON.stringify(payload) });
	assert.equal(res.status, 422);
	assert.deepEqual((await json(res)).violations, [{ path: '/limit_price', message: '"151.2375" has 4 decimals; USDJPY allows 3' }]);
	const ok = await fetch(url('/v1/validate/OrderIntent@1.2'), { method: 'POST', body: JSON.stringify({ ...payload, limit_price: '151.237' }) });
	assert.equal(ok.status, 200);
});
