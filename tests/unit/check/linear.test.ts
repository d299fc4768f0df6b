// Every scan over document lines is linear: each runs over a 1 MB pathological line within a
// second. A correctness guard, not a benchmark: a quadratic scan takes minutes on these lines
// (`## Added` and 100,000 spaces took 16 to 52 s before, issue 13). The time is the process's CPU
// time, so a machine busy with other work does not fail it.
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../../src/cli/run-check.ts';
import { sourceLine } from '../../../src/diagrams/errors.ts';
import type { Finding } from '../../../src/core/findings.ts';
import { extractFromDocument, extractMermaidBlocks } from '../../../src/core/mermaid-blocks.ts';
import { diagramKind } from '../../../src/diagrams/kind.ts';
import { cssFontSizes, svgMetrics } from '../../../src/diagrams/svg.ts';
import { findLinks } from '../../../src/core/check/links.ts';
import { parseDocument } from '../../../src/core/load.ts';
import { parseChangeInventory } from '../../../src/core/markdown/change-inventory.ts';
import { replaceDelimited, COMMENT_DELIMITERS } from '../../../src/core/markdown/delimited.ts';
import { bodyAnchors } from '../../../src/core/markdown/anchors.ts';
import { atxHeading, findHeadings, headingKey } from '../../../src/core/markdown/headings.ts';
import { deepNesting } from '../../../src/core/markdown/nesting.ts';
import { isEmptySection, parseBody, visibleText } from '../../../src/core/markdown/sections.ts';
import { slugify } from '../../../src/core/routes.ts';
import { renderTemplate } from '../../../src/core/scaffold.ts';
import { parseTemplate, sampleValuesOf } from '../../../src/core/templates.ts';
import { makeProgram } from '../../helpers/program.ts';
import { randomStrings, strings } from '../../helpers/strings.ts';

const MB = 1 << 20;
const nestingOf = (body: string) => {
	const { lines, kinds } = parseBody(body);
	return deepNesting(lines, kinds);
};

/** Milliseconds of CPU time `work` takes. */
async function cpuTime(work: () => unknown): Promise<number> {
	const start = process.cpuUsage();
	await work();
	const used = process.cpuUsage(start);
	return (used.user + used.system) / 1000;
}

/** `unit` repeated to about 1 MB. */
const fill = (unit: string) => unit.repeat(Math.ceil(MB / unit.length));

/** Each scan and the pathological line it once backtracked on (or could). */
const scans: Array<[string, () => unknown]> = [
	['ATX heading, spaces then text', () => findHeadings(`## Added${' '.repeat(MB)}x`)],
	['ATX heading, closing hashes', () => findHeadings(`## A${fill(' #')}x`)],
	['setext underline', () => findHeadings(`Text\n${'-'.repeat(MB / 2)}${' '.repeat(MB / 2)}x`)],
	['fence opening', () => findHeadings(`\`\`\`${' '.repeat(MB)}x`)],
	['JSX element line', () => findHeadings(`<a.b>\n${fill('<a.b ')}\n</a.b>`)],
	['heading key, trailing punctuation', () => headingKey(`A${'.'.repeat(MB)}x`)],
	['heading key, {# attribute', () => headingKey(`A${fill('{#')}`)],
	['heading text, MDX comments', () => findHeadings(`## A${fill('{/*')}`)],
	['heading text, HTML comments', () => findHeadings(`## A${fill('<!--')}`)],
	['visible text, comments', () => visibleText(fill('{/*'))],
	['empty section, cut comment', () => isEmptySection(fill('x <!--'))],
	['sections', () => parseBody(`## A\n${fill('x {/*')}`)],
	['links, brackets', () => findLinks({ body: `a](${fill('[')}` })],
	['links, unclosed titles', () => findLinks({ body: fill('[a](b "') })],
	['links, destinations', () => findLinks({ body: fill('[](a') })],
	['links, parentheses', () => findLinks({ body: fill('[](a(') })],
	['links, parentheses closed late', () => findLinks({ body: `${fill('[](a(')}${')'.repeat(1000)}` })],
	['links, angle brackets', () => findLinks({ body: fill('[](<a') })],
	['links, escaped angle brackets', () => findLinks({ body: `${fill('[](<\\>')}>` })],
	['links, titles closed at the end', () => findLinks({ body: `${fill('[](a "')}"` })],
	['links, parenthesised titles', () => findLinks({ body: fill('[](a (') })],
	['links, href', () => findLinks({ body: `href="${'a'.repeat(MB)}` })],
	['heading anchors, ids never closed', () => bodyAnchors(parseBody(`<a ${fill('id="a ')}`))],
	['heading anchors, a quote of list markers', () => bodyAnchors(parseBody(`${fill('> - 1. ')}x`))],
	['heading anchors, comments never closed', () => bodyAnchors(parseBody(`## A${fill('{/*')}`))],
	['heading anchors, emphasis', () => bodyAnchors(parseBody(`## A${fill('_a_ ')}`))],
	['links, code spans', () => findLinks({ body: `](${fill('`')}` })],
	['link definitions, escaped brackets', () => findLinks({ body: `[${fill('\\]')}` })],
	['link definitions, long label', () => findLinks({ body: `[${'a'.repeat(MB)}]:${' '.repeat(MB)}` })],
	['change inventory, long cell', () => parseChangeInventory(`| File | Change | Requirement |\n|---|---|---|\n| ${fill('[')} | a | b |`)],
	['change inventory, many cells', () => parseChangeInventory(`| File | Change | Requirement |\n|---|---|---|\n|${fill(' a |')}`)],
	['change inventory, header cells', () => parseChangeInventory(`|${fill(' |')}\n|---|`)],
	['mermaid heading', () => extractMermaidBlocks(`## A${' '.repeat(MB)}x`)],
	['mermaid heading links', () => extractMermaidBlocks(`## A${fill('[')}x`)],
	['mermaid fence title', () => extractMermaidBlocks(`\`\`\`mermaid ${fill(' title="')}\nA\n\`\`\``)],
	['mermaid closing fence', () => extractMermaidBlocks(`\`\`\`mermaid\n${' '.repeat(MB)}\`\`\`${' '.repeat(MB)}x\n\`\`\``)],
	['mermaid directives', () => sourceLine(fill('%%{'), 1)],
	['diagram kind', () => diagramKind(`${' '.repeat(MB)}x`)],
	// A diagram's themeCSS lands in its SVG's <style>: 200 KB of it took half a minute before.
	['diagram font sizes, a long selector', () => svgMetrics(`<svg viewBox="0 0 1 1"><style>${fill('.a ')}{font-size:9px}</style></svg>`)],
	['diagram font sizes, rules without one', () => cssFontSizes(fill('.a{color:red}'))],
	['diagram font sizes, a rule never closed', () => cssFontSizes(fill('{font-size:'))],
	['frontmatter', () => parseDocument('phase', 'p.mdx', `---\ntitle: a${' '.repeat(MB)}x\n---\n`)],
	['frontmatter fences', () => extractFromDocument(`---\n${fill(`---${' '.repeat(99)}x\n`)}`)],
	['route of an id', () => slugify(`a${'-'.repeat(MB)}x!`)],
	['template headings', () => parseTemplate('phase', 't', `## A${' '.repeat(MB)}x`)],
	['nesting, list markers', () => nestingOf(`${fill('- ')}x`)],
	['nesting, thematic tails', () => nestingOf(`* ${fill('- ')}`)],
	['nesting, blockquotes', () => nestingOf(fill('>'))],
	['nesting, elements', () => nestingOf(fill('<div>'))],
	['nesting, attributes', () => nestingOf(`<a ${fill('"{')}`)],
	['nesting, emphasis', () => nestingOf(fill('*_'))],
	['template optional marker', () => renderTemplate({ type: 'phase', path: 't', text: `## A${' '.repeat(MB)}x`, sections: [], sampleValues: new Map(), findings: [] }, {})],
	['template sample values', () => sampleValuesOf(`goal: "${'\\ '.repeat(MB / 2)}\nx: '${"''".repeat(MB / 2)}`)],
];

describe('scans over document lines are linear', () => {
	it.each(scans)('%s: a 1 MB line within a second', async (_, scan) => {
		expect(await cpuTime(scan)).toBeLessThan(1000);
	});

	it('npm run check on a changelog entry whose heading is followed by 1 MB of spaces', async () => {
		const entry = `---\nversion: 0.9.0\ntitle: Spaces\ndate: 2026-01-01\nstatus: released\nowners: [ana]\n---\n\n## Added${' '.repeat(MB)}x\n\nA change.\n`;
		const root = makeProgram({ 'content/changelog/0.9.0.mdx': entry });
		let findings: Finding[] = [];
		const time = await cpuTime(async () => ({ findings } = await runCheck(root, { diagrams: false })));
		expect(time).toBeLessThan(1000);
		expect(findings.filter((f) => f.path === 'content/changelog/0.9.0.mdx' && f.ruleId.startsWith('sections/')).map((f) => `${f.line}:${f.column} ${f.ruleId}`)).toEqual([
			'8:1 sections/required',
			'9:1 sections/unexpected',
		]);
	});
});

// The scans replace regular expressions; on short inputs the old expressions are fast, so every
// short string over the characters that matter must give the same answer as before.
describe('the scans match the expressions they replace', () => {
	it('font sizes of a style sheet', () => {
		const FONT_SIZES = /([^{}]*)\{[^}]*?font-size:\s*([\d.]+)px/g;
		// One character for each token that matters: valid, invalid and decimal sizes among braces.
		const tokens: Record<string, string> = { '{': '{', '}': '}', a: 'a', ' ': ' ', F: 'font-size:12px', G: 'font-size: px', H: 'font-size: 1.5px' };
		for (const s of [...strings('{}aFGH ', 6), ...randomStrings('{}aFGH .', 24, 20_000)]) {
			const css = [...s].map((c) => tokens[c] ?? c).join('');
			const before = [...css.matchAll(FONT_SIZES)].map(([, selector, size]) => ({ selector, size: Number(size) }));
			expect(cssFontSizes(css), JSON.stringify(css)).toEqual(before);
		}
	});

	it('comments', () => {
		const COMMENTS = /\{\/\*[\s\S]*?\*\/\}|<!--[\s\S]*?-->/g;
		for (const s of [...strings('{/*}<!->', 5), ...randomStrings('{/*}<!->a', 16, 50_000)]) {
			expect(replaceDelimited(s, COMMENT_DELIMITERS, ' '), JSON.stringify(s)).toBe(s.replace(COMMENTS, ' '));
		}
	});

	it('heading keys', () => {
		const before = (text: string) =>
			text
				.replace(/\{\/\*[\s\S]*?\*\/\}|<!--[\s\S]*?-->/g, '')
				.replace(/\{#[^}]*\}\s*$/, '')
				.replace(/[*_`]/g, '')
				.replace(/\s+/g, ' ')
				.trim()
				.replace(/[\s.:;,!?…]+$/u, '')
				.toLowerCase();
		for (const s of strings('{#} .A*', 6)) expect(headingKey(s), JSON.stringify(s)).toBe(before(s));
	});

	it('ATX headings, except that a closing sequence alone is no text (as CommonMark says)', () => {
		const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
		for (const s of strings(' #\ta', 7)) {
			const m = ATX.exec(s);
			const closingOnly = m && /^[ \t]+#+[ \t]*$/.test(s.slice(m[0].indexOf('#') + m[1]!.length));
			const expected = m && { depth: m[1]!.length, text: closingOnly ? '' : (m[2] ?? '') };
			expect(atxHeading(s) ?? null, JSON.stringify(s)).toEqual(expected);
		}
	});

	it('routes', () => {
		const before = (id: string) => id.toLowerCase().replace(/[^a-z0-9.-]+/g, '-').replace(/^-+|-+$/g, '');
		for (const s of strings('-a_.', 6)) expect(slugify(s)).toBe(before(s));
	});
});
