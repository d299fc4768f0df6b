// Parses the Jinja subset the templates use: {{ expr | filter }}, {% if %}, {% for %}, {# #}.
import { TemplateSyntaxError, type Position } from './errors.ts';

export interface PathExpr {
	kind: 'path';
	parts: string[];
	at: Position;
}
export interface LiteralExpr {
	kind: 'literal';
	value: string | number;
}
export type Operand = PathExpr | LiteralExpr;
export interface Filter {
	name: string;
	args: Operand[];
	at: Position;
}
export interface Expr {
	negate: boolean;
	operand: Operand;
	filters: Filter[];
}

export type Node =
	| { kind: 'text'; text: string }
	| { kind: 'output'; expr: Expr; at: Position }
	| { kind: 'if'; test: Expr; then: Node[]; otherwise: Node[]; at: Position }
	| { kind: 'for'; item: string; iterable: Expr; body: Node[]; at: Position };

export const FILTERS = new Set(['default', 'upper', 'lower', 'title', 'trim', 'join', 'length', 'replace', 'indent']);

const TAG = /\{\{|\{%|\{#/g;
const CLOSE: Record<string, string> = { '{{': '}}', '{%': '%}', '{#': '#}' };
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

interface Tag {
	open: string;
	body: string;
	at: Position;
	/** Position of an offset into the body. */
	within: (offset: number) => Position;
}

function positionAt(source: string, index: number, file: string): Position {
	const before = source.slice(0, index);
	const line = before.split('\n').length;
	return { file, line, column: index - before.lastIndexOf('\n') };
}

/** Splits the source into text and tags; block tags alone on a line take their line with them. */
function tokenize(source: string, file: string): (string | Tag)[] {
	const tokens: (string | Tag)[] = [];
	let index = 0;
	TAG.lastIndex = 0;
	for (let m = TAG.exec(source); m; m = TAG.exec(source)) {
		const open = m[0];
		const end = source.indexOf(CLOSE[open]!, m.index + 2);
		if (end === -1) {
			throw new TemplateSyntaxError(`Unclosed "${open}", expected "${CLOSE[open]}"`, positionAt(source, m.index, file));
		}
		let text = source.slice(index, m.index);
		let next = end + 2;
		if (open !== '{{') {
			// lstrip_blocks and trim_blocks, as the Python engine configured them.
			const lineStart = text.lastIndexOf('\n') + 1;
			if (/^[ \t]*$/.test(text.slice(lineStart))) text = text.slice(0, lineStart);
			if (source[next] === '\n') next++;
		}
		if (text) tokens.push(text);
		const bodyStart = m.index + 2;
		if (open !== '{#') {
			tokens.push({
				open,
				body: source.slice(bodyStart, end),
				at: positionAt(source, m.index, file),
				within: (offset) => positionAt(source, bodyStart + offset, file),
			});
		}
		index = next;
		TAG.lastIndex = next;
	}
	if (index < source.length) tokens.push(source.slice(index));
	return tokens;
}

function parseOperand(text: string, at: Position): Operand {
	const t = text.trim();
	const str = /^"([^"]*)"$|^'([^']*)'$/.exec(t);
	if (str) return { kind: 'literal', value: str[1] ?? str[2] ?? '' };
	if (/^-?\d+(\.\d+)?$/.test(t)) return { kind: 'literal', value: Number(t) };
	const parts = t.split('.');
	if (parts.length === 0 || !parts.every((p) => NAME.test(p))) {
		throw new TemplateSyntaxError(`Unexpected "${t}", expected a name, a string or a number`, at);
	}
	return { kind: 'path', parts, at };
}

/** Splits on a separator outside quotes. */
function splitOutside(text: string, separator: string): string[] {
	const parts: string[] = [];
	let quote: string | undefined;
	let start = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text[i]!;
		if (quote) {
			if (c === quote) quote = undefined;
		} else if (c === '"' || c === "'") quote = c;
		else if (c === separator) {
			parts.push(text.slice(start, i));
			start = i + 1;
		}
	}
	parts.push(text.slice(start));
	return parts;
}

/** Parses an expression; `within` gives the position of an offset into `text`. */
export function parseExpr(text: string, within: (offset: number) => Position): Expr {
	const [head = '', ...filterTexts] = splitOutside(text, '|');
	let start = head.length - head.trimStart().length;
	let operandText = head.trim();
	const negate = /^not\s/.test(operandText);
	if (negate) {
		const rest = operandText.slice(4);
		start += 4 + (rest.length - rest.trimStart().length);
		operandText = rest.trim();
	}
	if (!operandText) throw new TemplateSyntaxError('Unexpected empty expression, expected a name', within(start));
	let offset = head.length + 1;
	const filters = filterTexts.map((f): Filter => {
		const at = within(offset + (f.length - f.trimStart().length));
		offset += f.length + 1;
		const m = /^\s*([A-Za-z_]\w*)\s*(?:\((.*)\))?\s*$/s.exec(f);
		if (!m) throw new TemplateSyntaxError(`Unexpected filter "${f.trim()}"`, at);
		const name = m[1]!;
		if (!FILTERS.has(name)) throw new TemplateSyntaxError(`Unknown filter "${name}"`, at);
		const args = m[2] === undefined || m[2].trim() === '' ? [] : splitOutside(m[2], ',').map((a) => parseOperand(a, at));
		return { name, args, at };
	});
	return { negate, operand: parseOperand(operandText, within(start)), filters };
}

interface Frame {
	kind: 'root' | 'if' | 'for';
	nodes: Node[];
	node?: Extract<Node, { kind: 'if' | 'for' }>;
	inElse?: boolean;
	at?: Position;
}

export function parse(source: string, file: string): Node[] {
	const root: Frame = { kind: 'root', nodes: [] };
	const stack: Frame[] = [root];
	const top = () => stack.at(-1)!;
	const target = () => {
		const f = top();
		if (f.kind === 'if' && f.node?.kind === 'if') return f.inElse ? f.node.otherwise : f.node.then;
		return f.nodes;
	};
	for (const token of tokenize(source, file)) {
		if (typeof token === 'string') {
			target().push({ kind: 'text', text: token });
			continue;
		}
		const body = token.body.trim();
		if (token.open === '{{') {
			const lead = token.body.length - token.body.trimStart().length;
			target().push({ kind: 'output', expr: parseExpr(body, (o) => token.within(lead + o)), at: token.at });
			continue;
		}
		const [keyword = '', ...rest] = body.split(/\s+/);
		const args = rest.join(' ');
		// Offsets into `args` map back into the tag body (single spaces assumed between words).
		const afterKeyword = token.body.length - token.body.trimStart().length + keyword.length;
		const tail = token.body.slice(afterKeyword);
		const argsStart = afterKeyword + tail.length - tail.trimStart().length;
		const argsAt = (o: number) => token.within(argsStart + o);
		if (keyword === 'if') {
			const node: Node = { kind: 'if', test: parseExpr(args, argsAt), then: [], otherwise: [], at: token.at };
			target().push(node);
			stack.push({ kind: 'if', nodes: [], node, inElse: false, at: token.at });
		} else if (keyword === 'else') {
			const f = top();
			if (f.kind !== 'if' || f.inElse) throw new TemplateSyntaxError('Unexpected "else" outside an if block', token.at);
			f.inElse = true;
		} else if (keyword === 'endif' || keyword === 'endfor') {
			const want = keyword === 'endif' ? 'if' : 'for';
			if (top().kind !== want) {
				const open = top().kind === 'root' ? 'no open block' : `the open "${top().kind}" block`;
				throw new TemplateSyntaxError(`Unexpected "${keyword}", ${open} needs ${top().kind === 'root' ? 'no end tag' : `"end${top().kind}"`}`, token.at);
			}
			stack.pop();
		} else if (keyword === 'for') {
			const m = /^([A-Za-z_]\w*)\s+in\s+(.+)$/s.exec(args);
			if (!m) throw new TemplateSyntaxError('Unexpected "for" syntax, expected "for item in list"', token.at);
			const node: Node = { kind: 'for', item: m[1]!, iterable: parseExpr(m[2]!, (o) => argsAt(args.indexOf(m[2]!) + o)), body: [], at: token.at };
			target().push(node);
			stack.push({ kind: 'for', nodes: node.body, node, at: token.at });
		} else {
			throw new TemplateSyntaxError(`Unknown tag "${keyword}", expected if, else, endif, for or endfor`, token.at);
		}
	}
	if (stack.length > 1) {
		const open = top();
		throw new TemplateSyntaxError(`Unclosed "${open.kind}" block, expected "end${open.kind}"`, open.at!);
	}
	return root.nodes;
}

/** Names a template reads from its context (loop variables excluded), each with its first use. */
export function referencedNames(
	nodes: readonly Node[],
	bound: ReadonlySet<string> = new Set(),
	names: Map<string, Position> = new Map(),
): Map<string, Position> {
	const addExpr = (e: Expr, b: ReadonlySet<string>) => {
		for (const o of [e.operand, ...e.filters.flatMap((f) => f.args)]) {
			if (o.kind === 'path' && !b.has(o.parts[0]!) && !names.has(o.parts[0]!)) names.set(o.parts[0]!, o.at);
		}
	};
	for (const n of nodes) {
		if (n.kind === 'output') addExpr(n.expr, bound);
		else if (n.kind === 'if') {
			addExpr(n.test, bound);
			referencedNames(n.then, bound, names);
			referencedNames(n.otherwise, bound, names);
		} else if (n.kind === 'for') {
			addExpr(n.iterable, bound);
			referencedNames(n.body, new Set([...bound, n.item, 'loop']), names);
		}
	}
	return names;
}
