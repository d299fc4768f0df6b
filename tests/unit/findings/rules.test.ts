import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { isRuleId, ruleUrl, rules, RULES_DOCUMENT } from '../../../src/core/rules.ts';
import { REPO } from '../../helpers/program.ts';

/** Rule ids written as literals where findings are made: finding(…, 'x/y'), findingAt(…), ruleId: 'x/y'. */
function emittedRuleIds(): Map<string, string> {
	const found = new Map<string, string>();
	const files = ['src', 'scripts'].flatMap((dir) =>
		readdirSync(join(REPO, dir), { recursive: true })
			.map(String)
			.filter((name) => name.endsWith('.ts'))
			.map((name) => join(dir, name)),
	);
	for (const file of files) {
		const source = ts.createSourceFile(
			file,
			readFileSync(join(REPO, file), 'utf8'),
			ts.ScriptTarget.Latest,
			true,
		);
		const note = (node: ts.Node | undefined) => {
			if (node && ts.isStringLiteralLike(node)) {
				const { line } = source.getLineAndCharacterOfPosition(node.getStart());
				found.set(node.text, `${file}:${line + 1}`);
			}
		};
		const visit = (node: ts.Node): void => {
			if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
				if (node.expression.text === 'finding') note(node.arguments[4]);
				if (node.expression.text === 'findingAt') note(node.arguments[3]);
			}
			if (ts.isPropertyAssignment(node) && node.name.getText(source) === 'ruleId')
				note(node.initializer);
			ts.forEachChild(node, visit);
		};
		visit(source);
	}
	return found;
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
const slug = (heading: string) =>
	heading
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{N}\s_-]/gu, '')
		.replace(/\s/g, '-');

describe('the rule registry', () => {
	it('registers every rule id the code emits', () => {
		const emitted = emittedRuleIds();
		// The scan must see the checker's rules, or this test could pass by finding nothing.
		expect(emitted.size).toBeGreaterThan(25);
		const unknown = [...emitted].filter(([id]) => !isRuleId(id)).map(([id, at]) => `${at}: ${id}`);
		expect(unknown).toEqual([]);
	});

	it('lists every registered rule in the README section its url points at', () => {
		const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
		const sections = new Map<string, string>();
		for (const part of readme.split(/^(?=#{1,6} )/m)) {
			const heading = /^#{1,6} (.*)$/m.exec(part);
			if (heading) sections.set(slug(heading[1]!), part);
		}
		const missing = Object.entries(rules)
			.filter(([id, rule]) => !sections.get(rule.anchor)?.includes(`\`${id}\``))
			.map(([id, rule]) => `${id} (#${rule.anchor})`);
		expect(missing).toEqual([]);
	});

	it('gives each rule a one-line description and a link to its section', () => {
		for (const [id, rule] of Object.entries(rules)) {
			expect(rule.description, id).toMatch(/^[A-Z][^\n]+[^.]$/);
		}
		expect(ruleUrl('sections/required')).toBe(`${RULES_DOCUMENT}#section-rules`);
		expect(isRuleId('sections/required')).toBe(true);
		expect(isRuleId('sections/nope')).toBe(false);
	});
});
