// Temporary folders that disappear after each test file.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

const made: string[] = [];
afterAll(async () => {
	await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
});

export async function tempDir(prefix = 'orchestrator-'): Promise<string> {
	const dir = await mkdtemp(join(tmpdir(), prefix));
	made.push(dir);
	return dir;
}

/** A writable copy of a fixture folder. */
export async function copyOf(source: string): Promise<string> {
	const dir = await tempDir();
	await cp(source, dir, { recursive: true });
	return dir;
}
