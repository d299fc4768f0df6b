// Rules: statuses agree with each other (a done phase has a handoff, a resolved RCA a date).
import { finding, type Finding } from '../findings.ts';
import type { Program } from '../load.ts';

export function checkConsistency(program: Program): Finding[] {
	const findings: Finding[] = [];
	// A draft handoff is not a handoff yet: its verdicts are not reconciled with the evidence.
	const handedOver = new Set(program.documents.handoff.filter((h) => h.data.status === 'final').map((h) => h.data.phase));
	const drafted = new Set(program.documents.handoff.map((h) => h.data.phase));
	for (const phase of program.documents.phase) {
		if (phase.data.status === 'done' && !handedOver.has(phase.id)) {
			const message = drafted.has(phase.id)
				? `Phase ${phase.id} is done but its handoff is still a draft, expected a final handoff (status: final) in content/handoffs/ with phase: "${phase.id}"`
				: `Phase ${phase.id} is done but has no handoff, expected a document in content/handoffs/ with phase: "${phase.id}"`;
			findings.push(finding(phase.path, phase.lineOf(['status']), 'error', message, 'consistency/done-without-handoff'));
		}
	}
	// A sign-off dated before the work began contradicts the phase's own window: the page showed
	// "Approvals … 1 Dec 2025" beside "Actual window 5 Jan – 20 Jan 2026".
	for (const phase of program.documents.phase) {
		const started = phase.data.window.actualStart;
		if (!started) continue;
		phase.data.approvals.forEach((approval, i) => {
			if (approval.date < started) {
				findings.push(finding(phase.path, phase.lineOf(['approvals', i, 'date']), 'error', `Approval by ${approval.by} is dated ${approval.date}, before phase ${phase.id} started on ${started} (window.actualStart)`, 'consistency/sign-off-date'));
			}
		});
	}
	for (const handoff of program.documents.handoff) {
		const phase = program.documents.phase.find((p) => p.id === handoff.data.phase);
		const started = phase?.data.window.actualStart;
		if (handoff.data.status === 'final' && started && handoff.data.date < started) {
			findings.push(finding(handoff.path, handoff.lineOf(['date']), 'error', `Final handoff ${handoff.id} is dated ${handoff.data.date}, before phase ${phase!.id} started on ${started} (window.actualStart)`, 'consistency/sign-off-date'));
		}
	}
	for (const rca of program.documents.rca) {
		const { status, resolved, detected } = rca.data;
		if (status === 'resolved' && !resolved) {
			findings.push(finding(rca.path, rca.lineOf(['status']), 'error', `${rca.id} is resolved but has no "resolved" date`, 'consistency/resolved-date'));
		}
		// The page would read "Status Open … Resolved 30 Nov", and readiness count it open.
		if (status !== 'resolved' && resolved) {
			findings.push(finding(rca.path, rca.lineOf(['resolved']), 'error', `${rca.id} has a "resolved" date (${resolved}) but its status is ${status}, expected status: resolved, or no resolved date until it is`, 'consistency/resolved-date'));
		}
		if (resolved && resolved < detected) {
			findings.push(finding(rca.path, rca.lineOf(['resolved']), 'error', `${rca.id} was resolved on ${resolved}, before it was detected on ${detected}`, 'consistency/resolved-date'));
		}
	}
	return findings;
}
