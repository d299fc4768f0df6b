// Generators: pydantic models and MQL4 parsers from the schemas, and the drift check that keeps them in step.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Entry } from './registry.ts';
import type { JsonSchema } from './schema.ts';

export interface GeneratedFile {
	/** Relative to the generated folder. */
	path: string;
	content: string;
}

function pascal(name: string): string {
	return name.replace(/(^|_)([a-z])/g, (_, __, c: string) => c.toUpperCase());
}

function pythonType(schema: JsonSchema, nested: string): string {
	if (schema.const !== undefined) return `Literal[${JSON.stringify(schema.const)}]`;
	if (schema.enum) return `Literal[${schema.enum.map((v) => JSON.stringify(v)).join(', ')}]`;
	if (schema['x-kind'] === 'price') return 'Decimal';
	switch (schema.type) {
		case 'integer':
			return 'int';
		case 'number':
			return 'float';
		case 'boolean':
			return 'bool';
		case 'array':
			return `list[${schema.items ? pythonType(schema.items, nested) : 'object'}]`;
		case 'object':
			return nested;
		default:
			return 'str';
	}
}

function pythonClass(name: string, schema: JsonSchema, extra: string[]): string {
	const required = new Set(schema.required ?? []);
	const lines = [`class ${name}(BaseModel):`, '    model_config = ConfigDict(extra="forbid", frozen=True)', ''];
	for (const [field, sub] of Object.entries(schema.properties ?? {})) {
		const item = sub.type === 'array' ? sub.items : sub;
		const nestedName = `${name}${pascal(field)}`;
		if (item?.type === 'object') extra.push(pythonClass(nestedName.replace(/s$/, ''), item, extra));
		const type = pythonType(sub, nestedName.replace(/s$/, ''));
		// `schema` would shadow BaseModel.schema(); the model keeps the wire name as an alias.
		const [attr, alias] = field === 'schema' ? ['schema_id', ' = Field(alias="schema")'] : [field, ''];
		lines.push(required.has(field) ? `    ${attr}: ${type}${alias}` : `    ${attr}: ${type} | None = None`);
	}
	return lines.join('\n');
}

/**
 * A pydantic v2 model. The header carries the schema's hash and nothing time-dependent, so
 * regenerating an unchanged schema gives the same bytes (REV-001 F-6).
 */
export function generatePythonModel(entry: Entry): GeneratedFile {
	const extra: string[] = [];
	const main = pythonClass(entry.id.name, entry.schema, extra);
	const content = [
		`# Generated from ${entry.id.id} (sha256:${entry.hash}). Do not edit; run generate-contracts.`,
		'from decimal import Decimal',
		'from typing import Literal',
		'',
		'from pydantic import BaseModel, ConfigDict, Field',
		'',
		'',
		...extra.flatMap((c) => [c, '', '']),
		main,
		'',
	].join('\n');
	return { path: `python/models/${entry.id.name.toLowerCase()}_v${entry.id.major}_${entry.id.minor}.py`, content };
}

/** Price fields as MQL4 paths: top-level names, and `array[].field` for prices nested in arrays. */
export function pricePaths(schema: JsonSchema): string[] {
	const paths: string[] = [];
	for (const [field, sub] of Object.entries(schema.properties ?? {})) {
		if (sub['x-kind'] === 'price') paths.push(field);
		for (const [inner, innerSchema] of Object.entries(sub.items?.properties ?? {})) {
			if (innerSchema['x-kind'] === 'price') paths.push(`${field}[].${inner}`);
		}
	}
	return paths;
}

/** The MQL4 include with the parser and serialiser; every price uses the symbol's digits (RCA-0003, F-2). */
export function generateMql4Parser(entry: Entry): GeneratedFile {
	const name = entry.id.name;
	const body: string[] = [];
	for (const path of pricePaths(entry.schema)) {
		const [array, inner] = path.split('[].');
		if (inner) {
			body.push(
				`   for(int i = 0; i < ArraySize(out.${array}); i++)`,
				`      if(!ParsePrice(FieldAt(wire, "${array}", i, "${inner}"), digits, out.${array}[i].${inner})) { error = "precision_exceeded: ${path}"; return(false); }`,
			);
		} else {
			body.push(`   if(!ParsePrice(Field(wire, "${path}"), digits, out.${path})) { error = "precision_exceeded: ${path}"; return(false); }`);
		}
	}
	const content = [
		`// Generated from ${entry.id.id} (sha256:${entry.hash}). Do not edit; run generate-contracts.`,
		'#property strict',
		'#include <Contracts/Wire.mqh>',
		'',
		`bool Parse${name}(string wire, ${name} &out, string &error)`,
		'  {',
		'   int digits = (int)MarketInfo(Field(wire, "symbol"), MODE_DIGITS);',
		'   if(digits <= 0) { error = "unknown_symbol"; return(false); }',
		...body,
		'   return(true);',
		'  }',
		'',
		`string Format${name}Price(double value, string symbol)`,
		'  {',
		'   return(DoubleToString(value, (int)MarketInfo(symbol, MODE_DIGITS)));',
		'  }',
		'',
	].join('\n');
	return { path: `mql4/parsers/${name}.mqh`, content };
}

export function generateAll(entries: readonly Entry[]): GeneratedFile[] {
	return entries.flatMap((e) => [generatePythonModel(e), generateMql4Parser(e)]);
}

export interface Drift {
	path: string;
	problem: 'missing' | 'stale' | 'orphan';
}

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
	let names;
	try {
		names = await readdir(join(dir, prefix), { withFileTypes: true });
	} catch {
		return [];
	}
	const out: string[] = [];
	for (const d of names) {
		const rel = prefix ? `${prefix}/${d.name}` : d.name;
		if (d.isDirectory()) out.push(...(await listFiles(dir, rel)));
		else out.push(rel);
	}
	return out;
}

/** Differences between the generated folder and what the generators produce now (CI drift check). */
export async function checkDrift(dir: string, entries: readonly Entry[]): Promise<Drift[]> {
	const expected = generateAll(entries);
	const drift: Drift[] = [];
	for (const file of expected) {
		let actual: string | undefined;
		try {
			actual = await readFile(join(dir, file.path), 'utf8');
		} catch {
			actual = undefined;
		}
		if (actual === undefined) drift.push({ path: file.path, problem: 'missing' });
		else if (actual !== file.content) drift.push({ path: file.path, problem: 'stale' });
	}
	const known = new Set(expected.map((f) => f.path));
	for (const path of await listFiles(dir)) if (!known.has(path)) drift.push({ path, problem: 'orphan' });
	return drift.sort((a, b) => a.path.localeCompare(b.path));
}
