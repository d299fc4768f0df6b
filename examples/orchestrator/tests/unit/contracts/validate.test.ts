import { describe, expect, test } from 'vitest';
import { Registry } from '../../../src/contracts/registry.ts';
import { decimalsOf, digitsOf, fromPoints, toPoints } from '../../../src/contracts/symbols.ts';
import { validatePayload } from '../../../src/contracts/validate.ts';
import { executionReport, orderIntent, priceTick, signal } from './fixtures.ts';

const registry = await Registry.load();
const schemaOf = (id: string) => registry.get(id).schema;

describe('payload validation', () => {
	test('REQ-3.2 every sample payload matches its schema', () => {
		for (const payload of [orderIntent(), priceTick(), signal(), executionReport()]) {
			expect(validatePayload(schemaOf(payload['schema'] as string), payload), String(payload['schema'])).toEqual([]);
		}
	});

	test('REQ-3.3 a price finer than the symbol allows is refused, with the symbol named', () => {
		const violations = validatePayload(schemaOf('OrderIntent@1.2'), orderIntent({ limit_price: '151.2375', time_in_force: 'GTD' }));
		expect(violations).toEqual([
			{ path: '/limit_price', message: '"151.2375" has 4 decimals; USDJPY allows 3' },
			{ path: '/time_in_force', message: '"GTD" is not one of GTC, IOC, FOK' },
		]);
	});

	test('REQ-3.3 prices nested in arrays use the symbol digits too (REV-001 F-2)', () => {
		const report = executionReport({ symbol: 'EURUSD', fills: [{ price: '1.084251', quantity: '1' }] });
		expect(validatePayload(schemaOf('ExecutionReport@1.0'), report)).toEqual([{ path: '/fills/0/price', message: '"1.084251" has 6 decimals; EURUSD allows 5' }]);
	});

	test('REQ-3.3 prices must be decimal strings within x-precision, for a known symbol', () => {
		const schema = schemaOf('OrderIntent@1.2');
		expect(validatePayload(schema, orderIntent({ limit_price: 151.237 }))).toEqual([{ path: '/limit_price', message: 'expected string, got number' }]);
		expect(validatePayload(schema, orderIntent({ limit_price: '1e3' }))).toEqual([{ path: '/limit_price', message: '"1e3" is not a decimal string' }]);
		expect(validatePayload(schema, orderIntent({ symbol: 'ETHBTC', limit_price: '0.035123456' }))).toEqual([{ path: '/limit_price', message: '"0.035123456" has 9 decimals; at most 8' }]);
		expect(validatePayload(schema, orderIntent({ symbol: 'DOGEUSD' })).map((v) => v.message)).toEqual([
			'no price digits known for DOGEUSD',
			'no price digits known for DOGEUSD',
			'no price digits known for DOGEUSD',
		]);
	});

	test('REQ-3.2 required, unknown, const, pattern, format, bounds and length checks', () => {
		const intent = orderIntent({ schema: 'OrderIntent@1.1', intent_id: 'x', extra: 1, created_at: 'yesterday' });
		delete intent['side'];
		expect(validatePayload(schemaOf('OrderIntent@1.2'), intent).map((v) => `${v.path} ${v.message}`)).toEqual([
			'/side is required',
			'/schema "OrderIntent@1.1" must be "OrderIntent@1.2"',
			'/intent_id "x" does not match ^oi_[0-9A-Z]{26}$',
			'/created_at "yesterday" is not an RFC 3339 date-time',
			'/extra is not allowed',
		]);
		const s = validatePayload(schemaOf('Signal@1.0'), signal({ confidence: 1.5, horizon_s: 0, note: 'x'.repeat(281) }));
		expect(s.map((v) => v.message)).toEqual(['1.5 is above 1', '0 is below 1', 'longer than 280 characters']);
		expect(validatePayload(schemaOf('Signal@1.0'), null)).toEqual([{ path: '/', message: 'expected object, got null' }]);
		expect(validatePayload(schemaOf('Signal@1.0'), signal({ horizon_s: 1.5 }))[0]?.message).toBe('expected integer, got number');
		expect(validatePayload({ type: 'array', items: { type: 'boolean' } }, [true, 'no'])).toEqual([{ path: '/1', message: 'expected boolean, got string' }]);
	});
});

describe('decimals and points', () => {
	test('REQ-3.3 decimal strings convert to points and back exactly', () => {
		expect(decimalsOf('151.2375')).toBe(4);
		expect(decimalsOf('151')).toBe(0);
		expect(toPoints('0.03512345', 8)).toBe(3512345n);
		expect(toPoints('-1.5', 3)).toBe(-1500n);
		expect(fromPoints(3512345n, 8)).toBe('0.03512345');
		expect(fromPoints(-1500n, 3)).toBe('-1.500');
		expect(fromPoints(42n, 0)).toBe('42');
		expect(() => toPoints('1.2345', 3)).toThrow('"1.2345" has 4 decimals; 3 allowed');
		expect(() => toPoints('abc', 3)).toThrow('"abc" is not a decimal');
		expect(digitsOf('ETHBTC')).toBe(8);
		expect(digitsOf('toString')).toBeUndefined();
	});
});
