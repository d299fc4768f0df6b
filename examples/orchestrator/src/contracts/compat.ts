// Compatibility rules between two versions of a schema: a minor version must accept every older payload.
import type { JsonSchema } from './schema.ts';

export interface CompatViolation {
	/** JSON pointer into the schema. */
	path: string;
	rule:
		| 'field-removed'
		| 'required-added'
		| 'type-changed'
		| 'type-narrowed'
		| 'enum-value-removed'
		| 'precision-narrowed'
		| 'const-changed'
		| 'closed-to-additional-properties';
	from?: unknown;
	to?: unknown;
}

function compareObject(old: JsonSchema, next: JsonSchema, path: string, out: CompatViolation[]): void {
	const oldProps = old.properties ?? {};
	const newProps = next.properties ?? {};
	const oldRequired = old.required ?? [];
	// A consumer reading a required field breaks when the field disappears.
	for (const name of oldRequired) {
		if (!Object.hasOwn(newProps, name)) {
			out.push({ path: `${path}/properties/${name}`, rule: 'field-removed', from: 'required', to: 'absent' });
		}
	}
	for (const name of next.required ?? []) {
		if (!oldRequired.includes(name)) {
			out.push({ path: `${path}/required/${name}`, rule: 'required-added', from: 'optional', to: 'required' });
		}
	}
	if (old.additionalProperties !== false && next.additionalProperties === false) {
		out.push({ path: `${path}/additionalProperties`, rule: 'closed-to-additional-properties', from: true, to: false });
	}
	for (const [name, sub] of Object.entries(oldProps)) {
		const newSub = newProps[name];
		if (newSub) compareSchema(sub, newSub, `${path}/properties/${name}`, out);
	}
}

function compareSchema(old: JsonSchema, next: JsonSchema, path: string, out: CompatViolation[]): void {
	if (old.type !== next.type) {
		const narrowed = old.type === 'number' && next.type === 'integer';
		out.push({ path: `${path}/type`, rule: narrowed ? 'type-narrowed' : 'type-changed', from: old.type, to: next.type });
		return;
	}
	// The root `schema` field names the version itself, so it changes with every release.
	if (old.const !== undefined && old.const !== next.const && path !== '/properties/schema') {
		out.push({ path: `${path}/const`, rule: 'const-changed', from: old.const, to: next.const });
	}
	if (old.enum) {
		const removed = old.enum.filter((v) => !(next.enum ?? old.enum!).includes(v));
		for (const v of removed) out.push({ path: `${path}/enum`, rule: 'enum-value-removed', from: v });
	}
	const oldPrecision = old['x-precision'];
	const newPrecision = next['x-precision'];
	if (oldPrecision !== undefined && (newPrecision ?? Infinity) < oldPrecision) {
		out.push({ path: `${path}/x-precision`, rule: 'precision-narrowed', from: oldPrecision, to: newPrecision });
	}
	if (old.type === 'object' || old.properties) compareObject(old, next, path, out);
	if (old.items && next.items) compareSchema(old.items, next.items, `${path}/items`, out);
}

/** Why `next` cannot replace `old` within one major version; empty when it can. */
export function compatibilityViolations(old: JsonSchema, next: JsonSchema): CompatViolation[] {
	const out: CompatViolation[] = [];
	compareSchema(old, next, '', out);
	return out;
}
