// Incidents in released code: an RCA detected after its phase shipped is judged on its own, on
// the evidence recorded since, and leaves the phase's verdict at its release as it was.
import { compareRuns, type StoredRun } from './evidence/store.ts';
import type { Program, SourceDocument } from './load.ts';
import { compareIds } from './order.ts';
import type { Readiness } from './readiness.ts';
import { findPhase, releaseEntry, sortedPhases } from './relations.ts';
import type { Rca } from './schemas/index.ts';

/** The release a phase shipped in, and its day: the phase's `release`, whose changelog entry is released. */
export interface Shipped {
	version: string;
	day: string;
}

/** The release a phase shipped in, or undefined while its release is not recorded and out. */
export function shippedIn(program: Program, phaseId: string): Shipped | undefined {
	const release = findPhase(program, phaseId)?.data.release;
	const entry = release === undefined ? undefined : releaseEntry(program, release);
	return entry?.data.status === 'released' ? { version: entry.data.version, day: entry.data.date } : undefined;
}

/**
 * The day a phase is judged on at `day`: that day, or its release day once it shipped, so an
 * allow-list entry that excused a finding when the phase shipped still does so.
 */
export function judgedOn(program: Program, phaseId: string, day: string): string {
	const shipped = shippedIn(program, phaseId);
	return shipped && shipped.day < day ? shipped.day : day;
}

/**
 * The release an RCA's incident was found in: its phase's, when it was detected after the day that
 * release came out. Such an RCA is of shipped code: the phase was judged ready when it shipped, and
 * reopening that verdict would leave the author nothing true to write. A same-day detection counts
 * as before the release, since a date cannot say which came first.
 */
export function foundAfterRelease(program: Program, rca: SourceDocument<Rca>): Shipped | undefined {
	const shipped = shippedIn(program, rca.data.phase);
	return shipped && rca.data.detected > shipped.day ? shipped : undefined;
}

/**
 * The runs an incident's regression tests are looked for in: the newest run of each gate of the
 * RCA's phase (a patch release's runs are recorded under it, after the phase's own), and the run
 * each later phase's gate is judged on (the code the fix landed in). Across them a failure wins.
 */
export function incidentRuns(program: Program, rca: SourceDocument<Rca>, runs: readonly StoredRun[], readiness: ReadonlyMap<string, Readiness>): StoredRun[] {
	const own = new Map<string, StoredRun>();
	for (const run of runs.filter((r) => r.phase === rca.data.phase).sort(compareRuns)) own.set(run.gate, run);
	const later = sortedPhases(program)
		.filter((p) => compareIds(p.id, rca.data.phase) > 0)
		.flatMap((p) => readiness.get(p.id)?.gates.flatMap((g) => (g.latest ? [g.latest] : [])) ?? []);
	return [...own.values(), ...later];
}

/** The runs an RCA's regression tests are judged on: its phase's judged runs, or an incident's (above). */
export function regressionRuns(program: Program, rca: SourceDocument<Rca>, runs: readonly StoredRun[], readiness: ReadonlyMap<string, Readiness>): StoredRun[] {
	if (foundAfterRelease(program, rca)) return incidentRuns(program, rca, runs, readiness);
	return readiness.get(rca.data.phase)?.gates.flatMap((g) => (g.latest ? [g.latest] : [])) ?? [];
}
