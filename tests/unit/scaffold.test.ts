// The scaffolder never creates a second document for the same version.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FindingError } from '../../src/core/findings.ts';
import { loadProgram } from '../../src/core/load.ts';
import { scaffold } from '../../src/core/scaffold.ts';
import { loadTemplates } from '../../src/core/templates.ts';
import { makeProgram } from '../helpers/program.ts';

const entry = (version: string) => `---\nversion: "${version}"\ntitle: Release\ndate: 2026-01-01\nstatus: released\nowners: [ana]\n---\n\n## Added\n\n- A change.\n`;

async function newChangelog(root: string, version: string) {
	const [{ program }, templates] = await Promise.all([loadProgram(root), loadTemplates(root)]);
	return scaffold(root, program, templates, { type: 'changelog', title: 'Next', version, owner: 'ana', today: '2026-02-01' });
}

describe('npm run new changelog --version', () => {
	it.each([['v0.3.0'], ['0.3.0+build.7']])('not ok: %s beside an existing 0.3.0 is refused, nothing written', async (version) => {
		const root = makeProgram({ 'content/changelog/0.3.0.mdx': entry('0.3.0') });
		const error = await newChangelog(root, version).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(FindingError);
		expect((error as Error).message).toBe(`Version ${version} already has an entry, content/changelog/0.3.0.mdx (version 0.3.0); versions compare without a leading "v"`);
		expect(readdirSync(join(root, 'content/changelog'))).toEqual(['0.3.0.mdx']);
	});

	it('ok: a new version beside it', async () => {
		const root = makeProgram({ 'content/changelog/0.3.0.mdx': entry('0.3.0') });
		expect((await newChangelog(root, 'v0.3.1')).path).toBe('content/changelog/v0.3.1.mdx');
	});
});
