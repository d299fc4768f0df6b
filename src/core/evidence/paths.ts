// File paths as reports write them, made safe to publish: relative to the repository, never a
// machine's absolute path (a CI runner's home folder says nothing to a reader and leaks its layout).
import { posix, win32 } from 'node:path';

const WINDOWS_ABSOLUTE = /^(?:[A-Za-z]:[\\/]|\\\\)/;

/** Whether a path is absolute on POSIX or Windows (reports travel between both). */
export function isAbsolutePath(path: string): boolean {
	return path.startsWith('/') || WINDOWS_ABSOLUTE.test(path);
}

/**
 * A report's path as stored: relative to `root` (the repository) when it lies inside it, the base
 * name when it is absolute elsewhere, and as written (forward slashes, no leading `./`) when it is
 * already relative.
 */
export function repoPath(path: string, root: string | undefined): string {
	const trimmed = path.trim();
	if (!isAbsolutePath(trimmed)) return trimmed.replaceAll('\\', '/').replace(/^(?:\.\/)+/, '');
	return (
		insideRoot(trimmed, root) ?? (WINDOWS_ABSOLUTE.test(trimmed) ? win32 : posix).basename(trimmed)
	);
}

/** An absolute path relative to `root` when it lies inside it, else undefined. */
export function insideRoot(path: string, root: string | undefined): string | undefined {
	const windows = WINDOWS_ABSOLUTE.test(path);
	const normal = windows ? win32.normalize(path).replaceAll('\\', '/') : posix.normalize(path);
	const base = root?.replaceAll('\\', '/').replace(/\/+$/, '');
	return base && normal.startsWith(`${base}/`) ? normal.slice(base.length + 1) : undefined;
}
