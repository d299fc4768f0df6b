// The output folder rule: Phasebook replaces only a missing, empty or Phasebook-written folder.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	assertReplaceable,
	makeStaging,
	markOutput,
	OUTPUT_MARKER,
	removeLeftovers,
	swapDirectory,
	UnsafeOutputError,
} from '../../src/core/atomic-dir.ts';

let project: string;
let staged: string;

/** A built site waiting to be swapped in, marked as Phasebook's. */
async function stage(): Promise<string> {
	const dir = mkdtempSync(join(project, '.phasebook-stage-'));
	writeFileSync(join(dir, 'index.html'), '<h1>new</h1>');
	await markOutput(dir);
	return dir;
}

beforeEach(async () => {
	project = mkdtempSync(join(tmpdir(), 'phasebook-out-'));
	for (const folder of ['content/phases', 'templates', 'public']) mkdirSync(join(project, folder), { recursive: true });
	writeFileSync(join(project, 'content/phases/1.mdx'), 'a document');
	staged = await stage();
});
afterEach(() => rmSync(project, { recursive: true, force: true }));

describe('swapDirectory', () => {
	it('refuses a folder holding somebody else’s file, and the file survives', async () => {
		const out = join(project, 'site');
		mkdirSync(out);
		writeFileSync(join(out, 'notes.txt'), 'mine');
		await expect(swapDirectory(staged, out, project, 'site/')).rejects.toThrow(
			/^refusing to write the site to site\/: it holds files Phasebook did not write \(no \.phasebook-output marker\)/,
		);
		expect(readFileSync(join(out, 'notes.txt'), 'utf8')).toBe('mine');
		expect(existsSync(join(staged, 'index.html'))).toBe(true);
	});

	it('refuses the content, templates and public folders and anything inside them', async () => {
		for (const folder of ['content', 'content/phases', 'content/new-site', 'templates', 'public/site']) {
			await expect(assertReplaceable(join(project, folder), project)).rejects.toThrow(UnsafeOutputError);
		}
		expect(readFileSync(join(project, 'content/phases/1.mdx'), 'utf8')).toBe('a document');
	});

	it('refuses the project itself and any folder that holds it', async () => {
		await expect(assertReplaceable(project, project)).rejects.toThrow(/it holds the project itself/);
		await expect(assertReplaceable(join(project, '..'), project)).rejects.toThrow(/it holds the project itself/);
		await expect(assertReplaceable('/', project, '/')).rejects.toThrow(/it holds the project itself/);
		// An adopter's attack: `--out .git/refs/tags` wrote the site into git's own folder.
		await expect(assertReplaceable(join(project, '.git/refs/tags'), project, '.git/refs/tags')).rejects.toThrow("refusing to write the site to .git/refs/tags: it is inside a repository's .git folder, which is git's own");
	});

	it('refuses a symbolic link and a file', async () => {
		const elsewhere = mkdtempSync(join(tmpdir(), 'phasebook-elsewhere-'));
		try {
			symlinkSync(elsewhere, join(project, 'link'));
			await expect(assertReplaceable(join(project, 'link'), project)).rejects.toThrow(/is a symbolic link/);
			writeFileSync(join(project, 'file'), 'x');
			await expect(assertReplaceable(join(project, 'file'), project)).rejects.toThrow(/is not a folder/);
			// An attack: `--out notes.txt/site` was an internal error (ENOTDIR), exit 2.
			await expect(assertReplaceable(join(project, 'file/site/deeper'), project)).rejects.toThrow(/: it is under \S*file, which is a file, not a folder$/);
		} finally {
			rmSync(elsewhere, { recursive: true, force: true });
		}
	});

	// An adopter's attack: a CNAME put into dist/ for the host went with the next build, unsaid.
	it('refuses its own output once it holds a file Phasebook did not write, and the file survives', async () => {
		const out = join(project, 'dist');
		await swapDirectory(staged, out, project);
		mkdirSync(join(out, 'assets'));
		writeFileSync(join(out, 'assets/CNAME'), 'docs.example.com');
		const next = await stage();
		await expect(swapDirectory(next, out, project, 'dist/')).rejects.toThrow(
			'refusing to write the site to dist/: it holds assets/CNAME, which Phasebook did not write. Move it out of the folder (a file the site should carry belongs in public/, which every build copies), then build again',
		);
		expect(readFileSync(join(out, 'assets/CNAME'), 'utf8')).toBe('docs.example.com');
		expect(readFileSync(join(out, 'index.html'), 'utf8')).toBe('<h1>new</h1>');
		// Moved out, the folder is Phasebook's again; a file of its own it changed since is still its own.
		rmSync(join(out, 'assets'), { recursive: true });
		writeFileSync(join(out, 'index.html'), 'edited');
		await swapDirectory(next, out, project);
		expect(readFileSync(join(out, 'index.html'), 'utf8')).toBe('<h1>new</h1>');
	});

	// An attack: `mkdir dist/emptyuserdir` went with the next build, where a file there was refused.
	it('refuses its own output once it holds an empty folder Phasebook did not make, and keeps one it made', async () => {
		const out = join(project, 'dist');
		const built = await stage();
		mkdirSync(join(built, 'made-empty'));
		rmSync(join(built, OUTPUT_MARKER));
		await markOutput(built);
		await swapDirectory(built, out, project);
		mkdirSync(join(out, 'emptyuserdir/deeper'), { recursive: true });
		const next = await stage();
		await expect(swapDirectory(next, out, project, 'dist/')).rejects.toThrow(
			'refusing to write the site to dist/: it holds emptyuserdir/deeper/, which Phasebook did not write.',
		);
		expect(existsSync(join(out, 'emptyuserdir/deeper'))).toBe(true);
		// Its own empty folder is listed in its marker, and replaced with the rest.
		rmSync(join(out, 'emptyuserdir'), { recursive: true });
		await swapDirectory(next, out, project);
		expect(existsSync(join(out, 'made-empty'))).toBe(false);
		expect(readFileSync(join(out, 'index.html'), 'utf8')).toBe('<h1>new</h1>');
	});

	it('replaces a folder marked by an earlier version, which listed no files', async () => {
		const out = join(project, 'dist');
		mkdirSync(out);
		writeFileSync(join(out, OUTPUT_MARKER), 'This folder was written by Phasebook and is replaced by its next build.\n');
		writeFileSync(join(out, 'index.html'), 'old');
		await swapDirectory(staged, out, project);
		expect(readFileSync(join(out, OUTPUT_MARKER), 'utf8')).toBe(
			'This folder was written by Phasebook and is replaced by its next build.\nIts files, each of which the build wrote (it replaces the folder only while it holds no other):\nindex.html\n',
		);
	});

	it('refuses a folder whose marker is not the one Phasebook writes', async () => {
		const out = join(project, 'site');
		mkdirSync(out);
		writeFileSync(join(out, OUTPUT_MARKER), 'forged');
		writeFileSync(join(out, 'notes.txt'), 'mine');
		await expect(assertReplaceable(out, project)).rejects.toThrow(UnsafeOutputError);
	});

	it('creates a missing folder, fills an empty one, and replaces its own output', async () => {
		const out = join(project, 'dist');
		await swapDirectory(staged, out, project);
		expect(readFileSync(join(out, 'index.html'), 'utf8')).toBe('<h1>new</h1>');
		expect(existsSync(join(out, OUTPUT_MARKER))).toBe(true);

		const next = await stage();
		writeFileSync(join(next, 'index.html'), '<h1>newer</h1>');
		await swapDirectory(next, out, project);
		expect(readFileSync(join(out, 'index.html'), 'utf8')).toBe('<h1>newer</h1>');

		const empty = join(project, 'empty');
		mkdirSync(empty);
		await swapDirectory(await stage(), empty, project);
		expect(existsSync(join(empty, 'index.html'))).toBe(true);
		// Nothing is left beside the output once the swap is done.
		expect(existsSync(join(project, `.dist.phasebook-old-${process.pid}`))).toBe(false);
	});
});

describe('removeLeftovers', () => {
	/** A process id that no longer runs: a child that has exited. */
	async function deadPid(): Promise<number> {
		const child = spawn(process.execPath, ['-e', '']);
		await new Promise((done) => child.on('exit', done));
		return child.pid!;
	}

	it('removes the staging folder and retired output of a dead build, and nothing else', async () => {
		const dead = await deadPid();
		const phasebook = join(project, '.phasebook');
		await makeStaging(join(phasebook, `build-${dead}`));
		await makeStaging(join(phasebook, `build-${process.pid}`));
		mkdirSync(join(phasebook, 'cache'));
		const retired = join(project, `.dist.phasebook-old-${dead}`);
		mkdirSync(retired);
		await markOutput(retired);
		// Same name, but no marker: not Phasebook's, so it stays.
		const lookalike = join(project, `.site.phasebook-old-${dead}`);
		mkdirSync(lookalike);
		writeFileSync(join(lookalike, 'notes.txt'), 'mine');

		await removeLeftovers(phasebook, join(project, 'dist'));
		await removeLeftovers(phasebook, join(project, 'site'));

		expect(existsSync(join(phasebook, `build-${dead}`))).toBe(false);
		expect(existsSync(retired)).toBe(false);
		expect(existsSync(join(phasebook, `build-${process.pid}`))).toBe(true);
		expect(existsSync(join(phasebook, 'cache'))).toBe(true);
		expect(readFileSync(join(lookalike, 'notes.txt'), 'utf8')).toBe('mine');
	});

	// An attack made .phasebook/build-999999/ with a file in it, and the next build deleted it: a
	// staging folder is removed only when it holds the marker a build writes first.
	it('leaves a folder named as a staging folder that no build made, and one whose marker is not Phasebook\'s', async () => {
		const dead = await deadPid();
		const phasebook = join(project, '.phasebook');
		const users = join(phasebook, `build-${dead}`);
		mkdirSync(users, { recursive: true });
		writeFileSync(join(users, 'keep.txt'), 'mine');
		const forged = join(phasebook, `build-${dead + 1}`);
		mkdirSync(forged);
		writeFileSync(join(forged, '.phasebook-staging'), 'not what Phasebook writes\n');

		expect(await removeLeftovers(phasebook, join(project, 'dist'))).toEqual([]);
		expect(readFileSync(join(users, 'keep.txt'), 'utf8')).toBe('mine');
		expect(existsSync(forged)).toBe(true);
	});
});
