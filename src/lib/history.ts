// The git history of content/ for this build, from the integration's context (read once per build).
import { root } from 'astro:config/server';
import { fileURLToPath } from 'node:url';
import { historyOf as buildHistory } from 'virtual:phasebook/context';
import type { FileHistory, GitHistory } from '../core/git-history.ts';

/**
 * `logger`: where its one warning goes; pass Astro.logger, so `phasebook build` prints it with the
 * build's other warnings at the end rather than in the middle of Astro's output.
 */
export function getHistory(logger?: { warn(message: string): void }): Promise<GitHistory> {
	return buildHistory(fileURLToPath(root), logger);
}

export async function historyOf(path: string): Promise<FileHistory | undefined> {
	return (await getHistory()).files.get(path);
}
