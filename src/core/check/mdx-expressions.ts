// Rule mdx/expression: a `{…}` expression in a body names only what the page can give it. A name
// the document neither imports nor defines throws when the page renders ("missingThing is not
// defined"), and the build stops on it after the check passed (A5 of the newcomer's report).
import { createRequire } from 'node:module';
import type { Node } from 'acorn';
import type { MdastNode } from 'satteri';
import { finding, type Finding } from '../findings.ts';
import type { SourceDocument } from '../load.ts';

// Acorn is loaded when a body has an expression to read, as the MDX compiler is (mdx.ts): a check
// whose documents are all kept never needs it.
const load = createRequire(import.meta.url);
let acorn: typeof import('acorn') | undefined;
const parser = () => (acorn ??= load('acorn') as typeof import('acorn'));

/** Node's own globals: an expression that reads one runs with the build's rights, not in the reader's browser. */
const NODE_OWN = new Set(['process', 'require', 'Buffer', 'global', 'module', '__dirname', '__filename']);

/** JavaScript's own ways to reach Node's (`globalThis.process`, `Function("return process")()`, `eval`), which a page's data never needs. */
const REACHING = new Set(['globalThis', 'eval', 'Function', 'Reflect', 'Proxy', 'WebAssembly']);

/** Properties that lead from any value to its constructor or to Node's modules: `[].constructor.constructor`. */
const REACHING_PROPERTIES = new Set(['constructor', '__proto__', 'prototype', 'getBuiltinModule', 'mainModule', '__defineGetter__', '__lookupGetter__']);

const LOOPS: Record<string, string> = { WhileStatement: 'while loop', DoWhileStatement: 'do-while loop', ForStatement: 'for loop', ForInStatement: 'for-in loop', ForOfStatement: 'for-of loop' };

/**
 * What in an expression reaches past the page's data: a dynamic import(), a property that leads to
 * constructors or to Node's modules, a loop (one that never ends holds the build forever). A
 * reviewer's aid, as the rest of mdx/code is: MDX is code, and no list of names makes it safe.
 */
function reachesOut(tree: Node): string[] {
	const found: string[] = [];
	const visit = (node: Estree, parent?: Estree): void => {
		if (node.type === 'ImportExpression') found.push('import()');
		else if (LOOPS[node.type]) found.push(LOOPS[node.type]!);
		else if (node.type === 'MemberExpression') {
			const property = node.property as Estree;
			const name = !node.computed && property.type === 'Identifier' ? (property.name as string) : (foldString(property) ?? undefined);
			if (name !== undefined && REACHING_PROPERTIES.has(name)) found.push(`.${name}`);
		} else if (!(parent?.type === 'BinaryExpression' && parent.operator === '+') && parent?.type !== 'MemberExpression') {
			// A name put together from pieces (`const k = 'constr' + 'uctor'; [][k]`) reads as no name.
			const built = node.type === 'Literal' ? undefined : foldString(node);
			if (built !== undefined && (REACHING_PROPERTIES.has(built) || REACHING.has(built))) found.push(`"${built}" put together from pieces`);
		}
		for (const [child] of childrenOf(node)) visit(child, node);
	};
	visit(tree as Estree);
	return [...new Set(found)];
}

/**
 * The string an expression of literals makes (`'constr' + 'uctor'`, `` `constr${'uctor'}` ``),
 * or undefined when any part of it is not a literal.
 */
function foldString(node: Estree): string | undefined {
	if (node.type === 'Literal') return typeof node.value === 'string' || typeof node.value === 'number' ? String(node.value) : undefined;
	if (node.type === 'BinaryExpression' && node.operator === '+') {
		const left = foldString(node.left as Estree);
		const right = left === undefined ? undefined : foldString(node.right as Estree);
		return left === undefined || right === undefined ? undefined : left + right;
	}
	if (node.type === 'TemplateLiteral') {
		const quasis = node.quasis as Estree[];
		const parts = (node.expressions as Estree[]).map(foldString);
		if (parts.some((p) => p === undefined)) return undefined;
		return quasis.map((q, i) => ((q.value as { cooked?: string }).cooked ?? '') + (parts[i] ?? '')).join('');
	}
	return undefined;
}

/** A step of a member chain as written (`.owners`, `[5]`), or read safely with `?.`. */
const stepText = (name: string, safe = '') => (/^\d+$/.test(name) ? `${safe}[${name}]` : `${safe || '.'}${name}`);

/** What every document's expressions may name besides JavaScript's globals: Astro's MDX gives these. */
const PROVIDED = new Set(['props', 'frontmatter', 'undefined', 'NaN', 'Infinity', 'arguments']);

type Estree = Node & Record<string, unknown>;

/** A node's child nodes, each with the key it is under (`object`, `property`, `params`…). */
function* childrenOf(node: Estree): Generator<[Estree, string]> {
	for (const [key, value] of Object.entries(node)) {
		if (key === 'type' || key === 'start' || key === 'end') continue;
		for (const child of Array.isArray(value) ? value : [value]) {
			if (child && typeof child === 'object' && typeof (child as Estree).type === 'string') yield [child as Estree, key];
		}
	}
}

/** Identifiers an expression reads, and those it binds (parameters, declarations), anywhere in it. */
function names(tree: Node): { read: string[]; bound: Set<string> } {
	const read: string[] = [];
	const bound = new Set<string>();
	const bind = (pattern: Estree | null | undefined): void => {
		if (!pattern) return;
		if (pattern.type === 'Identifier') bound.add(pattern.name as string);
		else if (pattern.type === 'ObjectPattern') for (const p of pattern.properties as Estree[]) bind(p.type === 'RestElement' ? (p.argument as Estree) : (p.value as Estree));
		else if (pattern.type === 'ArrayPattern') for (const e of pattern.elements as (Estree | null)[]) bind(e);
		else if (pattern.type === 'RestElement') bind(pattern.argument as Estree);
		else if (pattern.type === 'AssignmentPattern') bind(pattern.left as Estree);
	};
	const visit = (node: Estree, parent: Estree | undefined, key: string): void => {
		switch (node.type) {
			case 'Identifier':
				// A property name after a dot, an object key or a label names nothing in scope.
				if (parent?.type === 'MemberExpression' && key === 'property' && !parent.computed) return;
				if ((parent?.type === 'Property' || parent?.type === 'MethodDefinition' || parent?.type === 'PropertyDefinition') && key === 'key' && !parent.computed) return;
				if (parent?.type === 'LabeledStatement' || parent?.type === 'BreakStatement' || parent?.type === 'ContinueStatement') return;
				// `typeof window` is "undefined" for a name that is not defined: it does not throw.
				if (parent?.type === 'UnaryExpression' && parent.operator === 'typeof') return;
				read.push(node.name as string);
				return;
			case 'FunctionExpression':
			case 'ArrowFunctionExpression':
			case 'FunctionDeclaration':
				bind(node.id as Estree | null);
				for (const p of node.params as Estree[]) bind(p);
				break;
			case 'VariableDeclarator':
				bind(node.id as Estree);
				break;
			case 'CatchClause':
				bind(node.param as Estree | null);
				break;
			case 'ClassDeclaration':
			case 'ClassExpression':
				bind(node.id as Estree | null);
				break;
			case 'MetaProperty':
				return;
		}
		for (const [child, childKey] of childrenOf(node)) visit(child, node, childKey);
	};
	visit(tree as Estree, undefined, '');
	return { read, bound };
}

/** The names the document's own import and export lines bring in; undefined when one cannot be read. */
function moduleNames(esm: readonly string[]): Set<string> | undefined {
	const defined = new Set<string>();
	for (const source of esm) {
		let program: Node;
		try {
			program = parser().parse(source, { ecmaVersion: 'latest', sourceType: 'module' });
		} catch {
			return undefined;
		}
		for (const statement of (program as Estree).body as Estree[]) {
			if (statement.type === 'ImportDeclaration') {
				for (const s of statement.specifiers as Estree[]) defined.add((s.local as Estree).name as string);
				continue;
			}
			const declaration = (statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement) as Estree | null;
			if (!declaration) continue;
			if (declaration.type === 'VariableDeclaration') for (const d of declaration.declarations as Estree[]) for (const name of names(d.id as Node).read) defined.add(name);
			else if (declaration.id) defined.add((declaration.id as Estree).name as string);
		}
	}
	return defined;
}

interface Expression {
	value: string;
	line: number;
	column: number;
}

/** Every `{…}` in the body: in text, on a line of its own, and as a JSX attribute's value or spread. */
function expressionsOf(tree: MdastNode): { expressions: Expression[]; esm: string[] } {
	const expressions: Expression[] = [];
	const esm: string[] = [];
	const visit = (node: MdastNode) => {
		const at = node.position?.start;
		const value = 'value' in node && typeof node.value === 'string' ? node.value : '';
		if (node.type === 'mdxjsEsm') esm.push(value);
		if ((node.type === 'mdxFlowExpression' || node.type === 'mdxTextExpression') && at) {
			// The value starts after the brace.
			expressions.push({ value, line: at.line, column: at.column + 1 });
		}
		// A JSX element's attributes are a list; a directive's are a record, with no expressions.
		const attributes = 'attributes' in node && Array.isArray(node.attributes) ? (node.attributes as Array<{ type: string; value?: unknown }>) : [];
		for (const attribute of attributes) {
			if (!at) break;
			if (attribute.type === 'mdxJsxExpressionAttribute') expressions.push({ value: String(attribute.value ?? ''), line: at.line, column: at.column });
			const value = attribute.value as { type?: string; value?: string } | undefined;
			if (attribute.type === 'mdxJsxAttribute' && value?.type === 'mdxJsxAttributeValueExpression') expressions.push({ value: value.value ?? '', line: at.line, column: at.column });
		}
		for (const child of (node as { children?: MdastNode[] }).children ?? []) visit(child);
	};
	visit(tree);
	return { expressions, esm };
}

const reaching = (doc: SourceDocument, expression: Expression, what: string) =>
	finding(doc.path, expression.line, 'warning', `Unexpected ${what} in the expression {${expression.value.trim()}}: it reaches past the page's data, and runs with the build's rights when the site is built; review it as code`, 'mdx/code', expression.column);

export function expressionFindings(doc: SourceDocument, tree: MdastNode): Finding[] {
	const { expressions, esm } = expressionsOf(tree);
	if (expressions.length === 0) return [];
	const defined = moduleNames(esm);
	if (!defined) return [];
	const findings: Finding[] = [];
	for (const expression of expressions) {
		// `{/* a comment */}` and `{}` hold nothing to evaluate; a spread attribute is `...value`.
		const source = expression.value.replace(/^\s*\.\.\./, '');
		let tree: Node;
		try {
			tree = parser().parseExpressionAt(source, 0, { ecmaVersion: 'latest' });
		} catch {
			// JSX inside an expression, or only a comment: acorn reads neither, the compiler judged the syntax.
			continue;
		}
		const { read, bound } = names(tree);
		const unknown = [...new Set(read)].filter((name) => !bound.has(name) && !defined.has(name) && !PROVIDED.has(name) && !(name in globalThis));
		for (const name of unknown) {
			// `{await x}` is read as a name where an expression cannot wait: the page's function is not async.
			if (name === 'await') {
				findings.push(finding(doc.path, expression.line, 'error', `An await in the expression {${expression.value.trim()}}: a document's expressions cannot wait for a value, so its page cannot be built; wait for it in an export (export const value = await …) and show {value}`, 'mdx/expression', expression.column));
				continue;
			}
			findings.push(finding(doc.path, expression.line, 'error', `Unknown name "${name}" in the expression {${expression.value.trim()}}: the document neither imports nor defines it, so its page cannot be built; define it (export const ${name} = …), or write \\{ for a literal brace`, 'mdx/expression', expression.column));
		}
		for (const name of new Set(read)) {
			if (bound.has(name) || defined.has(name)) continue;
			if (NODE_OWN.has(name)) findings.push(finding(doc.path, expression.line, 'warning', `Unexpected ${name} in the expression {${expression.value.trim()}}: Node's own, it runs with the build's rights when the site is built (process.exit() ends the build); review it as code`, 'mdx/code', expression.column));
			else if (REACHING.has(name)) findings.push(reaching(doc, expression, name));
		}
		for (const what of reachesOut(tree)) findings.push(reaching(doc, expression, what));
		const roots = rootsOf(doc, bound, defined);
		// `{frontmatter.resolvedd}`, a field the frontmatter does not have, shown as it is: the page
		// shows nothing there, which is a misspelt field more often than a meant blank.
		const shown = (tree as Estree).type === 'MemberExpression' ? chainOf(tree as Estree, roots) : undefined;
		const value = shown?.root === 'frontmatter' && !shown.steps.some((step) => step.optional) ? walk(shown.steps, shown.data) : undefined;
		if (shown && value && 'value' in value && value.value === undefined) {
			const path = `frontmatter${shown.steps.map((s) => stepText(s.name!)).join('')}`;
			findings.push(finding(doc.path, expression.line, 'warning', `The expression {${expression.value.trim()}} shows ${path}, which the document's frontmatter does not have, so the page shows nothing there; expected a field it has (a misspelt name?), or {${path} ?? '…'} for a blank meant`, 'mdx/expression', expression.column));
		}
		for (const missing of missingMembers(tree, roots)) {
			const path = `${missing.root}${missing.path.map((p) => stepText(p)).join('')}`;
			const where = `The expression {${expression.value.trim()}}`;
			const field = missing.root === 'frontmatter' ? 'add the field, or ' : '';
			if (missing.call !== undefined) {
				findings.push(finding(doc.path, expression.line, 'error', `${where} calls ${path}.${missing.call}(), which is not a function there${missing.root === 'frontmatter' ? ' (the page reads its frontmatter as JSON has it: a date is a string)' : ''}, so its page cannot be built; ${field}call it with ?.() (${path}.${missing.call}?.())`, 'mdx/expression', expression.column));
				continue;
			}
			const what = missing.root === 'frontmatter' ? "the document's frontmatter does not have" : missing.root === 'props' ? 'the page does not pass its body' : missing.path.length === 0 && (missing.root === 'undefined' || missing.root === 'null') ? 'is nothing' : 'is not there';
			const optional = `${missing.root}${missing.path.map((p, i) => stepText(p, i === 0 ? '' : '?.')).join('')}?.…`;
			findings.push(finding(doc.path, expression.line, 'error', `${where} reads ${missing.read} of ${path}, which ${what}, so its page cannot be built; ${field}read it with ?. (${optional})`, 'mdx/expression', expression.column));
		}
	}
	return findings;
}

/** A step of a member chain: its property name where it is written out, and whether it is `?.`. */
interface Step {
	name?: string;
	optional: boolean;
}

/** Nothing is known of it: a walk that reaches it stops. */
const UNKNOWN = Object.freeze(Object.create(null) as object);

/**
 * What a body's member chains start from: its frontmatter (the document's own data), the props the
 * page renders it with (none of an author's: only the components Astro hands every body), unless
 * the document defines or binds those names itself.
 */
function rootsOf(doc: SourceDocument, bound: Set<string>, defined: Set<string>): Map<string, unknown> {
	const roots = new Map<string, unknown>();
	for (const [name, value] of [['frontmatter', doc.data], ['props', { components: UNKNOWN }]] as const) {
		if (!bound.has(name) && !defined.has(name)) roots.set(name, value);
	}
	return roots;
}

/** A member chain's read (or call) of what is not there. */
interface Missing {
	root: string;
	/** The steps read before the one that throws. */
	path: string[];
	/** What is read of nothing: `"name"` or `a property`. */
	read: string;
	/** The method called that is not there, instead of a read. */
	call?: string;
}

/** A member chain from a known root (`frontmatter.owner.name`): the root, what it is, and the steps. */
function chainOf(node: Estree, roots: Map<string, unknown>): { root: string; data: unknown; steps: Step[] } | undefined {
	if (node.type === 'Identifier') {
		const name = node.name as string;
		if (name === 'undefined') return { root: name, data: undefined, steps: [] };
		return roots.has(name) ? { root: name, data: roots.get(name), steps: [] } : undefined;
	}
	if (node.type === 'Literal' && node.value === null && !('regex' in node)) return { root: 'null', data: null, steps: [] };
	if (node.type === 'ArrayExpression' && (node.elements as unknown[]).length === 0) return { root: '[]', data: [], steps: [] };
	if (node.type === 'ObjectExpression' && (node.properties as unknown[]).length === 0) return { root: '{}', data: {}, steps: [] };
	if (node.type !== 'MemberExpression') return undefined;
	const base = chainOf(node.object as Estree, roots);
	if (!base) return undefined;
	const property = node.property as Estree;
	const literal = node.computed && property.type === 'Literal' && (typeof property.value === 'string' || typeof property.value === 'number') ? String(property.value) : undefined;
	const name = !node.computed && property.type === 'Identifier' ? (property.name as string) : literal;
	return { ...base, steps: [...base.steps, { ...(name !== undefined && { name }), optional: node.optional === true }] };
}

/**
 * Member chains that read a property of nothing: `frontmatter.reporter.name` without `reporter`,
 * `props.owner.name`, `[].x.y`; and calls of what is not there (`frontmatter.nope()`). Rendering
 * throws. Walked over what is known (the document's own data, an empty literal); see `walk`.
 */
function missingMembers(tree: Node, roots: Map<string, unknown>): Missing[] {
	const found: Missing[] = [];
	const visit = (node: Estree, parent: Estree | undefined, key: string): void => {
		// The outermost member expression of a chain is walked; those inside it are its steps.
		if (node.type === 'MemberExpression' && !(parent?.type === 'MemberExpression' && key === 'object')) {
			const chain = chainOf(node, roots);
			const result = chain && walk(chain.steps, chain.data);
			if (result && 'missing' in result) found.push({ root: chain.root, ...result.missing });
			// Calling what is not there throws too: `frontmatter.nope()`, `frontmatter.detected.getFullYear()`.
			else if (result && parent?.type === 'CallExpression' && key === 'callee' && !parent.optional && result.value === undefined) {
				const last = chain.steps.at(-1)!;
				found.push({ root: chain.root, path: chain.steps.slice(0, -1).map((step) => step.name!), read: '', call: last.name! });
			}
		}
		for (const [child, childKey] of childrenOf(node)) visit(child, node, childKey);
	};
	visit(tree as Estree, undefined, '');
	return found;
}

/**
 * A member chain walked over what is known: where it reads a property of nothing, or the value it
 * ends at; undefined when nothing is known past a step (a computed one, a function, an inherited
 * member). The page's frontmatter is the document's as JSON has it: a date is its ISO string.
 */
function walk(steps: readonly Step[], data: unknown): { missing: { path: string[]; read: string } } | { value: unknown } | undefined {
	let value = data;
	const path: string[] = [];
	for (const step of steps) {
		// Reading a property of nothing throws, unless it is read with ?.
		if (value === undefined || value === null) return step.optional ? undefined : { missing: { path, read: step.name === undefined ? 'a property' : `"${step.name}"` } };
		if (value instanceof Date) value = Number.isNaN(value.getTime()) ? null : value.toJSON();
		if (step.name === undefined) return undefined;
		if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
			// A string's length and letters are known; its methods are there, and nothing is known past them.
			if (typeof value === 'string' && (step.name === 'length' || /^\d+$/.test(step.name))) value = step.name === 'length' ? value.length : value[Number(step.name)];
			else if (step.name in Object(value)) return undefined;
			else value = undefined;
			path.push(step.name);
			continue;
		}
		const plain = typeof value === 'object' && (Array.isArray(value) || Object.getPrototypeOf(value) === Object.prototype);
		if (!plain) return undefined;
		if (Object.hasOwn(value as object, step.name)) value = (value as Record<string, unknown>)[step.name];
		// An inherited member (`owners.join`, `owners.length`) is there: nothing is known past it.
		else if (step.name in (value as object)) return undefined;
		else value = undefined;
		path.push(step.name);
	}
	return { value };
}
