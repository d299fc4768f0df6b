// Which commit a report judged, when `evidence import` is not told: the CI job's own variable, or
// the checkout's HEAD on a CI machine. A run without a commit cannot be held to its phase's range
// or its release, so the import finds one wherever CI says it.
import { posix, relative, sep } from 'node:path';
import { codeOf } from '../code-files.ts';
import { runGit, type RunGit } from '../git/repository.ts';
import { categorize } from '../path-patterns.ts';
import { DEFAULT_CATEGORIES, type CodeSettings } from '../schemas/code.ts';
import { COMMIT_ID } from '../schemas/common.ts';

/** Variables in which CI services name the commit a job checked out, in the order they are read. */
export const CI_COMMIT_VARIABLES = [
	'GITHUB_SHA', // GitHub Actions
	'CI_COMMIT_SHA', // GitLab CI, Woodpecker
	'BUILDKITE_COMMIT',
	'CIRCLE_SHA1', // CircleCI
	'BITBUCKET_COMMIT', // Bitbucket Pipelines
	'BUILD_SOURCEVERSION', // Azure Pipelines
	'TRAVIS_COMMIT',
	'DRONE_COMMIT_SHA',
	'GIT_COMMIT', // Jenkins' git plugin
] as const;

/** Whether this is a CI machine: `CI` set, as every CI service sets it, and not to 0, false or no. */
export function onCi(env: NodeJS.ProcessEnv = process.env): boolean {
	return Boolean(env['CI']) && !/^(?:0|false|no)$/i.test(env['CI']!);
}

/**
 * The commit `--commit` names, as git knows it: a tag, a branch or an abbreviated id becomes the
 * full id of its commit (an annotated tag's own object id is no commit). Refused when git is there
 * and knows no such commit: a run recorded against a commit git cannot place in any range was
 * judged on nothing the check can hold it to. Outside a repository, or without git, as given
 * (the import validates it).
 */
async function givenCommit(given: string, root: string, git: RunGit, named = `--commit ${given}`): Promise<{ commit?: string; refused?: string }> {
	try {
		const sha = (await git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${given}^{commit}`], root)).trim();
		if (COMMIT_ID.test(sha)) return { commit: sha };
	} catch {
		// Not a commit here, or no repository: told apart below.
	}
	let top: string;
	try {
		top = (await git(['rev-parse', '--show-toplevel'], root)).trim();
	} catch {
		return { commit: given };
	}
	return { refused: `${named} is not a commit of the repository at ${top}: pass the id (or tag) of the commit the report ran on, as git log shows it, with --commit` };
}

/**
 * The commit of a report: `given` (--commit) resolved by git (givenCommit); else the first CI
 * variable holding a commit id; else, on a CI machine (CI set, as every CI service sets it), the
 * HEAD of the project's repository, which the job checked out and tested. On a developer's machine
 * HEAD may not be what the report ran on (uncommitted changes), so no commit is guessed there.
 */
export async function reportCommit(given: string | undefined, root: string, env: NodeJS.ProcessEnv = process.env, git: RunGit = runGit): Promise<{ commit?: string; missing?: string; refused?: string }> {
	if (given !== undefined) return givenCommit(given, root, git);
	const invalid: string[] = [];
	for (const name of CI_COMMIT_VARIABLES) {
		const value = env[name]?.trim();
		// Resolved as --commit is: a variable left over from another job names no commit of this repository.
		if (value && COMMIT_ID.test(value)) return givenCommit(value, root, git, `${name}=${value}`);
		if (value) invalid.push(name);
	}
	if (!onCi(env)) return {};
	// On CI a run without its commit is worth a word: the check cannot hold it to the release.
	const variables = invalid.length ? `${invalid.join(' and ')} ${invalid.length === 1 ? 'holds' : 'hold'} no commit id (7 to 64 hexadecimal digits)` : 'no CI variable names the commit';
	const missing = `no commit recorded: CI is set, but ${variables} and git has no HEAD here; pass --commit <sha>`;
	try {
		const head = (await git(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], root)).trim();
		return COMMIT_ID.test(head) ? { commit: head } : { missing };
	} catch {
		return { missing };
	}
}

/**
 * What tools write, by extension: reports and data (JUnit .xml, lcov.info, go's cover.out, .sarif,
 * .trx, logs) and compiled artefacts. Untracked, such a file is a run's output wherever it lies
 * (tests/out/cov.xml), not code.
 */
const OUTPUT = /\.(?:xml|json|jsonl|ndjson|info|lcov|out|sarif|html?|txt|log|csv|trx|profraw|coverage|pyc|class|o|so|dll|exe|jar|map)$/i;

/**
 * Code files with changes not committed, when `commit` is the checkout's HEAD: a report of the
 * working tree recorded against HEAD (`--commit HEAD` after a local fix) credits HEAD with code it
 * does not hold. Code is what the gates judge (codeOf: no dotfiles, no prose of the docs category).
 * A file git does not track yet counts when it is also not configuration by `categories` nor a
 * tool's output by its extension (OUTPUT), since the reports being imported, and the others a run
 * wrote beside them, are untracked too; by category alone `spec/foo_spec.rb` or `app/Main.kt`,
 * "other", went unseen. Only files in the code's folder (`code.path`, from the program's folder)
 * count, and not the program's own (its documents, evidence, and npm install when it has a folder
 * of its own). Empty outside git.
 */
export async function uncommittedCode(
	commit: string,
	root: string,
	code: { path?: string | undefined; categories?: CodeSettings['categories'] | undefined; reports?: readonly string[] },
	git: RunGit = runGit,
): Promise<string[]> {
	const { path: codePath, categories } = code;
	try {
		const head = (await git(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], root)).trim();
		if (head !== commit) return [];
		const program = (await git(['rev-parse', '--show-prefix'], root)).trim();
		// No code.path: the whole repository.
		const folder = codePath === undefined ? '' : posix.normalize(posix.join(program || '.', codePath.replaceAll('\\', '/'))).replace(/^\.\/?$/, '');
		if (folder.startsWith('..')) return [];
		const codePrefix = folder === '' ? '' : `${folder.replace(/\/$/, '')}/`;
		// The reports being imported, from the repository's top: a tests/results.xml is one, not a test.
		const reports = new Set((code.reports ?? []).map((report) => `${program}${relative(root, report).split(sep).join('/')}`));
		const own = program !== '' && program !== codePrefix ? [program] : [`${program}content/`, `${program}templates/`];
		// Categories name paths from the code's folder, as the gates read them.
		const judged = codeOf(categories, ['docs']);
		const category = categorize(categories ?? DEFAULT_CATEGORIES);
		// An installed package git does not ignore is no code of the team's.
		const isCode = (path: string, untracked: boolean) => {
			const inCode = path.slice(codePrefix.length);
			if (untracked && (reports.has(path) || path.split('/').includes('node_modules'))) return false;
			return judged(inCode) && (!untracked || (category(inCode) !== 'configuration' && !OUTPUT.test(inCode)));
		};
		// Untracked files one by one (all), not their folder: ignored ones are left out.
		const status = await git(['status', '--porcelain=v1', '-z', '--untracked-files=all', '--no-renames'], root);
		return status
			.split('\0')
			.filter((entry) => entry.length > 3)
			.filter((entry) => {
				const path = entry.slice(3);
				return path.startsWith(codePrefix) && !own.some((folder) => path.startsWith(folder)) && isCode(path, entry.startsWith('??'));
			})
			.map((entry) => entry.slice(3));
	} catch {
		return [];
	}
}
