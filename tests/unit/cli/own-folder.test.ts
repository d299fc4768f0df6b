// A `.phasebook` folder that is a symbolic link out of the project is refused, with one line: an
// attack found the caches and the build's staging folder written where it led, and the build then
// failing with "Cannot find package '@oslojs/encoding'" (the staged site was away from node_modules).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { assertOwnFolder, cacheBase } from '../../../src/core/cache-store.ts';
import { makeProgram, REPO } from '../../helpers/program.ts';

const elsewhere = mkdtempSync(join(tmpdir(), 'phasebook-elsewhere-'));
afterAll(() => rmSync(elsewhere, { recursive: true, force: true }));

describe('a .phasebook folder that is a link', () => {
	const root = makeProgram({});
	symlinkSync(elsewhere, join(root, '.phasebook'));
	const phasebook = (...args: string[]) => spawnSync(process.execPath, [join(REPO, 'bin/phasebook.js'), ...args, '--root', root], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1', GITHUB_ACTIONS: '' } });

	it.each(['build', 'dev'])('%s: out of the project is refused with one line, and nothing is written there', (command) => {
		const result = phasebook(command);
		expect([result.status, result.stderr]).toEqual([1, `phasebook ${command}: .phasebook is a symbolic link that leads out of the project (to ${elsewhere}), so Phasebook's caches and build folder would be written there; remove the link, and Phasebook makes a folder of the project in its place\n`]);
		expect(readdirSync(elsewhere)).toEqual([]);
		expect(readdirSync(root)).not.toContain('dist');
	});

	it('is refused wherever caches are kept; inside the project it is the project\'s own folder still', () => {
		const message = (at: string) => {
			try {
				assertOwnFolder(at);
				return undefined;
			} catch (error) {
				return (error as Error).message;
			}
		};
		expect(message(root)).toMatch(/^\.phasebook is a symbolic link that leads out of the project \(to /);
		expect(() => cacheBase(root, {})).toThrow(/^\.phasebook is a symbolic link that leads out of the project/);
		const dangling = makeProgram({});
		symlinkSync(join(elsewhere, 'gone'), join(dangling, '.phasebook'));
		expect(message(dangling)).toMatch(/^\.phasebook is a symbolic link that leads to nothing, so/);
		const inside = makeProgram({});
		mkdirSync(join(inside, 'cache-here'));
		symlinkSync('cache-here', join(inside, '.phasebook'));
		expect(message(inside)).toBeUndefined();
		expect(message(makeProgram({}))).toBeUndefined();
	});
});

// An attack left a file named .phasebook: the build stopped with an "unexpected internal error"
// (ENOTDIR on its staging folder, exit 2), and the check passed keeping no cache, without a word.
describe('a .phasebook that is a file', () => {
	const root = makeProgram({});
	writeFileSync(join(root, '.phasebook'), 'x\n');
	// The tests' shared cache folder (vitest.config.ts) is unset: the check uses .phasebook's then.
	const phasebook = (...args: string[]) => spawnSync(process.execPath, [join(REPO, 'bin/phasebook.js'), ...args, '--root', root], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1', GITHUB_ACTIONS: '', PHASEBOOK_CACHE_DIR: '' } });

	it.each(['build', 'check', 'dev'])('%s: is refused with one line, and the file is left as it was', (command) => {
		const result = phasebook(command);
		expect([result.status, result.stderr]).toEqual([1, `phasebook ${command}: .phasebook is not a folder, so Phasebook's caches and build folder cannot be written in it; move it away or remove it, and Phasebook makes the folder in its place\n`]);
		expect(readFileSync(join(root, '.phasebook'), 'utf8')).toBe('x\n');
		expect(readdirSync(root)).not.toContain('dist');
	});

	it('is refused through a link inside the project too', () => {
		const linked = makeProgram({ 'a-file': 'x\n' });
		symlinkSync('a-file', join(linked, '.phasebook'));
		expect(() => assertOwnFolder(linked)).toThrow(/^\.phasebook is not a folder, so/);
	});
});
