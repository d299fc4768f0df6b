// Past versions of project files, from the commits the git history already read and one
// `git cat-file --batch` for their text: the readiness history recomputes a phase's verdict with
// its documents as they were at each commit.
import type { GitHistory } from '../git-history.ts';
import { parseBatch } from './parse.ts';
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
