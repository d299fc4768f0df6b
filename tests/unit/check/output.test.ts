// What the commands print is one line per finding, whatever file names and reports hold: a newline
// then `::error` at the start of a line is a workflow command to a GitHub runner.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../../src/core/check/index.ts';
import { formatGithub, formatText, oneLine } from '../../../src/core/check/format.ts';
import { makeProgram, REPO } from '../../helpers/program.ts';

const INJECTION = 'x\n::error file=README.md,line=1::injected\r\u001b[2J';

describe('plain text output', () => {
	it('escapes control characters as the annotations do', () => {
		expect(oneLine(INJECTION)).toBe('x%0A::error file=README.md,line=1::injected%0D%1B[2J');
		expect(oneLine('85 %\tof lines')).toBe('85 %\tof lines');
	});

	it('a file name holding a newline and ::error starts no line of the check output', async () => {
		const root = makeProgram({ [`content/phases/${INJECTION}.mdx`]: 'not a document' });
		const { findings, documents } = await runCheck(root, { diagrams: false });
		const text = formatText(findings, documents);
		expect(text.split('\n').filter((line) => line.startsWith('::'))).toEqual([]);
		expect(text).toContain('content/phases/x%0A::error file=README.md,line=1::injected%0D%1B[2J.mdx:1:1  error  Missing frontmatter');
		// The annotations escape the same characters their own way.
		expect(formatGithub(findings).split('\n')).toHaveLength(findings.length);
	});

	it('a failing test named with a newline and ::error starts no line of the evidence output', () => {
		const root = makeProgram({});
		const name = INJECTION.replaceAll('\n', '&#10;').replaceAll('\r', '&#13;').replaceAll('\u001b', '');
		writeFileSync(join(root, 'r.xml'), `<testsuite name="s" tests="1" failures="1"><testcase name="${name}"><failure message="no"/></testcase></testsuite>`);
		const result = spawnSync(process.execPath, [join(REPO, 'scripts/evidence.ts'), 'import', 'r.xml', '--phase', '1', '--gate', 'unit'], { cwd: root, encoding: 'utf8', env: { ...process.env, GITHUB_ACTIONS: '' } });
		expect(result.status).toBe(0);
		expect(result.stdout).toContain('  - 1 of 1 tests failed: "x%0A::error file=README.md,line=1::injected%0D[2J"');
		expect(result.stdout.split('\n').filter((line) => line.startsWith('::'))).toEqual([]);
	});
});
