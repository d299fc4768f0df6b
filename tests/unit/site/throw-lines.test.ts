// A body's expression that throws while its page renders: the build names the file's line.
import { describe, expect, it } from 'vitest';
import { Fragment, jsx, jsxs } from 'astro/jsx-runtime';
import { throwLines, throwPlace, unprintable, unprintableMessage } from '../../../src/lib/throw-lines.ts';

const body = [
	'## Summary', // line 10
	'',
	'Owner: {frontmatter.owner.name}, {Math.max(1, 2)}.',
	'',
	'```js',
	'const x = {a: frontmatter.owner.name};',
	'```',
	'',
	'Plan: {JSON.parse(plan)} and `{code.owner.name}` and \\{owner.name\\}.',
	'',
	"<Card title={frontmatter['owner'].name} />",
	'',
	'{owners.map((o) => o.toUpperCase())}',
].join('\n');

describe('throwLines', () => {
	it('finds the expression that read a member of nothing, outside code and escaped braces', () => {
		expect(throwLines(body, 10, "Cannot read properties of undefined (reading 'name')")).toEqual([12, 20]);
		expect(throwLines(body, 10, "Cannot read properties of null (reading 'toUpperCase')")).toEqual([22]);
	});

	it('finds the name that is not defined, or the call that is not a function', () => {
		expect(throwLines(body, 10, 'plan is not defined')).toEqual([18]);
		expect(throwLines(body, 10, 'owners.map is not a function')).toEqual([22]);
		expect(throwLines(body, 10, 'owner is not defined')).toEqual([]);
	});

	it('gives every line with an expression when the message names nothing', () => {
		expect(throwLines(body, 10, 'Unexpected token \'o\', "not json" is not valid JSON')).toEqual([12, 18, 20, 22]);
		expect(throwLines('Just prose, `{not an expression}`.', 5, 'Unexpected token')).toEqual([]);
	});

	it('finds the element of a component no one provided, and leaves module lines out', () => {
		const text = 'export const components = { Card: () => null };\n\n<Note kind="x">Hi</Note> <Notes />\n\n{a.b}';
		expect(throwLines(text, 3, 'Expected component `Note` to be defined: you likely forgot to import, pass, or provide it.')).toEqual([5]);
		expect(throwLines(text, 3, 'Unexpected token')).toEqual([7]);
	});

	it('reads a fence closed by a longer one and a tilde fence', () => {
		expect(throwLines('~~~\n{a.b}\n~~~\n````\n{a.b}\n`````\n{a.b}', 1, "Cannot read properties of undefined (reading 'b')")).toEqual([7]);
	});
});

describe('throwPlace', () => {
	it('names the line when one is left, a few lines as alternatives, and only the file otherwise', () => {
		expect(throwPlace('content/rcas/rca-0001.mdx', [17])).toBe('content/rcas/rca-0001.mdx:17');
		expect(throwPlace('a.mdx', [3, 9])).toBe('a.mdx (line 3 or 9)');
		expect(throwPlace('a.mdx', [3, 9, 12])).toBe('a.mdx (line 3, 9 or 12)');
		expect(throwPlace('a.mdx', [1, 2, 3, 4])).toBe('a.mdx');
		expect(throwPlace('a.mdx', [])).toBe('a.mdx');
	});
});

// `{Symbol()}` passed every check and failed the build with "Cannot convert a Symbol value to a
// string" and a route, not the document: the body's tree is read before Astro writes it.
describe('unprintable', () => {
	const paragraph = (...children: unknown[]) => jsxs('p', { children });
	it('finds a Symbol, or an object with no text form, anywhere among the elements’ children', () => {
		expect(unprintable(jsxs(Fragment, { children: [jsx('h2', { children: 'Summary' }), paragraph('Value: ', Symbol('x'))] }))).toBe('the Symbol Symbol(x)');
		expect(unprintable(jsx(Fragment, { children: paragraph(jsx('em', { children: [Symbol()] })) }))).toBe('the Symbol Symbol()');
		expect(unprintable(paragraph('A ', Object.create(null)))).toBe('an object with no text form');
		// What a body compiled to text would publish as "[object Promise]" and "[object Object]".
		expect(unprintable(paragraph('Later: ', Promise.resolve('later')))).toBe('a Promise');
		expect(unprintable(paragraph('Window: ', { start: '2026-01-01' }))).toBe('an object, which reads "[object Object]"');
		expect(unprintable(paragraph('Teams: ', new Set(['core'])))).toBe('a Set, which reads "[object Set]"');
		expect(unprintable(paragraph(new Map([['a', 1]])))).toBe('a Map, which reads "[object Map]"');
		expect(unprintable(paragraph((function* () {})()))).toBe('a Generator, which reads "[object Generator]"');
		expect(unprintable(paragraph((async function* () {})()))).toBe('an AsyncGenerator, which reads "[object AsyncGenerator]"');
	});

	it('names the line that calls Symbol, when one does', () => {
		const text = 'Six is {6}.\n\nA {Symbol("x")} and {frontmatter.title}.\n\nAn `{Symbol()}` in code.';
		expect(throwLines(text, 3, unprintableMessage('the Symbol Symbol(x)'))).toEqual([5]);
		expect(throwLines('{6}\n\n{x}', 3, unprintableMessage('an object with no text form'))).toEqual([3, 5]);
		// A promise's line by what makes one; a plain object's by a literal one.
		const made = 'Six is {6}.\n\nLater: {fetch(frontmatter.url)}.\n\nA {(async () => 1)()} and {p.then((x) => x)}.\n\nNow {frontmatter.window ?? { start: 1 }}.';
		expect(throwLines(made, 3, unprintableMessage(unprintable(Promise.resolve())!))).toEqual([5, 7]);
		expect(throwLines(made, 3, unprintableMessage(unprintable({ a: 1 })!))).toEqual([9]);
		const kinds = 'A {frontmatter.teams} and {new Set(frontmatter.teams)}.\n\nB {(function* () { yield 1; })()}.';
		expect(throwLines(kinds, 3, unprintableMessage(unprintable(new Set())!))).toEqual([3]);
		expect(throwLines(kinds, 3, unprintableMessage(unprintable((function* () {})())!))).toEqual([5]);
	});

	it('passes what Astro writes: text, numbers, nothing, objects with a text form, lists and components', () => {
		const component = () => Symbol('rendered later, by Astro');
		const described = { toString: () => 'described' };
		// A String object (Astro's HTML strings are) is iterable and has a text form of its own.
		expect(unprintable(jsxs(Fragment, { children: [paragraph('Text ', 1, 2n, null, undefined, false, new Date(0), described, new String('html'), [['nested']]), jsx(component, { children: 'x' })] }))).toBeUndefined();
		expect(unprintable('plain')).toBeUndefined();
	});
});
