// Drives the built CLI (dist/cli.js) as a subprocess, as users run it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const CLI = join(ROOT, 'dist/cli.js');
export const PUBLISH_TOKEN = 'e2e-publish-token';

export interface CliResult {
	code: number;
	stdout: string;
	stderr: string;
}

export function cli(args: string[], cwd = ROOT, env: Record<string, string> = {}): CliResult {
	// The runner's colour settings are for its own output; Node warns when a child inherits both.
	const inherited = { ...process.env };
	delete inherited['FORCE_COLOR'];
	delete inherited['NO_COLOR'];
	const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...inherited, ...env } });
	return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const scratches: string[] = [];
process.on('exit', () => {
	for (const dir of scratches) rmSync(dir, { recursive: true, force: true });
});

/** A temporary folder, removed when the test worker exits. */
export function scratch(): string {
	const dir = mkdtempSync(join(tmpdir(), 'orchestrator-e2e-'));
	scratches.push(dir);
	return dir;
}
