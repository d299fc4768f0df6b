// One line that says what a run recorded: "unit: pass — 120 passed, 0 failed, 3 skipped".
import { formatPercent } from '../gates.ts';
import { findingLevels, type EvidenceRun } from '../schemas/index.ts';

type RunFacts = Pick<EvidenceRun, 'gate' | 'status'> &
	Partial<Pick<EvidenceRun, 'tests' | 'cases' | 'coverage' | 'findings' | 'thresholds'>>;

/** What the run measured, without the gate verdict. */
export function describeMeasures(run: Omit<RunFacts, 'gate' | 'status'>): string {
	const parts: string[] = [];
	if (run.tests) {
		const t = run.tests;
		const flaky = run.cases?.filter((c) => c.status === 'passed' && c.retries).length ?? 0;
		parts.push(
			`${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped${flaky ? ` (${flaky} flaky)` : ''}`,
		);
	}
	if (run.coverage) {
		const c = run.coverage;
		const metrics = ['lines', 'statements', 'functions', 'branches'] as const;
		parts.push(
			metrics
				.flatMap((m) => (c[m] === undefined ? [] : [`${m} ${formatPercent(c[m])}`]))
				.join(', '),
		);
	}
	if (run.findings) {
		const counts = findingLevels
			.map((level) => [level, run.findings!.filter((f) => f.severity === level).length] as const)
			.filter(([, n]) => n > 0)
			.map(([level, n]) => `${n} ${level}`);
		parts.push(counts.length ? `findings: ${counts.join(', ')}` : 'no findings');
	}
	if (run.thresholds) {
		const failed = run.thresholds.filter((t) => !t.ok).length;
		parts.push(`${run.thresholds.length - failed} of ${run.thresholds.length} thresholds passed`);
	}
	return parts.join('; ') || 'nothing measured';
}

/** `<gate>: <pass|fail> — <measures>` */
export function describeRun(run: RunFacts): string {
	return `${run.gate}: ${run.status} — ${describeMeasures(run)}`;
}
