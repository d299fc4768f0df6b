// Path patterns of project.yaml and phase ranges: a folder (`tests/`), a file, or a glob.
import picomatch from 'picomatch';

export type PathMatcher = (path: string) => boolean;

const isGlob = (pattern: string) => /[*?[\]{}!]/.test(pattern);

/**
 * One pattern, as .gitignore reads them: `tests/` is a folder anywhere below the top when it has
 * no other slash, `src/a.ts` or `/tests/` a file or folder from the top, and a glob without a
 * slash (`*.lock`) matches a file name at any depth.
 */
export function pathPattern(pattern: string): PathMatcher {
	const anchored = pattern.startsWith('/');
	const clean = pattern.replace(/^\.\//, '').replace(/^\//, '');
	if (isGlob(clean)) {
		const match = picomatch(clean.replace(/\/$/, '/**'), { dot: true, basename: !anchored && !clean.includes('/') });
		return (path) => match(path);
	}
	const folder = clean.endsWith('/');
	const name = clean.replace(/\/$/, '');
	if (!anchored && !name.includes('/')) {
		// A bare name matches that file or folder at any depth, like `.gitignore` does.
		return (path) => {
			const parts = path.split('/');
			return folder ? parts.slice(0, -1).includes(name) : parts.includes(name);
		};
	}
	return (path) => path === name || path.startsWith(`${name}/`);
}

/**
 * The path a pattern names from the top (`src/a/`, `/tests`, `src/b.ts`): it matches that path and
 * everything below it. Undefined for a glob or a bare name, which can match at any depth.
 */
export function topPath(pattern: string): string | undefined {
	const anchored = pattern.startsWith('/');
	const clean = pattern.replace(/^\.\//, '').replace(/^\//, '');
	const name = clean.replace(/\/$/, '');
	if (isGlob(clean) || (!anchored && !name.includes('/'))) return undefined;
	return name;
}

/** Matches when any pattern does; an empty list matches nothing. */
export function anyPattern(patterns: readonly string[]): PathMatcher {
	const matchers = patterns.map(pathPattern);
	return (path) => matchers.some((m) => m(path));
}

/** Whether a row's file names several files: a folder (`tests/`) or a glob. */
export function isMultiPath(pattern: string): boolean {
	return pattern.endsWith('/') || isGlob(pattern);
}

/** The category of a path: the first of the project's rules (`code.categories`) that matches, else "other". */
export function categorize(categories: ReadonlyArray<{ name: string; paths: readonly string[] }>): (path: string) => string {
	const rules = categories.map((c) => ({ name: c.name, match: anyPattern(c.paths) }));
	return (path) => rules.find((r) => r.match(path))?.name ?? 'other';
}
