// Fixture git repositories built by the tests: a program's content beside the code it documents,
// with commits that name requirement ids, release tags, a rename and a removal.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { completeBody, REPO } from './program.ts';

export function git(cwd: string, args: string[], date = '2026-07-01T09:00:00+00:00'): string {
	const env: NodeJS.ProcessEnv = {
		...process.env,
		GIT_CONFIG_GLOBAL: '/dev/null',
		GIT_CONFIG_NOSYSTEM: '1',
		GIT_AUTHOR_NAME: 'Ana Lima',
		GIT_AUTHOR_EMAIL: 'ana@example.com',
		GIT_COMMITTER_NAME: 'Ana Lima',
		GIT_COMMITTER_EMAIL: 'ana@example.com',
		GIT_AUTHOR_DATE: date,
		GIT_COMMITTER_DATE: date,
	};
	return execFileSync('git', args, { cwd, env, encoding: 'utf8' });
}

export function write(root: string, files: Record<string, string>): void {
	for (const [path, text] of Object.entries(files)) {
		mkdirSync(dirname(join(root, path)), { recursive: true });
		writeFileSync(join(root, path), text);
	}
}

export function commit(root: string, message: string, date: string): string {
	git(root, ['add', '-A']);
	git(root, ['commit', '-q', '-m', message], date);
	return git(root, ['rev-parse', 'HEAD']).trim();
}

export const lines = (n: number, word = 'line') => Array.from({ length: n }, (_, i) => `${word} ${i + 1}`).join('\n') + '\n';

/**
 * The fixture's history, in `app/` (the code) beside `content/`:
 * 1. v0.1.0 "Start the app (REQ-1.1)": src/a.ts, src/old.ts, src/stable.ts, README.md, package-lock.json
 * 2. "REQ-2.1 add the b module": src/b.ts added, src/a.ts changed
 * 3. "Rename old to new for REQ-2.2": src/old.ts renamed to src/new.ts, with an edit
 * 4. "Drop the README; test b (REQ-2.1)": README.md removed, tests/b.test.ts added
 * 5. "Bump the lock file": package-lock.json changed (excluded by project.yaml)
 */
export function makeGitFixture(): { root: string; commits: string[] } {
	const root = mkdtempSync(join(tmpdir(), 'phasebook-gitfix-'));
	git(root, ['init', '-q', '-b', 'main']);
	cpSync(join(REPO, 'templates'), join(root, 'templates'), { recursive: true });
	const commits: string[] = [];
	write(root, {
		'app/src/a.ts': lines(10),
		'app/src/old.ts': lines(20, 'old'),
		'app/src/stable.ts': lines(4, 'stable'),
		'app/README.md': '# App\n',
		'app/package-lock.json': '{}\n',
	});
	commits.push(commit(root, 'Start the app (REQ-1.1)', '2026-07-01T09:00:00+00:00'));
	git(root, ['tag', 'v0.1.0']);
	write(root, { 'app/src/b.ts': lines(5, 'b'), 'app/src/a.ts': lines(12) });
	commits.push(commit(root, 'REQ-2.1 add the b module', '2026-07-02T09:00:00+00:00'));
	git(root, ['mv', 'app/src/old.ts', 'app/src/new.ts']);
	write(root, { 'app/src/new.ts': lines(20, 'old').replace('old 3\n', 'new 3\n') });
	commits.push(commit(root, 'Rename old to new for REQ-2.2', '2026-07-03T09:00:00+00:00'));
	rmSync(join(root, 'app/README.md'));
	write(root, { 'app/tests/b.test.ts': lines(3, 'test') });
	commits.push(commit(root, 'Drop the README; test b (REQ-2.1)', '2026-07-04T09:00:00+00:00'));
	write(root, { 'app/package-lock.json': '{ "lockfileVersion": 3 }\n' });
	commits.push(commit(root, 'Bump the lock file', '2026-07-05T09:00:00+00:00'));
	return { root, commits };
}

export const FIXTURE_PROJECT = `name: Fixture program
description: A program whose code lives in app/.
coverageThreshold: 85
gates:
  - { id: unit, title: Unit tests, layer: unit }
code:
  path: app
  exclude: [package-lock.json]
`;

/** A complete phase body whose change inventory holds `rows` (`| file | change | reqs |` lines). */
/** The 1-based line of the first line of `text` containing `needle`. */
export function lineOf(text: string, needle: string): number {
	const index = text.split('\n').findIndex((l) => l.includes(needle));
	if (index === -1) throw new Error(`"${needle}" is not in the text`);
	return index + 1;
}

export function bodyWithInventory(rows: string[]): string {
	return completeBody('phase').replace(/\| `src\/a\.ts` \| Added \| REQ-1\.1 \|/, rows.join('\n'));
}

/** Replaces content/ of the fixture with these files (documents are read from the working tree). */
export function writeContent(root: string, files: Record<string, string>): void {
	rmSync(join(root, 'content'), { recursive: true, force: true });
	write(root, { 'content/project.yaml': FIXTURE_PROJECT, 'content/tasks.yaml': 'tasks: []\n', ...files });
}
