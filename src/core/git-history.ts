// Last-updated dates and contributors of project files, read from git in one `git log` call.
import { FIELD, RECORD, parseLogRecords, type NameStatus } from './git/parse.ts';
import { runGit, type RunGit } from './git/repository.ts';

export interface FileHistory {
	/** Committer date of the newest commit that touched the file, ISO 8601 with its offset. */
	updated: string;
	/** Author names (after .mailmap), most commits first, then by name. */
	contributors: string[];
}

/** A file git has no commit of yet (`new`), or one whose working copy differs from its last commit. */
export type Uncommitted = 'new' | 'modified';

/** One commit that touched the pathspecs, with repository-relative paths. */
export interface Commit {
	date: string;
	author: string;
	sha: string;
	changes: NameStatus[];
}

export interface GitHistory {
	/** By path relative to the project root, with forward slashes. Empty when `warning` is set. */
	files: Map<string, FileHistory>;
	/** Files with uncommitted changes, by path relative to the project root. */
	uncommitted: Map<string, Uncommitted>;
	/** Every commit that touched the pathspecs, newest first. */
	commits: Commit[];
	/** The project root's path inside the repository ('' at the top, 'docs/' in a sub-folder). */
	prefix: string;
	/** Why there are no dates, when there are none: no git, not a repository, a shallow clone. */
	warning?: string;
}

export interface GitHistoryOptions {
	/** Pathspecs relative to the root whose files are read; default the content folder. */
	pathspecs?: string[];
	/** Runs git; replaceable in tests. Resolves with stdout, rejects when git fails. */
	git?: RunGit;
}

/**
 * Reads every commit that touched the pathspecs, newest first, and follows renames itself:
 * `git log --follow` takes a single path, so following each file would mean one process per
 * file. A shallow clone would date every file to its one fetched commit, so it gives no dates.
 */
export async function readGitHistory(root: string, options: GitHistoryOptions = {}): Promise<GitHistory> {
	const git = options.git ?? runGit;
	let state: string;
	try {
		state = await git(['rev-parse', '--is-shallow-repository', '--show-prefix'], root);
	} catch (error) {
		const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
		const warning = missing ? 'git is not installed' : `${root} is not inside a git repository`;
		return { files: new Map(), uncommitted: new Map(), commits: [], prefix: '', warning };
	}
	const [shallow = '', rawPrefix = ''] = state.split('\n');
	const prefix = rawPrefix.trim();
	if (shallow.trim() === 'true') {
		return { files: new Map(), uncommitted: new Map(), commits: [], prefix, warning: 'the repository is a shallow clone' };
	}
	const pathspecs = options.pathspecs ?? ['content'];
	const log = await git(
		[
			'-c',
			'log.showSignature=false',
			'log',
			'-z',
			'-M',
			'--name-status',
			`--format=${RECORD}%cI${FIELD}%aN${FIELD}%H`,
			'--',
			...pathspecs,
		],
		root,
	).catch(async (error: unknown) => {
		// A repository whose first commit is still to come has no history, and that is no fault:
		// every document is simply not committed yet.
		const born = await git(['rev-parse', '--verify', '--quiet', 'HEAD'], root).then(() => true, () => false);
		if (born) throw error;
		return '';
	});
	// A new document would otherwise show the history of whatever file once had its path.
	const status = await git(['status', '--porcelain=v1', '-z', '--untracked-files=all', '--', ...pathspecs], root);
	const commits = parseLogRecords(log).map(({ fields: [date = '', author = '', sha = ''], changes }) => ({ date, author, sha, changes }));
	return { files: fileHistories(commits, prefix), uncommitted: parseStatus(status, prefix), commits, prefix };
}

/**
 * Parses `git status --porcelain=v1 -z` (paths relative to the repository root): untracked and
 * newly added files are `new`, any other change `modified`; deleted files are left out.
 */
export function parseStatus(status: string, prefix = ''): Map<string, Uncommitted> {
	const files = new Map<string, Uncommitted>();
	const entries = status.split('\0');
	for (let i = 0; i < entries.length; i++) {
		const entry = entries[i]!;
		if (entry.length < 4) continue;
		const [x, y, path] = [entry[0]!, entry[1]!, entry.slice(3)];
		// A rename or copy is followed by its source path, which is not a file of its own.
		if (x === 'R' || x === 'C') i++;
		if (x === 'D' || y === 'D' || !path.startsWith(prefix)) continue;
		files.set(path.slice(prefix.length), x === '?' || x === 'A' ? 'new' : 'modified');
	}
	return files;
}

/**
 * Walks the commits newest first. `owner` maps a path as it was at that point in history to
 * the file's path today, or to null when the path then held a file that no longer exists.
 */
export function fileHistories(commits: readonly Commit[], prefix = ''): Map<string, FileHistory> {
	const owner = new Map<string, string | null>();
	const seen = new Map<string, { updated: string; counts: Map<string, number> }>();
	const current = (path: string): string | null => {
		if (!owner.has(path)) owner.set(path, path);
		return owner.get(path)!;
	};
	for (const commit of commits) {
		const { changes } = commit;
		const touched = new Set<string>();
		for (const { status, paths } of changes) {
			if (status === 'D') {
				if (!owner.has(paths[0]!)) owner.set(paths[0]!, null);
				continue;
			}
			const path = status === 'R' || status === 'C' ? paths[1]! : paths[0]!;
			const file = current(path);
			if (file !== null) touched.add(file);
			// Before an add, rename or copy, this path did not hold today's file.
			if (status === 'A' || status === 'R' || status === 'C') owner.set(path, null);
			if (status === 'R') owner.set(paths[0]!, file);
		}
		for (const file of touched) {
			const entry = seen.get(file) ?? { updated: commit.date, counts: new Map<string, number>() };
			entry.counts.set(commit.author, (entry.counts.get(commit.author) ?? 0) + 1);
			seen.set(file, entry);
		}
	}
	const files = new Map<string, FileHistory>();
	for (const [path, { updated, counts }] of seen) {
		if (prefix && !path.startsWith(prefix)) continue;
		const contributors = [...counts]
			.sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
			.map(([name]) => name)
			.filter(Boolean);
		files.set(path.slice(prefix.length), { updated, contributors });
	}
	return files;
}
