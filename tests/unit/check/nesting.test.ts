// mdx/nesting: the check refuses what the build's Markdown parser cannot take (it crashed, with
// signal 11 and no message, on each "not ok" document below while `npm run check` passed it).
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../../src/cli/run-check.ts';
import { completeBody, makeProgram, rcaDoc } from '../../helpers/program.ts';

const RCA = 'content/rcas/rca-0001.mdx';
const body = completeBody('rca');
/** The file line of the first line of `extra`, appended to a complete RCA. */
const FIRST = rcaDoc('RCA-0001', 'status: mitigated\n', `${body}\n`).split('\n').length;

async function nesting(extra: string) {
	const root = makeProgram({ [RCA]: rcaDoc('RCA-0001', 'status: mitigated\n', `${body}\n${extra}\n`) });
	const { findings } = await runCheck(root, { diagrams: false });
	return findings.filter((f) => f.path === RCA).map((f) => `${(f.line ?? 0) - FIRST + 1}:${f.column} ${f.severity} ${f.ruleId} ${f.message}`);
}

const lines = (n: number, line: (i: number) => string) => Array.from({ length: n }, (_, i) => line(i)).join('\n');
const crash = ": the build's Markdown parser crashes on deeper nesting";

describe('mdx/nesting', () => {
	it('ok: nesting up to each limit', async () => {
		expect(await nesting(lines(50, (i) => `${'  '.repeat(i)}- item`))).toEqual([]);
		expect(await nesting(`${'> '.repeat(100)}quoted`)).toEqual([]);
		expect(await nesting(`${'<div>'.repeat(150)}x${'</div>'.repeat(150)}`)).toEqual([]);
		expect(await nesting(`a ${'*'.repeat(150)}x${'*'.repeat(150)}`)).toEqual([]);
		expect(await nesting(`${lines(100, () => '<div>')}\n\n${lines(100, () => '</div>')}\n\n${'* '.repeat(400)}`)).toEqual([]);
	});

	it('not ok: a list nested 300 deep on one line (620 bytes), located at the 51st marker', async () => {
		expect(await nesting(`${'- '.repeat(300)}x`)).toEqual([`1:101 error mdx/nesting Lists nested 51 deep, expected at most 50${crash}`]);
	});

	it('not ok: a list nested 300 deep over indented lines, with lazy lines between', async () => {
		expect(await nesting(lines(300, (i) => `${'  '.repeat(i)}- item\nlazy`))).toEqual([
			`101:101 error mdx/nesting Lists nested 51 deep, expected at most 50${crash}`,
		]);
	});

	it('not ok: 10,000 nested blockquotes', async () => {
		expect(await nesting(`${'>'.repeat(10_000)} x`)).toEqual([`1:1 error mdx/nesting Blockquotes nested 10000 deep, expected at most 100${crash}`]);
	});

	it('not ok: 5,000 nested divs, on one line or one per line', async () => {
		const message = `error mdx/nesting Elements nested 151 deep, expected at most 150${crash}`;
		expect(await nesting(`${'<div>'.repeat(5000)}x${'</div>'.repeat(5000)}`)).toEqual([`1:751 ${message}`]);
		expect(await nesting(`${lines(5000, () => '<div>')}\nx\n${lines(5000, () => '</div>')}`)).toEqual([`151:1 ${message}`]);
	});

	it('not ok: 160 divs whose opening tags span three lines, the lines between holding no `<`', async () => {
		const open = lines(160, () => '<div\n  class="note"\n>');
		expect(await nesting(`${open}\n\nx\n\n${lines(160, () => '</div>')}`)).toEqual([
			`451:1 error mdx/nesting Elements nested 151 deep, expected at most 150${crash}`,
		]);
	});

	it('ok: two runs of 200 markers split by a code span are not one run of 400', async () => {
		expect(await nesting(`a ${'*'.repeat(200)}\`code\`${'*'.repeat(200)} b`)).toEqual([]);
	});

	// The check itself died with signal 11 on these, and 20,000 `!` passed it and broke the build.
	it.each([
		['50,000 unary operators', `{${'!'.repeat(50000)}1}`, '1:202 error mdx/nesting 201 unary operators in a row in an expression, expected at most 200'],
		['7,000 parentheses', `{${'('.repeat(7000)}1${')'.repeat(7000)}}`, '1:201 error mdx/nesting Brackets nested 201 deep, expected at most 200'],
		['10,000 square brackets', `{${'['.repeat(10000)}${']'.repeat(10000)}}`, '1:201 error mdx/nesting Brackets nested 201 deep, expected at most 200'],
	])('not ok: an expression with %s, located where the limit is passed', async (_, extra, expected) => {
		expect(await nesting(extra)).toEqual([`${expected}: the build's expression parser crashes on deeper nesting`]);
	});

	it('ok: expressions and prose within the limits, and exclamations in prose', async () => {
		expect(await nesting(`{${'('.repeat(199)}1${')'.repeat(199)}}`)).toEqual([]);
		expect(await nesting(`{${'!'.repeat(200)}1}`)).toEqual([]);
		expect(await nesting(`Wow${'!'.repeat(500)} and ${'-'.repeat(400)} in prose`)).toEqual([]);
		// Stray opening brackets of many paragraphs do not add up.
		expect(await nesting(lines(300, () => 'Sad :(\n'))).toEqual([]);
	});

	it('not ok: 2,000 emphasis markers in a row', async () => {
		expect(await nesting(`a ${'*'.repeat(2000)}x${'*'.repeat(2000)}`)).toEqual([
			`1:3 error mdx/nesting 2000 emphasis markers in a row, expected at most 300${crash}`,
		]);
	});
});
