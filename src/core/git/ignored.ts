// Which of some paths git ignores (.gitignore and the like): files a repository never holds.
import { isAbsolute, posix } from 'node:path';
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

/** The ignore rule that leaves a path out of the repository, and the line that would let it in. */
export interface IgnoreRule {
	/** The file holding the pattern, relative to the repository's top (or git's path for it). */
	source: string;
	line: number;
	pattern: string;
	/** A line that re-includes the program's evidence, for that file; undefined outside the work tree. */
	negation?: string;
}

/**
 * Whether git ignores `path` (relative to `root`), and by which pattern: a run under
 * `content/evidence/<phase>/coverage/` matches a `coverage/` line many repositories have, so `git
 * add` leaves it out and no clone has it. `prefix` is the program's folder in the repository
 * (`docs/`, or '' at its top). Without git, or when nothing ignores the path: undefined.
 */
export async function ignoreRule(root: string, path: string, prefix: string, git: RunGit = runGit): Promise<IgnoreRule | undefined> {
	let out: string;
	try {
		out = await git(['check-ignore', '-v', '-z', '--stdin'], root, `${path}\0`);
	} catch {
		return undefined;
	}
	const [source = '', line = '', pattern = ''] = out.split('\0');
	// A negated pattern matched last: git keeps the file.
	if (!source || pattern.startsWith('!')) return undefined;
	const rule: IgnoreRule = { source, line: Number(line), pattern };
	if (!isAbsolute(source) && !source.startsWith('.git/')) {
		rule.negation = `!/${posix.relative(posix.dirname(source), `${prefix}content/evidence`)}/**`;
	}
	return rule;
}

/** The rule as a reader finds it, and what to do: `line 2 of .gitignore, "coverage/"`; `add the line … after it`. */
export function describeIgnoreRule(rule: IgnoreRule): { where: string; fix: string } {
	return {
		where: `line ${rule.line} of ${rule.source}, "${rule.pattern}"`,
		fix: rule.negation ? `add the line ${rule.negation} after it` : 'let git keep content/evidence/',
	};
}
