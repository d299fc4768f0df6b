// Gate rules: whether one evidence run passes its gate, and why not. Pure; readiness reuses it.
import { qualifiedName } from './regression-match.ts';
import type { EvidenceRun, Gate, Project, SecurityFinding, TestCase } from './schemas/index.ts';

export interface GateVerdict {
	status: 'pass' | 'fail';
	/** Human sentences, one per problem; empty when the gate passes. */
	reasons: string[];
}

/** What a gate looks at in a run (an imported run, or a report just parsed). */
export type GateEvidence = Pick<EvidenceRun, 'phase'> &
	Partial<Pick<EvidenceRun, 'tests' | 'cases' | 'coverage' | 'findings' | 'thresholds'>>;

type GateSettings = Pick<Project, 'coverageThreshold' | 'allowlist'>;

/** A percentage as people read it: at most two decimals, no trailing zeros. */
export function formatPercent(value: number): string {
	return `${Number(value.toFixed(2))} %`;
}

/** The line-coverage threshold a gate applies: its own, else the project's. */
export function coverageThresholdFor(gate: Pick<Gate, 'threshold'>, project: GateSettings): number {
	return gate.threshold ?? project.coverageThreshold;
}

/**
 * Critical and high findings that nothing excuses, each with why: an allow-list entry excuses a
 * finding when its ruleId matches, its phase (if set) is the run's, it gives a rationale and it
 * has not expired (`expires` on or after `today`).
 */
export function blockingFindings(
	findings: readonly SecurityFinding[],
	phase: string,
	project: GateSettings,
	today: string,
): { finding: SecurityFinding; reason: string }[] {
	const blocking = new Map<string, { finding: SecurityFinding; count: number; expired?: string }>();
	for (const finding of findings) {
		if (finding.severity !== 'critical' && finding.severity !== 'high') continue;
		const entries = project.allowlist.filter(
			(e) =>
				e.ruleId === finding.ruleId &&
				(e.phase === undefined || e.phase === phase) &&
				e.rationale.trim() !== '',
		);
		if (entries.some((e) => e.expires >= today)) continue;
		const seen = blocking.get(finding.ruleId);
		const expired = entries
			.map((e) => e.expires)
			.sort()
			.at(-1);
		if (!seen) blocking.set(finding.ruleId, { finding, count: 1, ...(expired ? { expired } : {}) });
		else {
			seen.count++;
			if (finding.severity === 'critical') seen.finding = finding;
		}
	}
	return [...blocking.values()].map(({ finding, count, expired }) => {
		const what = `${finding.ruleId} (${finding.severity}) is open`;
		const why = expired ? `; its allow-list entry expired on ${expired}` : ' and not allow-listed';
		const times = count > 1 ? ` (${count} occurrences)` : '';
		return { finding, reason: `${what}${why}${times}` };
	});
}

/**
 * "2 of 51 tests failed: "a", "b"": names the failing tests, so a blocker says what to fix. A name
 * two failing cases share (one test in several classes or files) is given with its suite.
 */
export function failedTests(failed: number, total: number, cases: readonly Pick<TestCase, 'name' | 'suite'>[]): string {
	const named = cases.length ? `: ${quotedNames(cases)}` : '';
	return `${failed} of ${total} ${total === 1 ? 'test' : 'tests'} failed${named}`;
}

/**
 * One owner's share of a run's failing tests: "2 of 51 tests failed, among them "a"". The count
 * stays the run's, so a blocker never reads as if fewer tests failed.
 */
export function failedTestsShare(failed: number, total: number, share: readonly Pick<TestCase, 'name' | 'suite'>[]): string {
	return `${failed} of ${total} ${total === 1 ? 'test' : 'tests'} failed, among them ${quotedNames(share)}`;
}

function quotedNames(cases: readonly Pick<TestCase, 'name' | 'suite'>[]): string {
	const seen = new Map<string, number>();
	for (const c of cases) seen.set(c.name, (seen.get(c.name) ?? 0) + 1);
	const quoted = cases.map((c) => `"${clippedName((seen.get(c.name) ?? 0) > 1 ? qualifiedName(c) : c.name)}"`);
	return `${quoted.slice(0, 3).join(', ')}${quoted.length > 3 ? ` and ${quoted.length - 3} more` : ''}`;
}

/** Longest name a reason quotes whole; the gate page's case table shows every name in full. */
const NAME_LIMIT = 120;

/**
 * A test name as a reason quotes it: whole up to NAME_LIMIT characters, else its start and its end
 * around an ellipsis (a 5,000-character generated name made every reason, blocker and summary
 * line 5,000 characters long). The end stays, since generated names differ there.
 */
export function clippedName(name: string): string {
	const chars = [...name];
	if (chars.length <= NAME_LIMIT) return name;
	return `${chars.slice(0, NAME_LIMIT - 21).join('')}…${chars.slice(-20).join('')}`;
}

function testsRule(run: GateEvidence): string[] {
	const tests = run.tests;
	if (!tests) return ['No test results were recorded'];
	if (tests.total === 0) return ['No tests ran'];
	const reasons: string[] = [];
	if (tests.failed > 0) {
		const failing = (run.cases ?? []).filter((c) => c.status === 'failed');
		reasons.push(failedTests(tests.failed, tests.total, failing));
	}
	// A run where everything was skipped proves nothing.
	else if (tests.passed === 0) reasons.push(`All ${tests.total} tests were skipped; none ran`);
	return reasons;
}

function coverageRule(run: GateEvidence, gate: Gate, project: GateSettings): string[] {
	if (!run.coverage) return ['No coverage summary was recorded'];
	const threshold = coverageThresholdFor(gate, project);
	const lines = run.coverage.lines;
	if (lines >= threshold) return [];
	return [
		`Line coverage ${formatPercent(lines)} is below the ${formatPercent(threshold)} threshold`,
	];
}

/** Reasons are read by people, on pages and in the terminal: past this many, the rest are counted. */
export const MAX_REASONS = 10;

function findingsRule(run: GateEvidence, project: GateSettings, today: string): string[] {
	if (!run.findings) return ['No security scan results were recorded'];
	const reasons = blockingFindings(run.findings, run.phase, project, today).map((b) => b.reason);
	if (reasons.length <= MAX_REASONS) return reasons;
	const more = reasons.length - MAX_REASONS;
	return [...reasons.slice(0, MAX_REASONS), `and ${more} more rule${more === 1 ? '' : 's'} with blocking findings`];
}

/** k6's thresholds: every one must have held, and a run that defines none proves nothing. */
function thresholdsRule(run: GateEvidence): string[] {
	if (!run.thresholds) return ['No k6 thresholds were recorded'];
	if (run.thresholds.length === 0) return ['The k6 summary defines no thresholds'];
	return run.thresholds
		.filter((t) => !t.ok)
		.map((t) => {
			const value = t.value === undefined ? '' : ` (was ${Number(t.value.toFixed(2))})`;
			return `k6 threshold ${t.metric} ${t.expression} failed${value}`;
		});
}

/** Applies the gate's rule to a run. `today` is YYYY-MM-DD, for allow-list expiry. */
export function evaluateGate(
	run: GateEvidence,
	gate: Gate,
	project: GateSettings,
	today: string,
): GateVerdict {
	let reasons: string[];
	switch (gate.rule) {
		case 'tests':
			reasons = testsRule(run);
			break;
		case 'coverage':
			reasons = coverageRule(run, gate, project);
			break;
		case 'findings':
			reasons = findingsRule(run, project, today);
			break;
		case 'thresholds':
			reasons = thresholdsRule(run);
			break;
	}
	return { status: reasons.length ? 'fail' : 'pass', reasons };
}
