// Pure look-ups over a loaded program: ordered lists and the documents that belong to a phase.
import type { Program, SourceDocument } from '../core/load.ts';
import type { ChangelogEntry, Handoff, Phase, Rca, Review, Task } from '../core/schemas/index.ts';
import { compareIds, compareSemver, compareText } from '../core/order.ts';

type Docs<T> = SourceDocument<T>[];

/** Phases in natural id order ("2" before "10"). */
export function sortedPhases(program: Program): Docs<Phase> {
	return [...program.documents.phase].sort((a, b) => compareIds(a.id, b.id));
}

export function sortedRcas(program: Program): Docs<Rca> {
	return [...program.documents.rca].sort((a, b) => compareIds(a.id, b.id));
}

/** Handoffs and reviews by phase, then date, then id. */
function byPhaseThenDate<T extends { phase: string; date: string }>(docs: Docs<T>): Docs<T> {
	return [...docs].sort(
		(a, b) => compareIds(a.data.phase, b.data.phase) || compareText(a.data.date, b.data.date) || compareIds(a.id, b.id),
	);
}

export const sortedHandoffs = (program: Program): Docs<Handoff> => byPhaseThenDate(program.documents.handoff);
export const sortedReviews = (program: Program): Docs<Review> => byPhaseThenDate(program.documents.review);

/** Changelog entries newest first: by semantic version, then date. */
export function sortedChangelog(program: Program): Docs<ChangelogEntry> {
	return [...program.documents.changelog].sort(
		(a, b) => compareSemver(b.data.version, a.data.version) || compareText(b.data.date, a.data.date),
	);
}

export function findPhase(program: Program, id: string): SourceDocument<Phase> | undefined {
	return program.documents.phase.find((p) => p.id === id);
}

export function rcasOfPhase(program: Program, phase: string): Docs<Rca> {
	return sortedRcas(program).filter((r) => r.data.phase === phase);
}

export function handoffsOfPhase(program: Program, phase: string): Docs<Handoff> {
	return sortedHandoffs(program).filter((h) => h.data.phase === phase);
}

export function reviewsOfPhase(program: Program, phase: string): Docs<Review> {
	return sortedReviews(program).filter((r) => r.data.phase === phase);
}

export function findTask(program: Program, id: string): Task | undefined {
	return program.tasks.find((t) => t.id === id);
}

/** The changelog entry that released a tag such as v0.1.0, if there is one. */
export function releaseEntry(program: Program, tag: string): SourceDocument<ChangelogEntry> | undefined {
	const version = tag.replace(/^v/, '');
	return program.documents.changelog.find((c) => c.data.version.replace(/^v/, '') === version);
}

/** The phases before and after one, in id order. */
export function neighbours(
	program: Program,
	id: string,
): { previous: SourceDocument<Phase> | undefined; next: SourceDocument<Phase> | undefined } {
	const phases = sortedPhases(program);
	const at = phases.findIndex((p) => p.id === id);
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
