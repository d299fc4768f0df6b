// Parses YAML with positions and turns schema issues into located, readable findings.
import { CORE_SCHEMA, load as loadYaml } from 'js-yaml';
import { createRequire } from 'node:module';
import type { Document, LineCounter } from 'yaml';

// The `yaml` library is loaded only when a position is needed: most checks never need one.
const require = createRequire(import.meta.url);
let yamlLib: typeof import('yaml') | undefined;
const yaml = () => (yamlLib ??= require('yaml') as typeof import('yaml'));
import type * as z from 'zod';
import { finding, type Finding } from './findings.ts';
import { shortId } from './schemas/common.ts';
import { nearestName } from './text-distance.ts';

export type FieldPath = readonly PropertyKey[];

export interface YamlSource {
	data: unknown;
	/** 1-based file line of the field at `path`, or of its nearest existing parent. */
	lineOf(path: FieldPath): number;
	/** The text of the scalar at `path` as written (`1.10` for the number 1.1); undefined where there is none. */
	writtenAs(path: FieldPath): string | undefined;
	findings: Finding[];
	/**
	 * The syntax errors a strict YAML 1.2 parser (the `yaml` library) finds in text js-yaml read.
	 * Asked only once the data fails its schema: js-yaml reads some typos as other YAML (an
	 * unclosed quote swallows the next line's key), and the schema's complaint about the fields that
	 * misreading made would name neither the typo nor its line.
	 */
	strictFindings?(): Finding[];
}

/**
 * Parses YAML the way Astro reads frontmatter (js-yaml), so the checker sees what the build will.
 * Positions come from the `yaml` library, parsed only when a finding needs a line or a syntax
 * error needs a clear location: most files never pay for it.
 * @param lineOffset lines in the file before the YAML text.
 */
export function parseYaml(text: string, path: string, lineOffset = 0): YamlSource {
	const { located, lineOf, writtenAs } = positions(text, lineOffset);
	const strictFindings = () => {
		const { doc, counter } = located(true);
		return doc.errors.map((e) => {
			const pos = counter.linePos(e.pos[0]);
			const message = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
			return finding(path, pos.line + lineOffset, 'error', `Invalid YAML: ${message}`, 'frontmatter/yaml', pos.col);
		});
	};
	try {
		// CORE_SCHEMA keeps dates as written: with timestamps on, 2026-02-30 would silently become 2 March.
		return { data: loadYaml(text, { schema: CORE_SCHEMA }) ?? {}, lineOf, writtenAs, findings: [], strictFindings };
	} catch (error) {
		// Nesting deeper than the parsers' recursion can follow (`[[[[…]]]]` thousands deep): both
		// parsers say only "Maximum call stack size exceeded".
		const overflow = (e: unknown) => e instanceof RangeError || /call stack/i.test(String((e as { message?: unknown })?.message));
		if (overflow(error)) return { data: undefined, lineOf, writtenAs, findings: [tooDeep(text, path, lineOffset)] };
		const findings = strictFindings();
		if (findings.some((f) => /call stack/i.test(f.message))) return { data: undefined, lineOf, writtenAs, findings: [tooDeep(text, path, lineOffset)] };
		if (findings.length === 0) {
			// js-yaml is stricter than the `yaml` library here: report its own position.
			const mark = (error as { mark?: { line: number; column: number } }).mark;
			const reason = (error as { reason?: string }).reason ?? (error as Error).message;
			findings.push(finding(path, (mark?.line ?? 0) + 1 + lineOffset, 'error', `Invalid YAML: ${reason}`, 'frontmatter/yaml', (mark?.column ?? 0) + 1));
		}
		return { data: undefined, lineOf, writtenAs, findings };
	}
}

/** The finding for YAML nested too deep to read, at the first bracket or indent past the limit. */
function tooDeep(text: string, path: string, lineOffset: number): Finding {
	let depth = 0;
	let line = 1;
	let column = 1;
	for (let i = 0; i < text.length; i++, column++) {
		const c = text[i];
		if (c === '\n') {
			line++;
			column = 0;
		} else if (c === '[' || c === '{') {
			if (++depth > NESTING_SHOWN) break;
		} else if (c === ']' || c === '}') depth--;
	}
	return finding(path, line + lineOffset, 'error', `Invalid YAML: nested too deep to read (more than ${NESTING_SHOWN} brackets inside each other here); expected a flatter value`, 'frontmatter/yaml', column);
}

/** How deep a finding says the nesting went: far below what the parsers' recursion takes. */
const NESTING_SHOWN = 1000;

/**
 * The `yaml` library's parse of `text`, made on the first call, and `lineOf` over it. Only the
 * parse that explains a syntax error checks that keys are unique: the library compares every key
 * of a map with every other (20,000 keys took seconds, 200,000 did not finish), and YAML that
 * js-yaml read has no repeated key anyway.
 */
function positions(text: string, lineOffset: number) {
	const parses = new Map<boolean, { doc: Document; counter: LineCounter }>();
	const located = (uniqueKeys = false) => {
		let positioned = parses.get(uniqueKeys);
		if (!positioned) {
			const counter = new (yaml().LineCounter)();
			const doc = yaml().parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys });
			positioned = { doc, counter };
			parses.set(uniqueKeys, positioned);
		}
		return positioned;
	};
	let keyLines: Map<string, number | undefined> | null | undefined;
	const lineOf = (fieldPath: FieldPath): number => {
		// A top-level field of a block mapping is found by its line alone: most findings name one,
		// and the full parse costs a third of a millisecond per document (250 released entries
		// without their tag spent 90 ms of a 0.6 s check on it).
		if (fieldPath.length === 1 && typeof fieldPath[0] === 'string') {
			if (keyLines === undefined) keyLines = topLevelKeyLines(text);
			const line = keyLines?.get(fieldPath[0]);
			if (line !== undefined) return line + lineOffset;
			if (keyLines && !keyLines.has(fieldPath[0])) return 1 + lineOffset;
		}
		const { doc, counter } = located();
		const offset = nodeAt(doc, fieldPath).offset;
		return offset === undefined ? 1 + lineOffset : counter.linePos(offset).line + lineOffset;
	};
	const writtenAs = (fieldPath: FieldPath): string | undefined => {
		const { node } = nodeAt(located().doc, fieldPath);
		return yaml().isScalar(node) ? node.source : undefined;
	};
	return { located, lineOf, writtenAs };
}

const BLOCK_KEY = /^(?:"((?:[^"\\]|\\.)*)"|'((?:[^']|'')*)'|([^\s#&*!|>'"%@`{}[\],?:-][^:#]*?|-[^\s:#][^:#]*?))[ \t]*:(?:[ \t]|$)/;

/**
 * The 1-based line of each top-level key of YAML whose top level is a block mapping, read off the
 * lines that start at column 0 (in a block mapping nothing else may: a value's lines are indented).
 * A key written twice maps to undefined (ask the parser); null when the top level is not a block
 * mapping of keys this reads (plain or quoted, on one line), so the parser answers every look-up.
 */
export function topLevelKeyLines(text: string): Map<string, number | undefined> | null {
	const lines = text.split('\n');
	const keys = new Map<string, number | undefined>();
	let started = false;
	for (let i = 0; i < lines.length; i++) {
		const line = (i === 0 ? lines[i]!.replace(/^\uFEFF/, '') : lines[i]!).replace(/\r$/, '');
		const first = line[0];
		if (first === undefined || first === ' ' || first === '\t' || first === '#') continue;
		if (line.startsWith('---') || line.startsWith('...') || first === '%') {
			if (started) return null;
			continue;
		}
		const m = BLOCK_KEY.exec(line);
		if (!m) return null;
		started = true;
		// An escape in a double-quoted key is the parser's to read.
		if (m[1]?.includes('\\')) return null;
		const key = m[1] ?? m[2]?.replaceAll("''", "'") ?? m[3]!;
		keys.set(key, keys.has(key) ? undefined : i + 1);
	}
	return started ? keys : null;
}

/** Unexpected fields of one map reported one by one; the rest are counted in one more finding. */
const MAX_UNEXPECTED_FIELDS = 20;

/** Each map's pairs by key, made on the first look-up: a finding per key of a large map made it quadratic. */
const pairsByKey = new WeakMap<object, Map<string, unknown>>();

function pairOf(map: { items: unknown[] }, key: PropertyKey): unknown {
	let pairs = pairsByKey.get(map);
	if (!pairs) {
		pairs = new Map();
		const { isPair, isScalar, isCollection } = yaml();
		for (const pair of map.items) {
			if (!isPair(pair)) continue;
			// A complex key (`? [a, b]`) is the text js-yaml makes of it (`a,b`), as the data names it.
			const name = isScalar(pair.key) ? String(pair.key.value) : isCollection(pair.key) ? String(pair.key.toJSON()) : undefined;
			if (name !== undefined && !pairs.has(name)) pairs.set(name, pair);
		}
		pairsByKey.set(map, pairs);
	}
	return pairs.get(String(key));
}

/**
 * `parseYaml(text, …).lineOf` without parsing the data: for YAML whose data was kept from an
 * earlier parse (the check's document cache).
 */
export function lineFinder(text: string, lineOffset = 0): (path: FieldPath) => number {
	return positions(text, lineOffset).lineOf;
}

/**
 * The node at the path (undefined when the path does not reach one), and the offset of the deepest
 * existing node on it (undefined when even the first key is absent).
 */
function nodeAt(doc: Document, fieldPath: FieldPath): { node: unknown; offset: number | undefined } {
	let node: unknown = doc.contents;
	let best: number | undefined = fieldPath.length ? undefined : (node as { range?: number[] } | null)?.range?.[0];
	const { isMap, isPair, isSeq } = yaml();
	for (const key of fieldPath) {
		if (isMap(node)) {
			const pair = pairOf(node, key) as typeof node.items[number] | undefined;
			if (!pair || !isPair(pair) || !pair.key) return { node: undefined, offset: best };
			best = (pair.key as { range?: number[] }).range?.[0] ?? best;
			node = pair.value;
		} else if (isSeq(node) && typeof key === 'number') {
			const item = node.items[key] as { range?: number[] } | undefined;
			if (!item) return { node: undefined, offset: best };
			best = item.range?.[0] ?? best;
			node = item;
		} else return { node: undefined, offset: best };
	}
	return { node, offset: best };
}

export function fieldName(path: FieldPath): string {
	return path.reduce<string>((name, key) => {
		if (typeof key === 'number') return `${name}[${key}]`;
		return name ? `${name}.${String(key)}` : String(key);
	}, '');
}

function describe(value: unknown): string {
	if (value === undefined) return 'nothing';
	if (value === null) return 'null';
	// Read after "Unexpected": "Unexpected mapping in "deliverables"", never "Unexpected a mapping".
	if (Array.isArray(value)) return 'list';
	if (value instanceof Date) return `date ${value.toISOString().slice(0, 10)}`;
	if (typeof value === 'object') return 'mapping';
	// JSON writes NaN and the infinities as null: say them as YAML writes them (.nan, .inf).
	if (typeof value === 'number' && !Number.isFinite(value)) return `number ${Number.isNaN(value) ? '.nan' : value > 0 ? '.inf' : '-.inf'}`;
	const text = JSON.stringify(value);
	return `${typeof value} ${text.length > 40 ? `${text.slice(0, 37)}...` : text}`;
}

/** Validates data against a schema and returns the output or located findings. */
export function validate<S extends z.ZodType>(
	schema: S,
	source: Pick<YamlSource, 'data' | 'lineOf' | 'strictFindings' | 'writtenAs'>,
	path: string,
	what: string,
): { data?: z.output<S>; findings: Finding[] } {
	const misread = misreadIds(schema, source, path);
	// The rest of the file is judged with each misread id as written: it is said once, as such,
	// not again as the wrong type or the list the schema would find it in.
	const result = schema.safeParse(misread.length ? asWritten(source.data, misread) : source.data, { reportInput: true });
	if (result.success && !misread.length) return { data: result.data, findings: [] };
	// A typo js-yaml read as other YAML: the typo, at its line, is what to fix first.
	const syntax = source.strictFindings?.() ?? [];
	if (syntax.length) return { findings: syntax };
	const findings = (result.success ? [] : result.error.issues).flatMap((issue): Finding[] => {
		const at = issue.path;
		const name = fieldName(at);
		const input = (issue as { input?: unknown }).input;
		if (issue.code === 'unrecognized_keys') {
			// The fields the object at `at` has, to name the one a misspelt key ("severty") meant.
			// Only a field the object lacks can be the one meant.
			const present = valueAt(source.data, at) ?? {};
			const free = fieldsAt(schema, at)?.filter((name) => !(name in present));
			// One finding a field, up to a point: 200,000 stray keys are one mistake, not 200,000.
			const shown = issue.keys.slice(0, MAX_UNEXPECTED_FIELDS).map((key) => {
				const meant = free && nearestName(key, free);
				return finding(
					path,
					source.lineOf([...at, key]),
					'error',
					`Unexpected field "${fieldName([...at, key])}" (not in the ${what} schema)${meant ? `; did you mean "${meant}"?` : ''}`,
					'frontmatter/schema',
				);
			});
			const more = issue.keys.length - shown.length;
			if (more > 0) {
				const next = issue.keys[MAX_UNEXPECTED_FIELDS]!;
				shown.push(finding(path, source.lineOf([...at, next]), 'error', `${more.toLocaleString('en-US')} more unexpected fields from "${fieldName([...at, next])}" on (not in the ${what} schema)`, 'frontmatter/schema'));
			}
			return shown;
		}
		let message: string;
		if (input === undefined && issue.code !== 'custom') {
			const expected = issue.code === 'invalid_value' ? `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}` : issue.code === 'invalid_type' ? issue.expected : 'a value';
			message = `Missing required field "${name}" (expected ${expected})`;
		} else if (issue.code === 'invalid_type' && issue.expected === 'string' && typeof input === 'number') {
			message = numberAsText(schema, source, at, input) ?? `Unexpected ${describe(input)} in "${name}", expected string`;
		} else if (issue.code === 'invalid_type') {
			message = `Unexpected ${describe(input)} ${name ? `in "${name}"` : 'as the whole file'}, expected ${issue.expected}`;
		} else if (issue.code === 'invalid_value') {
			const options = issue.values.map((v) => JSON.stringify(v)).join(', ');
			message = `Unexpected ${describe(input)} in "${name}", expected one of ${options}`;
		} else if (issue.code === 'invalid_union') {
			message = `Unexpected ${describe(input)} in "${name}"${input === undefined ? ' (missing)' : ''}, ${
				issue.errors.flat()[0]?.message ?? 'of the wrong type'
			}`;
		} else {
			message = `Field "${name || '(root)'}": ${issue.message.replace(/^Invalid input: /, '')}`;
		}
		return [finding(path, source.lineOf(at), 'error', message, 'frontmatter/schema')];
	});
	return { findings: [...misread.map((m) => m.finding), ...findings] };
}

type SchemaNode = { _zod: { def: Record<string, unknown> } };

/** The schema inside optional, default, nullable and pipe wrappers; `keep` is not unwrapped. */
function unwrapped(node: SchemaNode, keep?: unknown): SchemaNode {
	for (let i = 0; i < 8 && node !== keep; i++) {
		const def = node._zod.def;
		const inner = (def['innerType'] ?? (def['type'] === 'pipe' ? def['in'] : undefined)) as SchemaNode | undefined;
		if (!inner) break;
		node = inner;
	}
	return node;
}

/**
 * Short ids (a phase's id, every phase and gate id named: `phase`, `dependsOn`, `requiredFor`…) YAML read as a
 * number other than the one written: `1.10` is the number 1.1; `0x1`, `01`, `1e0` and `1.0` are all
 * 1, and the file then named an id no one wrote. Only a whole number written as its own digits
 * (`id: 3`) is the id "3". Found through the schema, so a short-id field added later is covered.
 */
function misreadIds(schema: z.ZodType, source: Pick<YamlSource, 'data' | 'lineOf' | 'writtenAs'>, path: string): { at: FieldPath; text: string; finding: Finding }[] {
	return numbersAsShortIds(schema as unknown as SchemaNode, source.data, []).flatMap(({ at, value }) => {
		// Read only for a number: most ids are strings, and this is the one parse with positions.
		const text = source.writtenAs(at);
		// Quotes would not make `-1` or `.nan` an id: the schema says why.
		if (text === undefined || !shortId.safeParse(text).success || shortId.safeParse(value).data === text) return [];
		return [{ at, text, finding: finding(path, source.lineOf(at), 'error', inQuotes(at, text, value), 'frontmatter/schema') }];
	});
}

/** A value written `text` that YAML read as the number `value`, and the quotes that keep it as written. */
function inQuotes(at: FieldPath, text: string, value: number): string {
	const key = at.at(-1);
	return `Unexpected ${fieldName(at)} ${text}: YAML reads it as the number ${value}, expected it in quotes: ${typeof key === 'string' ? `${key}: ` : ''}"${text}"`;
}

/**
 * A number YAML read where the schema wants text (a task's `id: 12`): the quotes to write when the
 * field takes the value as written, else what the field must look like (an RCA's `id: 12`).
 */
function numberAsText(schema: z.ZodType, source: Pick<YamlSource, 'writtenAs'>, at: FieldPath, value: number): string | undefined {
	const text = source.writtenAs(at);
	const field = text === undefined ? undefined : (schemaAt(schema, at) as unknown as z.ZodType | undefined);
	const parsed = field?.safeParse(text);
	if (!parsed) return undefined;
	return parsed.success ? inQuotes(at, text!, value) : `Unexpected number ${text} in "${fieldName(at)}", ${parsed.error.issues[0]!.message}`;
}

/** A copy of `data` with each misread id the text it was written as. */
function asWritten(data: unknown, misread: readonly { at: FieldPath; text: string }[]): unknown {
	const copy = structuredClone(data);
	for (const { at, text } of misread) {
		const parent = at.slice(0, -1).reduce<unknown>((value, key) => (value as Record<PropertyKey, unknown>)[key], copy);
		(parent as Record<PropertyKey, unknown>)[at.at(-1)!] = text;
	}
	return copy;
}

/** Whether a short id can sit anywhere in a schema, by schema: the walk below skips the fields where none can. */
const holdsShortIds = new WeakMap<SchemaNode, boolean>();

function holdsShortId(schema: SchemaNode): boolean {
	let holds = holdsShortIds.get(schema);
	if (holds !== undefined) return holds;
	const node = unwrapped(schema, shortId);
	const def = node._zod.def;
	holds =
		node === (shortId as unknown) ||
		(def['type'] === 'array' && holdsShortId(def['element'] as SchemaNode)) ||
		(def['type'] === 'object' && Object.values(def['shape'] as Record<string, SchemaNode>).some(holdsShortId)) ||
		(def['type'] === 'union' && (def['options'] as SchemaNode[]).some(holdsShortId));
	holdsShortIds.set(schema, holds);
	return holds;
}

/**
 * The numbers `data` holds where `schema` expects a short id, and their paths, added to `out`.
 * Only the fields that can hold one are walked: on a board of 20,000 tasks this added about 5 ms
 * to the 15 ms of its validation.
 */
function numbersAsShortIds(schema: SchemaNode, data: unknown, at: FieldPath, out: { at: FieldPath; value: number }[] = []): { at: FieldPath; value: number }[] {
	if (!holdsShortId(schema)) return out;
	const node = unwrapped(schema, shortId);
	const def = node._zod.def;
	if (node === (shortId as unknown)) {
		if (typeof data === 'number') out.push({ at, value: data });
	} else if (def['type'] === 'array' && Array.isArray(data)) {
		data.forEach((item, i) => numbersAsShortIds(def['element'] as SchemaNode, item, [...at, i], out));
	} else if (def['type'] === 'object' && data && typeof data === 'object' && !Array.isArray(data)) {
		for (const [key, field] of Object.entries(def['shape'] as Record<string, SchemaNode>)) {
			if (holdsShortId(field) && Object.hasOwn(data, key)) numbersAsShortIds(field, (data as Record<string, unknown>)[key], [...at, key], out);
		}
	} else if (def['type'] === 'union') {
		// `requiredFor` is `all` or a list of ids: each option that fits the data, each path once.
		const found = (def['options'] as SchemaNode[]).flatMap((option) => numbersAsShortIds(option, data, at));
		out.push(...new Map(found.map((n) => [fieldName(n.at), n])).values());
	}
	return out;
}

/** The schema of the field at `at`, through arrays, objects and optional wrappers; undefined where there is none. */
function schemaAt(schema: z.ZodType, at: readonly PropertyKey[]): SchemaNode | undefined {
	let node = schema as unknown as SchemaNode;
	for (const key of at) {
		const def = unwrapped(node)._zod.def;
		if (def['type'] === 'array' && typeof key === 'number') node = def['element'] as SchemaNode;
		else if (def['type'] === 'object' && typeof key === 'string' && Object.hasOwn(def['shape'] as object, key)) node = (def['shape'] as Record<string, SchemaNode>)[key]!;
		else return undefined;
	}
	return node;
}

/** The field names of the object schema at `at`; undefined where it is not one. */
function fieldsAt(schema: z.ZodType, at: readonly PropertyKey[]): string[] | undefined {
	const node = schemaAt(schema, at);
	const def = node && unwrapped(node)._zod.def;
	return def?.['type'] === 'object' ? Object.keys(def['shape'] as object) : undefined;
}

function valueAt(data: unknown, at: readonly PropertyKey[]): object | undefined {
	let value = data;
	for (const key of at) value = value && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;
	return value && typeof value === 'object' ? value : undefined;
}
