// What differs from git HEAD, for `check --changed`. Light on purpose (git and no schema): the
// check asks git first, and a commit that touches no document, setting, template or evidence
// file is answered before the program, the schemas and the rules are loaded at all.
import { LOCATE, locatedBy, runGit, type Located, type RunGit } from './git/repository.ts';

/** What git says differs from HEAD: the files, or why it cannot say. */
export interface ChangedFiles {
	files?: string[];
	/**
	 * Files whose staged version differs from both HEAD and the working tree (`git add -p`, or an
	 * edit after `git add`): the check reads the working tree, a commit takes the staged one.
	 */
	partlyStaged?: string[];
	/** Files removed from HEAD, staged or not (a rename's old path too): a link to one is broken now. */
	removed?: string[];
	reason?: string;
	/**
	 * Where git places the project, asked in the same process as HEAD's prefix (locateRepository's
	 * answer, which the analysis then need not ask for again); absent when git could not answer.
	 */
	located?: Located;
}

/**
 * Paths under the project (relative to `root`, forward slashes) that differ from HEAD: staged,
 * unstaged and untracked files. Undefined, with the reason, when git cannot say.
 */
export async function changedFiles(root: string, git: RunGit = runGit): Promise<ChangedFiles> {
	// Asked straight away, in two processes at once (a process costs a pre-commit hook tens of
	// milliseconds); why git could not answer is found out only when it could not. `status` tells
	// staged from unstaged: a file staged with an error and put back as it was in the working tree
	// differs from HEAD only in what the commit would take. Its paths are the repository's, so the
	// folder's own prefix is asked with HEAD, which fails in a repository with no commit yet; with
	// what locateRepository asks, so the analysis starts no process of its own for it.
	const answers = await Promise.allSettled([
		git(['--no-optional-locks', 'status', '--porcelain=v1', '-z', '--untracked-files=all', '--no-renames', '--', '.'], root),
		git([...LOCATE, 'HEAD'], root),
	]);
	if (answers[0].status === 'fulfilled' && answers[1].status === 'fulfilled') {
		const located = locatedBy(answers[1].value);
		const prefix = located.prefix!;
		const files: string[] = [];
		const partlyStaged: string[] = [];
		const removed: string[] = [];
		// Each entry is `XY path`: X the index against HEAD, Y the working tree against the index.
		for (const entry of answers[0].value.split('\0')) {
			if (entry.length < 4 || !entry.startsWith(prefix, 3)) continue;
			const path = entry.slice(3 + prefix.length);
			files.push(path);
			if (entry[0] !== ' ' && entry[0] !== '?' && entry[1] !== ' ') partlyStaged.push(path);
			if (entry[0] === 'D' || entry[1] === 'D') removed.push(path);
		}
		return { files: files.sort(), ...(partlyStaged.length > 0 && { partlyStaged: partlyStaged.sort() }), ...(removed.length > 0 && { removed: removed.sort() }), located };
	}
	try {
		await git(['rev-parse', '--verify', '--quiet', 'HEAD'], root);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { reason: 'git is not installed' };
		try {
			await git(['rev-parse', '--show-toplevel'], root);
		} catch {
			return { reason: `${root} is not inside a git repository` };
		}
		// Without a commit yet, everything is new.
		return { reason: 'the repository has no commit yet' };
	}
	// HEAD is there, yet git failed (a corrupt index, say): its own message says why.
	const failed = answers.find((a) => a.status === 'rejected')!.reason as { stderr?: unknown; message?: unknown };
	const said = String(failed.stderr || failed.message || failed).trim().split('\n')[0]!.replace(/^(fatal|error): /, '');
	return { reason: `git failed: ${said}` };
}

/**
 * Files whose change can alter any document's findings: the settings, the tasks, the templates, the
 * evidence; and public/, which the build copies as it is (its links are judged with the program).
 */
export const programWide = (path: string): boolean =>
	path === 'content/project.yaml' || path === 'content/tasks.yaml' || path.startsWith('templates/') || path.startsWith('content/evidence/') || path.startsWith('public/');

/** A document's file, added, edited or removed (a folder's README.md is the authors' note, no document). */
export const isDocumentPath = (path: string): boolean => /^content\/.+\.mdx?$/.test(path) && !/(?:^|\/)readme\.md$/i.test(path);

/**
 * Whether a change to these files can change any document's findings. When none can, `check
 * --changed` has nothing to check: changedScope would find no document in scope.
 */
export const touchesDocuments = (files: readonly string[]): boolean => files.some((path) => programWide(path) || isDocumentPath(path));

/**
 * Whether `check --changed` has anything to check: a document, setting, template or evidence file
 * changed, or any file was removed, which a document may link (an image, a file of the code).
 */
export const changesFindings = (changes: ChangedFiles): boolean => touchesDocuments(changes.files ?? []) || (changes.removed?.length ?? 0) > 0;

/** What `check --changed` says it checked when no document, setting, template or evidence file changed. */
export const NOTHING_CHANGED = 'no document, setting, template, evidence or public/ file differs from HEAD, and no file was removed, so there is nothing to check';
