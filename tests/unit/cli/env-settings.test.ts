// PHASEBOOK_SITE, PHASEBOOK_BASE and PHASEBOOK_RENDER_TIMEOUT are judged before a build starts:
// an attack found 17 raw "TypeError: Invalid URL" pairs for PHASEBOOK_SITE='not a url', a site
// built for PHASEBOOK_BASE=../../.. with a warning, and PHASEBOOK_RENDER_TIMEOUT=abc ignored.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertBuildSettings } from '../../../src/cli/env-settings.ts';
import { makeProgram, REPO } from '../../helpers/program.ts';

const problem = (env: NodeJS.ProcessEnv) => {
	try {
		assertBuildSettings(env);
		return undefined;
	} catch (error) {
		return (error as Error).message;
	}
};

describe('the build settings in the environment', () => {
	it('accepts what a deploy sets, and what is unset or empty', () => {
		for (const env of [
			{},
			{ PHASEBOOK_SITE: '', PHASEBOOK_BASE: '', PHASEBOOK_RENDER_TIMEOUT: '' },
			{ PHASEBOOK_SITE: 'https://owner.github.io', PHASEBOOK_BASE: '/my-repo/', PHASEBOOK_RENDER_TIMEOUT: '120' },
			{ PHASEBOOK_SITE: 'http://localhost:4321/docs/', PHASEBOOK_BASE: 'my-repo', PHASEBOOK_RENDER_TIMEOUT: '0.5' },
			{ PHASEBOOK_BASE: '/' },
		]) {
			expect(problem(env), JSON.stringify(env)).toBeUndefined();
		}
	});

	it('refuses each with one line naming the variable', () => {
		expect(problem({ PHASEBOOK_SITE: 'not a url' })).toBe('PHASEBOOK_SITE is "not a url", expected the http:// or https:// address the site is published at (https://docs.example.com/), or unset');
		expect(problem({ PHASEBOOK_SITE: 'ftp://example.com/' })).toMatch(/^PHASEBOOK_SITE is "ftp:\/\/example.com\/", expected/);
		for (const base of ['../../..', '/a/../b/', './x']) {
			expect(problem({ PHASEBOOK_BASE: base })).toBe(`PHASEBOOK_BASE is "${base}", a path with a "." or ".." segment; expected the path the site is served under (/my-repo/), or unset`);
		}
		for (const base of ['https://example.com/', '//example.com/', '/a?b', '/a#b', '/a b/', 'a\\b']) {
			expect(problem({ PHASEBOOK_BASE: base })).toBe(`PHASEBOOK_BASE is "${base}", not a path; expected the path the site is served under (/my-repo/), or unset`);
		}
		for (const timeout of ['abc', '-1', '0', 'Infinity', '1e3', '0x10']) {
			expect(problem({ PHASEBOOK_RENDER_TIMEOUT: timeout })).toBe(`PHASEBOOK_RENDER_TIMEOUT is "${timeout}", expected a number of seconds above 0, or unset for 60`);
		}
	});

	it('stops phasebook build before it checks or builds anything: one line, exit 1', () => {
		const root = makeProgram({});
		const result = spawnSync(process.execPath, [join(REPO, 'bin/phasebook.js'), 'build', '--root', root], {
			encoding: 'utf8',
			cwd: root,
			env: { ...process.env, PHASEBOOK_SITE: 'not a url', NO_COLOR: '1' },
		});
		expect([result.status, result.stdout, result.stderr]).toEqual([1, '', 'phasebook build: PHASEBOOK_SITE is "not a url", expected the http:// or https:// address the site is published at (https://docs.example.com/), or unset\n']);
		expect(readdirSync(root)).not.toContain('dist');
	});
});
