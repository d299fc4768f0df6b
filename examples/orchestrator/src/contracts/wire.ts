// The pipe-delimited wire format between the Python side and the MQL4 Expert Advisor.
import type { JsonSchema } from './schema.ts';

type Flat = Record<string, string>;

function escapeValue(text: string): string {
	return text.replace(/[\\|=]/g, (c) => `\\${c}`);
}

/** Splits on an unescaped separator and unescapes each part. */
function splitEscaped(text: string, separator: string, limit = Infinity): string[] {
	const parts: string[] = [];
	let current = '';
	for (let i = 0; i < text.length; i++) {
		const c = text[i]!;
		if (c === '\\' && i + 1 < text.length) {
			current += text[++i];
		} else if (c === separator && parts.length < limit - 1) {
			parts.push(current);
			current = '';
		} else current += c;
	}
	parts.push(current);
	return parts;
}

/** `OrderIntent@1.2|intent_id=oi_...|symbol=USDJPY|fills[0].price=...` */
export function encodeWire(payload: Record<string, unknown>): string {
	const id = payload['schema'];
	if (typeof id !== 'string') throw new Error('A payload names its schema in the "schema" field');
	const fields: string[] = [];
	for (const [key, value] of Object.entries(payload)) {
		if (key === 'schema' || value === undefined || value === null) continue;
		if (Array.isArray(value)) {
			value.forEach((item, i) => {
				for (const [inner, v] of Object.entries(item as Record<string, unknown>)) {
					fields.push(`${key}[${i}].${inner}=${escapeValue(String(v))}`);
				}
			});
			if (value.length === 0) fields.push(`${key}[]=`);
		} else fields.push(`${key}=${escapeValue(String(value))}`);
	}
	return [escapeValue(id), ...fields].join('|');
}

export function wireSchemaId(wire: string): string {
	return splitEscaped(wire, '|')[0] ?? '';
}

/** The wire's fields as flat key -> raw string. */
export function wireFields(wire: string): Flat {
	const [, ...fields] = splitEscaped(wire, '|');
	const flat: Flat = {};
	for (const f of fields) {
		const eq = f.indexOf('=');
		if (eq < 0) throw new Error(`Malformed wire field "${f}"`);
		flat[f.slice(0, eq)] = f.slice(eq + 1);
	}
	return flat;
}

function typed(schema: JsonSchema | undefined, raw: string): unknown {
	if (schema?.type === 'integer' || schema?.type === 'number') return Number(raw);
	if (schema?.type === 'boolean') return raw === 'true';
	return raw;
}

/** Decodes a wire message into a payload, typing values by the schema. */
export function decodeWire(wire: string, schema: JsonSchema): Record<string, unknown> {
	const payload: Record<string, unknown> = { schema: wireSchemaId(wire) };
	for (const [key, raw] of Object.entries(wireFields(wire))) {
		const arr = /^(\w+)\[(\d*)\](?:\.(\w+))?$/.exec(key);
		if (!arr) {
			payload[key] = typed(schema.properties?.[key], raw);
			continue;
		}
		const [, name, index, inner] = arr as unknown as [string, string, string, string | undefined];
		const list = (payload[name] ??= []) as Record<string, unknown>[];
		if (index === '' || inner === undefined) continue;
		const item = (list[Number(index)] ??= {});
		item[inner] = typed(schema.properties?.[name]?.items?.properties?.[inner], raw);
	}
	return payload;
}
