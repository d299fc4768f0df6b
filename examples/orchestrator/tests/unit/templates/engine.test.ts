import { describe, expect, test } from 'vitest';
import { compile, render, renderString } from '../../../src/templates/engine.ts';
import { TemplateContextError, TemplateSecurityError, TemplateSyntaxError } from '../../../src/templates/errors.ts';

// Regression test of RCA-0002 (top level: its name is exactly the one the RCA lists).
test('REQ-2.2 rendering fails on an undefined variable', () => {
	const template = compile('Report to {{ security_contact }}.\n', 'github/security_policy.md.j2');
	let error: unknown;
	try {
		render(template, { securityContact: 'security@example.com' });
	} catch (e) {
		error = e;
	}
	expect(error).toBeInstanceOf(TemplateContextError);
	expect((error as TemplateContextError).message).toBe("'security_contact' is undefined");
	expect((error as TemplateContextError).position).toEqual({ file: 'github/security_policy.md.j2', line: 1, column: 14 });
});

describe('template engine', () => {
	test('REQ-2.1 renders variables, conditionals and loops from a typed context', () => {
		const source = '# {{ name | title }}\n{% if owners %}\nOwners:\n{% for o in owners %}\n- {{ loop.index }}. {{ o }}{% if not loop.last %},{% endif %}\n\n{% endfor %}\n{% else %}\nNo owners\n{% endif %}\n';
		expect(renderString(source, { name: 'sample program', owners: ['Maya', 'Jonas'] })).toBe('# Sample Program\nOwners:\n- 1. Maya,\n- 2. Jonas\n');
		expect(renderString(source, { name: 'x', owners: [] })).toBe('# X\nNo owners\n');
	});

	test('REQ-2.1 dotted attributes, filters and literals', () => {
		const ctx = { repo: { name: 'sample', tags: ['a', 'b'] }, n: 3, s: '  pad  ', obj: { k: 1 }, nil: null };
		expect(renderString('{{ repo.name | upper }} {{ repo.tags | join("+") }} {{ repo.tags | length }} {{ repo.tags.length }}', ctx)).toBe('SAMPLE a+b 2 2');
		expect(renderString("{{ s | trim }}|{{ 'A.B' | lower | replace('.', '_') }}|{{ 42 }}|{{ obj | length }}|{{ n | length }}", ctx)).toBe('pad|a_b|42|1|0');
		expect(renderString('{{ repo.tags }} {{ obj }} [{{ nil }}] {{ s | join }}', ctx)).toBe('a, b {"k":1} []   pad  ');
		expect(renderString('{{ text | indent(2) }}', { text: 'a\nb\n\nc' })).toBe('a\n  b\n\n  c');
		expect(renderString('{{ text | indent }}', { text: 'a\nb' })).toBe('a\n    b');
		expect(renderString('{% if obj %}yes{% endif %}{% if nil %}no{% endif %}', ctx)).toBe('yes');
	});

	test('REQ-2.2 the default filter still allows an optional variable', () => {
		expect(renderString('{{ branch | default("main") }}', {})).toBe('main');
		expect(renderString('{{ branch | default("main") }}', { branch: 'release' })).toBe('release');
		expect(renderString('{{ branch | default("main") }}', { branch: null })).toBe('main');
		expect(renderString('{{ repo.branch | default }}', { repo: {} })).toBe('');
		// Only as the first filter: a later default does not hide an undefined name.
		expect(() => renderString('{{ branch | upper | default("x") }}', {})).toThrow("'branch' is undefined");
	});

	test('REQ-2.2 an undefined attribute fails with its full path', () => {
		expect(() => renderString('{{ repo.owner.name }}', { repo: { owner: {} } })).toThrow("'repo.owner.name' is undefined");
		expect(() => renderString('{% for x in items %}{% endfor %}', { items: 'abc' })).toThrow("'for x' needs a list");
	});

	test('REQ-2.1 sandbox refuses attributes that start with an underscore', () => {
		for (const attr of ['__proto__', '_secret', 'constructor', 'prototype']) {
			expect(() => renderString(`{{ ctx.${attr} }}`, { ctx: {} })).toThrow(TemplateSecurityError);
		}
		// Inherited members and getters are not attributes either.
		expect(() => renderString('{{ s.toString }}', { s: Object.create({ toString: 1 }) })).toThrow(TemplateContextError);
		const getter = Object.defineProperty({}, 'env', { get: () => process.env, enumerable: true });
		expect(() => renderString('{{ o.env }}', { o: getter })).toThrow("'o.env' is undefined");
	});

	test('REQ-2.3 syntax errors point at the tag', () => {
		const cases: [string, string, number, number][] = [
			['a\n{{ name ', 'Unclosed "{{", expected "}}"', 2, 1],
			['{% if x %}\nA\n', 'Unclosed "if" block, expected "endif"', 1, 1],
			['{% endfor %}', 'Unexpected "endfor", no open block needs no end tag', 1, 1],
			['{% for x in xs %}{% endif %}', 'Unexpected "endif", the open "for" block needs "endfor"', 1, 18],
			['{% else %}', 'Unexpected "else" outside an if block', 1, 1],
			['{% if a %}{% else %}{% else %}{% endif %}', 'Unexpected "else" outside an if block', 1, 21],
			['{% include "x" %}', 'Unknown tag "include", expected if, else, endif, for or endfor', 1, 1],
			['{% for x of xs %}{% endfor %}', 'Unexpected "for" syntax, expected "for item in list"', 1, 1],
			['x {{ name | shout }}', 'Unknown filter "shout"', 1, 13],
			['{{ name | 1bad }}', 'Unexpected filter "1bad"', 1, 11],
			['{{ }}', 'Unexpected empty expression, expected a name', 1, 4],
			['{{ a-b }}', 'Unexpected "a-b", expected a name, a string or a number', 1, 4],
		];
		for (const [source, message, line, column] of cases) {
			let error: unknown;
			try {
				compile(source, 't.j2');
			} catch (e) {
				error = e;
			}
			expect(error, source).toBeInstanceOf(TemplateSyntaxError);
			expect((error as TemplateSyntaxError).message, source).toBe(message);
			expect((error as TemplateSyntaxError).position, source).toEqual({ file: 't.j2', line, column });
		}
	});

	test('REQ-2.3 comments render nothing and block tags take their own line', () => {
		expect(renderString('{# note #}\n  {% if a %}\nA\n  {% endif %}\nB', { a: true })).toBe('A\nB');
		expect(renderString("{{ 'pipe | inside' }}", {})).toBe('pipe | inside');
	});
});
