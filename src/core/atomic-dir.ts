// The site's output folder: which folders Phasebook may replace, and replacing one in one step.
import { lstat, mkdir, readdir, readFile, realpath, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileAbove } from './files.ts';

/**
 * Left in every folder Phasebook writes a site into. Only a folder holding it (or an empty or
 * missing one) is ever replaced, so `--out` can never delete a folder somebody else wrote.
 */
export const OUTPUT_MARKER = '.phasebook-output';
const MARKER_TEXT = 'This folder was written by Phasebook and is replaced by its next build.\n';

/** A folder Phasebook refuses to write a site into, with the reason to print. */
export class UnsafeOutputError extends Error {
	readonly folder: string;
	constructor(folder: string, reason: string) {
		super(`refusing to write the site to ${folder}: ${reason}`);
		this.name = 'UnsafeOutputError';
		this.folder = folder;
	}
}

/** Whether `child` is `parent` or inside it (`/` holds everything). */
export function within(child: string, parent: string): boolean {
	const path = relative(parent, child);
	return path === '' || (!path.startsWith('..') && !isAbsolute(path));
}

async function lstatOrUndefined(path: string) {
	try {
		return await lstat(path);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
		throw error;
	}
}

/** The real path of `path`, or of its nearest existing ancestor joined with the rest. */
export async function realish(path: string): Promise<string> {
	try {
		return await realpath(path);
	} catch {
		const parent = dirname(path);
		return parent === path ? path : join(await realish(parent), basename(path));
	}
}

const LIST_HEADER = 'Its files, each of which the build wrote (it replaces the folder only while it holds no other):\n';

/**
 * Phasebook's marker in `folder`, as a regular file that starts with the text Phasebook writes:
 * the files its build wrote there, or `all` for a marker of a version that listed none.
 */
async function readMarker(folder: string): Promise<{ files: Set<string> | 'all' } | undefined> {
	const marker = join(folder, OUTPUT_MARKER);
	const stats = await lstatOrUndefined(marker);
	if (!stats?.isFile() || stats.size > 256 * 1024 * 1024) return undefined;
	const text = await readFile(marker, 'utf8');
	if (!text.startsWith(MARKER_TEXT)) return undefined;
	const rest = text.slice(MARKER_TEXT.length);
	if (rest === '') return { files: 'all' };
	if (!rest.startsWith(LIST_HEADER)) return undefined;
	return { files: new Set(rest.slice(LIST_HEADER.length).split('\n').filter(Boolean)) };
}

const hasMarker = async (folder: string) => (await readMarker(folder)) !== undefined;

/**
 * Every file and link under `folder`, and every empty folder (with a trailing slash), relative to
 * it with forward slashes, sorted. An empty folder counts: one the user made in dist/ was deleted
 * by the swap, where a file in its place made the build refuse.
 */
async function filesUnder(folder: string): Promise<string[]> {
	const entries = await readdir(folder, { recursive: true, withFileTypes: true });
	const path = (entry: (typeof entries)[number]) => relative(folder, join(entry.parentPath, entry.name)).split(sep).join('/');
	const parents = new Set(entries.map((entry) => relative(folder, entry.parentPath).split(sep).join('/')));
	return entries
		.filter((entry) => !entry.isDirectory() || !parents.has(path(entry)))
		.map((entry) => (entry.isDirectory() ? `${path(entry)}/` : path(entry)))
		.sort();
}

/**
 * Throws UnsafeOutputError unless Phasebook may replace `target` with a new site: it is missing,
 * an empty folder, or a folder holding Phasebook's marker; and it neither holds the project nor
 * lies inside the folders the build reads.
 */
export async function assertReplaceable(target: string, project: string, shown = target): Promise<void> {
	const real = await realish(resolve(target));
	const root = await realish(resolve(project));
	if (within(root, real)) throw new UnsafeOutputError(shown, 'it holds the project itself');
	if (real.split(sep).includes('.git')) throw new UnsafeOutputError(shown, "it is inside a repository's .git folder, which is git's own");
	for (const input of ['content', 'templates', 'public']) {
		if (within(real, join(root, input))) {
			throw new UnsafeOutputError(shown, `it is inside ${input}/, which the build reads`);
		}
	}
	const above = await fileAbove(resolve(target));
	if (above) throw new UnsafeOutputError(shown, `it is under ${relative(process.cwd(), above) || above}, which is a file, not a folder`);
	const stats = await lstatOrUndefined(target);
	if (!stats) return;
	if (stats.isSymbolicLink()) throw new UnsafeOutputError(shown, 'it is a symbolic link; name the folder itself');
	if (!stats.isDirectory()) throw new UnsafeOutputError(shown, 'it is not a folder');
	if ((await readdir(target)).length === 0) return;
	const listed = (await readMarker(target))?.files;
	if (listed === 'all') return;
	if (listed) {
		// A file put there since (a CNAME for the host): the swap would delete it.
		const added = (await filesUnder(target)).find((path) => path !== OUTPUT_MARKER && !listed.has(path));
		if (!added) return;
		throw new UnsafeOutputError(shown, `it holds ${added}, which Phasebook did not write. Move it out of the folder (a file the site should carry belongs in public/, which every build copies), then build again`);
	}
	throw new UnsafeOutputError(
		shown,
		`it holds files Phasebook did not write (no ${OUTPUT_MARKER} marker). Name a new or empty folder, or empty this one yourself`,
	);
}

/** Marks a freshly built site folder as Phasebook's, listing its files, so the next build may replace it and only it. */
export async function markOutput(folder: string): Promise<void> {
	const files = await filesUnder(folder);
	await writeFile(join(folder, OUTPUT_MARKER), `${MARKER_TEXT}${LIST_HEADER}${files.map((f) => `${f}\n`).join('')}`, { flag: 'wx' });
}

/** Where a replaced site waits to be deleted: hidden, beside it, named for this process. */
const retiredName = (target: string, pid: number) => join(dirname(target), `.${basename(target)}.phasebook-old-${pid}`);

/**
 * Moves the built site `staged` to `target` in one step. The previous `target` must pass
 * assertReplaceable (checked again here, just before it is moved) and is deleted only after the swap.
 */
export async function swapDirectory(staged: string, target: string, project: string, shown = target): Promise<void> {
	await assertReplaceable(target, project, shown);
	const old = retiredName(target, process.pid);
	let hadOld = false;
	try {
		await rename(target, old);
		hadOld = true;
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
	}
	try {
		await rename(staged, target);
	} catch (error) {
		if (hadOld) await rename(old, target);
		throw error;
	}
	if (hadOld) await rm(old, { recursive: true, force: true });
}

/**
 * Written first into each build's staging folder (`.phasebook/build-<pid>`): only a folder holding
 * it is removed as an interrupted build's. A folder of that name the user made (`build-999999/`,
 * a file in it) was deleted by the next build.
 */
const STAGING_MARKER = '.phasebook-staging';
const STAGING_TEXT = 'This folder was made by a Phasebook build; the next build removes it once that build has ended.\n';

/**
 * Makes the staging folder `staging`, marked as Phasebook's, and returns the folder inside it the
 * site is built into: Astro empties the folder it builds into, and the marker with it.
 */
export async function makeStaging(staging: string): Promise<string> {
	await mkdir(staging, { recursive: true });
	await writeFile(join(staging, STAGING_MARKER), STAGING_TEXT, { flag: 'wx' });
	return join(staging, 'site');
}

async function hasStagingMarker(folder: string): Promise<boolean> {
	const marker = join(folder, STAGING_MARKER);
	const stats = await lstatOrUndefined(marker);
	return Boolean(stats?.isFile()) && stats!.size === Buffer.byteLength(STAGING_TEXT) && (await readFile(marker, 'utf8')) === STAGING_TEXT;
}

/** Whether a process with this id still runs (a reused id counts as running: nothing is removed). */
export function processAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/**
 * Removes what a build killed mid-way left: its staging folder under `stagingParent`
 * (`build-<pid>`) and a replaced site beside `target` still waiting for deletion. Only folders of
 * processes that no longer run, and of those only the ones Phasebook's names and markers identify.
 */
export async function removeLeftovers(stagingParent: string, target: string): Promise<string[]> {
	const removed: string[] = [];
	// The staging parent is Phasebook's own folder; through a symbolic link it would not be.
	const parent = await lstatOrUndefined(stagingParent);
	const sweep = async (folder: string, pattern: RegExp, ours: (path: string) => Promise<boolean>) => {
		let names: string[];
		try {
			names = await readdir(folder);
		} catch {
			return;
		}
		for (const name of names) {
			const pid = Number(pattern.exec(name)?.[1]);
			if (!pid || pid === process.pid || processAlive(pid)) continue;
			const path = join(folder, name);
			const stats = await lstatOrUndefined(path);
			if (!stats?.isDirectory() || !(await ours(path))) continue;
			await rm(path, { recursive: true, force: true });
			removed.push(relative(process.cwd(), path) || path);
		}
	};
	if (parent?.isDirectory()) await sweep(stagingParent, /^build-(\d+)$/, hasStagingMarker);
	const escaped = basename(target).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	await sweep(dirname(target), new RegExp(`^\\.${escaped}\\.phasebook-old-(\\d+)$`), hasMarker);
	return removed;
}
