// Hand-typed verdicts reconciled with the computed ones, and the schedule against dependencies.
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../../src/cli/run-check.ts';
import { evidenceRun, handoffDoc, makeProgram, PROJECT_YAML, phaseDoc, reviewDoc } from '../../helpers/program.ts';
import { lineOf } from '../../helpers/git-repo.ts';

const PASSING = [evidenceRun({ gate: 'build' }), evidenceRun({ gate: 'unit', cases: [['REQ-1.1 works', 'passed', ['REQ-1.1']]] })];
const TWO_REQUIREMENTS = phaseDoc('1').replace('  - { id: REQ-1.1, title: First requirement }', '  - { id: REQ-1.1, title: First requirement }\n  - { id: REQ-1.2, title: Second requirement }');

async function check(files: Record<string, string>, rule: RegExp, today = '2026-01-15') {
	const { findings, analysis } = await runCheck(makeProgram(files), { diagrams: false, today });
	return { out: findings.filter((f) => rule.test(f.ruleId)).map((f) => `${f.path}:${f.line}:${f.column}  ${f.severity}  ${f.message}  ${f.ruleId}`), analysis };
}

describe('claims/coverage-verdict and claims/on-track', () => {
	it('ok: a final handoff whose verdicts match the facts (or is gloomier than them)', async () => {
		const files = Object.fromEntries([...PASSING, ['content/handoffs/ho-001.mdx', handoffDoc('onTrack: at-risk\ncoverageVerdict: met\n')]]);
		expect((await check(files, /^claims\//)).out).toEqual([]);
	});

	it('not ok: "met" and "on-track" while half the requirements are tested and the phase is overdue and not ready', async () => {
		const handoff = handoffDoc('onTrack: on-track\ncoverageVerdict: met\n');
		const files = Object.fromEntries([evidenceRun({ gate: 'build' }), evidenceRun({ gate: 'unit', cases: [['REQ-1.1 works', 'passed', ['REQ-1.1']], ['REQ-1.2 works', 'failed', ['REQ-1.2']]] }), ['content/phases/1.mdx', TWO_REQUIREMENTS], ['content/handoffs/ho-001.mdx', handoff]]);
		expect((await check(files, /^claims\//, '2026-03-01')).out).toEqual([
			`content/handoffs/ho-001.mdx:${lineOf(handoff, 'onTrack:')}:1  error  Unexpected onTrack "on-track", expected "off-track" or worse: phase 1 is not ready (1 blocker) and past its planned end 2026-02-01  claims/on-track`,
			`content/handoffs/ho-001.mdx:${lineOf(handoff, 'coverageVerdict:')}:1  error  Unexpected coverageVerdict "met", expected "partial": passing tests cover 1 of phase 1's 2 requirements (50 %)  claims/coverage-verdict`,
		]);
	});

	it('not ok: a handoff judged on the evidence of its day, not on what was recorded since', async () => {
		const handoff = handoffDoc('onTrack: at-risk\ncoverageVerdict: met\n');
		const unit = (recordedAt: string, status: 'passed' | 'failed') => evidenceRun({ gate: 'unit', recordedAt, cases: [['REQ-1.1 works', status, ['REQ-1.1']]] });
		const files = Object.fromEntries([evidenceRun({ gate: 'build', recordedAt: '2026-01-20T10:00:00.000Z' }), unit('2026-01-20T10:00:00.000Z', 'failed'), unit('2026-03-01T10:00:00.000Z', 'passed'), ['content/handoffs/ho-001.mdx', handoff]]);
		expect((await check(files, /^claims\/coverage/, '2026-03-02')).out).toEqual([
			`content/handoffs/ho-001.mdx:${lineOf(handoff, 'coverageVerdict:')}:1  error  Unexpected coverageVerdict "met", expected "not-met": passing tests cover 0 of phase 1's 1 requirements (0 %)  claims/coverage-verdict`,
		]);
	});

	// An adopter's attack: `new handoff` copies the template's "on-track" and "met", and the draft
	// published them for a phase with no evidence at all.
	it('warns of a draft handoff whose claims the evidence does not bear out; ok when it does', async () => {
		const handoff = handoffDoc('onTrack: on-track\ncoverageVerdict: met\n', 'draft');
		expect((await check({ 'content/handoffs/ho-001.mdx': handoff }, /^claims\//)).out).toEqual([
			`content/handoffs/ho-001.mdx:${lineOf(handoff, 'onTrack:')}:1  warning  Unexpected onTrack "on-track", expected "at-risk" or worse: phase 1 is not ready (2 blockers)  claims/on-track`,
			`content/handoffs/ho-001.mdx:${lineOf(handoff, 'coverageVerdict:')}:1  warning  Unexpected coverageVerdict "met", expected "not-met": passing tests cover 0 of phase 1's 1 requirements (0 %)  claims/coverage-verdict`,
		]);
		const files = Object.fromEntries([...PASSING, ['content/handoffs/ho-001.mdx', handoff]]);
		expect((await check(files, /^claims\//)).out).toEqual([]);
	});
	// Of a phase with no requirements "met" is vacuous: an author who writes "not-met" is not wrong.
	it('ok: "met" or "not-met" of a phase with no requirements; not ok: "partial"', async () => {
		const noRequirements = phaseDoc('1').replace('  - { id: REQ-1.1, title: First requirement }\n', '').replace(/requirements:\n(?!\s+-)/, 'requirements: []\n');
		for (const verdict of ['met', 'not-met']) {
			const files = Object.fromEntries([...PASSING, ['content/phases/1.mdx', noRequirements], ['content/handoffs/ho-001.mdx', handoffDoc(`onTrack: at-risk\ncoverageVerdict: ${verdict}\n`)]]);
			expect((await check(files, /^claims\//)).out, verdict).toEqual([]);
		}
		const handoff = handoffDoc('onTrack: at-risk\ncoverageVerdict: partial\n');
		const files = Object.fromEntries([...PASSING, ['content/phases/1.mdx', noRequirements], ['content/handoffs/ho-001.mdx', handoff]]);
		expect((await check(files, /^claims\//)).out).toEqual([
			`content/handoffs/ho-001.mdx:${lineOf(handoff, 'coverageVerdict:')}:1  error  Unexpected coverageVerdict "partial", expected "met" or "not-met": phase 1 defines no requirements, so none is covered in part  claims/coverage-verdict`,
		]);
	});
});

describe('claims/review-readiness, and the review blockers joining readiness', () => {
	it('not ok: a review calls a phase ready that the evidence says is not', async () => {
		const review = reviewDoc('readiness: ready\n');
		expect((await check({ 'content/reviews/rev-001.mdx': review }, /^claims\//)).out).toEqual([
			`content/reviews/rev-001.mdx:${lineOf(review, 'readiness:')}:1  error  Unexpected readiness "ready", expected "not-ready": the first of 2 blockers is "No evidence for the required Clean build gate"  claims/review-readiness`,
		]);
	});

	// An adopter's attack: of two final reviews of one day, the one not taken called a failing
	// phase ready, unchecked, and its page said so with nothing to show it no longer stood.
	it('warns of final reviews of one day that make different calls', async () => {
		const earlier = reviewDoc('readiness: ready\n');
		const later = reviewDoc('readiness: not-ready\n').replace('id: REV-001', 'id: REV-002');
		expect((await check({ 'content/reviews/rev-001.mdx': earlier, 'content/reviews/rev-002.mdx': later }, /^claims\//)).out).toEqual([
			`content/reviews/rev-001.mdx:${lineOf(earlier, 'readiness:')}:1  warning  REV-001 and REV-002, final reviews of phase 1 dated 2026-02-01, make different calls ("ready" and "not-ready"): the site takes REV-002's, the later id, and marks REV-001 superseded  claims/review-readiness`,
		]);
		// One dated before the other is superseded by it: a call the phase's evidence has since changed.
		const dated = earlier.replace('date: 2026-02-01', 'date: 2026-01-20');
		expect((await check({ 'content/reviews/rev-001.mdx': dated, 'content/reviews/rev-002.mdx': later }, /^claims\//)).out).toEqual([]);
	});

	it('ok: the review’s own blockers join the computed ones, in their order, with their owners', async () => {
		const review = reviewDoc('readiness: not-ready\nblockers:\n  - { title: Rerun the gates, owner: cai, order: 2 }\n  - { title: Fix the parser, owner: ben, order: 1 }\n');
		const { out, analysis } = await check(Object.fromEntries([...PASSING, ['content/reviews/rev-001.mdx', review]]), /^claims\//);
		expect(out).toEqual([]);
		// Marked as the reviewer's, not as a review finding.
		expect(analysis.readiness.get('1')!.blockers.map((b) => `${b.rule} ${b.owner}: ${b.message} -> ${b.href}`)).toEqual([
			'reviewer ben: REV-001 blocker 1: Fix the parser -> /reviews/rev-001/',
			'reviewer cai: REV-001 blocker 2: Rerun the gates -> /reviews/rev-001/',
		]);
	});

	it('not ok: a review says not ready while nothing blocks the phase and it names no blocker', async () => {
		const review = reviewDoc('readiness: not-ready\n');
		expect((await check(Object.fromEntries([...PASSING, ['content/reviews/rev-001.mdx', review]]), /^claims\//)).out).toEqual([
			`content/reviews/rev-001.mdx:${lineOf(review, 'readiness:')}:1  error  Unexpected readiness "not-ready", expected "ready": nothing blocks the phase and the review names no blocker  claims/review-readiness`,
		]);
	});
});

describe('claims/kpi and claims/approvals', () => {
	const kpi = (current: string) => `${PROJECT_YAML}kpis:\n  - name: Test coverage (lines)\n    target: 85\n${current}    unit: "%"\n    evidence: coverage\n`;
	const coverage = [evidenceRun({ gate: 'coverage', coverage: 91.27, recordedAt: '2026-07-02T10:00:00.000Z' }), evidenceRun({ gate: 'coverage', coverage: 80, recordedAt: '2026-07-01T10:00:00.000Z' })];

	it('ok: the coverage KPI states the newest coverage run, to the precision written, or leaves it to the evidence', async () => {
		expect((await check(Object.fromEntries([...coverage, ['content/project.yaml', kpi('    current: 91.2\n')]]), /^claims\//)).out).toEqual([]);
		const { analysis } = await check(Object.fromEntries([...coverage, ['content/project.yaml', kpi('')]]), /^claims\//);
		expect(analysis.kpis.map((k) => k.current)).toEqual([91.27]);
	});

	it('not ok: a coverage KPI that contradicts the evidence', async () => {
		const project = kpi('    current: 87.4\n');
		expect((await check(Object.fromEntries([...coverage, ['content/project.yaml', project]]), /^claims\//)).out).toEqual([
			`content/project.yaml:${lineOf(project, 'current: 87.4')}:1  error  Unexpected current 87.4 for KPI "Test coverage (lines)", expected 91.27: the line coverage of content/evidence/1/coverage/2026-07-02T10-00-00Z-coverage.json, the newest coverage run (or leave current out to show it)  claims/kpi`,
		]);
	});

	it('cuts the measured value to the precision written, never rounding it up over a target', async () => {
		const { agrees } = await import('../../../src/core/kpis.ts');
		expect([91, 91.2, 91.27, 91.3, 92].map((stated) => agrees(stated, 91.27))).toEqual([true, true, true, false, false]);
		expect([89, 89.9, 90].map((stated) => agrees(stated, 89.99))).toEqual([true, true, false]);
		expect(agrees(84.3, 84.3)).toBe(true);
		// Lower is better (an error rate): cut toward the worse side too.
		expect([1.5, 1.4].map((stated) => agrees(stated, 1.41, 'lower'))).toEqual([true, false]);
		const project = kpi('    current: 91.3\n');
		expect((await check(Object.fromEntries([...coverage, ['content/project.yaml', project]]), /^claims\//)).out).toEqual([
			expect.stringContaining('error  Unexpected current 91.3 for KPI "Test coverage (lines)", expected 91.27'),
		]);
	});

	it('not ok: a done phase without approvals', async () => {
		const phase = phaseDoc('1').replace('status: in-review', 'status: done');
		expect((await check({ 'content/phases/1.mdx': phase }, /^claims\//)).out).toEqual([
			`content/phases/1.mdx:${lineOf(phase, 'status:')}:1  error  Phase 1 is done but has no approvals, expected at least one {by, role, date} in approvals  claims/approvals`,
		]);
	});
});

describe('schedule/dependency', () => {
	it('ok: a phase planned to start after its dependency ends', async () => {
		const later = phaseDoc('2', 'dependsOn: ["1"]\n').replace('{ start: 2026-01-01, end: 2026-02-01 }', '{ start: 2026-02-02, end: 2026-03-01 }');
		expect((await check({ 'content/phases/2.mdx': later }, /^schedule\//)).out).toEqual([]);
	});

	it('not ok: a phase planned to start before a phase it depends on ends', async () => {
		const early = phaseDoc('2', 'dependsOn: ["1"]\n').replace('{ start: 2026-01-01, end: 2026-02-01 }', '\n  start: 2026-01-20\n  end: 2026-03-01\n');
		expect((await check({ 'content/phases/2.mdx': early }, /^schedule\//)).out).toEqual([
			`content/phases/2.mdx:${lineOf(early, 'start: 2026-01-20')}:1  warning  Phase 2 is planned to start on 2026-01-20, before phase 1, which it depends on, ends on 2026-02-01  schedule/dependency`,
		]);
	});

	// An adopter's attack: a team that finished phase 1 early was warned on every phase after it.
	it('reads when a finished dependency ended, not when it was planned to', async () => {
		const early = phaseDoc('2', 'dependsOn: ["1"]\n').replace('{ start: 2026-01-01, end: 2026-02-01 }', '\n  start: 2026-01-20\n  end: 2026-03-01\n');
		const ended = (day: string) => phaseDoc('1', '').replace('status: in-review', 'status: done').replace('{ start: 2026-01-01, end: 2026-02-01 }', `{ start: 2026-01-01, end: 2026-02-01, actualStart: 2026-01-01, actualEnd: ${day} }`);
		expect((await check({ 'content/phases/1.mdx': ended('2026-01-15'), 'content/phases/2.mdx': early }, /^schedule\/dependency/)).out).toEqual([]);
		expect((await check({ 'content/phases/1.mdx': ended('2026-01-25'), 'content/phases/2.mdx': early }, /^schedule\/dependency/)).out).toEqual([
			`content/phases/2.mdx:${lineOf(early, 'start: 2026-01-20')}:1  warning  Phase 2 is planned to start on 2026-01-20, before phase 1, which it depends on, ended on 2026-01-25  schedule/dependency`,
		]);
		// Started, its start is history, which no edit of the plan changes: not judged.
		for (const day of ['2026-01-24', '2026-01-26']) {
			const started = early.replace('  end: 2026-03-01\n', `  end: 2026-03-01\n  actualStart: ${day}\n`);
			expect((await check({ 'content/phases/1.mdx': ended('2026-01-25'), 'content/phases/2.mdx': started }, /^schedule\/dependency/)).out).toEqual([]);
		}
	});
});
