// The git history of content/ for this build: read once, warned about once, shared by every page.
import { root } from 'astro:config/server';
import { fileURLToPath } from 'node:url';
import { readGitHistory, type FileHistory, type GitHistory } from '../core/git-history.ts';

const KEY = Symbol.for('phasebook.git-history');
const holder = globalThis as unknown as Record<symbol, Promise<GitHistory> | undefined>;

/** Where the one warning goes: Astro's logger, so the build prints it with the other warnings. */
interface Warner {
	warn(message: string): void;
}

async function load(root: string, logger: Warner): Promise<GitHistory> {
	const history = await readGitHistory(root);
	if (history.warning) {
		logger.warn(
			`No "last updated" dates or contributors: ${history.warning}. ` +
				'They are left out rather than shown wrong; build from a full clone (actions/checkout with fetch-depth: 0) to show them.',
		);
	}
	return history;
}

/** Loads the history once per build (the promise is shared, so the warning prints once). */
export function getHistory(logger: Warner = console): Promise<GitHistory> {
	holder[KEY] ??= load(fileURLToPath(root), logger);
	return holder[KEY];
}

export async function historyOf(path: string): Promise<FileHistory | undefined> {
	return (await getHistory()).files.get(path);
}
