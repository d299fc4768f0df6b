// The build gate: a clean TypeScript build, and proof that its output loads and runs.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';

const ROOT = resolve(import.meta.dirname, '../..');
const DIST = join(ROOT, 'dist');
const bin = (name: string) => join(ROOT, 'node_modules/.bin', name);
const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

function files(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? files(join(dir, d.name)) : [join(dir, d.name)]));
}

test('clean build: tsc compiles src/ into an empty dist/ without diagnostics', () => {
	rmSync(DIST, { recursive: true, force: true });
	const r = spawnSync(bin('tsc'), ['-p', 'tsconfig.build.json', '--pretty', 'false'], { cwd: ROOT, encoding: 'utf8' });
	assert.equal(r.status, 0, `tsc exited ${r.status}:\n${r.stdout}${r.stderr}`);
	assert.equal(r.stdout, '');
});

test('type check: src/ and tests/ pass tsc --noEmit', () => {
	const r = spawnSync(bin('tsc'), ['-p', 'tsconfig.json', '--noEmit', '--pretty', 'false'], { cwd: ROOT, encoding: 'utf8' });
	assert.equal(r.status, 0, `tsc exited ${r.status}:\n${r.stdout}${r.stderr}`);
});

test('every module in dist/ loads', async () => {
	const modules = files(DIST).filter((f) => f.endsWith('.js') && relative(DIST, f) !== 'cli.js');
	assert.ok(modules.length >= 20, `${modules.length} modules`);
	for (const file of modules) await import(pathToFileURL(file).href);
});

test('dist/cli.js prints the package version and its commands', () => {
	const v = spawnSync(process.execPath, [join(DIST, 'cli.js'), '--version'], { encoding: 'utf8' });
	assert.equal(v.status, 0);
	assert.equal(v.stdout, `${version}\n`);
	const help = spawnSync(process.execPath, [join(DIST, 'cli.js'), '--help'], { encoding: 'utf8' });
	assert.match(help.stdout, /^Usage: orchestrator <command>/);
	assert.match(help.stdout, /\n {2}serve /);
});

test('the package ships dist/ and assets/, and no sources or tests', () => {
	const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' });
	assert.equal(r.status, 0, r.stderr);
	const [pack] = JSON.parse(r.stdout) as { files: { path: string }[] }[];
	const paths = pack!.files.map((f) => f.path);
	for (const needed of ['dist/cli.js', 'dist/server.js', 'assets/ui/compliance.html', 'package.json']) assert.ok(paths.includes(needed), needed);
	const stray = paths.filter((p) => !/^(dist|assets)\//.test(p) && p !== 'package.json');
	assert.deepEqual(stray, []);
});
