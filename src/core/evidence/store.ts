// The evidence store: content/evidence/<phase>/<gate>/<run>.json, read back, validated and ordered.
import { finding, type Finding } from '../findings.ts';
import { compareIds } from '../order.ts';
import type { Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import { evidenceRunSchema, type EvidenceRun } from '../schemas/index.ts';
import { EvidenceError, lineColumn } from './errors.ts';
import { coverageContradiction } from './coverage-figures.ts';
import { readRegularFile } from '../files.ts';
import { formatJsonPath, locateJsonPath, parseJson } from './json.ts';
import { MAX_REPORT_BYTES } from './text.ts';

export const EVIDENCE_DIR = 'content/evidence';

export type StoredRun = EvidenceRun & {
	/** The run file, relative to the root, with forward slashes. */
	path: string;
};

/** The file name of a new run: `2025-06-01T12-30-00Z-abc1234.json` (colons are not portable). */
export function runFileName(recordedAt: string, commit: string | undefined, attempt = 1): string {
	const stamp = recordedAt.replace(/\.\d+Z$/, 'Z').replaceAll(':', '-');
	const tag = commit ? commit.slice(0, 7).toLowerCase() : 'run';
	return `${stamp}-${tag}${attempt > 1 ? `-${attempt}` : ''}.json`;
}

/** The name an import gives a run file: its time recorded, its commit's short id (or `run`), an attempt. */
const RUN_FILE = /^(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z)-([0-9a-f]{7}|run)(?:-\d+)?\.json$/;

/**
 * A run whose commit or time recorded is not the one its file is named after: edited by hand
 * since its import (a run of commit A re-labelled as HEAD read READY on A's tests). Files named
 * otherwise (copied in by hand, from before this naming) are not asked.
 */
function editedSinceImport(file: string, run: EvidenceRun): { field: 'commit' | 'recordedAt'; message: string } | undefined {
	const named = RUN_FILE.exec(file);
	if (!named) return undefined;
	const expected = RUN_FILE.exec(runFileName(run.recordedAt, run.commit))!;
	if (named[2] !== expected[2]) {
		return {
			field: 'commit',
			message: `commit: ${run.commit ? `"${run.commit}"` : 'none'}, but the run's file is named after commit ${named[2] === 'run' ? 'none' : named[2]}, as its import named it: a run is evidence of the commit it was imported for; import the report of the other commit instead of editing the run`,
		};
	}
	if (named[1] !== expected[1]) {
		return {
			field: 'recordedAt',
			message: `recordedAt: "${run.recordedAt}", but the run's file is named after ${named[1]}, as its import named it: the latest run is the one recorded last, so the time is not edited`,
		};
	}
	return undefined;
}

/** Runs ordered by phase, gate, time recorded, then path (ids compare numerically: 2 before 10). */
export function compareRuns(a: StoredRun, b: StoredRun): number {
	return (
		compareIds(a.phase, b.phase) ||
		compareIds(a.gate, b.gate) ||
		Date.parse(a.recordedAt) - Date.parse(b.recordedAt) ||
		(a.path < b.path ? -1 : a.path > b.path ? 1 : 0)
	);
}

/** Reads and validates every run under content/evidence; problems are collected as findings. */
export async function loadEvidence(
	root: string,
): Promise<{ runs: StoredRun[]; errors: Finding[] }> {
	const folder = join(root, EVIDENCE_DIR);
	let entries: Dirent[];
	try {
		entries = await readdir(folder, { recursive: true, withFileTypes: true });
	} catch {
		return { runs: [], errors: [] };
	}
	// Folders are only containers (one named `zz.json` too); links and pipes go to the reader,
	// which refuses them with a finding.
	const names = entries
		.filter((entry) => !entry.isDirectory())
		.map((entry) => relative(folder, join(entry.parentPath, entry.name)));
	const leftovers = names.filter((name) => /\.tmp$/.test(name) && basename(name).startsWith('.'));
	const files = names
		.filter((name) => name.endsWith('.json') && !name.split(sep).some((part) => part.startsWith('.')))
		.sort();
	const runs: StoredRun[] = [];
	const errors: Finding[] = [];
	for (const name of leftovers) {
		const path = relative(root, join(folder, name)).split(sep).join('/');
		errors.push(
			finding(path, 1, 'warning', 'A temporary file left by an interrupted evidence import; it holds no run and is safe to delete', 'evidence/leftover'),
		);
	}
	for (const name of files) {
		const path = relative(root, join(folder, name)).split(sep).join('/');
		const read = readRegularFile(join(folder, name), { maxBytes: MAX_REPORT_BYTES, root });
		if (read.problem) {
			errors.push(finding(path, 1, 'error', read.problem.message, read.problem.ruleId));
			continue;
		}
		const text = read.bytes.toString('utf8');
		const problem = (offset: number, message: string) => {
			const { line, column } = lineColumn(text, offset);
			errors.push(finding(path, line, 'error', message, 'evidence/schema', column));
		};
		let json: unknown;
		try {
			json = parseJson(text, path);
		} catch (error) {
			if (!(error instanceof EvidenceError)) throw error;
			const { line = 1, column = 1 } = error.finding;
			errors.push(finding(path, line, 'error', error.message, 'evidence/schema', column));
			continue;
		}
		const result = evidenceRunSchema.safeParse(json);
		if (!result.success) {
			for (const issue of result.error.issues) {
				const where = issue.path.length ? `${formatJsonPath(issue.path)}: ` : '';
				problem(locateJsonPath(text, issue.path), `${where}${issue.message}`);
			}
			continue;
		}
		const run = result.data;
		// The counts are the cases counted at import: a run edited to say "0 failed" above a failed
		// case would pass its gate on the page that lists the failure.
		const counted = run.tests && run.cases?.length ? (['total', 'passed', 'failed', 'skipped'] as const).find((key) => run.tests![key] !== (key === 'total' ? run.cases!.length : run.cases!.filter((c) => c.status === key).length)) : undefined;
		if (counted) {
			const cases = counted === 'total' ? run.cases!.length : run.cases!.filter((c) => c.status === counted).length;
			problem(locateJsonPath(text, ['tests', counted]), `tests.${counted}: ${run.tests![counted]}, but the run lists ${cases} ${counted === 'total' ? '' : `${counted} `}case${cases === 1 ? '' : 's'}; the counts must be those of its cases`);
			continue;
		}
		const contradiction = run.coverage && coverageContradiction(run.coverage);
		if (contradiction) {
			const { metric, stated, files } = contradiction;
			problem(locateJsonPath(text, ['coverage', metric]), `coverage.${metric}: ${stated} %, but its files give ${files} %; the figures must be those of its files`);
			continue;
		}
		const [phase, gate, file, ...rest] = name.split(sep);
		const edited = file && editedSinceImport(file, run);
		if (edited) {
			problem(locateJsonPath(text, [edited.field]), edited.message);
			continue;
		}
		if (!file || rest.length > 0) {
			problem(0, `Expected the run at ${EVIDENCE_DIR}/<phase>/<gate>/<run>.json`);
		} else if (run.phase !== phase || run.gate !== gate) {
			problem(
				locateJsonPath(text, [run.phase !== phase ? 'phase' : 'gate']),
				`Run is for phase "${run.phase}", gate "${run.gate}" but sits in ${EVIDENCE_DIR}/${phase}/${gate}/`,
			);
		} else {
			runs.push({ ...run, path });
		}
	}
	runs.sort(compareRuns);
	return { runs, errors };
}

/** The most recently recorded run of a phase's gate, or undefined when it has none. */
export function latestRun<T extends EvidenceRun & { path?: string }>(
	runs: readonly T[],
	phase: string,
	gate: string,
): T | undefined {
	let latest: T | undefined;
	for (const run of runs) {
		if (run.phase !== phase || run.gate !== gate) continue;
		const newer =
			latest === undefined || Date.parse(run.recordedAt) > Date.parse(latest.recordedAt);
		const tie =
			latest !== undefined &&
			Date.parse(run.recordedAt) === Date.parse(latest.recordedAt) &&
			(run.path ?? '') > (latest.path ?? '');
		if (newer || tie) latest = run;
	}
	return latest;
}
