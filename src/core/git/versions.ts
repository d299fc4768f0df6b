// Past versions of project files, from the commits the git history already read and one
// `git cat-file --batch` for their text: the readiness history recomputes a phase's verdict with
// its documents as they were at each commit.
import type { GitHistory } from '../git-history.ts';
import { runGit, type RunGit } from './repository.ts';

/** One committed version of a file; `text` undefined where the commit deleted it. */
export interface FileVersion {
	at: string;
	text: string | undefined;
}

/** By path relative to the project root, oldest version first. */
export type FileVersions = Map<string, FileVersion[]>;

/**
 * The committed versions of `paths` (relative to the project root). Paths git has no commit of
 * are left out. Renames are not followed: a renamed file's versions start at the rename.
 */
export async function readVersions(
	root: string,
	history: Pick<GitHistory, 'commits' | 'prefix'>,
	paths: readonly string[],
	git: RunGit = runGit,
): Promise<FileVersions> {
	const wanted = new Set(paths.map((path) => `${history.prefix}${path}`));
	const found: { path: string; at: string; spec?: string }[] = [];
	for (const commit of history.commits) {
		for (const { status, paths: changed } of commit.changes) {
			const path = status === 'R' || status === 'C' ? changed[1]! : changed[0]!;
			if (!wanted.has(path)) continue;
			found.push({ path, at: commit.date, ...(status === 'D' ? {} : { spec: `${commit.sha}:${path}` }) });
		}
	}
	const specs = found.flatMap((f) => (f.spec ? [f.spec] : []));
	const texts = specs.length ? parseBatch(await git(['cat-file', '--batch'], root, `${specs.join('\n')}\n`), specs) : new Map<string, string>();
	const versions: FileVersions = new Map();
	// The log is newest first; versions are kept oldest first.
	for (const { path, at, spec } of found.reverse()) {
		const list = versions.get(path.slice(history.prefix.length)) ?? [];
		list.push({ at, text: spec === undefined ? undefined : texts.get(spec) });
		versions.set(path.slice(history.prefix.length), list);
	}
	return versions;
}

/**
 * Parses `git cat-file --batch` output for `specs`, in order: a `<sha> <type> <size>` line, then
 * `size` bytes and a newline, or `<spec> missing`. Sizes count bytes, so it walks the UTF-8 bytes.
 */
export function parseBatch(output: string, specs: readonly string[]): Map<string, string> {
	const bytes = Buffer.from(output, 'utf8');
	const texts = new Map<string, string>();
	let at = 0;
	for (const spec of specs) {
		const end = bytes.indexOf(0x0a, at);
		if (end === -1) break;
		const header = bytes.subarray(at, end).toString('utf8');
		at = end + 1;
		const size = /^[0-9a-f]+ blob (\d+)$/.exec(header)?.[1];
		if (size === undefined) continue;
		texts.set(spec, bytes.subarray(at, at + Number(size)).toString('utf8'));
		at += Number(size) + 1;
	}
	return texts;
}
