import { describe, expect, it } from 'vitest';
import { finding, findingAt, type Finding } from '../../../src/core/findings.ts';
import {
	formatFailure,
	formatFinding,
	formatGithub,
	formatJson,
	formatReport,
	formatText,
	wantsColor,
} from '../../../src/core/findings-format.ts';
import { RULES_DOCUMENT } from '../../../src/core/rules.ts';

const missing = finding(
	'content/rcas/a.mdx',
	14,
	'error',
	'Missing required section "Root cause analysis"',
	'sections/required',
);
const empty = finding(
	'content/rcas/a.mdx',
	20,
	'warning',
	'Section "Symptom and impact" is empty',
	'sections/empty',
	3,
);
const other = finding('content/phases/1.mdx', 2, 'error', 'Unknown phase "9"', 'references/phase');

describe('formatText', () => {
	it("groups findings under their file in remark-lint's form, then counts them", () => {
		expect(formatText([missing, empty, other], 4)).toBe(
			[
				'content/rcas/a.mdx',
				'content/rcas/a.mdx:14:1  error  Missing required section "Root cause analysis"  sections/required',
				'content/rcas/a.mdx:20:3  warning  Section "Symptom and impact" is empty  sections/empty',
				'',
				'content/phases/1.mdx',
				'content/phases/1.mdx:2:1  error  Unknown phase "9"  references/phase',
				'',
				'✖ 3 problems (2 errors, 1 warning) in 2 files; 4 documents checked',
			].join('\n'),
		);
		expect(formatText([], 1)).toBe('✔ 1 document checked: no problems');
		expect(formatText([empty])).toMatch(/\n⚠ 1 problem \(0 errors, 1 warning\) in 1 file$/);
	});

	it('prints related places and the hint under their finding', () => {
		const cause = [{ path: 'content/rcas/b.mdx', line: 2, column: 1, message: 'first used here' }];
		const duplicate = finding(
			'content/rcas/a.mdx',
			2,
			'error',
			'Duplicate id "RCA-0001"',
			'references/duplicate-id',
			1,
			{ cause, hint: 'Rename one.' },
		);
		expect(formatText([duplicate]).split('\n').slice(1, 4)).toEqual([
			'content/rcas/a.mdx:2:1  error  Duplicate id "RCA-0001"  references/duplicate-id',
			'    content/rcas/b.mdx:2:1  first used here',
			'    hint: Rename one.',
		]);
	});

	it('colours only when asked, and is asked only on a terminal without NO_COLOR', () => {
		expect(formatText([missing])).not.toContain('\u001b[');
		const coloured = formatText([missing], 1, true);
		expect(coloured).toContain('\u001b[31merror\u001b[39m');
		expect(coloured).toContain('\u001b[2msections/required\u001b[22m');
		expect(wantsColor({ isTTY: true }, {})).toBe(true);
		expect(wantsColor({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
		expect(wantsColor({ isTTY: false }, {})).toBe(false);
		expect(wantsColor({}, {})).toBe(false);
	});

	it('escapes newlines and :: in file names, so no line passes for a finding or a workflow command', () => {
		const evil = finding(
			'content/rcas/x\n::error file=a::owned.mdx',
			1,
			'error',
			'Empty file',
			'file/empty',
		);
		const text = formatText([evil]);
		expect(text.split('\n').filter((line) => line.trimStart().startsWith('::'))).toEqual([]);
		expect(text).toContain(
			'content/rcas/x\\n:\\:error file=a:\\:owned.mdx:1:1  error  Empty file  file/empty',
		);
		const message = findingAt({}, 'error', 'Unexpected\n::warning::x', 'cli/usage');
		expect(formatFinding(message)).toBe('error: Unexpected\\n:\\:warning:\\:x');
	});

	it('prints one line per finding: control characters in messages, related places and hints are escaped', () => {
		// A file name git allows, quoted in a message as inventory/unlisted does.
		const name = 'src/x\n::error title=pwned::Injected by a file name\n.ts';
		const cause = [{ path: 'src/a.ts', line: 1, column: 1, message: 'first\r\nsecond' }];
		const unlisted = finding('content/phases/1.mdx', 35, 'warning', `1 file changed but missing from the change inventory: ${name}`, 'inventory/unlisted', 1, { cause, hint: `List ${name}` });
		const controls = finding('content/phases/1.mdx', 36, 'error', 'tab\there, escape \u001b[31m, bell \u0007, NEL \u0085, separators \u2028\u2029, bidi rca-\u202egpj.mdx \u2066x\u2069', 'inventory/ghost');
		expect(formatText([unlisted, controls], 1).split('\n')).toEqual([
			'content/phases/1.mdx',
			'content/phases/1.mdx:35:1  warning  1 file changed but missing from the change inventory: src/x\\n:\\:error title=pwned:\\:Injected by a file name\\n.ts  inventory/unlisted',
			'    src/a.ts:1:1  first\\r\\nsecond',
			'    hint: List src/x\\n:\\:error title=pwned:\\:Injected by a file name\\n.ts',
			'content/phases/1.mdx:36:1  error  tab\\there, escape \\x1b[31m, bell \\x07, NEL \\x85, separators \\u2028\\u2029, bidi rca-\\u202egpj.mdx \\u2066x\\u2069  inventory/ghost',
			'',
			'✖ 2 problems (1 error, 1 warning) in 1 file; 1 document checked',
		]);
		expect(formatFinding(unlisted).split('\n')).toHaveLength(1);
		expect(formatFailure(findingAt({}, 'error', `Cannot write ${name}`, 'cli/usage', { hint: 'Usage: a\nb' }), 'phasebook x').split('\n')).toEqual([
			'phasebook x: Cannot write src/x\\n:\\:error title=pwned:\\:Injected by a file name\\n.ts',
			'Usage: a',
			'b',
		]);
		// JSON keeps the text as it is, and stays one JSON document.
		expect(JSON.parse(formatJson([unlisted])).findings[0].message).toBe(unlisted.message);
	});
});

describe('one line per finding', () => {
	it('prints a file-level finding without a position, and one about no file after the program name', () => {
		expect(
			formatFinding(
				findingAt({ path: 'reports/a.xml' }, 'error', 'Report is empty', 'evidence/import'),
			),
		).toBe('reports/a.xml  error  Report is empty  evidence/import');
		const usage = findingAt({}, 'error', "Unknown option '--frmat'", 'cli/usage', {
			hint: 'Usage: npm run check',
		});
		expect(formatFinding(usage)).toBe("error: Unknown option '--frmat'");
		expect(formatFailure(usage, 'phasebook check')).toBe(
			"phasebook check: Unknown option '--frmat'\nUsage: npm run check",
		);
	});
});

describe('formatJson', () => {
	it("carries every finding with its rule's link, and the counts", () => {
		const report = JSON.parse(formatJson([missing, empty], 2)) as {
			findings: Finding[];
			summary: unknown;
		};
		expect(report.summary).toEqual({ errors: 1, warnings: 1, documents: 2 });
		expect(report.findings[0]).toEqual({ ...missing, url: `${RULES_DOCUMENT}#section-rules` });
		expect(JSON.parse(formatJson([])).summary).toEqual({ errors: 0, warnings: 0 });
	});
});

describe('formatGithub', () => {
	it('escapes properties and data as workflow commands require', () => {
		const odd = finding('content/a,b:c.mdx', 3, 'warning', '100% done\nnext', 'sections/empty', 2);
		expect(formatGithub([odd])).toBe(
			'::warning file=content/a%2Cb%3Ac.mdx,line=3,col=2,title=sections/empty::100%25 done%0Anext',
		);
		expect(formatGithub([findingAt({}, 'error', 'Missing --phase <id>', 'cli/usage')])).toBe(
			'::error title=cli/usage::Missing --phase <id>',
		);
	});

	// An attack: a file name and a test name from a report, with an escape sequence and a
	// right-to-left override, reached the log raw in the annotations, escaped in the text.
	it('prints control and bidirectional characters of names and messages as the text report does', () => {
		const evil = finding('content/rcas/evil\u001b[31mred\u202e.mdx', 58, 'error', 'Gate fails: "evil\u001b[31mRED\u0007"', 'evidence/schema', 1);
		const printed = formatGithub([evil]);
		expect(printed).toBe('::error file=content/rcas/evil\\x1b[31mred\\u202e.mdx,line=58,col=1,title=evidence/schema::Gate fails: "evil\\x1b[31mRED\\x07"');
		expect(printed).not.toMatch(/[\u0000-\u001f\u202e]/);
	});

	it('follows the text report only on GitHub Actions and only when there are findings', () => {
		expect(formatReport([missing], { documents: 1, github: true }).split('\n').at(-1)).toMatch(
			/^::error file=content\/rcas\/a\.mdx,line=14,col=1,title=sections\/required::/,
		);
		expect(formatReport([missing], { documents: 1 })).not.toContain('::error');
		expect(formatReport([], { documents: 1, github: true })).toBe(
			'✔ 1 document checked: no problems',
		);
		expect(JSON.parse(formatReport([missing], { format: 'json' })).findings).toHaveLength(1);
	});
});
