// Run history: runs.jsonl plus one evidence file per run, and the status document built from it (RCA-0004).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Run {
	id: string;
	phase: string;
	gate: string;
	commit: string;
	startedAt: string;
	durationS: number;
	/** Relative to the history folder. */
	evidence: string;
	result: 'pass' | 'fail';
}

export interface GateStatus {
	id: string;
	status: 'pass' | 'fail';
	lastRun: string;
	/** Runs of this gate on the same commit before its last run. */
	reruns: number;
}

export interface PhaseStatus {
	id: string;
	status: 'pass' | 'fail';
	gates: GateStatus[];
	lastRun: { id: string; durationS: number; result: 'pass' | 'fail' };
}

export interface StatusDocument {
	generatedAt: string;
	phases: PhaseStatus[];
	runs: Pick<Run, 'id' | 'phase' | 'gate' | 'startedAt' | 'result'>[];
	nextCursor?: string;
}

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 500;

/**
 * Reads the whole history. Written for the nightly report, where reading everything was fine;
 * the status endpoint still calls it on every request (RCA-0004, open).
 */
export function loadAll(dir: string): Run[] {
	const text = readFileSync(join(dir, 'runs.jsonl'), 'utf8');
	const runs: Run[] = [];
	for (const line of text.split('\n')) {
		if (!line.trim()) continue;
		const run = JSON.parse(line) as Omit<Run, 'result'>;
		const evidence = JSON.parse(readFileSync(join(dir, run.evidence), 'utf8')) as { status: 'pass' | 'fail' };
		runs.push({ ...run, result: evidence.status });
	}
	return runs;
}

function byStart(a: Run, b: Run): number {
	return Date.parse(a.startedAt) - Date.parse(b.startedAt);
}

/** 1 for a gate's first run on a commit, 2 for its first rerun, and so on. */
function attemptOf(run: Run, runs: readonly Run[]): number {
	const sameGate = runs.filter((r) => r.gate === run.gate).sort(byStart);
	let attempt = 0;
	for (const r of sameGate) {
		if (r.phase === run.phase && r.commit === run.commit) attempt++;
		if (r.id === run.id) break;
	}
	return attempt;
}

function encodeCursor(offset: number): string {
	return Buffer.from(JSON.stringify({ offset })).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): number {
	if (!cursor) return 0;
	try {
		const { offset } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { offset?: unknown };
		return Number.isInteger(offset) && (offset as number) >= 0 ? (offset as number) : 0;
	} catch {
		return 0;
	}
}

export interface StatusQuery {
	phase?: string | undefined;
	limit?: number | undefined;
	cursor?: string | undefined;
	now?: Date;
}

export function statusDocument(all: readonly Run[], query: StatusQuery = {}): StatusDocument {
	const enriched = all.map((run) => ({ ...run, attempt: attemptOf(run, all) }));
	const selected = enriched.filter((r) => query.phase === undefined || r.phase === query.phase).sort(byStart).reverse();
	const phases: PhaseStatus[] = [];
	for (const phase of [...new Set(selected.map((r) => r.phase))].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))) {
		const ofPhase = selected.filter((r) => r.phase === phase);
		const gates: GateStatus[] = [];
		for (const gate of [...new Set(ofPhase.map((r) => r.gate))].sort()) {
			const last = ofPhase.find((r) => r.gate === gate)!;
			gates.push({ id: gate, status: last.result, lastRun: last.startedAt, reruns: last.attempt - 1 });
		}
		const last = ofPhase[0]!;
		phases.push({
			id: phase,
			status: gates.every((g) => g.status === 'pass') ? 'pass' : 'fail',
			gates,
			lastRun: { id: last.id, durationS: last.durationS, result: last.result },
		});
	}
	const limit = Math.min(Math.max(1, query.limit ?? DEFAULT_LIMIT), MAX_LIMIT);
	const offset = decodeCursor(query.cursor);
	const page = selected.slice(offset, offset + limit);
	return {
		generatedAt: (query.now ?? new Date()).toISOString(),
		phases,
		runs: page.map(({ id, phase, gate, startedAt, result }) => ({ id, phase, gate, startedAt, result })),
		...(offset + limit < selected.length ? { nextCursor: encodeCursor(offset + limit) } : {}),
	};
}

/** The table `workflow-status` prints. */
export function formatStatus(doc: StatusDocument): string {
	const rows = doc.phases.map((p) => {
		const passed = p.gates.filter((g) => g.status === 'pass').length;
		const failed = p.gates.filter((g) => g.status === 'fail').map((g) => g.id);
		const lastRun = p.gates.map((g) => g.lastRun).sort().at(-1) ?? '';
		return [p.id, p.status, `${passed}/${p.gates.length} pass${failed.length ? ` (${failed.join(', ')})` : ''}`, lastRun.slice(0, 16).replace('T', ' ')];
	});
	const head = ['PHASE', 'STATUS', 'GATES', 'LAST RUN'];
	const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
	return [head, ...rows].map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ')).join('\n') + '\n';
}
