// Pure look-ups over a loaded program: ordered lists and the documents that belong to a phase.
import type { Program, SourceDocument } from './load.ts';
import type { ChangelogEntry, Handoff, Phase, Rca, Review, Task } from './schemas/index.ts';
import { compareIds, compareSemver, compareText } from './order.ts';

type Docs<T> = SourceDocument<T>[];

/**
 * Every page asks for these lists, so each is computed once per program (a loaded program is never
 * changed; the dev server loads a new one on an edit). Sorting per page made a build of N pages
 * over N documents quadratic. The lists are shared: callers copy before changing one.
 */
const memo = new WeakMap<Program, Map<string, unknown>>();
function once<T>(program: Program, key: string, make: () => T): T {
	let cache = memo.get(program);
	if (!cache) memo.set(program, (cache = new Map()));
	if (!cache.has(key)) cache.set(key, make());
	return cache.get(key) as T;
}

/** Documents grouped by the phase they belong to, in the order of the list given. */
function byPhase<T extends { phase: string }>(docs: Docs<T>): Map<string, Docs<T>> {
	const groups = new Map<string, Docs<T>>();
	for (const doc of docs) {
		const group = groups.get(doc.data.phase);
		if (group) group.push(doc);
		else groups.set(doc.data.phase, [doc]);
	}
	return groups;
}

/** Phases in natural id order ("2" before "10"). */
export function sortedPhases(program: Program): Docs<Phase> {
	return once(program, 'phases', () => [...program.documents.phase].sort((a, b) => compareIds(a.id, b.id)));
}

export function sortedRcas(program: Program): Docs<Rca> {
	return once(program, 'rcas', () => [...program.documents.rca].sort((a, b) => compareIds(a.id, b.id)));
}

/** Handoffs and reviews by phase, then date, then id. */
function byPhaseThenDate<T extends { phase: string; date: string }>(docs: Docs<T>): Docs<T> {
	return [...docs].sort(
		(a, b) => compareIds(a.data.phase, b.data.phase) || compareText(a.data.date, b.data.date) || compareIds(a.id, b.id),
	);
}

export const sortedHandoffs = (program: Program): Docs<Handoff> => once(program, 'handoffs', () => byPhaseThenDate(program.documents.handoff));
export const sortedReviews = (program: Program): Docs<Review> => once(program, 'reviews', () => byPhaseThenDate(program.documents.review));

/** Changelog entries newest first: by semantic version, then date. */
export function sortedChangelog(program: Program): Docs<ChangelogEntry> {
	return once(program, 'changelog', () =>
		[...program.documents.changelog].sort((a, b) => compareSemver(b.data.version, a.data.version) || compareText(b.data.date, a.data.date)),
	);
}

/**
 * The phases each phase depends on, directly or through others (`dependsOn`): their code came
 * before its own. A phase in a dependency cycle is not its own dependency.
 */
export function phaseDependencies(program: Program, id: string): ReadonlySet<string> {
	// Once per phase and program: traceability asks for each handoff's phase, and a program of a
	// hundred chained phases walked every chain once per handoff (0.15 s of a check).
	return once(program, `dependencies ${id}`, () => {
		const seen = new Set<string>();
		for (const queue = [...(findPhase(program, id)?.data.dependsOn ?? [])]; queue.length > 0; ) {
			const next = queue.pop()!;
			if (seen.has(next) || next === id) continue;
			seen.add(next);
			queue.push(...(findPhase(program, next)?.data.dependsOn ?? []));
		}
		return seen;
	});
}

export function findPhase(program: Program, id: string): SourceDocument<Phase> | undefined {
	return once(program, 'phase-by-id', () => new Map(program.documents.phase.map((p) => [p.id, p]))).get(id);
}

/** The document loaded from a path under the project, looked up in a map made once per program. */
export function documentAt(program: Program, path: string): SourceDocument<Record<string, unknown>> | undefined {
	return once(program, 'document-by-path', () => {
		const all = Object.values(program.documents).flat() as SourceDocument<Record<string, unknown>>[];
		return new Map(all.map((d) => [d.path, d]));
	}).get(path);
}

/**
 * A phase's RCAs or reviews in the order they were loaded (by file path), shared: readiness asks
 * once per phase, and filtering every document per phase made 1,000 phases cost 4 million tests.
 */
export function loadedOfPhase<K extends 'rca' | 'review'>(program: Program, type: K, phase: string): readonly Program['documents'][K][number][] {
	const groups = once(program, `${type}-loaded-by-phase`, () => byPhase<{ phase: string }>(program.documents[type]));
	return (groups.get(phase) ?? []) as Program['documents'][K][number][];
}

export function rcasOfPhase(program: Program, phase: string): Docs<Rca> {
	return [...(once(program, 'rcas-by-phase', () => byPhase(sortedRcas(program))).get(phase) ?? [])];
}

export function handoffsOfPhase(program: Program, phase: string): Docs<Handoff> {
	return [...(once(program, 'handoffs-by-phase', () => byPhase(sortedHandoffs(program))).get(phase) ?? [])];
}

export function reviewsOfPhase(program: Program, phase: string): Docs<Review> {
	return [...(once(program, 'reviews-by-phase', () => byPhase(sortedReviews(program))).get(phase) ?? [])];
}

/** The first task with this id, from a map made once per program. */
export function findTask(program: Program, id: string): Task | undefined {
	return once(program, 'task-by-id', () => {
		const byId = new Map<string, Task>();
		for (const task of program.tasks) if (!byId.has(task.id)) byId.set(task.id, task);
		return byId;
	}).get(id);
}

/** The changelog entry that released a tag such as v0.1.0, if there is one. */
export function releaseEntry(program: Program, tag: string): SourceDocument<ChangelogEntry> | undefined {
	// A map made once per program: readiness asks for each RCA of each phase, at each moment of its history.
	const byVersion = once(program, 'changelog-by-version', () => {
		const entries = new Map<string, SourceDocument<ChangelogEntry>>();
		for (const c of program.documents.changelog) {
			const version = c.data.version.replace(/^v/, '');
			if (!entries.has(version)) entries.set(version, c);
		}
		return entries;
	});
	return byVersion.get(tag.replace(/^v/, ''));
}

/** The phases before and after one, in id order. */
export function neighbours(
	program: Program,
	id: string,
): { previous: SourceDocument<Phase> | undefined; next: SourceDocument<Phase> | undefined } {
	const phases = sortedPhases(program);
	const at = once(program, 'phase-index', () => new Map(phases.map((p, i) => [p.id, i]))).get(id) ?? -1;
	return { previous: at > 0 ? phases[at - 1] : undefined, next: at >= 0 ? phases[at + 1] : undefined };
}

/** RCAs that are not yet resolved (open or mitigated), most severe first, then by id. */
export function unresolvedRcas(program: Program, severities: readonly string[]): Docs<Rca> {
	return sortedRcas(program)
		.filter((r) => r.data.status !== 'resolved')
		.sort((a, b) => severities.indexOf(a.data.severity) - severities.indexOf(b.data.severity));
}

/** Distinct values in first-seen order of a sorted list, for filter options. */
export function distinct(values: readonly string[]): string[] {
	return [...new Set(values)];
}

/**
 * The phase a version patches: the one whose release is the newest of the same major and minor
 * before it (phase 1 for 0.1.2 after its 0.1.0, and after a 0.1.1 of its own). Undefined for a
 * pre-release, a new minor or major, and a version no phase released the line of.
 */
export function patchedPhase(program: Program, version: string): string | undefined {
	const [major, minor, patch] = semverCore(version) ?? [];
	if (patch === undefined) return undefined;
	let found: { id: string; patch: number } | undefined;
	for (const phase of program.documents.phase) {
		const release = phase.data.release && semverCore(phase.data.release);
		if (!release || release[0] !== major || release[1] !== minor || release[2] >= patch) continue;
		if (!found || release[2] > found.patch) found = { id: phase.id, patch: release[2] };
	}
	return found?.id;
}

/** Major, minor and patch of a release version (v1.2.3, 1.2.3, 1.2.3+build.1); undefined for a pre-release or anything else. */
function semverCore(version: string): [number, number, number] | undefined {
	const match = /^v?(\d+)\.(\d+)\.(\d+)(?:\+[0-9A-Za-z.-]+)?$/.exec(version);
	return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : undefined;
}
