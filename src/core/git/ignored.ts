// Which of some paths git ignores (.gitignore and the like): files a repository never holds.
import { runGit, type RunGit } from './repository.ts';

/**
 * Of `paths` (relative to `root`), those git ignores. One `git check-ignore`; a tracked file is
 * not ignored whatever the patterns say. Without git, or when git fails, none.
 */
export async function ignoredPaths(root: string, paths: readonly string[], git: RunGit = runGit): Promise<Set<string>> {
	if (paths.length === 0) return new Set();
	try {
		const out = await git(['check-ignore', '-z', '--stdin'], root, `${paths.join('\0')}\0`);
		return new Set(out.split('\0').filter(Boolean));
	} catch {
		// Exit code 1: none of them is ignored. Anything else (no git, no repository): none known.
		return new Set();
	}
}
