// A phase's readiness over time: its verdict recomputed at each moment its evidence or its
// documents changed (a run recorded, a commit to the phase report, its RCAs or reviews), then when
// each blocker opened and closed and how many were open, answering "how long has this phase been
// blocked, and by what". Project settings, templates and tasks are today's throughout.
import type { FileVersions } from './git/versions.ts';
import type { StoredRun } from './gate-status.ts';
import { judgedOn } from './incidents.ts';
import { parseDocument, type Program, type SourceDocument } from './load.ts';
import { phaseReadiness, type Blocker, type Readiness, type ReadinessInput } from './readiness.ts';
import { loadedOfPhase } from './relations.ts';
import type { Phase } from './schemas/index.ts';

/** The most recent moments a phase's history is recomputed at, so a long history stays cheap. */
export const HISTORY_EVENTS = 100;

export interface ReadinessSnapshot {
	/** ISO 8601 time. */
	at: string;
	blockers: readonly Blocker[];
}

export interface BlockerSpan extends Blocker {
	opened: string;
	/** When it stopped blocking; undefined while it still does. */
	closed?: string;
}

export interface ReadinessHistory {
	phase: string;
	/** Open blockers first, longest open first; then closed ones, most recently closed first. */
	spans: BlockerSpan[];
	/** How many blockers were open after each moment, oldest first. */
	series: { at: string; open: number }[];
	/** Not ready without a break since then; undefined when the phase is ready now. */
	blockedSince?: string;
}

/** Folds verdicts over time into blocker spans: a blocker is the same one while its key stays. */
export function readinessHistory(phase: string, snapshots: readonly ReadinessSnapshot[]): ReadinessHistory {
	const open = new Map<string, BlockerSpan>();
	const closed: BlockerSpan[] = [];
	const series: { at: string; open: number }[] = [];
	let blockedSince: string | undefined;
	for (const { at, blockers } of [...snapshots].sort((a, b) => Date.parse(a.at) - Date.parse(b.at))) {
		const now = new Map(blockers.map((b) => [b.key, b]));
		for (const [key, span] of open) {
			if (now.has(key)) continue;
			closed.push({ ...span, closed: at });
			open.delete(key);
		}
		for (const [key, blocker] of now) open.set(key, { ...blocker, opened: open.get(key)?.opened ?? at });
		if (open.size === 0) blockedSince = undefined;
		else blockedSince ??= at;
		series.push({ at, open: open.size });
	}
	const spans = [
		...[...open.values()].sort((a, b) => Date.parse(a.opened) - Date.parse(b.opened)),
		...closed.sort((a, b) => Date.parse(b.closed!) - Date.parse(a.closed!)),
	];
	return { phase, spans, series, ...(blockedSince ? { blockedSince } : {}) };
}

export interface TimelineInput extends Omit<ReadinessInput, 'today' | 'runs'> {
	runs: readonly StoredRun[];
	/** Committed versions of the phase's documents; empty without git (the evidence alone counts). */
	versions: FileVersions;
	/** The verdict the site shows now, and the moment it stands for. */
	now: { at: string; readiness: Readiness };
}

/**
 * The phase's verdict at each moment its runs or its documents' commits name, oldest first, and
 * the current one last. A document is taken as committed at that moment (an uncommitted edit only
 * counts now); one without any commit counts only now; without git history, every document counts
 * as it is today.
 */
export function readinessSnapshots(phase: SourceDocument<Phase>, input: TimelineInput): ReadinessSnapshot[] {
	const { program, runs, versions, now } = input;
	const rcas = loadedOfPhase(program, 'rca', phase.id);
	const reviews = loadedOfPhase(program, 'review', phase.id);
	const withGit = versions.size > 0;
	const moments = new Set<string>();
	for (const run of runs) if (run.phase === phase.id) moments.add(run.recordedAt);
	for (const doc of [phase, ...rcas, ...reviews]) for (const v of versions.get(doc.path) ?? []) moments.add(v.at);
	const times = [...moments]
		.filter((at) => Date.parse(at) < Date.parse(now.at))
		.sort((a, b) => Date.parse(a) - Date.parse(b))
		.slice(-HISTORY_EVENTS);
	const parsed = new Map<string, SourceDocument | undefined>();
	// A document as it was at `at`: its newest version then, absent before its first commit.
	const asOf = <T,>(doc: SourceDocument<T>, at: string): SourceDocument<T> | undefined => {
		const list = versions.get(doc.path);
		if (!list?.length) return withGit ? undefined : doc;
		const version = list.filter((v) => Date.parse(v.at) <= Date.parse(at)).at(-1);
		if (!version?.text) return undefined;
		const key = `${doc.path}\u0000${version.at}`;
		if (!parsed.has(key)) parsed.set(key, parseDocument(doc.type, doc.path, version.text).document);
		// A version the schema no longer reads stands in as today's document.
		return (parsed.get(key) as SourceDocument<T> | undefined) ?? doc;
	};
	const snapshots: ReadinessSnapshot[] = [];
	for (const at of times) {
		const then = asOf(phase, at);
		if (!then) continue;
		const others = (docs: readonly SourceDocument[], own: readonly SourceDocument[]) => [
			...docs.filter((d) => !own.includes(d)),
			...own.flatMap((d) => asOf(d, at) ?? []),
		];
		const programThen: Program = {
			...program,
			// Whether a document failed its schema then is not known from today's errors.
			invalid: [],
			documents: {
				...program.documents,
				phase: others(program.documents.phase, [phase]) as SourceDocument<Phase>[],
				rca: others(program.documents.rca, rcas) as Program['documents']['rca'],
				review: others(program.documents.review, reviews) as Program['documents']['review'],
			},
		};
		const runsThen = runs.filter((run) => Date.parse(run.recordedAt) <= Date.parse(at));
		const verdict = phaseReadiness(then, { ...input, program: programThen, runs: runsThen, today: judgedOn(programThen, phase.id, at.slice(0, 10)) });
		snapshots.push({ at, blockers: verdict.blockers });
	}
	snapshots.push({ at: now.at, blockers: now.readiness.blockers });
	return snapshots;
}
