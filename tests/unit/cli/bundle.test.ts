// The CLI bundle `npm pack` writes into cli/ (scripts/bundle-cli.ts): the commands it carries must
// behave exactly as the sources do, without loading any TypeScript module.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ASTRO_COMMANDS, BUNDLE_BANNER, BUNDLE_ENTRY, bundleCli } from '../../../scripts/bundle-cli.ts';
import { probed, writeTypeScriptProbe } from '../../helpers/probe.ts';
import { makeProgram, rcaDoc, REPO } from '../../helpers/program.ts';

// Inside the checkout, as in the package: the bundle resolves its external packages from there. At
// another depth than src/cli/, so a path relative to a module's own URL breaks unless rewritten.
const OUT = join(REPO, 'test-results', 'cli-bundles', String(process.pid));
const PROBE = writeTypeScriptProbe(mkdtempSync(join(tmpdir(), 'phasebook-probe-')));

beforeAll(async () => {
	await bundleCli(OUT);
}, 60_000);
afterAll(() => rmSync(OUT, { recursive: true, force: true }));

function run(entry: string, args: string[], cwd = REPO) {
	const result = spawnSync(process.execPath, ['--import', PROBE, entry, ...args], { cwd, encoding: 'utf8', env: { ...process.env, GITHUB_ACTIONS: '', NO_COLOR: '1' } });
	const { imported: loaded, stderr } = probed(result.stderr);
	return { code: result.status, stdout: result.stdout, stderr, loaded };
}

const bundled = (args: string[], cwd?: string) => run(join(OUT, BUNDLE_ENTRY), args, cwd);
const sources = (args: string[], cwd?: string) => run(join(REPO, 'src/cli/main.ts'), args, cwd);

describe('the CLI bundle', () => {
	it('checks a program exactly as the sources do, with no TypeScript module loaded', () => {
		const root = makeProgram({ 'content/rcas/a.mdx': rcaDoc('RCA-0001', 'status: finished\n'), 'content/rcas/b.mdx': rcaDoc('RCA-0002', 'status: open\n', '## Symptom and impact\n\nTBD\n') });
		for (const args of [['check', '--root', root], ['check', '--root', root, '--format', 'json'], ['readiness', '--root', root]]) {
			const fromSources = sources(args);
			const fromBundle = bundled(args);
			expect(fromBundle.stdout, args.join(' ')).toBe(fromSources.stdout);
			expect(fromBundle.stderr).toBe(fromSources.stderr);
			expect(fromBundle.code).toBe(fromSources.code);
			expect(fromBundle.loaded).toEqual([]);
			// The probe sees the sources' modules, so an empty list above means none were loaded.
			expect(fromSources.loaded.length).toBeGreaterThan(20);
		}
		expect(bundled(['check', '--root', root]).code).toBe(1);
	});

	it('prints the version, the usage and an unknown command as the sources do', () => {
		const version = bundled(['--version']);
		expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).version);
		for (const args of [['--help'], ['check', '--help'], ['publish'], ['evidence', 'import', 'missing.xml']]) {
			const fromBundle = bundled(args);
			const fromSources = sources(args);
			expect({ ...fromBundle, loaded: [] }, args.join(' ')).toEqual({ ...fromSources, loaded: [] });
			expect(fromBundle.loaded).toEqual([]);
		}
	});

	it('finds the package’s own files from the bundle: init copies the templates', () => {
		const dir = mkdtempSync(join(tmpdir(), 'phasebook-bundle-init-'));
		const result = bundled(['init', 'docs'], dir);
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		expect(readFileSync(join(dir, 'docs/templates/phase.mdx'), 'utf8')).toBe(readFileSync(join(REPO, 'templates/phase.mdx'), 'utf8'));
		expect(result.loaded).toEqual([]);
	});

	it('leaves the commands that run Astro to the sources, so the core is one copy, and carries only zod', () => {
		const main = readFileSync(join(OUT, BUNDLE_ENTRY), 'utf8');
		for (const command of ASTRO_COMMANDS) expect(main).toContain(`import("../../../scripts/${command}.ts")`);
		const chunks = readdirSync(OUT).map((file) => readFileSync(join(OUT, file), 'utf8')).join('\n');
		expect(chunks).not.toMatch(/from "astro"|from "playwright"/);
		// Sätteri, a native module, is required where it is needed (src/core/check/mdx.ts), not bundled.
		expect(chunks).toMatch(/\("satteri"\)/);
		// The parsers of untrusted input stay where npm installed them, to be updated by npm.
		expect(chunks).toMatch(/from "fast-xml-parser"/);
		expect(chunks).toMatch(/from "js-yaml"/);
		// Of zod, only what the schemas use: `import * as z` lets the bundler leave out its other
		// languages' messages and its JSON Schema reader (0.5 MB that every check would load).
		expect(chunks).toMatch(/^\/\/ node_modules\/zod\/v4\/core\/schemas\.js$/m);
		expect(chunks).not.toMatch(/^\/\/ node_modules\/zod\/v4\/(locales\/(?!en\.js)|classic\/from-json-schema)/m);
	});

	it('refuses to write outside the package or over a folder it did not write, and deletes nothing', async () => {
		const outside = mkdtempSync(join(tmpdir(), 'phasebook-bundle-out-'));
		await expect(bundleCli(join(outside, 'cli'))).rejects.toThrow(/must be written inside the package/);
		expect(readdirSync(outside)).toEqual([]);
		const foreign = join(REPO, 'test-results', `cli-foreign-${process.pid}`);
		mkdirSync(foreign, { recursive: true });
		writeFileSync(join(foreign, 'notes.txt'), 'mine');
		try {
			await expect(bundleCli(foreign)).rejects.toThrow(/holds files that no bundle wrote \(notes\.txt\); not replacing it/);
			expect(readFileSync(join(foreign, 'notes.txt'), 'utf8')).toBe('mine');
			expect(existsSync(join(foreign, BUNDLE_ENTRY))).toBe(false);
			// A module of someone's own, even named as the bundle's entry, is not the bundle's.
			rmSync(join(foreign, 'notes.txt'));
			writeFileSync(join(foreign, BUNDLE_ENTRY), 'export const mine = true;\n');
			await expect(bundleCli(foreign)).rejects.toThrow(/holds files that no bundle wrote \(main\.mjs\); not replacing it/);
			expect(readFileSync(join(foreign, BUNDLE_ENTRY), 'utf8')).toBe('export const mine = true;\n');
		} finally {
			rmSync(foreign, { recursive: true, force: true });
		}
	});

	it('replaces its own earlier bundle', async () => {
		const again = await bundleCli(OUT);
		expect(again).toContain(BUNDLE_ENTRY);
		expect(readdirSync(OUT).sort()).toEqual(again);
		for (const file of again) expect(readFileSync(join(OUT, file), 'utf8').startsWith(BUNDLE_BANNER)).toBe(true);
	});
});
