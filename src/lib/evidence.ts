// Formatting of evidence for the pages: run times, durations, finding counts, messages, blocker kinds.
// Pure; the verdicts themselves come from the core (gate-status.ts, readiness.ts).
import type { StoredRun } from '../core/gate-status.ts';
import type { BlockerRule } from '../core/readiness.ts';
import { findingLevels } from '../core/schemas/index.ts';
import { formatDate } from './dates.ts';
import { plural } from './labels.ts';

type FindingLevel = (typeof findingLevels)[number];

/** "12 Aug 2026 09:14 UTC" from an ISO date-time (recorded in UTC by the importer). */
export function formatRunTime(iso: string): string {
	const utc = new Date(iso);
	if (Number.isNaN(utc.getTime())) return iso;
	const stamp = utc.toISOString();
	return `${formatDate(stamp.slice(0, 10))} ${stamp.slice(11, 16)} UTC`;
}

/** "850 ms", "12.4 s", "3 min 05 s", "1 h 02 min". */
export function formatDuration(ms: number): string {
	if (ms < 1000) return `${Math.round(ms)} ms`;
	const seconds = ms / 1000;
	if (seconds < 60) return `${Number(seconds.toFixed(1))} s`;
	const whole = Math.round(seconds);
	if (whole < 3600) return `${Math.floor(whole / 60)} min ${String(whole % 60).padStart(2, '0')} s`;
	const minutes = Math.round(whole / 60);
	return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** How many report names a gate page shows of a run made from many (Surefire writes one per class). */
export const SOURCE_FILES_SHOWN = 10;

/**
 * The report a run was made from, or all of them: "reports/unit.xml", "3 reports: a.xml, b.xml,
 * c.xml", and past SOURCE_FILES_SHOWN the first ones and "and 290 more" (the run's JSON has all).
 */
export function sourceFiles(source: Pick<StoredRun['source'], 'file' | 'files'>, shown = SOURCE_FILES_SHOWN): string {
	const files = source.files?.length ? source.files : [source.file];
	if (files.length === 1) return files[0]!;
	const rest = files.length - shown;
	const names = rest > 0 ? `${files.slice(0, shown).join(', ')} and ${rest} more` : files.join(', ');
	return `${plural(files.length, 'report')}: ${names}`;
}

/** How many findings of each level a run has, most severe first, only levels that occur. */
export function findingCounts(run: Pick<StoredRun, 'findings'>): { level: FindingLevel; count: number }[] {
	return findingLevels
		.map((level) => ({ level, count: run.findings?.filter((f) => f.severity === level).length ?? 0 }))
		.filter((c) => c.count > 0);
}

/**
 * How many findings one page lists. A run can hold 200,000 (a 78 MB page and 2.6 GB of memory
 * before); past this many the page counts the rest and links the whole run as JSON.
 */
export const FINDINGS_PER_PAGE = 500;

/** The most severe findings first, at most `limit` of them: one pass, in the run's order per level. */
export function listedFindings<T extends { severity: FindingLevel }>(findings: readonly T[], limit = FINDINGS_PER_PAGE): T[] {
	const byLevel = new Map<FindingLevel, T[]>(findingLevels.map((level) => [level, []]));
	for (const finding of findings) {
		const list = byLevel.get(finding.severity)!;
		if (list.length < limit) list.push(finding);
	}
	return findingLevels.flatMap((level) => byLevel.get(level)!).slice(0, limit);
}

/** The first line of a failure message, for a table cell; the full text goes in a <details>. */
export function firstLine(message: string): { head: string; more: boolean } {
	const text = message.trim();
	const end = text.indexOf('\n');
	return end === -1 ? { head: text, more: false } : { head: text.slice(0, end).trimEnd(), more: true };
}

const blockerKinds: Record<BlockerRule, string> = {
	report: 'Report',
	gate: 'Gate',
	coverage: 'Coverage',
	security: 'Security finding',
	rca: 'RCA',
	review: 'Review finding',
	reviewer: 'Reviewer’s blocker',
	deliverable: 'Deliverable',
	deferred: 'Deferred item',
	regression: 'Regression test',
	unreadable: 'Unreadable file',
};

/** What kind of condition a blocker is, for the line under it. */
export function blockerKind(rule: BlockerRule): string {
	return blockerKinds[rule];
}

/** "2 of 6 phases are ready", "1 of 6 phases is ready", "0 of 1 phase is ready". */
export function readyCount(ready: number, total: number): string {
	const verb = ready === 1 || total === 1 ? 'is' : 'are';
	return `${ready} of ${plural(total, 'phase')} ${verb} ready`;
}
