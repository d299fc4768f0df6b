// The body compiler: which bodies Node imports and which stay Vite modules, what a compiled module
// exports, and a cache that removes only the modules it wrote itself.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { satteri } from '@astrojs/markdown-satteri';
import { Fragment, jsx, jsxs } from 'astro/jsx-runtime';
import * as server from 'astro/runtime/server/index.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { BodyCompiler, provideRuntime, type BodySource } from '../../../src/integrations/bodies.ts';

const config = {
	markdown: { processor: satteri(), syntaxHighlight: 'shiki', shikiConfig: {}, gfm: true, smartypants: true },
	srcDir: new URL('file:///nowhere/src/'),
} as unknown as ConstructorParameters<typeof BodyCompiler>[0]['config'];

const doc = (slug: string, body: string): BodySource => ({ path: `content/rcas/${slug}.mdx`, body, bodyLine: 5 });
const PLAIN = '## Symptom\n\nIt broke, {6 * 7} times.\n';

let root: string;
let compiler: BodyCompiler;
beforeAll(() => {
	root = mkdtempSync(join(tmpdir(), 'phasebook-bodies-'));
	compiler = new BodyCompiler({ root, config, optimize: { ignoreElementNames: ['h2'] }, cacheDir: join(root, 'bodies') });
	const { __astro_tag_component__ } = server as typeof server & { __astro_tag_component__: unknown };
	provideRuntime({ Fragment, jsx, jsxs, __astro_tag_component__ });
});

describe('BodyCompiler', () => {
	it('gives Node a body that needs only Astro’s JSX runtime', async () => {
		const module = await compiler.module(doc('plain', PLAIN));
		expect(module).toBeDefined();
		expect(module!.getHeadings()).toEqual([{ depth: 2, slug: 'symptom', text: 'Symptom' }]);
		expect((module!.Content as unknown as Record<symbol, unknown>)[Symbol.for('mdx-component')]).toBe(true);
		// The module reads Astro's runtime from the copy the pages handed over, never its own.
		const [file] = readdirSync(compiler.dir).filter((name) => name !== 'runtime.mjs');
		expect(readFileSync(join(compiler.dir, file!), 'utf8')).not.toMatch(/from\s+["']astro/);
	});

	it('gives Node a body that exports the components it maps its elements to', async () => {
		const module = await compiler.module(doc('mapped', "export const components = { em: 'strong' };\n\n## Mapped\n"));
		expect(module!.getHeadings()).toEqual([{ depth: 2, slug: 'mapped', text: 'Mapped' }]);
	});

	it('leaves to Vite a body that imports a component, a local image or import.meta, or exports its own Content', async () => {
		const bodies = [
			doc('content', 'export const Content = () => null;\n'),
			doc('component', "import Note from '../../components/Note.astro';\n\n<Note>Hi</Note>\n"),
			doc('image', '![The chart](./chart.png)\n'),
			doc('meta', 'Built from {import.meta.url}.\n'),
			doc('plain', PLAIN),
		];
		expect(await compiler.viteOnly(bodies)).toEqual(['content/rcas/content.mdx', 'content/rcas/component.mdx', 'content/rcas/image.mdx', 'content/rcas/meta.mdx']);
		expect(await compiler.module(bodies[1]!)).toBeUndefined();
	});

	it('hands a body that reads its frontmatter the file’s frontmatter, and compiles it again when that changes', async () => {
		const path = 'content/rcas/fm.mdx';
		mkdirSync(join(root, 'content/rcas'), { recursive: true });
		const write = (title: string) => writeFileSync(join(root, path), `---\nid: RCA-9\ntitle: ${title}\n---\n${body}`);
		const body = '## About {frontmatter.title}\n';
		write('The export');
		const reading: BodySource = { path, body, bodyLine: 5 };
		expect((await compiler.module(reading))!.getHeadings()).toEqual([{ depth: 2, slug: 'about-the-export', text: 'About The export' }]);
		write('The import');
		expect((await compiler.module(reading))!.getHeadings()).toEqual([{ depth: 2, slug: 'about-the-import', text: 'About The import' }]);
	});

	it('exports the url and file a body may read, as Astro’s MDX modules do, unless the body exports its own', async () => {
		const module = (await compiler.module(doc('where', 'Written in {file}.\n'))) as unknown as Record<string, unknown>;
		expect(module['url']).toBe('content/rcas/where.mdx/');
		expect(module['file']).toBe(join(root, 'content/rcas/where.mdx'));
		const own = (await compiler.module(doc('own', "export const file = 'mine';\n\nWritten in {file}.\n"))) as unknown as Record<string, unknown>;
		expect(own['file']).toBe('mine');
		expect(own['url']).toBe('content/rcas/own.mdx/');
	});

	it('compiles a body once per version, and again once it changes', async () => {
		const first = await compiler.compile(doc('twice', PLAIN));
		expect(await compiler.compile(doc('twice', PLAIN))).toBe(first);
		expect(await compiler.compile(doc('twice', `${PLAIN}More.\n`))).not.toEqual(first);
	});

	it('reports a body the compiler rejects with the file’s line, and tries again after a fix', async () => {
		const broken = doc('broken', 'Fine.\n\n<div>\nNever closed.\n');
		await expect(compiler.compile(broken)).rejects.toThrow(/^content\/rcas\/broken\.mdx:7:1: Expected a closing tag for `<div>`/);
		expect(await compiler.compile({ ...broken, body: 'Fine.\n' })).toHaveProperty('file');
	});

	// An author's attack: the build's error named no file at all.
	it('names the document whose own export throws as its module runs', async () => {
		await expect(compiler.module(doc('throws', 'export const plan = JSON.parse("not json");\n\nPlan.\n'))).rejects.toThrow(/^content\/rcas\/throws\.mdx: Unexpected token .* \(as its import and export lines ran\)$/);
	});

	it('replaces a module planted under a compiled body’s name before Node imports it', async () => {
		const planted = doc('planted', '## Planted\n');
		const { file } = (await compiler.compile(planted)) as { file: string };
		// A cache restored in CI, written by another branch.
		writeFileSync(file, "throw new Error('planted');\n");
		const fresh = new BodyCompiler({ root, config, optimize: { ignoreElementNames: ['h2'] }, cacheDir: join(root, 'bodies') });
		const module = await fresh.module(planted);
		expect(module!.getHeadings()).toEqual([{ depth: 2, slug: 'planted', text: 'Planted' }]);
		expect(readFileSync(file, 'utf8')).not.toContain("throw new Error('planted')");
	});

	it('says what is wrong when its folder is a file, and leaves the file as it was', async () => {
		const dir = join(root, 'a-file');
		writeFileSync(dir, 'notes\n');
		const blocked = new BodyCompiler({ root, config, optimize: {}, cacheDir: dir });
		await expect(blocked.compile(doc('blocked', PLAIN))).rejects.toThrow(`Phasebook cannot keep the compiled document bodies in ${dir}: it is a file, not a folder.`);
		expect(readFileSync(dir, 'utf8')).toBe('notes\n');
	});

	it('removes only the modules it did not write or use, never another file', async () => {
		const other = new BodyCompiler({ root, config, optimize: { ignoreElementNames: ['h2'] }, cacheDir: join(root, 'bodies') });
		const kept = await other.compile(doc('plain', PLAIN));
		const stale = join(other.dir, `${'a'.repeat(40)}.mjs`);
		const mine = join(other.dir, 'notes.txt');
		writeFileSync(stale, 'export {};\n');
		// Written by an earlier build: a module written since this one started may be another build's.
		const earlier = new Date(Date.now() - 60_000);
		utimesSync(stale, earlier, earlier);
		const recent = join(other.dir, `${'c'.repeat(40)}.mjs`);
		writeFileSync(recent, 'export {};\n');
		writeFileSync(mine, 'a file someone put here\n');
		mkdirSync(join(other.dir, `${'b'.repeat(40)}.mjs`));
		expect(other.prune()).toBeGreaterThanOrEqual(1);
		expect(existsSync(stale)).toBe(false);
		expect(existsSync(recent)).toBe(true);
		expect(existsSync((kept as { file: string }).file)).toBe(true);
		expect(existsSync(mine)).toBe(true);
		expect(existsSync(join(other.dir, 'runtime.mjs'))).toBe(true);
		expect(existsSync(join(other.dir, `${'b'.repeat(40)}.mjs`))).toBe(true);
	});
});
