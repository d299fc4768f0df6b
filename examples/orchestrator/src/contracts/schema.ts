// Schema ids (Name@major.minor), the JSON Schema subset the registry uses, and content hashes.
import { createHash } from 'node:crypto';

export interface JsonSchema {
	$schema?: string;
	$id?: string;
	title?: string;
	description?: string;
	type?: 'object' | 'string' | 'number' | 'integer' | 'boolean' | 'array';
	const?: unknown;
	enum?: unknown[];
	pattern?: string;
	format?: 'date-time';
	minimum?: number;
	maximum?: number;
	maxLength?: number;
	required?: string[];
	properties?: Record<string, JsonSchema>;
	additionalProperties?: boolean;
	items?: JsonSchema;
	/** `price`: a decimal string no finer than the payload symbol's digits. */
	'x-kind'?: 'price';
	/** Most decimals a price may ever carry. */
	'x-precision'?: number;
}

export interface SchemaId {
	name: string;
	major: number;
	minor: number;
	/** `major.minor` */
	version: string;
	id: string;
}

const ID = /^([A-Z][A-Za-z0-9]*)@(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

export function parseSchemaId(id: string): SchemaId | undefined {
	const m = ID.exec(id);
	if (!m) return undefined;
	const major = Number(m[2]);
	const minor = Number(m[3]);
	return { name: m[1]!, major, minor, version: `${major}.${minor}`, id };
}

/** Orders ids of one name by version. */
export function compareIds(a: SchemaId, b: SchemaId): number {
	return a.major - b.major || a.minor - b.minor;
}

/** JSON with sorted keys, so equal schemas hash equally whatever their key order. */
export function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	if (value && typeof value === 'object') {
		const entries = Object.entries(value as Record<string, unknown>)
			.filter(([, v]) => v !== undefined)
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
	}
	return JSON.stringify(value);
}

export function schemaHash(schema: JsonSchema): string {
	return createHash('sha256').update(canonicalJson(schema)).digest('hex');
}
