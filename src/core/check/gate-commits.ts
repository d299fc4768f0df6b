// Rule: a phase's gates judged one commit of its range: the latest required runs agree on the
// commit, that commit is in the phase's git range, and for a released phase it is the release.
// (Which run is a gate's latest, the newest code's, is gate-status.ts's currentRun.)
import type { CodeFacts } from '../git/code-facts.ts';
import { finding, type Finding } from '../findings.ts';
import type { Program } from '../load.ts';
import type { Readiness } from '../readiness.ts';

const short = (sha: string) => sha.slice(0, 7);

export function checkGateCommits(program: Program, readiness: Map<string, Readiness>, code: CodeFacts | undefined): Finding[] {
	const findings: Finding[] = [];
	for (const phase of program.documents.phase) {
		const latest = (readiness.get(phase.id)?.gates ?? []).flatMap((g) => (g.latest?.commit ? [g.latest] : []));
		const commits = new Map<string, string[]>();
		for (const run of latest) commits.set(short(run.commit!), [...(commits.get(short(run.commit!)) ?? []), run.gate]);
		if (commits.size > 1) {
			const named = [...commits].map(([sha, gates]) => `${sha} (${gates.join(', ')})`).join(', ');
			findings.push(finding(phase.path, phase.lineOf(['status']), 'warning', `Phase ${phase.id}'s latest required gate runs judged different commits: ${named}, expected one commit for every gate`, 'evidence/commits'));
		}
		const range = code?.reason ? undefined : code?.phases.get(phase.id);
		if (!range || range.to === undefined) continue;
		const inRange = (sha: string) => range.commits.some((c) => c.sha.startsWith(sha.toLowerCase()));
		// A released phase's gates must have judged the released commit: an older passing run
		// imported last made a release of failing code read as ready. A release not tagged yet has
		// no commit to judge (release/tag says so); a pinned range.to is not the release, its tag is.
		const release = range.untagged ? undefined : phase.data.release;
		const released = range.releaseCommit ?? range.to;
		if (release && range.releaseCommit && range.releaseCommit !== range.to) {
			findings.push(finding(phase.path, phase.lineOf(['range', 'to']), 'error', `range.to is commit ${short(range.to)}, but release ${release}'s tag is on commit ${short(range.releaseCommit)}, expected the range to end at the release`, 'evidence/commits'));
		}
		const stale = release ? latest.filter((run) => !released.startsWith(run.commit!.toLowerCase())) : [];
		if (stale.length) {
			const named = stale.map((run) => `${run.gate} judged ${short(run.commit!)}`).join(', ');
			findings.push(finding(phase.path, phase.lineOf(['release']), 'error', `Release ${release} of phase ${phase.id} is commit ${short(released)}, but its latest gate runs did not judge it (${named}), so the released code is not the code the gates passed`, 'evidence/commits'));
		}
		// A run that names no commit cannot show it judged the release: say so, where it is.
		if (release) {
			for (const gate of readiness.get(phase.id)?.gates ?? []) {
				const run = gate.latest;
				if (!run || run.commit) continue;
				findings.push(finding(run.path, 1, 'warning', `Run of the ${run.gate} gate names no commit, so nothing shows it judged release ${release} of phase ${phase.id} (commit ${short(released)}); import the report with --commit, or from CI, which names its commit`, 'evidence/commits'));
			}
		}
		for (const run of latest) {
			if (inRange(run.commit!)) continue;
			findings.push(finding(run.path, 1, 'warning', `Run of the ${run.gate} gate judged commit ${short(run.commit!)}, which is not in phase ${phase.id}'s range ${range.label}`, 'evidence/commits'));
		}
	}
	return findings;
}
