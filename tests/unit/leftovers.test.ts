// What a killed run leaves is cleaned by the next one: evidence temp files and render pages.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadEvidence } from '../../src/core/evidence/store.ts';
import { writeNewFile } from '../../src/core/evidence/write.ts';
import { removeDeadRenderFolders } from '../../src/diagrams/renderer.ts';

/** A process id that no longer runs: a child that has exited. */
async function deadPid(): Promise<number> {
	const child = spawn(process.execPath, ['-e', '']);
	await new Promise((done) => child.on('exit', done));
	return child.pid!;
}

let root: string;
beforeEach(() => {
	root = mkdtempSync(join(tmpdir(), 'phasebook-leftovers-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('an evidence import killed mid-write', () => {
	it('is reported by the check as a warning, and removed by the next import into that folder', async () => {
		const folder = join(root, 'content/evidence/1/unit');
		mkdirSync(folder, { recursive: true });
		const dead = `.2026-11-29T10-00-00Z-abc1234.json.${await deadPid()}-0f8fad5b-d9cb-469f-a165-70867728950e.tmp`;
		const alive = `.2026-11-29T10-00-00Z-abc1234.json.${process.pid}-7c9e6679-7425-40de-944b-e07fc1f90ae7.tmp`;
		writeFileSync(join(folder, dead), '{"partial":');
		writeFileSync(join(folder, alive), '{"partial":');

		const { errors } = await loadEvidence(root);
		expect(errors.map((f) => `${f.path}:${f.line}  ${f.severity}  ${f.ruleId}`).sort()).toEqual([
			`content/evidence/1/unit/${alive}:1  warning  evidence/leftover`,
			`content/evidence/1/unit/${dead}:1  warning  evidence/leftover`,
		]);

		await writeNewFile(join(folder, '2026-11-29T11-00-00Z-def5678.json'), '{}');
		// The dead import's file is gone; a running import's is left alone.
		expect(readdirSync(folder).sort()).toEqual([alive, '2026-11-29T11-00-00Z-def5678.json'].sort());
	});
});

describe('a diagram render session killed before it cleaned up', () => {
	it('leaves a render page folder that the next session removes, sparing live sessions', async () => {
		const dead = join(tmpdir(), `phasebook-render-${await deadPid()}-Xy12Ab`);
		const live = join(tmpdir(), `phasebook-render-${process.pid}-Zz34Cd`);
		for (const folder of [dead, live]) {
			mkdirSync(folder, { recursive: true });
			writeFileSync(join(folder, 'mermaid.js'), '// 5 MB of mermaid');
		}
		try {
			removeDeadRenderFolders();
			expect(existsSync(dead)).toBe(false);
			expect(existsSync(live)).toBe(true);
		} finally {
			rmSync(dead, { recursive: true, force: true });
			rmSync(live, { recursive: true, force: true });
		}
	});
});
