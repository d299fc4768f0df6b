// mdx/syntax finds what the build's MDX compiler rejects; mdx/code shows a reviewer the code a
// document carries, unless project.yaml switches it off.
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../../src/cli/run-check.ts';
import { completeBody, makeProgram, PROJECT_YAML, rcaDoc } from '../../helpers/program.ts';

const RCA = 'content/rcas/rca-0001.mdx';
const body = completeBody('rca');
const FIRST = rcaDoc('RCA-0001', 'status: mitigated\n', `${body}\n`).split('\n').length;

/** `line:col severity rule message` of the RCA's findings, lines counted from the appended text. */
async function mdx(extra: string, project = PROJECT_YAML) {
	const root = makeProgram({ [RCA]: rcaDoc('RCA-0001', 'status: mitigated\n', `${body}\n${extra}\n`), 'content/project.yaml': project });
	const { findings } = await runCheck(root, { diagrams: false });
	return findings.filter((f) => f.path === RCA).map((f) => `${(f.line ?? 0) - FIRST + 1}:${f.column} ${f.severity} ${f.ruleId} ${f.message}`);
}

describe('mdx/syntax', () => {
	it('ok: elements, expressions and comments that compile', async () => {
		expect(await mdx('<details>\n<summary>More</summary>\n\nText with {1 + 1} and {/* a note */}.\n</details>')).toEqual([]);
	});

	it('not ok: a < meant as text says how to write one', async () => {
		const root = makeProgram({ [RCA]: rcaDoc('RCA-0001', 'status: mitigated\n', `${body}\nUp to <5 retries.\n`) });
		const { findings } = await runCheck(root, { diagrams: false });
		expect(findings.find((f) => f.ruleId === 'mdx/syntax')?.hint).toBe('For a literal < in text, write \\< or &lt;.');
	});

	// An author's attack: `## Title {#id}` said only "Could not parse expression with oxc: Expected `in`".
	it('not ok: a custom heading id or a brace in text says how to write one', async () => {
		const hintOf = async (extra: string) => {
			const root = makeProgram({ [RCA]: rcaDoc('RCA-0001', 'status: mitigated\n', `${body}\n${extra}\n`) });
			return (await runCheck(root, { diagrams: false })).findings.find((f) => f.ruleId === 'mdx/syntax')?.hint;
		};
		expect(await hintOf('## Follow-up {#follow-up}')).toBe("MDX reads {#…} as a JavaScript expression, not a heading id: leave it out (a heading's id comes from its text), or write \\{#…} to show it.");
		expect(await hintOf('Use the {for each} form.')).toBe('MDX reads {…} as a JavaScript expression; for a literal brace in text, write \\{.');
	});

	// One unclosed <details> read as its syntax error and five "Missing required section" warnings.
	it('not ok: an unclosed element is one syntax error, with no missing sections after it', async () => {
		const broken = body.replace('## Detection path and diagnostics\n', '<details>Found by a customer.\n\n## Detection path and diagnostics\n');
		const root = makeProgram({ [RCA]: rcaDoc('RCA-0001', 'status: mitigated\n', broken) });
		const { findings } = await runCheck(root, { diagrams: false });
		expect(findings.filter((f) => f.path === RCA).map((f) => f.ruleId)).toEqual(['mdx/syntax']);
	});

	it('ok: a < followed by a space, and one in code', async () => {
		expect(await mdx('When a < b, and `x <= y` in code:\n\n```ts\nif (a <b) return;\n```')).toEqual([]);
	});

	it.each([
		['an element never closed', 'Text.\n\n<div>\n\nunclosed', `3:1 error mdx/syntax Invalid MDX: Expected a closing tag for \`<div>\` (${FIRST + 2}:1)`],
		['a closing tag that does not match', 'A <b>bold</i> claim.', `1:10 error mdx/syntax Invalid MDX: Unexpected closing tag \`</i>\`, expected corresponding closing tag for \`<b>\` (${FIRST}:3)`],
		['an expression that is not JavaScript', 'Total: {1 +}', '1:12 error mdx/syntax Invalid MDX: Could not parse expression with oxc: Unexpected token'],
		['an export that is not JavaScript', 'export const = 1', '1:14 error mdx/syntax Invalid MDX: Could not parse esm with oxc: Unexpected token'],
		['an export after CRLF line endings', 'Text.\r\n\r\nexport const = 1', '3:14 error mdx/syntax Invalid MDX: Could not parse esm with oxc: Unexpected token'],
		['an import under a list, the only MDX of the body', '- item\n\nimport x from', '3:14 error mdx/syntax Invalid MDX: Could not parse esm with oxc: Unexpected token'],
		// Prose with no tag, brace or ESM line, which MDX still rejects: the build fails on each.
		['a comparison written as <=', 'Latency stayed <=200 ms.', '1:16 error mdx/syntax Invalid MDX: Unexpected character after `<`, expected a valid JSX tag (note: to create a link in MDX, use `[text](url)`)'],
		['an HTML comment', 'Text.\n\n<!-- a note -->', '3:1 error mdx/syntax Invalid MDX: Unexpected character `!` (U+0021) before name, expected a character that can start a name, such as a letter, `$`, or `_` (note: to create a comment in MDX, use `{/* text */}`)'],
		['an arrow written as <-', 'The cache <- the store.', '1:11 error mdx/syntax Invalid MDX: Unexpected character after `<`, expected a valid JSX tag (note: to create a link in MDX, use `[text](url)`)'],
		['an autolink', 'See <https://example.org>.', '1:5 error mdx/syntax Invalid MDX: Unexpected character after `<`, expected a valid JSX tag (note: to create a link in MDX, use `[text](url)`)'],
	])('not ok: %s', async (_, extra, expected) => {
		expect(await mdx(extra)).toEqual([expected]);
	});
});

describe('mdx/component', () => {
	it('ok: a component the document imports, defines or maps, and HTML elements', async () => {
		const imported = "import Note from '../../components/Note.astro';\n\n<Note>Hi</Note> <details>x</details>";
		expect((await mdx(imported)).filter((f) => f.includes('mdx/component'))).toEqual([]);
		expect(await mdx('export const components = { Callout: () => null };\n\n<Callout>Hi</Callout>', `${PROJECT_YAML}rules:\n  mdx/code: off\n`)).toEqual([]);
	});

	it('not ok: a component the document never imports, at its first use, once', async () => {
		expect(await mdx('Text.\n\nSee <Callout>this</Callout> and <Callout>that</Callout>, and <Ui.Card />.')).toEqual([
			'3:5 error mdx/component Unknown component <Callout>: the document neither imports nor defines it, so its page cannot be built; import it at the top of the document or write HTML instead',
			'3:62 error mdx/component Unknown component <Ui>: the document neither imports nor defines it, so its page cannot be built; import it at the top of the document or write HTML instead',
		]);
	});
});

describe('mdx/expression', () => {
	it('ok: expressions that name what the page gives them, what the document defines, and their own parameters', async () => {
		const extra = [
			'export const owners = ["ana"];',
			'',
			"Phase {frontmatter.id}: {owners.map((o) => o.toUpperCase()).join(', ')}, {Math.max(1, 2)}, {typeof window}, {new Date(0).getUTCFullYear()}.",
			'',
			'<div title={owners[0]} {...props}>Owners: {owners.length}{/* a note */}</div>',
			'',
			'{(() => { const n = 2; return n; })()} and {({ a: 1 }).a}',
		].join('\n');
		expect((await mdx(extra)).filter((line) => line.includes('mdx/expression'))).toEqual([]);
	});

	// A5 of the newcomer's report: the check passed and the build stopped with "missingThing is not
	// defined" and no line.
	it('not ok: a name the document neither imports nor defines, where the expression is', async () => {
		expect(await mdx('Before: {missingThing.value}.\n\n<div title={label}>x</div>')).toEqual([
			'1:10 error mdx/expression Unknown name "missingThing" in the expression {missingThing.value}: the document neither imports nor defines it, so its page cannot be built; define it (export const missingThing = …), or write \\{ for a literal brace',
			'3:1 error mdx/expression Unknown name "label" in the expression {label}: the document neither imports nor defines it, so its page cannot be built; define it (export const label = …), or write \\{ for a literal brace',
		]);
	});

	// An adopter's {frontmatter.reporter.name} passed the check, and the build failed with "Cannot
	// read properties of undefined (reading 'name')" and no line.
	it('not ok: a property read of a frontmatter field the document does not have; ok with ?. and for what it has', async () => {
		const fine = "{frontmatter.reporter?.name} {frontmatter.nothing} {frontmatter.owners.join(', ')} {frontmatter.owners.length} {frontmatter['severity'].toUpperCase()} {frontmatter.detected.valueOf()}";
		expect((await mdx(fine)).filter((line) => line.includes('error mdx/expression'))).toEqual([]);
		expect(await mdx("Seen by {frontmatter.reporter.name}.\n\n{frontmatter.owners.lead.email}")).toEqual([
			"1:10 error mdx/expression The expression {frontmatter.reporter.name} reads \"name\" of frontmatter.reporter, which the document's frontmatter does not have, so its page cannot be built; add the field, or read it with ?. (frontmatter.reporter?.…)",
			"3:2 error mdx/expression The expression {frontmatter.owners.lead.email} reads \"email\" of frontmatter.owners.lead, which the document's frontmatter does not have, so its page cannot be built; add the field, or read it with ?. (frontmatter.owners?.lead?.…)",
		]);
	});

	// Both passed the check and stopped the build: the page renders a body with no props of an
	// author's, and an empty literal has no such member.
	it('not ok: a property read of a prop the page does not pass, or of a member an empty literal lacks', async () => {
		const fine = '{props.components?.Table} {props.components.Table} {props.owner?.name} {[].length.toFixed()} {[].map((x) => x).join()}';
		expect((await mdx(fine)).filter((line) => line.includes('mdx/expression'))).toEqual([]);
		expect(await mdx('Owner: {props.owner.name}.\n\n{[].x.y}')).toEqual([
			'1:9 error mdx/expression The expression {props.owner.name} reads "name" of props.owner, which the page does not pass its body, so its page cannot be built; read it with ?. (props.owner?.…)',
			'3:2 error mdx/expression The expression {[].x.y} reads "y" of [].x, which is not there, so its page cannot be built; read it with ?. ([].x?.…)',
		]);
		// An author's attack: each of these passed the check and stopped the build.
		expect(await mdx('{undefined.foo} {null.x}\n\n{frontmatter.title.foo.bar} {frontmatter.owners[5].name}\n\n<div className={undefined.x}>y</div>')).toEqual([
			'1:2 error mdx/expression The expression {undefined.foo} reads "foo" of undefined, which is nothing, so its page cannot be built; read it with ?. (undefined?.…)',
			'1:18 error mdx/expression The expression {null.x} reads "x" of null, which is nothing, so its page cannot be built; read it with ?. (null?.…)',
			"3:2 error mdx/expression The expression {frontmatter.title.foo.bar} reads \"bar\" of frontmatter.title.foo, which the document's frontmatter does not have, so its page cannot be built; add the field, or read it with ?. (frontmatter.title?.foo?.…)",
			"3:30 error mdx/expression The expression {frontmatter.owners[5].name} reads \"name\" of frontmatter.owners[5], which the document's frontmatter does not have, so its page cannot be built; add the field, or read it with ?. (frontmatter.owners?.[5]?.…)",
			'5:1 error mdx/expression The expression {undefined.x} reads "x" of undefined, which is nothing, so its page cannot be built; read it with ?. (undefined?.…)',
		]);
		// A method called that is not there: a date in the frontmatter is a string on the page.
		expect(await mdx('{frontmatter.nope()} {frontmatter.detected.getFullYear()} {frontmatter.title.toUpperCase()} {frontmatter.nope?.()} {frontmatter.title.length.toFixed()}')).toEqual([
			"1:2 error mdx/expression The expression {frontmatter.nope()} calls frontmatter.nope(), which is not a function there (the page reads its frontmatter as JSON has it: a date is a string), so its page cannot be built; add the field, or call it with ?.() (frontmatter.nope?.())",
			"1:23 error mdx/expression The expression {frontmatter.detected.getFullYear()} calls frontmatter.detected.getFullYear(), which is not a function there (the page reads its frontmatter as JSON has it: a date is a string), so its page cannot be built; add the field, or call it with ?.() (frontmatter.detected.getFullYear?.())",
		]);
		// An author's attack: `await` was "an unknown name", to be defined with `export const await`.
		expect((await mdx('{await Promise.resolve(1)}')).filter((line) => line.includes('mdx/expression'))).toEqual([
			"1:2 error mdx/expression An await in the expression {await Promise.resolve(1)}: a document's expressions cannot wait for a value, so its page cannot be built; wait for it in an export (export const value = await …) and show {value}",
		]);
		// A field shown as it is that the frontmatter does not have: the page shows nothing there.
		expect(await mdx('Resolved {frontmatter.resolvedd}; {frontmatter.owners[0]} {frontmatter.nope ?? "none"} {frontmatter.nope?.x} {frontmatter?.nope}')).toEqual([
			"1:11 warning mdx/expression The expression {frontmatter.resolvedd} shows frontmatter.resolvedd, which the document's frontmatter does not have, so the page shows nothing there; expected a field it has (a misspelt name?), or {frontmatter.resolvedd ?? '…'} for a blank meant",
		]);
		// A document that defines its own props reads what it defined.
		expect((await mdx('export const props = { owner: { name: "Ann" } }\n\n{props.owner.name}')).filter((line) => line.includes('mdx/expression'))).toEqual([]);
	});
});

describe('mdx/code in expressions', () => {
	// An author's attack: {process.exit(0)} passed the check and ended the build with exit code 0.
	it('not ok: an expression that reads Node\'s own globals, which run when the site is built', async () => {
		expect((await mdx('{process.exit(0)}\n\n{require("fs")}')).filter((line) => line.includes('mdx/code'))).toEqual([
			"1:2 warning mdx/code Unexpected process in the expression {process.exit(0)}: Node's own, it runs with the build's rights when the site is built (process.exit() ends the build); review it as code",
			'3:2 warning mdx/code Unexpected require in the expression {require("fs")}: Node\'s own, it runs with the build\'s rights when the site is built (process.exit() ends the build); review it as code',
		]);
		expect((await mdx('export const process = { title: "x" }\n\n{process.title} {[1].map((require) => require)}')).filter((line) => line.includes('mdx/code') && line.includes('expression'))).toEqual([]);
	});

	// An author's attack: the same reach, written past the names: each ran at build time unflagged.
	it('not ok: an expression that reaches Node by another way, or loops', async () => {
		const body = [
			"{globalThis.process.getBuiltinModule('fs').writeFileSync('/tmp/x', 'ran')}",
			'{[].constructor.constructor("return process")().exit(0)}',
			"{eval('1 + 1')} {import('node:fs')} {[]['constr' + 'uctor']}",
			"{(() => { const k = `constr${'uc'}` + 'tor'; return [][k]; })()}",
			'{(() => { while (true) {} })()}',
		].join('\n\n');
		expect((await mdx(body)).filter((line) => line.includes('mdx/code')).map((line) => line.replace(/ in the expression \{.*\}: /, ': '))).toEqual([
			"1:2 warning mdx/code Unexpected globalThis: it reaches past the page's data, and runs with the build's rights when the site is built; review it as code",
			"1:2 warning mdx/code Unexpected .getBuiltinModule: it reaches past the page's data, and runs with the build's rights when the site is built; review it as code",
			"3:2 warning mdx/code Unexpected .constructor: it reaches past the page's data, and runs with the build's rights when the site is built; review it as code",
			"5:2 warning mdx/code Unexpected eval: it reaches past the page's data, and runs with the build's rights when the site is built; review it as code",
			"5:18 warning mdx/code Unexpected import(): it reaches past the page's data, and runs with the build's rights when the site is built; review it as code",
			"5:38 warning mdx/code Unexpected .constructor: it reaches past the page's data, and runs with the build's rights when the site is built; review it as code",
			"7:2 warning mdx/code Unexpected \"constructor\" put together from pieces: it reaches past the page's data, and runs with the build's rights when the site is built; review it as code",
			"9:2 warning mdx/code Unexpected while loop: it reaches past the page's data, and runs with the build's rights when the site is built; review it as code",
		]);
		// What documents write: data, its methods, arithmetic, a map over a list.
		expect((await mdx("{frontmatter.owners.map((o) => o.toUpperCase()).join(', ')} {6 * 7} {new Date(0).getUTCFullYear()} {frontmatter.title?.length}")).filter((line) => line.includes('mdx/code'))).toEqual([]);
	});
});

describe('mdx/code', () => {
	const code = [
		'import { readFileSync } from "node:fs"',
		'export const secret = readFileSync("/etc/passwd", "utf8")',
		'',
		'<button onClick={() => fetch("https://evil.example")}>Open</button>',
		'',
		'<img src="x.png" alt="" onerror="alert(1)" />',
		'',
		'<script>{`alert(1)`}</script>',
	].join('\n');

	it('not ok: ESM, event handlers and scripts are warnings a reviewer sees', async () => {
		expect(await mdx(code)).toEqual([
			'1:1 warning mdx/code Unexpected import/export: module code in a document runs when the site is built; review it as code',
			'4:1 warning mdx/code Unexpected event-handler attribute "onClick" on <button>: it runs in the reader\'s browser; review it as code',
			'6:1 warning mdx/code Unexpected event-handler attribute "onerror" on <img>: it runs in the reader\'s browser; review it as code',
			'8:1 warning mdx/code Unexpected <script> element: it runs in the reader\'s browser; review it as code',
		]);
	});

	it('ok: switched off in project.yaml', async () => {
		expect(await mdx(code, `${PROJECT_YAML}rules:\n  mdx/code: off\n`)).toEqual([]);
	});
});

// The check passed `import Foo from './nope.js'` with an mdx/code warning, and the build stopped on it.
describe('mdx/import', () => {
	const imports = async (extra: string, files: Record<string, string> = {}) => {
		const root = makeProgram({ [RCA]: rcaDoc('RCA-0001', 'status: mitigated\n', `${body}\n${extra}\n`), ...files });
		const { findings } = await runCheck(root, { diagrams: false });
		return findings.filter((f) => f.ruleId === 'mdx/import').map((f) => `${f.path}:${(f.line ?? 0) - FIRST + 1} ${f.message}`);
	};

	it('not ok: a relative import that names no file, on its line', async () => {
		expect(await imports("import Foo from './nope.js'\nimport { a,\n  b } from '../parts/ab.ts'\n\n<Foo />")).toEqual([
			`${RCA}:1 Cannot find "./nope.js", which the document imports: there is no such file beside it, so its page cannot be built`,
			`${RCA}:2 Cannot find "../parts/ab.ts", which the document imports: there is no such file beside it, so its page cannot be built`,
		]);
	});

	it('ok: a file beside it (a .js written for a .ts, an extension left out, an index), and packages', async () => {
		const files = { 'content/rcas/callout.astro': '<aside><slot /></aside>\n', 'content/parts/ab.ts': 'export const a = 1, b = 2;\n', 'content/parts/chart/index.tsx': 'export default () => null;\n' };
		expect(await imports("import Callout from './callout.astro'\nimport { a, b } from '../parts/ab.js'\nimport Chart from '../parts/chart'\nimport { Image } from 'astro:assets'\n\n<Callout>{a + b}</Callout>", files)).toEqual([]);
	});
});
