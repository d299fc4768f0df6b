// Writing a run file atomically and without ever replacing an existing file.
import { link, lstat, mkdir, readdir, realpath, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { processAlive } from '../atomic-dir.ts';
import { fileAbove, fileKind } from '../files.ts';
import { writeTempBeside } from '../temp-file.ts';

/** Thrown when the target already exists; the caller picks another name or reports it. */
export class FileExistsError extends Error {
	readonly path: string;
	constructor(path: string) {
		super(`${path} already exists`);
		this.name = 'FileExistsError';
		this.path = path;
	}
}

function code(error: unknown): string | undefined {
	return (error as NodeJS.ErrnoException | undefined)?.code;
}

/**
 * Writes `content` to `target` so that readers never see a partial file and an existing file is
 * never replaced: the data goes to a temporary file in the same folder, is flushed, then
 * hard-linked into place (link fails if the target exists, where rename would overwrite).
 */
export async function writeNewFile(target: string, content: string): Promise<void> {
	const folder = dirname(target);
	await mkdir(folder, { recursive: true });
	await removeDeadTemps(folder);
	const temp = await writeTempBeside(target, content);
	try {
		await link(temp, target);
	} catch (error) {
		if (code(error) === 'EEXIST') throw new FileExistsError(target);
		// File systems without hard links: check, then rename (a small race, but still atomic).
		if (await exists(target)) throw new FileExistsError(target);
		await rename(temp, target);
	} finally {
		await unlink(temp).catch(() => {});
	}
}

/** Whether anything exists at the path. */
export async function exists(path: string): Promise<boolean> {
	try {
		await stat(path);
		return true;
	} catch {
		return false;
	}
}

/** What an import killed mid-write leaves: `.<name>.<pid>-<uuid>.tmp`. */
export const TEMP_FILE = /^\..+\.(\d+)-[0-9a-f-]{36}\.tmp$/;

/** Removes the temporary files of imports whose process no longer runs. */
async function removeDeadTemps(folder: string): Promise<void> {
	for (const name of await readdir(folder)) {
		const pid = Number(TEMP_FILE.exec(name)?.[1]);
		if (pid && pid !== process.pid && !processAlive(pid)) await unlink(join(folder, name)).catch(() => {});
	}
}

/** Kernel and device file systems: a file written there changes the system, not a report. */
const SYSTEM_FOLDERS = ['/proc', '/sys', '/dev'];

/**
 * Why `target` must not be written, checked before anything is created or opened: it is a
 * special file (a FIFO would hang the write), or it lies in /proc, /sys or /dev, even through a
 * link. Undefined when it may be written (an existing regular file is refused when linking).
 */
export async function unwritableTarget(target: string): Promise<string | undefined> {
	const above = await fileAbove(target);
	if (above) return `is under ${above}, which is a file, not a folder`;
	const info = await stat(target).catch(() => undefined);
	if (info && !info.isFile()) return `is a ${fileKind(info)}, not a file`;
	// The run is written in the target's folder: that folder, wherever its links lead, decides.
	let existing = dirname(target);
	while (!(await lstat(existing).then(() => true, () => false))) {
		const parent = dirname(existing);
		if (parent === existing) break;
		existing = parent;
	}
	const real = await realpath(existing).catch(() => existing);
	const system = SYSTEM_FOLDERS.find((folder) => real === folder || real.startsWith(`${folder}/`));
	return system ? `lies in ${system}, a system folder, not a folder for evidence` : undefined;
}
