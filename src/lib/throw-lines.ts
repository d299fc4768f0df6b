// Where in a document's body an expression that threw while its page rendered is. The compiled
// body keeps no source map, so the lines are found from the error's message: the member it read
// ("reading 'y'"), the name it did not find ("owner is not defined"), what it called ("x.map is
// not a function"), or the component no one provided ("Expected component `Note` to be
// defined"). When the message names none of these, every line with an expression is a candidate,
// which is the answer for a body with one expression.

import { blankCodeSpans } from '../core/markdown/delimited.ts';
import { parseBody } from '../core/markdown/sections.ts';

/** How unprintableMessage begins for a Symbol, a promise and a plain object. */
const SYMBOL_GIVEN = 'an expression gives the Symbol';
const PROMISE = 'a Promise';
const PLAIN_OBJECT = 'an object, which reads "[object Object]"';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** What the line that threw must contain, read off the error's message: in an expression, or anywhere (an element). */
function needle(message: string): { expression: RegExp } | { element: RegExp } | undefined {
	const read = /Cannot read properties of (?:undefined|null) \(reading '([^']*)'\)/.exec(message);
	if (read) {
		const name = escape(read[1]!);
		return { expression: new RegExp(`\\??\\.\\s*${name}\\b|\\[\\s*["'\`]${name}["'\`]\\s*\\]`) };
	}
	const named = /^([\p{L}_$][\p{L}\p{N}_$.]*) is not (?:defined|a function|iterable|a constructor)\b/u.exec(message);
	if (named) return { expression: new RegExp(`(?<![\\p{L}\\p{N}_$.'"\`])${escape(named[1]!).replace(/\\\./g, '\\s*\\??\\.\\s*')}(?![\\p{L}\\p{N}_$])`, 'u') };
	// unprintableMessage's: most likely written as a call of Symbol.
	if (message.startsWith(SYMBOL_GIVEN)) return { expression: /(?<![\p{L}\p{N}_$.])Symbol\b/u };
	// A promise is most likely made by Promise, fetch, an async function or a then.
	if (message.startsWith(unprintableMessage(PROMISE))) return { expression: /(?<![\p{L}\p{N}_$])(?:Promise\b|fetch\s*\(|async\b)|\.\s*then\s*\(/u };
	// A Set or a Map is most likely made where it is named; a generator by a `function*`.
	const kind = /^an expression gives an? (\w+), which reads "\[object \1\]"/.exec(message)?.[1];
	if (kind && kind !== 'object') return { expression: /Generator$/.test(kind) ? /function\s*\*/ : new RegExp(`(?<![\\p{L}\\p{N}_$])${kind}\\b`, 'u') };
	// A plain object is most likely a literal one: `{ start: 1 }` inside the expression's braces.
	if (message.startsWith(unprintableMessage(PLAIN_OBJECT))) return { expression: /^\{.*\{\s*["'\p{L}_$][\p{L}\p{N}_$"']*\s*:/u };
	const component = /Expected component `([^`]+)` to be defined/.exec(message);
	if (component) return { element: new RegExp(`<${escape(component[1]!)}(?=[\\s/>])`) };
	return undefined;
}

/**
 * The file lines (1-based) of the body's expressions that may have thrown `message`, outside code
 * fences and inline code: one line when the message tells which, else all that could have.
 */
export function throwLines(body: string, bodyLine: number, message: string): number[] {
	const { lines, kinds } = parseBody(body);
	const wanted = needle(message);
	const found: number[] = [];
	lines.forEach((line, index) => {
		// Code and comments are text; module lines (import, export) run when the body loads, not as its page renders.
		if (kinds[index] === 'code' || kinds[index] === 'comment' || /^(?:import|export)\s/.test(line)) return;
		// Inline code and escaped braces are text.
		const text = blankCodeSpans(line).replace(/\\[{}]/g, '');
		if (wanted && 'element' in wanted) {
			if (wanted.element.test(text)) found.push(bodyLine + index);
			return;
		}
		const expressions = text.match(/\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}/g) ?? [];
		if (expressions.length === 0) return;
		if (!wanted || expressions.some((expression) => wanted.expression.test(expression))) found.push(bodyLine + index);
	});
	return found;
}

/** "content/rcas/rca-0001.mdx:17" for one candidate line, "…mdx (line 17 or 23)" for a few, the path for none or many. */
export function throwPlace(path: string, lines: readonly number[]): string {
	if (lines.length === 1) return `${path}:${lines[0]}`;
	if (lines.length >= 2 && lines.length <= 3) return `${path} (line ${lines.slice(0, -1).join(', ')} or ${lines.at(-1)})`;
	return path;
}

/**
 * What in a rendered body's element tree the page cannot write as text (a Symbol, an object with
 * no string form, such as `Object.create(null)`), named for the author; undefined when nothing is.
 * Astro converts such a value while it writes the page, where the error no longer names the
 * document. Elements' children are walked; components render later, on their own.
 */
export function unprintable(tree: unknown): string | undefined {
	const stack: unknown[] = [tree];
	while (stack.length) {
		const value = stack.pop();
		if (typeof value === 'symbol') return `the Symbol ${String(value)}`;
		if (typeof value !== 'object' || value === null) continue;
		if (Array.isArray(value)) {
			for (const item of value) stack.push(item);
			continue;
		}
		const props = (value as { props?: { children?: unknown } }).props;
		if (props && typeof props === 'object' && 'type' in value) {
			stack.push(props.children);
			continue;
		}
		// A body compiled to text writes a promise as "[object Promise]" (`{Promise.resolve('x')}`,
		// `{fetch(url)}`), and one that never settles would hold a page that awaited it.
		if (typeof (value as { then?: unknown }).then === 'function') return PROMISE;
		const { toString, valueOf } = value as { toString?: unknown; valueOf?: unknown };
		if (Symbol.iterator in value || Symbol.asyncIterator in value) {
			// A Set, a Map or a generator is written as "[object Set]" by a body compiled to text; an
			// iterable with a text form of its own (Astro's HTML strings) is written as that.
			if (toString === Object.prototype.toString && !(Symbol.toPrimitive in value)) {
				const text = Object.prototype.toString.call(value);
				const kind = text.slice('[object '.length, -1);
				return `${/^[AEIOU]/.test(kind) ? 'an' : 'a'} ${kind}, which reads "${text}"`;
			}
			continue;
		}
		if (typeof toString !== 'function' && typeof valueOf !== 'function' && !(Symbol.toPrimitive in value)) return 'an object with no text form';
		// A plain object (`{frontmatter.window}`) is written as "[object Object]"; a class's own
		// instances (a Date, Astro's rendered parts) have a text form of their own.
		if (Object.getPrototypeOf(value) === Object.prototype && toString === Object.prototype.toString && !(Symbol.toPrimitive in value)) return PLAIN_OBJECT;
	}
	return undefined;
}

/** The build's message for what unprintable found. */
export function unprintableMessage(what: string): string {
	return `an expression gives ${what}, which the page cannot show as text; expected text, a number or an element`;
}
