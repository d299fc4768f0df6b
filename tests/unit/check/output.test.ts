// What the commands print is one line per item, whatever file names and reports hold: a newline
// then `::error` at the start of a line is a workflow command to a GitHub runner.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeProgram, REPO } from '../../helpers/program.ts';

describe('plain text output', () => {
	it('a failing test named with a newline and ::error starts no line of the evidence output', () => {
		const root = makeProgram({});
		writeFileSync(
			join(root, 'r.xml'),
			'<testsuite name="s" tests="1" failures="1"><testcase name="x&#10;::error file=README.md,line=1::injected"><failure message="no"/></testcase></testsuite>',
		);
		const result = spawnSync(process.execPath, [join(REPO, 'scripts/evidence.ts'), 'import', 'r.xml', '--phase', '1', '--gate', 'unit'], {
			cwd: root,
			encoding: 'utf8',
			env: { ...process.env, GITHUB_ACTIONS: '' },
		});
		expect(result.status).toBe(0);
		expect(result.stdout).toContain('  - 1 of 1 tests failed: "x\\n:\\:error file=README.md,line=1:\\:injected"');
		expect(result.stdout.split('\n').filter((line) => line.startsWith('::'))).toEqual([]);
	});
});
