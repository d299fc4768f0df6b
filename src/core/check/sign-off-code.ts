// Rule: a done phase's sign-offs (approvals, its actual end, its final handoff) come after the
// code they sign off, which its range up to its release tag holds. One dated before the newest commit of the phase's range that changed its
// code signed off code that did not exist yet: "Approvals … 8 Jan" beside a commit of 10 Jan.
import { daysOfInstant } from '../dates.ts';
import type { CodeFacts, PhaseCode } from '../git/code-facts.ts';
import { finding, type Finding } from '../findings.ts';
import type { Program, SourceDocument } from '../load.ts';
import type { Phase } from '../schemas/index.ts';

/**
 * The newest commit of the range that changed a code file of the phase, if any, with its day as
 * its committer wrote it and the earliest day it was anywhere (daysOfInstant). The release commit
 * itself is left out: `npm version` and release tools commit the version's bump and tag it after
 * the sign-off, as a release is cut once approved.
 */
function lastCodeCommit(code: PhaseCode): { sha: string; day: string; earliest: string } | undefined {
	const commit = code.commits.find((c) => c.sha !== code.to && c.files.some((f) => code.inScope(f) && !code.notCode(f)));
	return commit && { sha: commit.sha, day: commit.date.slice(0, 10), earliest: daysOfInstant(commit.date).earliest };
}

/**
 * The oldest commit of the range that changed a code file of the phase, leaving out the commits a
 * release tag inside the range already shipped (a patch of the phase before, 0.1.1 between 0.1.0
 * and 0.2.0, is not this phase's work).
 */
function firstCodeCommit(code: PhaseCode, tagged: ReadonlySet<string>): { sha: string; day: string; latest: string } | undefined {
	const shipped = code.commits.findIndex((c) => c.sha !== code.to && tagged.has(c.sha));
	const own = shipped === -1 ? code.commits : code.commits.slice(0, shipped);
	const commit = own.findLast((c) => c.files.some((f) => code.inScope(f) && !code.notCode(f)));
	return commit && { sha: commit.sha, day: commit.date.slice(0, 10), latest: daysOfInstant(commit.date).latest };
}

/**
 * Rule: a released phase's `window.actualStart` is not after the first commit of its own code in
 * its range (in every time zone): "Actual window 24 Sep – 6 Oct" above commits of 18 and 22 Sep.
 */
export function checkActualStartAgainstCode(program: Program, facts: CodeFacts, strict = false): Finding[] {
	if (facts.reason) return [];
	const tagged = new Set(facts.tagCommits?.values() ?? []);
	const findings: Finding[] = [];
	for (const phase of program.documents.phase as SourceDocument<Phase>[]) {
		const start = phase.data.window.actualStart;
		const code = facts.phases.get(phase.id);
		// As for sign-offs, only a range that ends at the phase's release tag holds its work alone.
		if (!start || code?.to === undefined || code.spec.to.source !== 'tag' || code.untagged) continue;
		const first = firstCodeCommit(code, tagged);
		if (!first || first.latest >= start) continue;
		findings.push(finding(phase.path, phase.lineOf(['window', 'actualStart']), strict ? 'error' : 'warning', `window.actualStart is ${start}, after ${first.sha.slice(0, 7)} (${first.day}), the first commit of ${code.label} that changed the phase's code: the phase's work began before it started`, 'schedule/actual-start'));
	}
	return findings;
}

export function checkSignOffsAgainstCode(program: Program, facts: CodeFacts, strict = false): Finding[] {
	if (facts.reason) return [];
	const findings: Finding[] = [];
	const severity = strict ? 'error' : 'warning';
	for (const phase of program.documents.phase as SourceDocument<Phase>[]) {
		if (phase.data.status !== 'done') continue;
		// Only a range that ends at the phase's release tag holds the phase's code alone: one that
		// runs to HEAD holds the later phases' commits too.
		const code = facts.phases.get(phase.id);
		const last = code?.to === undefined || code.spec.to.source !== 'tag' || code.untagged ? undefined : lastCodeCommit(code);
		if (!last) continue;
		const after = `before ${last.sha.slice(0, 7)} (${last.day}), the newest commit of ${code!.label} that changed the phase's code`;
		phase.data.approvals.forEach((approval, i) => {
			if (approval.date < last.earliest) findings.push(finding(phase.path, phase.lineOf(['approvals', i, 'date']), severity, `Approval by ${approval.by} is dated ${approval.date}, ${after}: it approved code that did not exist yet`, 'consistency/sign-off-date'));
		});
		const end = phase.data.window.actualEnd;
		if (end && end < last.earliest) findings.push(finding(phase.path, phase.lineOf(['window', 'actualEnd']), severity, `window.actualEnd is ${end}, ${after}: the phase's code changed after it ended`, 'consistency/sign-off-date'));
		for (const handoff of program.documents.handoff) {
			if (handoff.data.phase !== phase.id || handoff.data.status !== 'final' || handoff.data.date >= last.earliest) continue;
			findings.push(finding(handoff.path, handoff.lineOf(['date']), severity, `Final handoff ${handoff.id} is dated ${handoff.data.date}, ${after}: it handed over code that did not exist yet`, 'consistency/sign-off-date'));
		}
	}
	return findings;
}
