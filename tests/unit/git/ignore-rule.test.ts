// Which ignore rule would keep an evidence run out of the repository, and the line that lets it in,
// for a program at the repository's top and one in a folder of it, against real git.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ignoreRule } from '../../../src/core/git/ignored.ts';

const repo = mkdtempSync(join(tmpdir(), 'phasebook-ignore-'));
const git = (...args: string[]) => spawnSync('git', args, { cwd: repo, encoding: 'utf8' });
git('init', '-q');
mkdirSync(join(repo, 'docs'));
afterAll(() => rmSync(repo, { recursive: true, force: true }));

const RUN = 'content/evidence/1/coverage/2026-01-01.json';

describe('ignoreRule', () => {
	it('names the pattern, and a negation written for the file that holds it', async () => {
		writeFileSync(join(repo, '.gitignore'), 'coverage/\n');
		const rule = await ignoreRule(join(repo, 'docs'), RUN, 'docs/');
		expect(rule).toEqual({ source: '.gitignore', line: 1, pattern: 'coverage/', negation: '!/docs/content/evidence/**' });
		writeFileSync(join(repo, '.gitignore'), `coverage/\n${rule!.negation}\n`);
		expect(await ignoreRule(join(repo, 'docs'), RUN, 'docs/')).toBeUndefined();
	});

	it('writes the negation for a .gitignore in the program’s own folder', async () => {
		writeFileSync(join(repo, '.gitignore'), '');
		writeFileSync(join(repo, 'docs/.gitignore'), 'dist/\ncoverage/\n');
		expect(await ignoreRule(join(repo, 'docs'), RUN, 'docs/')).toEqual({ source: 'docs/.gitignore', line: 2, pattern: 'coverage/', negation: '!/content/evidence/**' });
		rmSync(join(repo, 'docs/.gitignore'));
	});

	it('is undefined for a path nothing ignores, and outside a repository', async () => {
		expect(await ignoreRule(join(repo, 'docs'), RUN, 'docs/')).toBeUndefined();
		expect(await ignoreRule(tmpdir(), RUN, '')).toBeUndefined();
	});
});
