// The git history of content/ for this build, from the integration's context (read once per build).
import { root } from 'astro:config/server';
import { fileURLToPath } from 'node:url';
import { historyOf as buildHistory } from 'virtual:phasebook/context';
import type { FileHistory, GitHistory } from '../core/git-history.ts';

export function getHistory(): Promise<GitHistory> {
	return buildHistory(fileURLToPath(root));
}

export async function historyOf(path: string): Promise<FileHistory | undefined> {
	return (await getHistory()).files.get(path);
}
