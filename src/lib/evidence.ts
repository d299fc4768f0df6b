// One-line summaries of an evidence run for tables: what the run found, in words. Pure formatting;
// the verdicts themselves come from the core (gate-status.ts, readiness.ts).
import type { StoredRun } from '../core/gate-status.ts';
import { formatDate } from './dates.ts';
import { plural } from './labels.ts';

/** "412 passed, 2 failed, 3 skipped", "lines 86.9 %", "0 high or critical of 4 findings". */
export function runSummary(run: StoredRun): string {
	const parts: string[] = [];
	if (run.tests) {
		const { passed, failed, skipped } = run.tests;
		parts.push([`${passed} passed`, `${failed} failed`, skipped ? `${skipped} skipped` : ''].filter(Boolean).join(', '));
	}
	if (run.coverage) parts.push(`lines ${run.coverage.lines} %, branches ${run.coverage.branches} %`);
	if (run.findings) {
		const severe = run.findings.filter((f) => f.severity === 'critical' || f.severity === 'high').length;
		parts.push(`${severe} high or critical of ${plural(run.findings.length, 'finding')}`);
	}
	return parts.join('; ');
}

/** "12 Aug 2026 09:14 UTC" from an ISO date-time (recorded in UTC by the importer). */
export function formatRunTime(iso: string): string {
	const utc = new Date(iso);
	if (Number.isNaN(utc.getTime())) return iso;
	const stamp = utc.toISOString();
	return `${formatDate(stamp.slice(0, 10))} ${stamp.slice(11, 16)} UTC`;
}
