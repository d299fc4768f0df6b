// Validates an event payload against its schema: types, enums, patterns and symbol-digit price precision.
import { decimalsOf, digitsOf, isDecimal } from './symbols.ts';
import type { JsonSchema } from './schema.ts';

export interface PayloadViolation {
	/** JSON pointer into the payload. */
	path: string;
	message: string;
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

function kindOf(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	if (Number.isInteger(value)) return 'integer';
	return typeof value;
}

function typeMatches(type: JsonSchema['type'], value: unknown): boolean {
	const kind = kindOf(value);
	if (type === 'number') return kind === 'number' || kind === 'integer';
	return kind === type;
}

function show(value: unknown): string {
	return JSON.stringify(value);
}

/** `symbol` is the payload's symbol, for price fields at any depth (ExecutionReport.fills, REV-001 F-2). */
function check(schema: JsonSchema, value: unknown, path: string, symbol: string | undefined, out: PayloadViolation[]): void {
	const at = path || '/';
	if (schema.const !== undefined && value !== schema.const) {
		out.push({ path: at, message: `${show(value)} must be ${show(schema.const)}` });
		return;
	}
	if (schema.type && !typeMatches(schema.type, value)) {
		out.push({ path: at, message: `expected ${schema.type}, got ${kindOf(value)}` });
		return;
	}
	if (schema.enum && !schema.enum.includes(value)) {
		out.push({ path: at, message: `${show(value)} is not one of ${schema.enum.join(', ')}` });
	}
	if (typeof value === 'string') {
		if (schema.pattern && !new RegExp(schema.pattern, 'u').test(value)) {
			out.push({ path: at, message: `${show(value)} does not match ${schema.pattern}` });
		}
		if (schema.format === 'date-time' && !DATE_TIME.test(value)) {
			out.push({ path: at, message: `${show(value)} is not an RFC 3339 date-time` });
		}
		if (schema.maxLength !== undefined && value.length > schema.maxLength) {
			out.push({ path: at, message: `longer than ${schema.maxLength} characters` });
		}
		if (schema['x-kind'] === 'price') checkPrice(schema, value, at, symbol, out);
	}
	if (typeof value === 'number') {
		if (schema.minimum !== undefined && value < schema.minimum) out.push({ path: at, message: `${value} is below ${schema.minimum}` });
		if (schema.maximum !== undefined && value > schema.maximum) out.push({ path: at, message: `${value} is above ${schema.maximum}` });
	}
	if (Array.isArray(value) && schema.items) {
		value.forEach((item, i) => check(schema.items!, item, `${path}/${i}`, symbol, out));
	}
	if (kindOf(value) === 'object' && (schema.properties || schema.required)) {
		const obj = value as Record<string, unknown>;
		for (const name of schema.required ?? []) {
			if (!Object.hasOwn(obj, name)) out.push({ path: `${path}/${name}`, message: 'is required' });
		}
		for (const [name, v] of Object.entries(obj)) {
			const sub = schema.properties?.[name];
			if (sub) check(sub, v, `${path}/${name}`, symbol, out);
			else if (schema.additionalProperties === false) out.push({ path: `${path}/${name}`, message: 'is not allowed' });
		}
	}
}

function checkPrice(schema: JsonSchema, value: string, at: string, symbol: string | undefined, out: PayloadViolation[]): void {
	if (!isDecimal(value)) {
		out.push({ path: at, message: `${show(value)} is not a decimal string` });
		return;
	}
	const decimals = decimalsOf(value);
	const max = schema['x-precision'];
	if (max !== undefined && decimals > max) {
		out.push({ path: at, message: `${show(value)} has ${decimals} decimals; at most ${max}` });
		return;
	}
	if (symbol === undefined) return;
	const digits = digitsOf(symbol);
	if (digits === undefined) out.push({ path: at, message: `no price digits known for ${symbol}` });
	else if (decimals > digits) out.push({ path: at, message: `${show(value)} has ${decimals} decimals; ${symbol} allows ${digits}` });
}

export function validatePayload(schema: JsonSchema, payload: unknown): PayloadViolation[] {
	const out: PayloadViolation[] = [];
	const symbol = (payload as { symbol?: unknown } | null)?.symbol;
	check(schema, payload, '', typeof symbol === 'string' ? symbol : undefined, out);
	return out;
}
