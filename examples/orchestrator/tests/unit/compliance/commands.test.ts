import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli } from '../../../src/cli-core.ts';
import { commands } from '../../../src/commands.ts';
import { REPO_LAYOUT } from '../../../src/compliance/report.ts';
import { captureIo } from '../../helpers/io.ts';
import { SAMPLE_REPO } from '../../helpers/server.ts';
import { copyOf, tempDir } from '../../helpers/tmp.ts';

const run = (argv: string[], cwd?: string) => {
	const io = captureIo(cwd);
	return runCli(argv, commands, io, '0.0.0-test').then((code) => ({ code, ...io }));
};

describe('validate-compliance', () => {
	test('REQ-1.1 prints each check and exits 0 for a compliant repository', async () => {
		const r = await run(['validate-compliance', '--repo', SAMPLE_REPO]);
		expect(r.code).toBe(0);
		expect(r.stdout).toContain('✓ branch-protection: main: 1 review, 4 required checks\n');
		expect(r.stdout).toMatch(/verdict: pass\n$/);
	});

	test('REQ-1.3 exits 1 with --json when the coverage report is missing', async () => {
		const repo = await copyOf(SAMPLE_REPO);
		await rm(join(repo, REPO_LAYOUT.coverage));
		const r = await run(['validate-compliance', '--json'], repo);
		expect(r.code).toBe(1);
		expect(JSON.parse(r.stdout)).toMatchObject({ verdict: 'fail' });
	});
});

describe('coverage-gate', () => {
	test('REQ-1.3 exit codes: 0 pass, 1 below, 2 missing', async () => {
		const dir = await tempDir();
		const m = (pct: number) => ({ pct });
		await writeFile(join(dir, 'ok.json'), JSON.stringify({ total: { lines: m(91), statements: m(91), functions: m(91), branches: m(91) } }));
		await writeFile(join(dir, 'low.json'), JSON.stringify({ total: { lines: m(80), statements: m(80), functions: m(80), branches: m(80) } }));
		expect((await run(['coverage-gate', 'ok.json'], dir)).code).toBe(0);
		const low = await run(['coverage-gate', 'low.json', '--threshold', '85'], dir);
		expect(low).toMatchObject({ code: 1, stderr: 'Line coverage 80.00 % is below the 85 % threshold (1 report)\n' });
		expect((await run(['coverage-gate'], dir)).code).toBe(2);
	});

	test('REQ-1.3 a threshold outside 0-100 is a usage error', async () => {
		const r = await run(['coverage-gate', 'x.json', '--threshold', '120']);
		expect(r).toMatchObject({ code: 2, stderr: 'orchestrator coverage-gate: --threshold must be a number from 0 to 100, got "120"\n' });
	});
});

describe('precommit', () => {
	test('REQ-1.5 exits 1 and prints positioned violations', async () => {
		const dir = await tempDir();
		await writeFile(join(dir, 'job.py'), 'import telnetlib\n');
		await writeFile(join(dir, 'ok.py'), 'import json\n');
		expect(await run(['precommit', 'job.py'], dir)).toMatchObject({ code: 1, stderr: 'job.py:1:1  telnetlib is denylisted (ci/denylist.txt)  denylist/import\n' });
		expect(await run(['precommit', 'ok.py'], dir)).toMatchObject({ code: 0, stdout: '1 file clean\n' });
		expect((await run(['precommit'], dir)).code).toBe(2);
	});
});
