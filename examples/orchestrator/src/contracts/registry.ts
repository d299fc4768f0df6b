// The schema registry: versioned Name@major.minor schemas, read from a folder, published after the compatibility check.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compatibilityViolations, type CompatViolation } from './compat.ts';
import { Migrations } from './migrations.ts';
import { compareIds, parseSchemaId, schemaHash, type JsonSchema, type SchemaId } from './schema.ts';

export const SCHEMAS_DIR = fileURLToPath(new URL('../../assets/contracts/schemas/events/', import.meta.url));

export interface Entry {
	id: SchemaId;
	schema: JsonSchema;
	hash: string;
}

/** A refused publication, with the document the API answers (409 or 400). */
export class PublishError extends Error {
	readonly status: 400 | 409;
	readonly body: Record<string, unknown>;
	constructor(status: 400 | 409, body: Record<string, unknown> & { error: string; message: string }) {
		super(body.message);
		this.status = status;
		this.body = body;
	}
}

export class UnknownSchemaError extends Error {}

/** Why a schema document cannot be a registry entry, if it cannot. */
export function schemaProblem(schema: unknown): string | undefined {
	const s = schema as JsonSchema | null;
	if (typeof s !== 'object' || s === null || Array.isArray(s)) return 'A schema must be a JSON object';
	const id = typeof s.$id === 'string' ? parseSchemaId(s.$id) : undefined;
	if (!id) return 'A schema needs an $id of the form Name@major.minor';
	if (s.title !== id.name) return `title must be "${id.name}"`;
	if (s.type !== 'object') return 'An event schema is an object schema';
	if (s.properties?.['schema']?.const !== id.id) return `properties.schema must be {"const": "${id.id}"}`;
	return undefined;
}

export class Registry {
	readonly #byName = new Map<string, Map<string, Entry>>();
	readonly migrations: Migrations;

	constructor(migrations = new Migrations()) {
		this.migrations = migrations;
	}

	static async load(dir = SCHEMAS_DIR, migrations?: Migrations): Promise<Registry> {
		const registry = new Registry(migrations);
		for (const file of (await readdir(dir)).filter((f) => f.endsWith('.json')).sort()) {
			const schema = JSON.parse(await readFile(join(dir, file), 'utf8')) as JsonSchema;
			const problem = schemaProblem(schema);
			if (problem) throw new Error(`${file}: ${problem}`);
			if (`${schema.$id}.json` !== file) throw new Error(`${file}: $id ${schema.$id} does not match the file name`);
			registry.#add(schema);
		}
		return registry;
	}

	#add(schema: JsonSchema): Entry {
		const id = parseSchemaId(schema.$id!)!;
		const versions = this.#byName.get(id.name) ?? new Map<string, Entry>();
		const entry = { id, schema, hash: schemaHash(schema) };
		versions.set(id.version, entry);
		this.#byName.set(id.name, versions);
		return entry;
	}

	/** Every entry, by name then version. */
	entries(): Entry[] {
		return [...this.#byName.keys()].sort().flatMap((name) => [...this.#byName.get(name)!.values()].sort((a, b) => compareIds(a.id, b.id)));
	}

	latest(name: string, major?: number): Entry | undefined {
		const versions = [...(this.#byName.get(name)?.values() ?? [])].filter((e) => major === undefined || e.id.major === major);
		return versions.sort((a, b) => compareIds(a.id, b.id)).at(-1);
	}

	get(id: string): Entry {
		const parsed = parseSchemaId(id);
		if (!parsed) throw new UnknownSchemaError(`"${id}" is not a schema id (Name@major.minor)`);
		const versions = this.#byName.get(parsed.name);
		if (!versions) throw new UnknownSchemaError(`No schema named ${parsed.name}`);
		return versions.get(parsed.version)!;
	}

	/** Publishes a new version, or throws PublishError with the reasons it is refused. */
	publish(schema: unknown): Entry {
		const problem = schemaProblem(schema);
		if (problem) throw new PublishError(400, { error: 'invalid_schema', message: problem });
		const next = schema as JsonSchema;
		const id = parseSchemaId(next.$id!)!;
		if (this.#byName.get(id.name)?.has(id.version)) {
			throw new PublishError(409, { error: 'version_exists', message: `${id.id} is already published; versions are immutable` });
		}
		const latest = this.latest(id.name);
		if (!latest) return this.#add(next);
		if (compareIds(id, latest.id) < 0) {
			throw new PublishError(409, { error: 'version_not_newer', message: `${id.id} is older than ${latest.id.id}` });
		}
		if (id.major === latest.id.major) {
			const violations: CompatViolation[] = compatibilityViolations(latest.schema, next);
			if (violations.length > 0) {
				throw new PublishError(409, {
					error: 'incompatible_change',
					message: `${id.id} is not backward compatible with ${latest.id.id}`,
					schema: id.id,
					against: latest.id.id,
					violations,
					hint: `Publish as ${id.name}@${id.major + 1}.0 with a migration in contracts/migrations/`,
				});
			}
			return this.#add(next);
		}
		if (id.major !== latest.id.major + 1 || id.minor !== 0) {
			throw new PublishError(409, { error: 'version_gap', message: `After ${latest.id.id} the next major version is ${id.name}@${latest.id.major + 1}.0` });
		}
		if (!this.migrations.has(id.name, latest.id.major, id.major)) {
			throw new PublishError(409, {
				error: 'migration_missing',
				message: `${id.id} is a major version and needs a migration from ${latest.id.id}`,
				hint: 'Add the migration script to contracts/migrations/ and register it before publishing',
			});
		}
		return this.#add(next);
	}
}
