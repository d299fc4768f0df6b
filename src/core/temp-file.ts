// A flushed temporary file beside its target: the first half of every atomic write.
import { randomUUID } from 'node:crypto';
import { mkdir, open } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes `content` to a new hidden file in `target`'s folder, flushed to disk; returns its path.
 * It is named `.<name>.<pid>-<uuid>.tmp` for this process, so a later run can tell a killed
 * run's leftover from a live one's.
 */
export async function writeTempBeside(target: string, content: string): Promise<string> {
	const folder = dirname(target);
	await mkdir(folder, { recursive: true });
	const temp = join(folder, `.${basename(target)}.${process.pid}-${randomUUID()}.tmp`);
	const handle = await open(temp, 'wx');
	try {
		await handle.writeFile(content, 'utf8');
		await handle.sync();
	} finally {
		await handle.close();
	}
	return temp;
}
