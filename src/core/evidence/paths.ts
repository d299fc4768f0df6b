// File paths as reports write them, made safe to publish: relative to the repository, never a
// machine's absolute path (a CI runner's home folder says nothing to a reader and leaks its layout).
import { posix, win32 } from 'node:path';

const WINDOWS_ABSOLUTE = /^(?:[A-Za-z]:[\\/]|\\\\)/;

/** Whether a path is absolute on POSIX or Windows (reports travel between both). */
export function isAbsolutePath(path: string): boolean {
	return path.startsWith('/') || WINDOWS_ABSOLUTE.test(path);
}

/**
 * Whether a path relative to the repository names one of its files; with `place`, where a path a
 * report wrote relative to the folder its tool ran in lies in the repository (the nearest of the
 * report's own folder and those above it that holds the file), when one does.
 */
export type KnownFile = ((relative: string) => boolean) & {
	place?: (written: string) => string | undefined;
	/** The repository file a path names in another letter case (Windows file systems ignore case), when one alone does. */
	caseless?: (relative: string) => string | undefined;
	/** The names given so far to paths of another machine the repository does not have, with the path each names. */
	foreign?: Map<string, string>;
};

/**
 * A report's path as stored: relative to `root` (the repository) when it lies inside it. A
 * relative path is relative to the folder the tool ran in, which the report does not say: it is
 * placed by `known.place` (a package's `src/index.js` is `packages/a/src/index.js` when its report
 * lies in packages/a/), else kept as written (forward slashes, no leading `./`). An absolute path
 * elsewhere was written on another machine (a CI runner's checkout,
 * `/home/runner/work/app/app/src/x.py`): it is the repository file its longest tail names
 * (`src/x.py`), when `known` finds one, else its base name. A Windows path's tail may name the
 * file in another letter case (`D:\a\app\app\Src\X.cs` for `src/X.cs`), as Windows reads it.
 */
export function repoPath(path: string, root: string | undefined, known?: KnownFile): string {
	const trimmed = path.trim();
	if (!isAbsolutePath(trimmed)) {
		const written = trimmed.replaceAll('\\', '/').replace(/^(?:\.\/)+/, '');
		return known?.place?.(written) ?? written;
	}
	return insideRoot(trimmed, root) ?? (known && knownTail(trimmed, known)) ?? foreignName(trimmed, known?.foreign);
}

/**
 * The name a path of another machine that names no repository file is stored under: its base name,
 * or, when another path of the report has that name already, the shortest tail that no other has
 * (`b/index.js` beside `a/…/index.js`'s `index.js`), so two files are never read as one. The same
 * path (a file in two records) gets the same name.
 */
function foreignName(path: string, taken: Map<string, string> | undefined): string {
	const parts = segments(path);
	const identity = parts.join('/');
	for (let n = 1; n < parts.length; n++) {
		const name = parts.slice(-n).join('/');
		const owner = taken?.get(name);
		if (owner === undefined || owner === identity) {
			taken?.set(name, identity);
			return name;
		}
	}
	return parts.slice(1).join('/') || parts.join('/');
}

/** The longest tail of an absolute path that names a repository file, longest first. */
function knownTail(path: string, known: KnownFile): string | undefined {
	const windows = WINDOWS_ABSOLUTE.test(path);
	const parts = segments(path);
	// From below the top folder (a drive or /home) down to two segments: a bare base name is no
	// more than the fallback says, and could name another folder's file of that name.
	for (let start = 1; start < parts.length - 1; start++) {
		const tail = parts.slice(start).join('/');
		if (known(tail)) return tail;
	}
	if (!windows || !known.caseless) return undefined;
	for (let start = 1; start < parts.length - 1; start++) {
		const found = known.caseless(parts.slice(start).join('/'));
		if (found !== undefined) return found;
	}
	return undefined;
}

/** An absolute path, normalised with forward slashes, as POSIX or Windows writes it. */
const normalised = (path: string) => (WINDOWS_ABSOLUTE.test(path) ? win32.normalize(path).replaceAll('\\', '/') : posix.normalize(path));

/** An absolute path's folders and name, a Windows drive first. */
const segments = (path: string) => normalised(path).split('/').filter(Boolean);

/** An absolute path relative to `root` when it lies inside it, else undefined. */
export function insideRoot(path: string, root: string | undefined): string | undefined {
	const normal = normalised(path);
	const base = root?.replaceAll('\\', '/').replace(/\/+$/, '');
	return base && normal.startsWith(`${base}/`) ? normal.slice(base.length + 1) : undefined;
}
