// Each phase's readiness history for this build: the documents' past versions from git (one
// cat-file for all of them), then the core's readinessSnapshots() and readinessHistory().
import { root } from 'astro:config/server';
import { fileURLToPath } from 'node:url';
import { readVersions } from '../core/git/versions.ts';
import { readinessHistory, readinessSnapshots, type ReadinessHistory } from '../core/readiness-history.ts';
import { getHistory } from './history.ts';
import { getAnalysis } from './program.ts';

let loading: Promise<Map<string, ReadinessHistory>> | undefined;

async function load(): Promise<Map<string, ReadinessHistory>> {
	const analysis = await getAnalysis();
	const { program, templates, runs, readiness, today, commitAge } = analysis;
	const git = await getHistory();
	const paths = [...program.documents.phase, ...program.documents.rca, ...program.documents.review].map((d) => d.path);
	const versions = git.warning ? new Map() : await readVersions(fileURLToPath(root), git, paths);
	// "Now" is the end of the build's day, so the page is the same for every build of that day.
	const now = `${today}T23:59:59Z`;
	const histories = new Map<string, ReadinessHistory>();
	for (const phase of program.documents.phase) {
		const current = readiness.get(phase.id);
		if (!current) continue;
		// By the settings the verdict is of: a released phase's, those it shipped under.
		const snapshots = readinessSnapshots(phase, { program, project: current.settings, templates, runs, versions, commitAge, now: { at: now, readiness: current } });
		histories.set(phase.id, readinessHistory(phase.id, snapshots));
	}
	return histories;
}

/** Every phase's readiness history, computed once per build (in dev, once per request). */
export function getReadinessHistories(): Promise<Map<string, ReadinessHistory>> {
	if (import.meta.env.DEV) return load();
	loading ??= load();
	return loading;
}
