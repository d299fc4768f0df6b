// Renders parsed templates in a sandbox: undefined names fail (RCA-0002), private attributes are refused.
import { TemplateContextError, TemplateSecurityError, formatPosition, type Position } from './errors.ts';
import { parse, type Expr, type Filter, type Node, type Operand } from './syntax.ts';

export type Context = Readonly<Record<string, unknown>>;

/** Marks a value the template looked up and did not find; only `default` may accept it. */
const UNDEFINED = Symbol('undefined');
type Value = unknown;

function isPlainObject(value: unknown): value is Record<string, unknown> {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
	const proto = Object.getPrototypeOf(value);
	return proto === Object.prototype || proto === null;
}

/** Own data properties of plain objects and array indexes/length only: no prototype, no getters, no `_names`. */
function attribute(base: Value, name: string, at: Position, path: string): Value {
	if (name.startsWith('_') || name === 'constructor' || name === 'prototype') {
		throw new TemplateSecurityError(`Access to attribute "${name}" is unsafe (${formatPosition(at)})`, at);
	}
	if (Array.isArray(base) && name === 'length') return base.length;
	if (isPlainObject(base) && Object.hasOwn(base, name)) {
		const d = Object.getOwnPropertyDescriptor(base, name)!;
		if ('value' in d) return d.value;
	}
	throw new TemplateContextError(`'${path}' is undefined`, at);
}

function lookup(operand: Operand, scope: Context, lenient: boolean): Value {
	if (operand.kind === 'literal') return operand.value;
	const [head, ...rest] = operand.parts;
	if (!Object.hasOwn(scope, head!)) {
		if (lenient) return UNDEFINED;
		throw new TemplateContextError(`'${head}' is undefined`, operand.at);
	}
	let value = scope[head!];
	let path = head!;
	for (const part of rest) {
		path += `.${part}`;
		try {
			value = attribute(value, part, operand.at, path);
		} catch (error) {
			if (lenient && error instanceof TemplateContextError) return UNDEFINED;
			throw error;
		}
	}
	return value;
}

function text(value: Value): string {
	if (value === null || value === undefined) return '';
	if (Array.isArray(value)) return value.map(text).join(', ');
	if (typeof value === 'object') return JSON.stringify(value);
	return String(value);
}

function applyFilter(value: Value, filter: Filter, scope: Context): Value {
	const args = filter.args.map((a) => lookup(a, scope, false));
	switch (filter.name) {
		case 'default':
			return value === UNDEFINED || value === null ? args[0] ?? '' : value;
		case 'upper':
			return text(value).toUpperCase();
		case 'lower':
			return text(value).toLowerCase();
		case 'title':
			return text(value).replace(/\b\w/g, (c) => c.toUpperCase());
		case 'trim':
			return text(value).trim();
		case 'join':
			return Array.isArray(value) ? value.map(text).join(text(args[0] ?? '')) : text(value);
		case 'length':
			return Array.isArray(value) || typeof value === 'string' ? value.length : isPlainObject(value) ? Object.keys(value).length : 0;
		case 'replace':
			return text(value).split(text(args[0])).join(text(args[1]));
		case 'indent': {
			const pad = ' '.repeat(Number(args[0] ?? 4));
			return text(value).split('\n').map((l, i) => (i === 0 || l === '' ? l : pad + l)).join('\n');
		}
		default:
			throw new Error(`Filter "${filter.name}" has no implementation`);
	}
}

function evaluate(expr: Expr, scope: Context): Value {
	// Only a `default` filter makes an undefined name acceptable.
	const lenient = expr.filters[0]?.name === 'default';
	let value = lookup(expr.operand, scope, lenient);
	for (const f of expr.filters) value = applyFilter(value, f, scope);
	if (value === UNDEFINED) throw new TemplateContextError('Undefined value reached the output');
	return expr.negate ? !truthy(value) : value;
}

function truthy(value: Value): boolean {
	if (Array.isArray(value)) return value.length > 0;
	if (isPlainObject(value)) return Object.keys(value).length > 0;
	return Boolean(value);
}

function renderNodes(nodes: readonly Node[], scope: Context, out: string[]): void {
	for (const node of nodes) {
		switch (node.kind) {
			case 'text':
				out.push(node.text);
				break;
			case 'output':
				out.push(text(evaluate(node.expr, scope)));
				break;
			case 'if':
				renderNodes(truthy(evaluate(node.test, scope)) ? node.then : node.otherwise, scope, out);
				break;
			case 'for': {
				const items = evaluate(node.iterable, scope);
				if (!Array.isArray(items)) {
					throw new TemplateContextError(`'for ${node.item}' needs a list (${formatPosition(node.at)})`, node.at);
				}
				items.forEach((item, index) => {
					const loop = { index: index + 1, first: index === 0, last: index === items.length - 1, length: items.length };
					renderNodes(node.body, { ...scope, [node.item]: item, loop }, out);
				});
				break;
			}
		}
	}
}

/** A parsed template, ready to render many times. */
export interface Template {
	file: string;
	nodes: Node[];
}

export function compile(source: string, file: string): Template {
	return { file, nodes: parse(source, file) };
}

export function render(template: Template, context: Context): string {
	const out: string[] = [];
	renderNodes(template.nodes, context, out);
	return out.join('');
}

/** Compiles and renders in one step. */
export function renderString(source: string, context: Context, file = '<string>'): string {
	return render(compile(source, file), context);
}
