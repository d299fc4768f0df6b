import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { cli, PUBLISH_TOKEN, scratch } from './helpers.ts';
import { payloads, SYMBOLS_BY_DIGITS } from './payloads.ts';

const PRICE_FIELDS = new Set(['bid_px', 'ask_px', 'limit_price', 'stop_loss', 'take_profit', 'price']);

/** Two decimal strings denote the same number ("151.23" and "151.230"). */
function sameDecimal(a: string, b: string): boolean {
	const scale = Math.max(a.split('.')[1]?.length ?? 0, b.split('.')[1]?.length ?? 0);
	const points = (s: string) => BigInt(s.replace('.', '') + '0'.repeat(scale - (s.split('.')[1]?.length ?? 0)));
	return points(a) === points(b);
}

/** Compares payloads field by field; prices by value, everything else exactly. */
function lossless(sent: unknown, back: unknown, path = ''): string[] {
	if (Array.isArray(sent)) return sent.flatMap((v, i) => lossless(v, (back as unknown[])[i], `${path}/${i}`));
	if (sent && typeof sent === 'object') {
		return Object.entries(sent).flatMap(([k, v]) => {
			const b = (back as Record<string, unknown>)[k];
			if (PRICE_FIELDS.has(k)) return typeof b === 'string' && sameDecimal(v as string, b) ? [] : [`${path}/${k}: sent ${v}, got ${b}`];
			return lossless(v, b, `${path}/${k}`);
		});
	}
	return sent === back ? [] : [`${path}: sent ${String(sent)}, got ${String(back)}`];
}

function echo(events: Record<string, unknown>[]): Record<string, unknown>[] {
	const file = join(scratch(), 'events.json');
	writeFileSync(file, JSON.stringify(events));
	const r = cli(['mt4-echo', file]);
	expect(r.stderr).toBe('');
	return JSON.parse(r.stdout) as Record<string, unknown>[];
}

function paperTrade(intents: Record<string, unknown>[]) {
	const file = join(scratch(), 'intents.json');
	writeFileSync(file, JSON.stringify(intents));
	const r = cli(['paper-trade', file]);
	expect(r.code).toBe(0);
	return JSON.parse(r.stdout) as { reports: { status: string; reason?: string; fills: { price: string }[] }[]; orderSend: { symbol: string; price: number }[] };
}

async function schemaOf(request: APIRequestContext, id: string): Promise<Record<string, any>> {
	return (await request.get(`/v1/schemas/${id}`)).json();
}

function nextVersion(schema: Record<string, any>, id: string): Record<string, any> {
	const copy = structuredClone(schema);
	copy['$id'] = id;
	copy['properties'].schema = { const: id };
	return copy;
}

async function publish(request: APIRequestContext, schema: unknown) {
	return request.post('/v1/schemas', { data: schema, headers: { authorization: `Bearer ${PUBLISH_TOKEN}` } });
}

// Regression tests of RCA-0003; their names are exactly the ones the RCA lists.
test('REQ-3.3 OrderIntent round trip preserves price precision for 8-digit symbols', async ({ request }) => {
	const intents = payloads('OrderIntent', 8, 200, 3);
	expect(new Set(intents.map((i) => i['symbol']))).toEqual(new Set(SYMBOLS_BY_DIGITS[8]));
	for (const intent of intents.slice(0, 20)) {
		expect((await request.post('/v1/validate/OrderIntent@1.2', { data: intent })).status()).toBe(200);
	}
	expect(lossless(intents, echo(intents))).toEqual([]);
	const { reports, orderSend } = paperTrade(intents);
	expect(orderSend).toHaveLength(intents.length);
	reports.forEach((report, i) => {
		expect(report.status).toBe('filled');
		// The execution report carries the intent's price to the last digit (ETHBTC came back as 0.03512).
		expect(sameDecimal(report.fills[0]!.price, intents[i]!['limit_price'] as string), `${intents[i]!['symbol']} ${intents[i]!['limit_price']} -> ${report.fills[0]!.price}`).toBe(true);
	});
});

test('REQ-3.3 MQL4 parser rejects a price finer than symbol digits', async ({ request }) => {
	const intent = payloads('OrderIntent', 3, 1)[0]!;
	intent['symbol'] = 'USDJPY';
	intent['limit_price'] = '151.2375';
	const validation = await request.post('/v1/validate/OrderIntent@1.2', { data: intent });
	expect(validation.status()).toBe(422);
	expect((await validation.json()).violations).toContainEqual({ path: '/limit_price', message: '"151.2375" has 4 decimals; USDJPY allows 3' });
	const { reports, orderSend } = paperTrade([intent]);
	expect(reports[0]).toMatchObject({ status: 'rejected', reason: 'precision_exceeded: limit_price', fills: [] });
	expect(orderSend).toEqual([]);
});

for (const type of ['PriceTick', 'Signal', 'OrderIntent', 'ExecutionReport'] as const) {
	for (const digits of [2, 3, 5, 8]) {
		if (type === 'OrderIntent' && digits === 8) continue;
		test(`REQ-3.3 ${type} round trip is lossless for 300 payloads with ${digits}-digit symbols`, () => {
			const sent = payloads(type, digits, 300);
			expect(lossless(sent, echo(sent))).toEqual([]);
		});
	}
}

test('REQ-3.1 schema browser lists every schema and shows one', async ({ page }) => {
	await page.goto('/ui/schemas');
	await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
	await expect(page.locator('#schemas tr')).toHaveCount(4);
	await page.getByRole('link', { name: 'OrderIntent@1.2' }).click();
	await expect(page.locator('#detail-title')).toHaveText('OrderIntent@1.2');
	await expect(page.locator('#detail')).toContainText('"x-precision": 8');
});

test('REQ-3.2 generate-contracts --check finds no drift in the build', () => {
	expect(cli(['generate-contracts', '--check'])).toMatchObject({ code: 0, stdout: 'generated files match the schemas\n' });
});

test('REQ-3.4 publishing a compatible minor version answers 201', async ({ request }) => {
	const next = nextVersion(await schemaOf(request, 'PriceTick@1.0'), 'PriceTick@1.1');
	next['properties'].venue = { type: 'string' };
	const res = await publish(request, next);
	expect(res.status()).toBe(201);
	expect((await request.get('/v1/schemas/PriceTick@1.1')).status()).toBe(200);
});

test('REQ-3.4 publishing a narrowed type in a minor version answers 409', async ({ request }) => {
	const next = nextVersion(await schemaOf(request, 'Signal@1.0'), 'Signal@1.1');
	next['properties'].confidence = { type: 'integer', minimum: 0, maximum: 1 };
	const res = await publish(request, next);
	expect(res.status()).toBe(409);
	expect(await res.json()).toMatchObject({
		error: 'incompatible_change',
		against: 'Signal@1.0',
		violations: [{ path: '/properties/confidence/type', rule: 'type-narrowed', from: 'number', to: 'integer' }],
	});
});

// Added by the phase 3 review: reproduces REV-001 F-1.
test('REQ-3.4 compat check refuses removing an optional field in a minor version', async ({ request }) => {
	const next = nextVersion(await schemaOf(request, 'OrderIntent@1.2'), 'OrderIntent@1.3');
	// take_profit is optional, but OrderIntent is closed (additionalProperties: false): every
	// OrderIntent@1.2 payload that carries a take_profit would be invalid under 1.3.
	delete next['properties'].take_profit;
	const res = await publish(request, next);
	expect(res.status(), 'removing take_profit must be refused as incompatible').toBe(409);
	expect(await res.json()).toMatchObject({ error: 'incompatible_change', violations: [{ path: '/properties/take_profit', rule: 'field-removed' }] });
});

test('REQ-3.5 publishing a major version without a migration answers 409', async ({ request }) => {
	const next = nextVersion(await schemaOf(request, 'Signal@1.0'), 'Signal@2.0');
	next['properties'].confidence = { type: 'integer', minimum: 0, maximum: 100 };
	const res = await publish(request, next);
	expect(res.status()).toBe(409);
	expect((await res.json()).error).toBe('migration_missing');
});
