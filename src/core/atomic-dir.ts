// Replaces a directory in one step, so readers never see a half-written one.
import { rename, rm } from 'node:fs/promises';

/** Moves `staged` to `target`; the previous `target` is removed only after the swap. */
export async function swapDirectory(staged: string, target: string): Promise<void> {
	const old = `${target}.old-${process.pid}`;
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
