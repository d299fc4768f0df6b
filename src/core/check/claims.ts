// Rules: what authors state by hand agrees with what the core computes: a handoff's coverage
// verdict and on-track call, a review's readiness, a measured KPI, a done phase's approvals.
import { finding, type Finding } from '../findings.ts';
import { agrees, type MeasuredKpi } from '../kpis.ts';
import { PROJECT_FILE, type Program } from '../load.ts';
import { latestFinalReview, type Readiness } from '../readiness.ts';
import { loadedOfPhase } from '../relations.ts';
import { overdueDays } from '../schedule.ts';
import type { Handoff } from '../schemas/index.ts';
import type { Traceability } from '../traceability.ts';

export interface ClaimFacts {
	readiness: Map<string, Readiness>;
	traceability: Traceability;
	kpis: MeasuredKpi[];
	today: string;
	/**
	 * A phase's requirement coverage from the evidence recorded up to a date, as the handoff's page
	 * shows it: a handoff is judged on the evidence of its day, not on what was recorded since.
	 * Undefined when none of the phase's runs is that old (evidence imported after the fact).
	 */
	coverageAt?: (phase: string, date: string) => Traceability['byPhase'][number] | undefined;
}

/**
 * met: every requirement covered by passing tests (a phase that defines none has none uncovered);
 * not-met: none; partial: some.
 */
export function computedCoverageVerdict(covered: number, total: number): Handoff['coverageVerdict'] {
	return covered === total ? 'met' : covered === 0 ? 'not-met' : 'partial';
}

const TRACK_ORDER: Handoff['onTrack'][] = ['off-track', 'at-risk', 'on-track'];

/** on-track: ready; off-track: not ready and past its planned end; at-risk: not ready yet. */
export function computedOnTrack(ready: boolean, overdue: boolean): Handoff['onTrack'] {
	return ready ? 'on-track' : overdue ? 'off-track' : 'at-risk';
}

export function checkClaims(program: Program, facts: ClaimFacts): Finding[] {
	const findings: Finding[] = [];
	const phases = new Map(program.documents.phase.map((p) => [p.id, p]));
	for (const handoff of program.documents.handoff) {
		const phase = phases.get(handoff.data.phase);
		const verdict = facts.readiness.get(handoff.data.phase);
		const coverage = facts.coverageAt?.(handoff.data.phase, handoff.data.date) ?? facts.traceability.byPhase.find((c) => c.phase === handoff.data.phase);
		if (!phase || !verdict || !coverage) continue;
		// A draft is published too (marked draft): its claims, which `new` copies from the template
		// ("on-track", "met") before anyone looks, are warned of; a final handoff's are errors.
		const severity = handoff.data.status === 'final' ? 'error' : 'warning';
		const computed = computedCoverageVerdict(coverage.covered, coverage.total);
		// Of a phase with no requirements, "met" is vacuous and "not-met" as honest: only "partial" is wrong.
		const vacuous = coverage.total === 0 && handoff.data.coverageVerdict === 'not-met';
		if (handoff.data.coverageVerdict !== computed && !vacuous) {
			const expected =
				coverage.total === 0
					? `"met" or "not-met": phase ${phase.id} defines no requirements, so none is covered in part`
					: `"${computed}": passing tests cover ${coverage.covered} of phase ${phase.id}'s ${coverage.total} requirements (${coverage.percent} %)`;
			findings.push(finding(handoff.path, handoff.lineOf(['coverageVerdict']), severity, `Unexpected coverageVerdict "${handoff.data.coverageVerdict}", expected ${expected}`, 'claims/coverage-verdict'));
		}
		// A team may know of risks the evidence does not show; only a rosier call than the facts is wrong.
		const track = computedOnTrack(verdict.ready, overdueDays(phase.data, facts.today) !== undefined);
		if (TRACK_ORDER.indexOf(handoff.data.onTrack) > TRACK_ORDER.indexOf(track)) {
			const why = verdict.ready ? '' : `: phase ${phase.id} is not ready (${verdict.blockers.length} blocker${verdict.blockers.length === 1 ? '' : 's'})${track === 'off-track' ? ` and past its planned end ${phase.data.window.end}` : ''}`;
			findings.push(finding(handoff.path, handoff.lineOf(['onTrack']), severity, `Unexpected onTrack "${handoff.data.onTrack}", expected "${track}" or worse${why}`, 'claims/on-track'));
		}
	}
	for (const phase of program.documents.phase) {
		const verdict = facts.readiness.get(phase.id);
		const review = latestFinalReview(program, phase.id);
		if (review && verdict) {
			const computed = verdict.ready ? 'ready' : 'not-ready';
			if (review.data.readiness !== computed) {
				const why = verdict.ready ? 'nothing blocks the phase and the review names no blocker' : `the first of ${verdict.blockers.length} blocker${verdict.blockers.length === 1 ? '' : 's'} is "${verdict.blockers[0]!.message}"`;
				findings.push(finding(review.path, review.lineOf(['readiness']), 'error', `Unexpected readiness "${review.data.readiness}", expected "${computed}": ${why}`, 'claims/review-readiness'));
			}
		}
		// Final reviews of one day that disagree: the later id makes the call, which no reader can tell.
		const disagreeing = review ? loadedOfPhase(program, 'review', phase.id).filter((other) => other !== review && other.data.status === 'final' && other.data.date === review.data.date && other.data.readiness !== review.data.readiness) : [];
		for (const other of disagreeing) {
			findings.push(finding(other.path, other.lineOf(['readiness']), 'warning', `${other.id} and ${review!.id}, final reviews of phase ${phase.id} dated ${review!.data.date}, make different calls ("${other.data.readiness}" and "${review!.data.readiness}"): the site takes ${review!.id}'s, the later id, and marks ${other.id} superseded`, 'claims/review-readiness', 1, {
				hint: 'Date the reviews as they were made, or make the one that no longer stands a draft',
			}));
		}
		if (phase.data.status === 'done' && phase.data.approvals.length === 0) {
			findings.push(finding(phase.path, phase.lineOf(['status']), 'error', `Phase ${phase.id} is done but has no approvals, expected at least one {by, role, date} in approvals`, 'claims/approvals'));
		}
	}
	facts.kpis.forEach(({ kpi, measured }, i) => {
		if (!measured || typeof kpi.current !== 'number' || agrees(kpi.current, measured.value, kpi.direction)) return;
		findings.push(finding(PROJECT_FILE, program.projectLineOf(['kpis', i, 'current']), 'error', `Unexpected current ${kpi.current} for KPI "${kpi.name}", expected ${measured.value}: the line coverage of ${measured.run.path}, the newest coverage run (or leave current out to show it)`, 'claims/kpi'));
	});
	return findings;
}
