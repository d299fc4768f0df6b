// Schema of project.yaml's `code`: where the program's code is, and how git history is read.
import * as z from 'zod';
import { nonEmpty } from './common.ts';

/** Categories of the change inventory, first match wins; a file no rule matches is "other". */
export const DEFAULT_CATEGORIES = [
	{ name: 'tests', paths: ['test/', 'tests/', '__tests__/', '*.test.*', '*.spec.*', 'test_*.py', '*_test.go'] },
	{ name: 'docs', paths: ['docs/', '*.md', '*.mdx', '*.rst', '*.txt', 'LICENSE'] },
	{
		name: 'configuration',
		paths: ['.*', '*.json', '*.yaml', '*.yml', '*.toml', '*.ini', '*.config.*', 'Dockerfile', 'Makefile'],
	},
	{ name: 'source', paths: ['src/', 'lib/', '*.ts', '*.js', '*.mjs', '*.cjs', '*.py', '*.go', '*.rs', '*.java', '*.sh'] },
];

export const DEFAULT_TAG_FORMAT = 'v{version}';

export const codeCategory = z.object({ name: nonEmpty, paths: z.array(nonEmpty).min(1) }).strict();

export const codeSettings = z
	.object({
		/** The code's folder, relative to the project root; default the git repository's top. */
		path: nonEmpty.optional(),
		/** Path patterns left out of inventories and of the git checks (lock files, generated code). */
		exclude: z.array(nonEmpty).default([]),
		/** The git tag of a release; `{version}` stands for the version without a leading v. */
		tag: nonEmpty
			.refine((t) => t.includes('{version}'), { message: 'expected a tag format containing {version}, such as v{version}' })
			.default(DEFAULT_TAG_FORMAT),
		categories: z.array(codeCategory).default(DEFAULT_CATEGORIES),
	})
	.strict();

/** A git revision as a phase pins it: one ref or commit, never a range or an option. */
export const gitRef = z
	.string()
	.regex(/^[^\s-][^\s]*$/, 'expected a commit, tag or branch name')
	.refine((r) => !r.includes('..'), { message: 'expected one commit, tag or branch, not a range' });

/** A phase's git range when tags do not give it: history that was never tagged, or a sub-tree. */
export const phaseRange = z
	.object({
		/** Exclusive, as in git's from..to; default the previous release. */
		from: gitRef.optional(),
		/** Inclusive; default the phase's release tag, or HEAD while it has none. */
		to: gitRef.optional(),
		/** Path patterns, relative to the code, that the phase's changes are limited to. */
		paths: z.array(nonEmpty).default([]),
	})
	.strict();

export type CodeSettings = z.output<typeof codeSettings>;
export type PhaseRange = z.output<typeof phaseRange>;

/** The tag a release is expected under: `v0.3.0` for release `0.3.0` or `v0.3.0` by default. */
export function releaseTag(release: string, format: string = DEFAULT_TAG_FORMAT): string {
	return format.replaceAll('{version}', releaseVersion(release));
}

/** A pre-release (0.3.0-rc.1): it goes out to be tried before its phase is ready or released. */
export function isPreRelease(version: string): boolean {
	return /^v?\d+\.\d+\.\d+-/.test(version);
}

/** A release's version as the changelog writes it: without the leading v. */
export function releaseVersion(release: string): string {
	return release.replace(/^v/, '');
}
