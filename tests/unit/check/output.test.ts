// What the commands print is one line per item, whatever file names and reports hold: a newline
// then `::error` at the start of a line is a workflow command to a GitHub runner.
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bodyWithInventory, commit, makeGitFixture, write, writeContent } from '../../helpers/git-repo.ts';
import { makeProgram, phaseDoc, REPO } from '../../helpers/program.ts';

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
		expect(result.stdout).toContain('  - 1 of 1 test failed: "x\\n:\\:error file=README.md,line=1:\\:injected"');
		expect(result.stdout.split('\n').filter((line) => line.startsWith('::'))).toEqual([]);
	});

	it('a committed file named with newlines and ::error is one line of the check, quoted escaped, and stays itself in JSON', () => {
		const { root } = makeGitFixture();
		const name = 'src/x\n::error title=pwned::Injected by a file name\n.ts';
		write(join(root, 'app'), { [name]: 'x\n' });
		commit(root, 'REQ-2.1 a file with an odd name', '2026-07-06T09:00:00+00:00');
		const rows = ['| `src/a.ts` | Changed | REQ-2.1 |', '| `src/b.ts` | New | REQ-2.1 |', '| `src/new.ts` | Renamed | REQ-2.1 |', '| `README.md` | Removed | REQ-2.1 |', '| `tests/b.test.ts` | New | REQ-2.1 |'];
		writeContent(root, { 'content/phases/1.mdx': phaseDoc('1', 'release: v0.1.0\n'), 'content/phases/2.mdx': phaseDoc('2', 'dependsOn: ["1"]\n', bodyWithInventory(rows)) });
		const check = (format: string) => spawnSync(process.execPath, [join(REPO, 'scripts/check.ts'), '--root', root, '--format', format], { encoding: 'utf8', env: { ...process.env, GITHUB_ACTIONS: '', NO_COLOR: '1' } });
		const text = check('text');
		const json = check('json');
		rmSync(root, { recursive: true, force: true });
		const unlisted = text.stdout.split('\n').filter((line) => line.includes('inventory/unlisted'));
		expect(unlisted.filter((line) => line.startsWith('content/phases/2.mdx:'))).toEqual([
			expect.stringContaining('missing from the change inventory: src/x\\n:\\:error title=pwned:\\:Injected by a file name\\n.ts (npx phasebook inventory'),
		]);
		expect(text.stdout.split('\n').filter((line) => /^\s*(::|\.ts )/.test(line))).toEqual([]);
		const messages = (JSON.parse(json.stdout) as { findings: { path: string; ruleId: string; message: string }[] }).findings.filter((f) => f.path === 'content/phases/2.mdx' && f.ruleId === 'inventory/unlisted');
		expect(messages.map((f) => f.message)).toEqual([expect.stringContaining(`missing from the change inventory: ${name} (npx phasebook inventory`)]);
	});
});
