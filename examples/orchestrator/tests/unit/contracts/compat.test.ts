import { describe, expect, test } from 'vitest';
import { compatibilityViolations } from '../../../src/contracts/compat.ts';
import type { JsonSchema } from '../../../src/contracts/schema.ts';

const base: JsonSchema = {
	type: 'object',
	required: ['schema', 'id', 'side'],
	properties: {
		schema: { const: 'X@1.0' },
		id: { type: 'string' },
		side: { type: 'string', enum: ['buy', 'sell'] },
		price: { type: 'string', 'x-kind': 'price', 'x-precision': 8 },
		size: { type: 'number' },
		legs: { type: 'array', items: { type: 'object', required: ['px'], properties: { px: { type: 'number' } } } },
	},
};

function changed(change: (s: JsonSchema) => void): JsonSchema {
	const copy = structuredClone(base);
	copy.properties!['schema'] = { const: 'X@1.1' };
	change(copy);
	return copy;
}

describe('compatibility rules', () => {
	test('REQ-3.5 adding an optional field is compatible, and the version field may change', () => {
		expect(compatibilityViolations(base, changed((s) => { s.properties!['venue'] = { type: 'string' }; }))).toEqual([]);
	});

	test('REQ-3.4 removing a required field is refused', () => {
		const next = changed((s) => {
			delete s.properties!['side'];
			s.required = ['schema', 'id'];
		});
		expect(compatibilityViolations(base, next)).toEqual([{ path: '/properties/side', rule: 'field-removed', from: 'required', to: 'absent' }]);
	});

	test('REQ-3.4 making a field required is refused', () => {
		expect(compatibilityViolations(base, changed((s) => { s.required = [...s.required!, 'price']; }))).toEqual([
			{ path: '/required/price', rule: 'required-added', from: 'optional', to: 'required' },
		]);
	});

	test('REQ-3.4 narrowed and changed types are refused', () => {
		const next = changed((s) => {
			s.properties!['size'] = { type: 'integer' };
			s.properties!['id'] = { type: 'number' };
		});
		expect(compatibilityViolations(base, next).map((v) => `${v.path} ${v.rule}`)).toEqual(['/properties/id/type type-changed', '/properties/size/type type-narrowed']);
	});

	test('REQ-3.4 removing an enum value, narrowing precision or a constant is refused', () => {
		const next = changed((s) => {
			s.properties!['side'] = { type: 'string', enum: ['buy'] };
			s.properties!['price'] = { type: 'string', 'x-kind': 'price', 'x-precision': 5 };
			s.properties!['id'] = { type: 'string', const: 'fixed' };
		});
		const withConst = structuredClone(base);
		withConst.properties!['id'] = { type: 'string', const: 'old' };
		expect(compatibilityViolations(base, next).map((v) => v.rule)).toEqual(['enum-value-removed', 'precision-narrowed']);
		expect(compatibilityViolations(withConst, next).map((v) => v.rule)).toEqual(['const-changed', 'enum-value-removed', 'precision-narrowed']);
	});

	test('REQ-3.4 closing an object to additional properties is refused', () => {
		expect(compatibilityViolations(base, changed((s) => { s.additionalProperties = false; })).map((v) => v.rule)).toEqual(['closed-to-additional-properties']);
	});

	test('REQ-3.4 rules apply inside arrays of objects (ExecutionReport.fills)', () => {
		const next = changed((s) => {
			s.properties!['legs'] = { type: 'array', items: { type: 'object', required: ['px'], properties: { px: { type: 'integer' } } } };
		});
		expect(compatibilityViolations(base, next)).toEqual([{ path: '/properties/legs/items/properties/px/type', rule: 'type-narrowed', from: 'number', to: 'integer' }]);
	});
});
