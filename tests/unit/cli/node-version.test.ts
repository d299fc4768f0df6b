// An older Node.js gets one line saying which version Phasebook needs, not a SyntaxError's stack.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MINIMUM, tooOld } from '../../../bin/node-version.js';
import { REPO } from '../../helpers/program.ts';

const NEEDS = 'Phasebook needs Node.js 22.15.0 or later (24, the current LTS, is best); install it from https://nodejs.org or with your version manager, then run the command again';

describe('the Node.js version', () => {
	it('is the oldest package.json allows', async () => {
		const { engines } = (await import('../../../package.json', { with: { type: 'json' } })).default as { engines: { node: string } };
		expect(engines.node).toBe(`>=${MINIMUM.join('.')}`);
	});

	it.each([
		['20.20.2', `Node.js 20.20.2 is too old: ${NEEDS}`],
		['22.14.9', `Node.js 22.14.9 is too old: ${NEEDS}`],
		['18.0.0', `Node.js 18.0.0 is too old: ${NEEDS}`],
		['22.15.0', undefined],
		['22.22.1', undefined],
		['24.21.0', undefined],
		['25.0.0', undefined],
	])('%s: %s', (version, problem) => {
		expect(tooOld(version)).toBe(problem);
	});

	// The machines this runs on have Debian's Node.js 20 beside the Node.js 24 that runs the tests.
	const system = '/usr/bin/node';
	const old = existsSync(system) && tooOld(spawnSync(system, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.trim());
	it.runIf(old)(`${system} (an older Node.js): one line, exit 1, for any command`, () => {
		for (const args of [['check'], ['--version'], ['build', '--help']]) {
			const result = spawnSync(system, [join(REPO, 'bin/phasebook.js'), ...args], { cwd: REPO, encoding: 'utf8' });
			expect(result.stderr).toMatch(/^phasebook: Node\.js 20\.\d+\.\d+ is too old: Phasebook needs Node\.js 22\.15\.0 or later/);
			expect(result.stderr.split('\n').filter(Boolean)).toHaveLength(1);
			expect([result.status, result.stdout]).toEqual([1, '']);
		}
	});
});
