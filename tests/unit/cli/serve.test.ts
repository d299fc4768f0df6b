// `phasebook dev` and `phasebook preview` refuse a wrong --root, and preview a project not built
// yet, with one line and exit 1, before Astro starts: Astro's dev server made the folder a
// mistyped --root named, and preview stopped with "unexpected internal error".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO } from '../../helpers/program.ts';

const work = mkdtempSync(join(tmpdir(), 'phasebook-serve-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const phasebook = (...args: string[]) => spawnSync(process.execPath, [join(REPO, 'bin/phasebook.js'), ...args], { cwd: work, encoding: 'utf8', timeout: 60_000 });

describe('phasebook dev and preview', () => {
	it.each(['dev', 'preview'])('%s: a --root that does not exist is refused, and not made', (mode) => {
		const result = phasebook(mode, '--root', 'typo');
		expect([result.status, result.stdout]).toEqual([1, '']);
		expect(result.stderr).toBe(`phasebook ${mode}: No folder ${join(work, 'typo')}; run this from the project root (the folder that holds content/) or pass --root <dir>\n`);
		expect(existsSync(join(work, 'typo'))).toBe(false);
	});

	// An attack: dev printed "unexpected internal error: getaddrinfo ENOTFOUND" and then ran on,
	// serving nothing; preview printed a stack trace and exited 2.
	it.each(['dev', 'preview'])('%s: a --host this machine cannot listen on is one line naming it, exit 1', (mode) => {
		mkdirSync(join(work, 'hosted/content'), { recursive: true });
		mkdirSync(join(work, 'hosted/dist'), { recursive: true });
		const result = phasebook(mode, '--root', 'hosted', '--host', '999.1.1.1', '--port', '4397');
		expect([result.status, result.stdout, result.stderr]).toEqual([1, '', `phasebook ${mode}: Unexpected --host "999.1.1.1": no address has that name; expected a name or address of this machine (localhost, 127.0.0.1, 0.0.0.0)\n`]);
	});

	// `--port 0x50` started the server on port 80.
	it.each(['dev', 'preview'])('%s: a port that is not written in decimal digits is refused', (mode) => {
		for (const port of ['0x50', '1e3', '80.0', ' 80', '0', '65536']) {
			const result = phasebook(mode, '--root', 'typo', '--port', port);
			expect([result.status, result.stderr.split('\n')[0]], port).toEqual([1, `phasebook ${mode}: Unexpected port "${port}", expected a number from 1 to 65535`]);
		}
	});

	it('preview: a project with no build yet says to build it first', () => {
		mkdirSync(join(work, 'program/content'), { recursive: true });
		const result = phasebook('preview', '--root', 'program');
		expect([result.status, result.stdout, result.stderr]).toEqual([1, '', 'phasebook preview: No built site in program/dist/ to serve; run phasebook build first\n']);
	});
});
