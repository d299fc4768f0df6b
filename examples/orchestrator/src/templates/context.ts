// Typed template contexts from the manifest: unknown, missing and mistyped variables fail before rendering.
import { TemplateContextError } from './errors.ts';

export const variableTypes = ['string', 'integer', 'boolean', 'list', 'object'] as const;
export type VariableType = (typeof variableTypes)[number];

export interface Variable {
	type: VariableType;
	required?: boolean;
	default?: unknown;
	description?: string;
}

export type Variables = Readonly<Record<string, Variable>>;

function typeOf(value: unknown): VariableType | 'null' | 'number' | 'other' {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'list';
	if (Number.isInteger(value)) return 'integer';
	if (typeof value === 'number') return 'number';
	if (typeof value === 'string' || typeof value === 'boolean') return typeof value as VariableType;
	if (typeof value === 'object') return 'object';
	return 'other';
}

function distance(a: string, b: string): number {
	const row = Array.from({ length: b.length + 1 }, (_, i) => i);
	for (let i = 1; i <= a.length; i++) {
		let prev = row[0]!;
		row[0] = i;
		for (let j = 1; j <= b.length; j++) {
			const current = row[j]!;
			row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
			prev = current;
		}
	}
	return row[b.length]!;
}

/** The declared name an unknown key most likely meant: same letters ignoring case and separators, else close. */
export function suggest(key: string, names: readonly string[]): string | undefined {
	const plain = (s: string) => s.toLowerCase().replace(/[_-]/g, '');
	const same = names.find((n) => plain(n) === plain(key));
	if (same) return same;
	const scored = names.map((n) => ({ n, d: distance(key, n) })).filter((x) => x.d <= 2);
	return scored.sort((a, b) => a.d - b.d)[0]?.n;
}

/** Problems with a context, one sentence each; empty when it is usable. */
export function contextProblems(variables: Variables, context: Readonly<Record<string, unknown>>): string[] {
	const problems: string[] = [];
	const names = Object.keys(variables);
	for (const key of Object.keys(context)) {
		if (Object.hasOwn(variables, key)) continue;
		const hint = suggest(key, names);
		problems.push(`Unknown variable '${key}'${hint ? `; did you mean '${hint}'?` : ''}`);
	}
	for (const [name, v] of Object.entries(variables)) {
		if (!Object.hasOwn(context, name)) {
			if (v.required) problems.push(`'${name}' is required`);
			continue;
		}
		const actual = typeOf(context[name]);
		if (actual !== v.type) problems.push(`'${name}' must be ${/^[aeiou]/.test(v.type) ? 'an' : 'a'} ${v.type}, got ${actual}`);
	}
	return problems;
}

/** The context with defaults filled in; throws TemplateContextError listing every problem. */
export function prepareContext(
	template: string,
	variables: Variables,
	context: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
	const problems = contextProblems(variables, context);
	if (problems.length > 0) throw new TemplateContextError(`${template}: ${problems.join('; ')}`);
	const prepared: Record<string, unknown> = {};
	for (const [name, v] of Object.entries(variables)) {
		if (Object.hasOwn(context, name)) prepared[name] = context[name];
		else if (v.default !== undefined) prepared[name] = v.default;
	}
	return prepared;
}
