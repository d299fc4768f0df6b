// JSON with positions: located syntax errors, and the offset of a value at a path.
import type * as z from 'zod';
import { errorAt } from './errors.ts';
import { guardText } from './text.ts';

type Path = readonly PropertyKey[];

class ScanError {
	readonly offset: number;
	readonly message: string;
	constructor(offset: number, message: string) {
		this.offset = offset;
		this.message = message;
	}
}

/**
 * Reports nest a few levels (Playwright's suites, SARIF's runs); the schemas and readers that walk
 * them recurse once per level, and a report nested 3,000 deep overflowed the stack.
 */
export const MAX_DEPTH = 256;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * A small JSON scanner, used only after JSON.parse has failed (V8's messages often carry no
 * position) and to find where a schema problem sits. It calls `visit` at the start of every value.
 */
function scan(text: string, visit?: (path: PropertyKey[], offset: number) => void): void {
	let i = 0;
	const path: PropertyKey[] = [];
	const ws = () => {
		while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
	};
	const fail = (message?: string): never => {
		if (i >= text.length) throw new ScanError(text.length, 'Unexpected end of JSON input');
		throw new ScanError(i, message ?? `Unexpected ${JSON.stringify(text[i])} in JSON`);
	};
	const number = () => {
		NUMBER.lastIndex = i;
		if (!NUMBER.exec(text)) fail();
		i = NUMBER.lastIndex;
	};
	const string = (): string => {
		const start = i++;
		while (i < text.length) {
			const c = text[i]!;
			if (c === '"') return text.slice(start, ++i);
			if (c === '\\') {
				const next = text[i + 1];
				if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
				else if (next === undefined)
					i++; // truncated: reported as the end of input
				else if ('"\\/bfnrt'.includes(next)) i += 2;
				else fail('Invalid escape in a JSON string');
			} else if (c < ' ') {
				fail(
					c === '\n'
						? 'Unterminated string in JSON'
						: 'Unexpected control character in a JSON string',
				);
			} else i++;
		}
		return fail();
	};
	const value = (depth: number): void => {
		if (depth > MAX_DEPTH) fail(`JSON nested deeper than ${MAX_DEPTH} levels`);
		ws();
		visit?.(path, i);
		const c = text[i];
		if (c === '{' || c === '[') {
			const close = c === '{' ? '}' : ']';
			i++;
			ws();
			if (text[i] === close) return void i++;
			for (let index = 0; ; index++) {
				if (c === '{') {
					ws();
					if (text[i] !== '"') fail('Expected a property name in double quotes');
					path.push(JSON.parse(string()) as string);
					ws();
					if (text[i] !== ':') fail("Expected ':' after a property name");
					i++;
				} else path.push(index);
				value(depth + 1);
				path.pop();
				ws();
				if (text[i] === ',') i++;
				else if (text[i] === close) return void i++;
				else fail(`Expected ',' or '${close}'`);
			}
		}
		if (c === '"') return void string();
		if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return number();
		for (const word of ['true', 'false', 'null']) {
			if (text.startsWith(word, i)) return void (i += word.length);
		}
		fail();
	};
	value(0);
	ws();
	if (i < text.length) fail('Unexpected content after the JSON value');
}

/**
 * The first thing JSON.parse accepts that a report must not hold, in one pass with strings skipped:
 * a bracket that opens a level past `MAX_DEPTH`, or a key an object already has. JSON.parse keeps
 * a repeated key's last value, so `"runs":[…], "runs":[]` read as a log with no results while
 * every other tool reads the first; the report means two things, and neither is taken.
 */
export function structureProblem(text: string): { offset: number; message: string } | undefined {
	// One entry per open bracket: an object's keys so far, or undefined for an array.
	const open: (Set<string> | undefined)[] = [];
	let keyNext = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (c === '"') {
			const start = i;
			for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
			const keys = open.at(-1);
			if (keys && keyNext) {
				keyNext = false;
				let key = text.slice(start + 1, i);
				try {
					if (key.includes('\\')) key = JSON.parse(text.slice(start, i + 1)) as string;
				} catch {
					return undefined; // a syntax error, which JSON.parse reports
				}
				if (keys.has(key)) return { offset: start, message: `Duplicate key ${JSON.stringify(key)} in a JSON object: JSON.parse would keep only its last value, and other tools its first; expected each key once` };
				keys.add(key);
			}
		} else if (c === '{' || c === '[') {
			open.push(c === '{' ? new Set() : undefined);
			keyNext = c === '{';
			if (open.length > MAX_DEPTH) return { offset: i, message: `JSON nested deeper than ${MAX_DEPTH} levels` };
		} else if (c === '}' || c === ']') open.pop();
		else if (c === ',') keyNext = open.at(-1) !== undefined;
	}
	return undefined;
}

/**
 * Refuses, at the offending character, JSON nested deeper than MAX_DEPTH or with a key repeated in
 * an object, before anything parses it.
 */
export function expectPlainJson(text: string, file: string): void {
	const problem = structureProblem(text);
	if (problem) throw errorAt(file, text, problem.offset, problem.message);
}

/** Parses a JSON report; a syntax error, a nesting too deep or a repeated key is reported at its file:line:column. */
export function parseJson(text: string, file: string): unknown {
	guardText(text, file);
	expectPlainJson(text, file);
	try {
		return JSON.parse(text);
	} catch (error) {
		try {
			scan(text);
		} catch (scanned) {
			if (scanned instanceof ScanError) throw errorAt(file, text, scanned.offset, scanned.message);
			throw scanned;
		}
		// The scanner found nothing (it should always agree); fall back to V8's own words.
		const position = /position (\d+)/.exec(String(error))?.[1];
		throw errorAt(file, text, Number(position ?? 0), `Invalid JSON: ${(error as Error).message}`);
	}
}

/** The offset where the value at `target` starts, or of its nearest existing parent. */
export function locateJsonPath(text: string, target: Path): number {
	let best = 0;
	let bestDepth = -1;
	try {
		scan(text, (path, offset) => {
			if (path.length <= bestDepth || path.length > target.length) return;
			if (path.every((key, k) => String(key) === String(target[k]))) {
				best = offset;
				bestDepth = path.length;
			}
		});
	} catch {
		// A syntax error is reported on its own; the best offset so far is still useful.
	}
	return best;
}

/** A schema path as people write it: `runs[0].results[2].level`. */
export function formatJsonPath(path: readonly PropertyKey[]): string {
	return path
		.map((key, index) =>
			typeof key === 'number' ? `[${key}]` : `${index ? '.' : ''}${String(key)}`,
		)
		.join('');
}

/**
 * The problem inside a value that matched none of a union's shapes, when one shape got further
 * into it than the others: `via[0].severity: expected one of …` says more than `via[0]: Invalid
 * input` (a value that is an advisory object or a package name).
 */
function innermost(issue: z.core.$ZodIssue): z.core.$ZodIssue {
	if (issue.code !== 'invalid_union') return issue;
	const inner = issue.errors.flat().reduce<z.core.$ZodIssue | undefined>((best, next) => (next.path.length > (best?.path.length ?? 0) ? next : best), undefined);
	return inner ? innermost({ ...inner, path: [...issue.path, ...inner.path] }) : issue;
}

/**
 * Refuses, at the figure, a total a report states above what it lists: a cut or edited report
 * (2,000,000 tests stated over 300,000 listed) would be judged on what it kept.
 */
export function expectListed(
	json: { text: string; file: string },
	path: readonly PropertyKey[],
	stated: number | undefined,
	listed: number,
	message: (stated: number, listed: number) => string,
): void {
	if (stated === undefined || stated <= listed) return;
	throw errorAt(json.file, json.text, locateJsonPath(json.text, path), `The report states ${message(stated, listed)}`);
}

/** "none" or "only 3": how many of what a report states it lists. */
export const onlyOrNone = (listed: number) => (listed === 0 ? 'none' : `only ${listed}`);

/** Validates a parsed report's shape, reporting the first problem where it sits in the file. */
export function checkShape<S extends z.ZodType>(
	schema: S,
	value: unknown,
	text: string,
	file: string,
	what: string,
): z.output<S> {
	const result = schema.safeParse(value);
	if (result.success) return result.data;
	const issue = innermost(result.error.issues[0]!);
	const where = issue.path.length ? ` at ${formatJsonPath(issue.path)}` : '';
	throw errorAt(
		file,
		text,
		locateJsonPath(text, issue.path),
		`Not a valid ${what}${where}: ${issue.message}`,
	);
}
