// Last-updated dates and contributors from a real temporary git repository.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readGitHistory } from '../../src/core/git-history.ts';
import { parseBatch } from '../../src/core/git/parse.ts';
import { readVersions } from '../../src/core/git/versions.ts';

let repo: string;

function git(cwd: string, args: string[], date?: string, author?: [string, string]) {
	const env: NodeJS.ProcessEnv = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
	if (date) Object.assign(env, { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date });
	if (author) Object.assign(env, { GIT_AUTHOR_NAME: author[0], GIT_AUTHOR_EMAIL: author[1] });
	return execFileSync('git', args, { cwd, env, encoding: 'utf8' });
}

function commit(message: string, date: string, author: [string, string] = ['Ana Lima', 'ana@example.com']) {
	git(repo, ['add', '-A']);
	git(repo, ['commit', '-q', '-m', message], date, author);
}

function write(path: string, text: string) {
	mkdirSync(join(repo, path, '..'), { recursive: true });
	writeFileSync(join(repo, path), text);
}

beforeAll(() => {
	repo = mkdtempSync(join(tmpdir(), 'phasebook-git-'));
	git(repo, ['init', '-q', '-b', 'main']);
	git(repo, ['config', 'user.name', 'Committer']);
	git(repo, ['config', 'user.email', 'committer@example.com']);
	write('site/content/phases/1.mdx', 'one\n');
	write('site/content/rcas/old-name.mdx', 'rca\n');
	write('site/content/phases/gone.mdx', 'gone\n');
	write('README.md', 'readme\n');
	commit('start', '2026-07-01T09:00:00+02:00');
	write('site/content/phases/1.mdx', 'one, edited\n');
	commit('edit phase 1', '2026-07-03T10:00:00+02:00', ['Ben Okafor', 'ben@example.com']);
	git(repo, ['mv', 'site/content/rcas/old-name.mdx', 'site/content/rcas/rca-0001.mdx']);
	rmSync(join(repo, 'site/content/phases/gone.mdx'));
	commit('rename the RCA, drop a phase', '2026-07-05T11:00:00+00:00');
	write('site/content/phases/1.mdx', 'one, edited twice\n');
	commit('edit phase 1 again', '2026-07-08T12:30:00-04:00', ['Ben Okafor', 'ben@example.com']);
	write('README.md', 'readme, edited\n');
	commit('outside content', '2026-07-09T08:00:00+00:00');
});

afterAll(() => rmSync(repo, { recursive: true, force: true }));

describe('readGitHistory', () => {
	it('dates each file by its newest commit and lists contributors, most commits first', async () => {
		const history = await readGitHistory(join(repo, 'site'));
		expect(history.warning).toBeUndefined();
		expect(history.prefix).toBe('site/');
		expect(history.files.get('content/phases/1.mdx')).toEqual({
			updated: '2026-07-08T12:30:00-04:00',
			contributors: ['Ben Okafor', 'Ana Lima'],
		});
	});

	it('follows a rename back to the file’s first commit', async () => {
		const history = await readGitHistory(join(repo, 'site'));
		expect(history.files.get('content/rcas/rca-0001.mdx')).toEqual({
			updated: '2026-07-05T11:00:00+00:00',
			contributors: ['Ana Lima'],
		});
		expect(history.files.has('content/rcas/old-name.mdx')).toBe(false);
		expect(history.files.has('content/phases/gone.mdx')).toBe(false);
		expect(history.files.has('README.md')).toBe(false);
	});

	it('runs git three times for the whole tree, not once per file', async () => {
		const calls: string[][] = [];
		await readGitHistory(join(repo, 'site'), {
			git: async (args, cwd) => {
				calls.push(args);
				return git(cwd, args);
			},
		});
		expect(calls.map((a) => a.find((x) => ['log', 'rev-parse', 'status'].includes(x)))).toEqual(['rev-parse', 'log', 'status']);
	});

	it('marks new and changed files as uncommitted, even where an earlier file had the same path', async () => {
		const clone = mkdtempSync(join(tmpdir(), 'phasebook-status-'));
		try {
			git(clone, ['clone', '-q', `file://${repo}`, 'repo']);
			const site = join(clone, 'repo', 'site');
			// A program started afresh: the sample's phase 1 deleted and a new one written in its place.
			writeFileSync(join(site, 'content/phases/1.mdx'), 'a new phase 1\n');
			writeFileSync(join(site, 'content/phases/2.mdx'), 'a new phase 2\n');
			mkdirSync(join(site, 'content/handoffs'));
			writeFileSync(join(site, 'content/handoffs/ho-001.mdx'), 'staged\n');
			git(join(clone, 'repo'), ['add', 'site/content/handoffs/ho-001.mdx']);
			rmSync(join(site, 'content/rcas/rca-0001.mdx'));
			const history = await readGitHistory(site);
			expect(Object.fromEntries(history.uncommitted)).toEqual({
				'content/phases/1.mdx': 'modified',
				'content/phases/2.mdx': 'new',
				'content/handoffs/ho-001.mdx': 'new',
			});
			expect(history.commits[0]).toMatchObject({ date: '2026-07-08T12:30:00-04:00', author: 'Ben Okafor' });
			expect(history.commits[0]!.sha).toMatch(/^[0-9a-f]{40}$/);
		} finally {
			rmSync(clone, { recursive: true, force: true });
		}
	});

	it('gives no dates, with a warning, for a shallow clone', async () => {
		const clone = mkdtempSync(join(tmpdir(), 'phasebook-shallow-'));
		try {
			git(clone, ['clone', '-q', '--depth', '1', `file://${repo}`, 'repo']);
			const history = await readGitHistory(join(clone, 'repo', 'site'));
			expect(history.warning).toBe('the repository is a shallow clone');
			expect(history.files.size).toBe(0);
		} finally {
			rmSync(clone, { recursive: true, force: true });
		}
	});

	it('gives no dates and no warning in a repository with no commit yet: every document is new', async () => {
		const fresh = mkdtempSync(join(tmpdir(), 'phasebook-unborn-'));
		try {
			git(fresh, ['init', '-q']);
			mkdirSync(join(fresh, 'content/phases'), { recursive: true });
			writeFileSync(join(fresh, 'content/phases/1.mdx'), 'one\n');
			const history = await readGitHistory(fresh);
			expect(history).toEqual({ files: new Map(), uncommitted: new Map([['content/phases/1.mdx', 'new']]), commits: [], prefix: '' });
		} finally {
			rmSync(fresh, { recursive: true, force: true });
		}
	});

	it('gives no dates, with a warning, outside a repository', async () => {
		const plain = mkdtempSync(join(tmpdir(), 'phasebook-nogit-'));
		try {
			const history = await readGitHistory(plain);
			expect(history.warning).toMatch(/not inside a git repository/);
			expect(history.files.size).toBe(0);
		} finally {
			rmSync(plain, { recursive: true, force: true });
		}
	});
});

describe('readVersions', () => {
	it('gives each committed version of a file, oldest first, in one cat-file call', async () => {
		const site = join(repo, 'site');
		const history = await readGitHistory(site);
		const calls: string[][] = [];
		const versions = await readVersions(site, history, ['content/phases/1.mdx', 'content/rcas/rca-0001.mdx'], async (args, cwd, input) => {
			calls.push(args);
			return execFileSync('git', args, { cwd, input, encoding: 'utf8' });
		});
		expect(versions.get('content/phases/1.mdx')).toEqual([
			{ at: '2026-07-01T09:00:00+02:00', text: 'one\n' },
			{ at: '2026-07-03T10:00:00+02:00', text: 'one, edited\n' },
			{ at: '2026-07-08T12:30:00-04:00', text: 'one, edited twice\n' },
		]);
		// Renames are not followed: the RCA's versions start where it got its name.
		expect(versions.get('content/rcas/rca-0001.mdx')).toEqual([{ at: '2026-07-05T11:00:00+00:00', text: 'rca\n' }]);
		expect(calls).toEqual([['cat-file', '--batch']]);
	});

	it('reads blob sizes as bytes, so text after a multi-byte character is not cut', () => {
		const text = 'Résumé — naïve\n';
		const output = `abc blob ${Buffer.byteLength(text)}\n${text}\nmissing-spec missing\ndef blob 2\nok\n`;
		expect(parseBatch(output, ['a:x', 'b:y', 'c:z'])).toEqual(new Map([['a:x', text], ['c:z', 'ok']]));
	});
});
