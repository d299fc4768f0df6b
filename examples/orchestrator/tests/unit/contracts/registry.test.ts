import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import { Migrations } from '../../../src/contracts/migrations.ts';
import { PublishError, Registry, schemaProblem, UnknownSchemaError } from '../../../src/contracts/registry.ts';
import { canonicalJson, parseSchemaId, type JsonSchema } from '../../../src/contracts/schema.ts';
import { tempDir } from '../../helpers/tmp.ts';

function next(schema: JsonSchema, id: string, change: (s: JsonSchema) => void = () => {}): JsonSchema {
	const copy = structuredClone(schema);
	copy.$id = id;
	copy.properties!['schema'] = { const: id };
	change(copy);
	return copy;
}

function refused(fn: () => unknown): PublishError {
	try {
		fn();
	} catch (error) {
		if (error instanceof PublishError) return error;
		throw error;
	}
	throw new Error('expected a PublishError');
}

let registry: Registry;
beforeEach(async () => {
	registry = await Registry.load();
});

describe('registry', () => {
	test('REQ-3.1 registry loads every schema as Name@major.minor', () => {
		expect(registry.entries().map((e) => e.id.id)).toEqual(['ExecutionReport@1.0', 'OrderIntent@1.2', 'PriceTick@1.0', 'Signal@1.0']);
		expect(registry.latest('OrderIntent')?.id.version).toBe('1.2');
		expect(registry.get('Signal@1.0').hash).toMatch(/^[0-9a-f]{64}$/);
	});

	test('REQ-3.1 schema ids parse strictly', () => {
		expect(parseSchemaId('OrderIntent@1.2')).toEqual({ name: 'OrderIntent', major: 1, minor: 2, version: '1.2', id: 'OrderIntent@1.2' });
		for (const bad of ['orderIntent@1.2', 'OrderIntent@1', 'OrderIntent@01.2', 'OrderIntent@1.2.3', 'OrderIntent']) expect(parseSchemaId(bad), bad).toBeUndefined();
	});

	test('REQ-3.1 schema id must match its file name, and schemas must be complete', async () => {
		const dir = await tempDir();
		await mkdir(join(dir, 'events'));
		const schema = next(registry.get('Signal@1.0').schema, 'Signal@1.1');
		await writeFile(join(dir, 'events', 'Signal@1.0.json'), JSON.stringify(schema));
		await expect(Registry.load(join(dir, 'events'))).rejects.toThrow('Signal@1.0.json: $id Signal@1.1 does not match the file name');
		await writeFile(join(dir, 'events', 'Signal@1.0.json'), JSON.stringify({ ...schema, title: 'Other' }));
		await expect(Registry.load(join(dir, 'events'))).rejects.toThrow('Signal@1.0.json: title must be "Signal"');
		expect(schemaProblem([])).toBe('A schema must be a JSON object');
		expect(schemaProblem({ $id: 'x' })).toBe('A schema needs an $id of the form Name@major.minor');
		expect(schemaProblem({ $id: 'A@1.0', title: 'A', type: 'string' })).toBe('An event schema is an object schema');
		expect(schemaProblem({ $id: 'A@1.0', title: 'A', type: 'object', properties: {} })).toBe('properties.schema must be {"const": "A@1.0"}');
	});

	test('REQ-3.4 unknown ids and names are UnknownSchemaError', () => {
		expect(() => registry.get('nonsense')).toThrow(UnknownSchemaError);
		expect(() => registry.get('Heartbeat@1.0')).toThrow('No schema named Heartbeat');
	});

	test('REQ-3.4 publishes a compatible minor version', () => {
		const entry = registry.publish(next(registry.get('PriceTick@1.0').schema, 'PriceTick@1.1', (s) => {
			s.properties!['venue'] = { type: 'string' };
		}));
		expect(entry.id.id).toBe('PriceTick@1.1');
		expect(registry.latest('PriceTick')?.id.id).toBe('PriceTick@1.1');
		expect(registry.latest('PriceTick', 1)?.id.id).toBe('PriceTick@1.1');
	});

	test('REQ-3.4 refuses a narrowed type in a minor version with the reasons', () => {
		const error = refused(() => registry.publish(next(registry.get('Signal@1.0').schema, 'Signal@1.1', (s) => {
			s.properties!['confidence'] = { type: 'integer' };
		})));
		expect(error.status).toBe(409);
		expect(error.body).toEqual({
			error: 'incompatible_change',
			message: 'Signal@1.1 is not backward compatible with Signal@1.0',
			schema: 'Signal@1.1',
			against: 'Signal@1.0',
			violations: [{ path: '/properties/confidence/type', rule: 'type-narrowed', from: 'number', to: 'integer' }],
			hint: 'Publish as Signal@2.0 with a migration in contracts/migrations/',
		});
	});

	test('REQ-3.4 versions are immutable and must move forward', () => {
		const schema = registry.get('Signal@1.0').schema;
		expect(refused(() => registry.publish(schema)).body['error']).toBe('version_exists');
		registry.publish(next(schema, 'Signal@1.3'));
		expect(refused(() => registry.publish(next(schema, 'Signal@1.2'))).body['error']).toBe('version_not_newer');
		expect(refused(() => registry.publish(next(schema, 'Signal@3.0'))).body['error']).toBe('version_gap');
		expect(refused(() => registry.publish({ nope: true })).status).toBe(400);
		expect(registry.publish(next(schema, 'Heartbeat@1.0', (s) => { s.title = 'Heartbeat'; })).id.id).toBe('Heartbeat@1.0');
	});

	test('REQ-3.5 a major version ships with a migration script', async () => {
		const schema = registry.get('Signal@1.0').schema;
		const v2 = next(schema, 'Signal@2.0', (s) => {
			s.properties!['confidence'] = { type: 'integer', minimum: 0, maximum: 100 };
		});
		expect(refused(() => registry.publish(v2)).body['error']).toBe('migration_missing');
		const migrations = new Migrations().register('Signal', 1, 2, (p) => ({ ...p, confidence: Math.round(Number(p['confidence']) * 100) }));
		const withMigration = await Registry.load(undefined, migrations);
		expect(withMigration.publish(v2).id.id).toBe('Signal@2.0');
		expect(migrations.migrate({ schema: 'Signal@1.0', confidence: 0.72 }, 'Signal', 1, { major: 2, id: 'Signal@2.0' })).toEqual({ schema: 'Signal@2.0', confidence: 72 });
		expect(() => migrations.migrate({}, 'Signal', 1, { major: 3, id: 'Signal@3.0' })).toThrow('No migration for Signal from 2 to 3');
		expect(() => migrations.register('Signal', 1, 3, (p) => p)).toThrow('from one major version to the next');
	});

	test('REQ-3.1 canonical JSON ignores key order', () => {
		expect(canonicalJson({ b: 1, a: [{ d: undefined, c: 'x' }] })).toBe('{"a":[{"c":"x"}],"b":1}');
	});
});
