// The one place the core runs git: opens the repository and caches what it reads per commit and
// per range, so the check and the build ask git once for each (a few processes per range, never
// one per file). What a commit id fixes (a range's history, a commit's files and line counts) is
// also kept on disk between runs, keyed by the commit ids: a pre-commit hook or a rebuild on the
// same commits asks git only which commits the refs name.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { cacheBase, EntryStore } from '../cache-store.ts';
import { FIELD, RECORD, parseBatch, parseLogRecords, parseRawNumstat, type FileDiff } from './parse.ts';

/** Runs git in `cwd` with `input` on stdin; resolves with stdout, rejects when git fails. */
export type RunGit = (args: string[], cwd: string, input?: string) => Promise<string>;

export const runGit: RunGit = (args, cwd, input) =>
	new Promise((resolve, reject) => {
		const child = execFile('git', args, { cwd, maxBuffer: 512 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) =>
			// What git said goes with its failure, for a message that names the cause.
			error ? reject(Object.assign(error, { stderr })) : resolve(stdout),
		);
		// git may exit before reading its input (a failed command): that is its exit code's story.
		child.stdin?.on('error', () => {});
		child.stdin?.end(input);
	});

export interface RangeCommit {
	sha: string;
	/** Committer date, ISO 8601. */
	date: string;
	/** Full ids of its parents (two or more for a merge). */
	parents: string[];
	message: string;
	/** Code-relative paths the commit touched (both paths of a rename). */
	files: string[];
}

export interface RangeHistory {
	/** Every commit in from..to, newest first, whether or not it touched the code. */
	commits: RangeCommit[];
	/** The net change of each code file between from and to, paths relative to the code. */
	changes: FileDiff[];
}

export interface Repository {
	/** Absolute path of the working tree's top. */
	top: string;
	/** The code folder inside the repository: '' at the top, else ending with '/'. */
	codePrefix: string;
	/** The project's folder inside the repository, like codePrefix. */
	projectPrefix: string;
	/** Full commit ids of refs (tags, branches, commits, HEAD); undefined for one git does not know. */
	resolve(refs: readonly string[]): Promise<Map<string, string | undefined>>;
	/** Code-relative paths of the files in a commit. */
	files(commit: string): Promise<Set<string>>;
	/** Line counts of code files in a commit (a text file absent from the map is empty or binary). */
	lineCounts(commit: string, paths: readonly string[]): Promise<Map<string, number>>;
	/**
	 * Commits and net changes from `from` (exclusive; undefined for the root) to `to`. The changes
	 * leave out the folders in `skip` (paths from the repository's top): git never reads their
	 * files, and a file moved out of one into the code counts as added.
	 */
	range(from: string | undefined, to: string, skip?: readonly string[]): Promise<RangeHistory>;
	/** Which of these tagged commits HEAD's history holds (a tag left behind by rewritten history is not). */
	inHistory(commits: readonly string[]): Promise<Set<string>>;
	/** Code files changed by commits reachable from HEAD after a date (YYYY-MM-DD), each with its newest date. */
	changedAfter(date: string): Promise<Map<string, string>>;
	/** The text of files at commits, by `<commit>:<path from the top>`; a spec git has no file for is left out. */
	texts(specs: readonly string[]): Promise<Map<string, string>>;
	/** Every rename of a Markdown or MDX file by the commits after `since` up to HEAD, newest first: paths from the top. */
	renamesSince(since: string): Promise<{ from: string; to: string }[]>;
	/** The committer date (ISO 8601 with its offset) of each of these commits. */
	commitDates(commits: readonly string[]): Promise<Map<string, string>>;
	/** The text files in a folder (from the top) at these commits that hold any of these strings, as `<commit>:<path>` specs for texts(). */
	filesWith(commits: readonly string[], folder: string, strings: readonly string[]): Promise<string[]>;
}

export type OpenResult = { repository: Repository; reason?: undefined } | { repository?: undefined; reason: string };

/** Where git places `root`: the working tree's top and root's folder in it, or why it cannot say. */
export type Located = { top: string; prefix: string; reason?: undefined } | { reason: string; prefix?: string };

/**
 * Why git was not read, as the site tells its readers: the reasons above name the machine's
 * folders (`/home/ci/app is not inside a git repository`) and tell the author what to fetch, and a
 * published page says neither.
 */
export function readerReason(reason: string): string {
	if (reason.endsWith(' is not inside a git repository')) return 'the site was built outside the git repository';
	if (reason.startsWith('the repository is a shallow clone')) return 'the site was built from a shallow clone, without the history';
	if (reason === 'git is not installed') return 'git was not installed where the site was built';
	const codePath = /^(code\.path "[^"]*" is (?:outside the git repository|not a folder of the repository)) at /.exec(reason);
	return codePath ? codePath[1]! : reason;
}

/**
 * Asks git where `root` is. One process, which depends on nothing else: `analyse` starts it before
 * the program loads, so git answers while the documents are read. Never rejects: a shallow clone
 * lacks the history every range needs, and nothing is guessed, so it is a reason like no git.
 */
export async function locateRepository(root: string, git: RunGit = runGit): Promise<Located> {
	let state: string;
	try {
		state = await git([...LOCATE], root);
	} catch (error) {
		const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
		return { reason: missing ? 'git is not installed' : `${root} is not inside a git repository` };
	}
	return locatedBy(state);
}

/** What locateRepository asks git; more arguments may follow, whose answers come after. */
export const LOCATE: readonly string[] = ['rev-parse', '--is-shallow-repository', '--show-toplevel', '--show-prefix'];

/** Where git's answer to LOCATE places the project. */
export function locatedBy(state: string): Located {
	// Lines as git writes them: a folder's name may begin or end with a space.
	const [shallow = '', top = '', prefix = ''] = state.split('\n').map((l) => l.replace(/\r$/, ''));
	// Where the project is in it holds without the history (documents link the files beside them).
	if (shallow === 'true') return { reason: 'the repository is a shallow clone (fetch its full history, e.g. fetch-depth: 0)', prefix };
	return { top, prefix };
}

/**
 * Opens the repository holding `root`, with the code at `codePath` (relative to root; default the
 * repository's top). Without git, outside a repository or in a shallow clone it says why instead.
 * `located` is `locateRepository`'s answer when the caller asked for it early.
 */
export async function openRepository(
	root: string,
	codePath: string | undefined,
	git: RunGit = runGit,
	cacheDir?: string,
	located: Promise<Located> = locateRepository(root, git),
): Promise<OpenResult> {
	const where = await located;
	if (where.reason !== undefined) return { reason: where.reason };
	const { top, prefix } = where;
	const code = codePath === undefined ? '' : posix.normalize(posix.join(prefix, codePath.replaceAll('\\', '/')));
	if (code === '..' || code.startsWith('../') || posix.isAbsolute(code)) {
		return { reason: `code.path "${codePath}" is outside the git repository at ${top}` };
	}
	const codePrefix = code === '.' || code === '' ? '' : `${code.replace(/\/$/, '')}/`;
	// A program copied without its code (the sample, started elsewhere) has nothing to check against.
	if (codePrefix && !(await isFolder(join(top, codePrefix)))) {
		// In a program of a subfolder, a path written from the repository's top is read from the program's folder.
		const readAs = prefix ? ` (it is read from the program's folder ${prefix}, so it names ${codePrefix})` : '';
		return { reason: `code.path "${codePath}" is not a folder of the repository at ${top}${readAs}` };
	}
	return { repository: cachedRepository(top, codePrefix, prefix, git, cacheDir === undefined ? undefined : answerStore(cacheDir)) };
}

async function isFolder(path: string): Promise<boolean> {
	try {
		return (await stat(path)).isDirectory();
	} catch {
		return false;
	}
}

/** Where git's answers are kept for a project: `<cache>/git` (see cacheBase). */
export function gitCacheDir(root: string, env: NodeJS.ProcessEnv = process.env): string {
	return join(cacheBase(root, env), 'git');
}

/**
 * Bumped whenever what is kept changes shape or meaning (the git arguments, the parsing), so a
 * newer Phasebook never reads an older one's answers.
 */
const ANSWER_FORMAT = 2;

/**
 * Git's answers on disk, checked like the diagram cache. Beyond 512 entries or 256 MB the least
 * recently used go: a range over ten thousand files is a few MB, and each new HEAD adds a few.
 */
function answerStore(dir: string): EntryStore {
	return new EntryStore(dir, {
		extension: 'json',
		maxBytes: 256 * 1024 * 1024,
		secret: process.env['PHASEBOOK_CACHE_SECRET'],
		onDiscard: (path, reason) => console.warn(`[phasebook:git] Discarded the cached git answer ${path}: ${reason}; git is asked again.`),
		keep: { entries: 512, bytes: 256 * 1024 * 1024 },
	});
}

/**
 * `load()`'s answer, from the store when it has it under these key parts, else from git and then
 * kept. The store is an optimisation only: one that cannot be read or written is passed over.
 */
async function remembered<T>(store: EntryStore | undefined, parts: string[], load: () => Promise<T>): Promise<T> {
	if (!store) return load();
	const key = createHash('sha256').update([`git-answer-${ANSWER_FORMAT}`, ...parts].join('\0')).digest('hex');
	try {
		const kept = store.get(key);
		if (kept !== undefined) return JSON.parse(kept) as T;
	} catch {
		// Unreadable: asked again below.
	}
	const value = await load();
	try {
		store.set(key, JSON.stringify(value));
	} catch {
		// A read-only or full disk: the answer is still right, only not kept.
	}
	return value;
}

function cachedRepository(top: string, codePrefix: string, projectPrefix: string, git: RunGit, store?: EntryStore): Repository {
	const run = (args: string[], input?: string) => git(args, top, input);
	const inCode = (path: string) => path.startsWith(codePrefix);
	const strip = (path: string) => path.slice(codePrefix.length);
	const codeSpec = codePrefix ? [`:(top,literal)${codePrefix}`] : [];
	const refs = new Map<string, string | undefined>();
	const trees = new Map<string, Promise<Set<string>>>();
	const ranges = new Map<string, Promise<RangeHistory>>();
	const since = new Map<string, Promise<Map<string, string>>>();
	let emptyTree: Promise<string> | undefined;

	const once = <T>(cache: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> => {
		if (!cache.has(key)) cache.set(key, load());
		return cache.get(key)!;
	};

	async function resolve(names: readonly string[]): Promise<Map<string, string | undefined>> {
		const unknown = [...new Set(names)].filter((n) => !refs.has(n));
		if (unknown.length) {
			// One process for every ref, read from stdin so no name is ever taken for an option.
			const out = await run(['cat-file', '--batch-check=%(objectname) %(objecttype)'], unknown.map((n) => `${n}^{commit}\n`).join(''));
			out.split('\n').slice(0, unknown.length).forEach((line, i) => {
				const [sha, type] = line.split(' ');
				refs.set(unknown[i]!, type === 'commit' ? sha : undefined);
			});
		}
		return new Map(names.map((n) => [n, refs.get(n)]));
	}

	/** Line counts of text files (git grep counts no line of an empty or binary one). */
	async function countLines(commit: string, paths: readonly string[]): Promise<[string, number][]> {
		let out = '';
		try {
			out = await run(['grep', '-I', '-c', '-z', '-e', '', commit, '--', ...paths.map((p) => `:(top,literal)${codePrefix}${p}`)]);
		} catch (error) {
			// git grep exits 1 when nothing matched: every file is empty or binary.
			if ((error as { code?: number }).code !== 1) throw error;
		}
		const counts: [string, number][] = [];
		for (const line of out.split('\n')) {
			const [name = '', count = ''] = line.split('\0');
			const path = name.slice(commit.length + 1);
			if (path && inCode(path)) counts.push([strip(path), Number(count)]);
		}
		return counts;
	}

	async function readRange(from: string | undefined, to: string, skipped: readonly string[]): Promise<RangeHistory> {
		const base = from ?? (await (emptyTree ??= run(['hash-object', '-t', 'tree', '--stdin']).then((s) => s.trim())));
		const [log, diff] = await Promise.all([
			run(['-c', 'log.showSignature=false', 'log', '-z', '-M', '--name-status', `--format=${RECORD}%H${FIELD}%cI${FIELD}%P${FIELD}%B`, from ? `${from}..${to}` : to]),
			run(['diff', '-z', '-M', '--raw', '--numstat', base, to, '--', ...codeSpec, ...skipped]),
		]);
		const commits = parseLogRecords(log).map(({ fields: [sha = '', date = '', parents = '', message = ''], changes }) => ({
			sha,
			date,
			parents: parents.split(' ').filter(Boolean),
			message: message.trim(),
			files: changes.flatMap((c) => c.paths).filter(inCode).map(strip),
		}));
		const changes = parseRawNumstat(diff)
			.filter((f) => inCode(f.path))
			.map((f) => ({ ...f, path: strip(f.path), ...(f.from ? { from: inCode(f.from) ? strip(f.from) : f.from } : {}) }));
		return { commits, changes };
	}

	/** Each code file changed by a commit after `date`, with its newest commit date, newest first. */
	async function readChangedAfter(date: string, head: string): Promise<[string, string][]> {
		const log = await run(['-c', 'log.showSignature=false', 'log', '-z', '-M', '--name-status', `--format=${RECORD}%cI`, `--since=${date}T23:59:59`, head, '--', ...codeSpec]);
		const newest = new Map<string, string>();
		for (const { fields, changes } of parseLogRecords(log)) {
			const day = fields[0] ?? '';
			if (day.slice(0, 10) <= date) continue;
			for (const path of changes.flatMap((c) => c.paths)) if (inCode(path) && !newest.has(strip(path))) newest.set(strip(path), day);
		}
		return [...newest];
	}

	return {
		top,
		codePrefix,
		projectPrefix,
		resolve,
		files(commit) {
			return once(trees, commit, async () => {
				const paths = await remembered(store, ['files', codePrefix, commit], async () => {
					const out = await run(['ls-tree', '-r', '-z', '--name-only', '--full-tree', commit, '--', ...codeSpec]);
					return out.split('\0').filter((p) => p && inCode(p)).map(strip);
				});
				return new Set(paths);
			});
		},
		async lineCounts(commit, paths) {
			if (paths.length === 0) return new Map<string, number>();
			const wanted = [...new Set(paths)].sort();
			return new Map(await remembered(store, ['lines', codePrefix, commit, ...wanted], () => countLines(commit, wanted)));
		},
		range(from, to, skip = []) {
			const skipped = skip.map((path) => `:(top,exclude,literal)${path}`);
			return once(ranges, `${from ?? ''}..${to}\0${skipped.join('\0')}`, () =>
				remembered(store, ['range', codePrefix, from ?? '', to, ...skipped], () => readRange(from, to, skipped)),
			);
		},
		async inHistory(commits) {
			const wanted = [...new Set(commits)].sort();
			if (wanted.length === 0) return new Set<string>();
			const head = (await resolve(['HEAD'])).get('HEAD');
			if (!head) return new Set<string>();
			// One question for every tag: the commits of the tags HEAD's history holds (an annotated
			// tag's commit is its peeled id). Keyed by HEAD and the commits: whether HEAD holds a commit never changes.
			const held = await remembered(store, ['in-history', head, ...wanted], async () => {
				const out = await run(['for-each-ref', `--merged=${head}`, '--format=%(objectname) %(*objectname)', 'refs/tags/']);
				const merged = new Set(out.split('\n').flatMap((line) => line.split(' ')).filter(Boolean));
				return wanted.filter((commit) => merged.has(commit));
			});
			return new Set(held);
		},
		async texts(specs) {
			const wanted = [...new Set(specs)].sort();
			if (wanted.length === 0) return new Map<string, string>();
			// Keyed by commit ids: a file's text at a commit never changes. A symbolic link is read as
			// the file it leads to inside the repository (content/project.yaml linked to a shared one).
			const found = await remembered(store, ['texts', 'follow', ...wanted], async () => [...parseBatch(await run(['cat-file', '--batch', '--follow-symlinks'], `${wanted.join('\n')}\n`), wanted)]);
			return new Map(found);
		},
		async renamesSince(since) {
			const head = (await resolve(['HEAD'])).get('HEAD');
			if (!head) return [];
			// Keyed by both ends: the commits between two commits never change.
			return remembered(store, ['renames', since, head], async () => {
				const log = await run(['-c', 'log.showSignature=false', 'log', '-z', '-M', '--name-status', '--diff-filter=R', `--format=${RECORD}%H`, `${since}..${head}`, '--', '*.mdx', '*.md']);
				return parseLogRecords(log).flatMap(({ changes }) => changes.flatMap((c) => (c.paths.length === 2 ? [{ from: c.paths[0]!, to: c.paths[1]! }] : [])));
			});
		},
		async commitDates(commits) {
			const wanted = [...new Set(commits)].sort();
			if (wanted.length === 0) return new Map<string, string>();
			// Keyed by commit ids: a commit's date never changes.
			const dates = await remembered(store, ['dates', ...wanted], async () => {
				const out = await run(['-c', 'log.showSignature=false', 'show', '-s', '--no-walk=unsorted', `--format=%H${FIELD}%cI`, ...wanted]);
				return out.split('\n').flatMap((line) => {
					const [sha = '', date = ''] = line.split(FIELD);
					return sha && date ? [[sha, date] as const] : [];
				});
			});
			return new Map(dates);
		},
		async filesWith(commits, folder, strings) {
			const wanted = [...new Set(commits)].sort();
			const needles = [...new Set(strings)].sort();
			if (wanted.length === 0 || needles.length === 0) return [];
			return remembered(store, ['files-with', folder, ...wanted, '\0', ...needles], async () => {
				let out = '';
				try {
					// One process for every commit. One thread: git's threads cost more than they saved
					// (0.2 s against 0.08 s for 40 commits of 120 small files).
					out = await run(['grep', '--threads=1', '-l', '-z', '-I', '-F', ...needles.flatMap((n) => ['-e', n]), ...wanted, '--', `:(top,literal)${folder}`]);
				} catch (error) {
					// git grep exits 1 when nothing matched.
					if ((error as { code?: number }).code !== 1) throw error;
				}
				return out.split('\0').filter(Boolean);
			});
		},
		changedAfter(date) {
			return once(since, date, async () => {
				// Keyed by the commit HEAD names: a new commit is a new answer.
				const head = (await resolve(['HEAD'])).get('HEAD');
				const newest = await remembered(head ? store : undefined, ['since', codePrefix, date, head ?? ''], () => readChangedAfter(date, head ?? 'HEAD'));
				return new Map(newest);
			});
		},
	};
}
