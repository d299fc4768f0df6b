// Rules: a release is recorded only on a ready, approved phase with a changelog entry, and its
// tag is in git (a phase that pins range.to names its release commit itself).
import { daysOfInstant } from '../dates.ts';
import type { CodeFacts } from '../git/code-facts.ts';
import { finding, type Finding } from '../findings.ts';
import type { Program } from '../load.ts';
import { evaluateGate } from '../gates.ts';
import { regressionGaps, type Readiness } from '../readiness.ts';
import { foundAfterRelease, incidentRuns } from '../incidents.ts';
import type { StoredRun } from '../gate-status.ts';
import { regressionMatcher } from '../regression-match.ts';
import { patchedPhase } from '../relations.ts';
import type { RuleId } from '../rules.ts';
import { isPreRelease, releaseTag, releaseVersion, type Project } from '../schemas/index.ts';

/**
 * Whether a released version's tag is missing from git, as far as git was read: the pages mark
 * such a release, since nothing shows which code it shipped. A phase that pins range.to names its
 * release commit itself, so its program does not tag it (`phase` is the changelog entry's).
 */
export function releaseUntagged(program: Program, project: Project, code: CodeFacts | undefined, version: string, phase?: string): boolean {
	if (!code || code.reason || code.tags.get(releaseTag(version, project.code.tag)) !== false) return false;
	return !program.documents.phase.some((p) => p.data.range?.to && ((p.data.release && releaseVersion(p.data.release) === releaseVersion(version)) || p.id === phase));
}

/** The tag of a released version that git does not have (releaseUntagged), to name on a page or in a feed. */
export function untaggedRelease(program: Program, project: Project | undefined, code: CodeFacts | undefined, version: string, phase?: string): string | undefined {
	return project && releaseUntagged(program, project, code, version, phase) ? releaseTag(version, project.code.tag) : undefined;
}

/** `settingsAtTag`: the settings each release tag's commit holds, which its patch is judged by. */
export function checkReleases(program: Program, project: Project, readiness: Map<string, Readiness>, code: CodeFacts | undefined, today: string, strict = false, settingsAtTag: ReadonlyMap<string, Project> = new Map()): Finding[] {
	const findings: Finding[] = [];
	const entries = new Map(program.documents.changelog.map((c) => [releaseVersion(c.data.version), c]));
	const releasedBy = new Map<string, string>();
	for (const phase of program.documents.phase) {
		const release = phase.data.release;
		if (!release) continue;
		const add = (severity: 'error' | 'warning', message: string, rule: RuleId) => findings.push(finding(phase.path, phase.lineOf(['release']), severity, message, rule));
		// A release is one commit of one phase: a second phase that claims it has an empty range
		// (v0.1.0..v0.1.0) and would be published as released with none of its changes.
		const first = releasedBy.get(releaseVersion(release));
		if (first !== undefined) add('error', `Release ${release} on phase ${phase.id} is already phase ${first}'s release, expected a version of its own`, 'release/duplicate');
		else releasedBy.set(releaseVersion(release), phase.id);
		const verdict = readiness.get(phase.id);
		if (verdict && !verdict.ready) {
			add('error', `Release ${release} on phase ${phase.id}, which is not ready: ${verdict.blockers[0]!.message}${verdict.blockers.length > 1 ? ` (and ${verdict.blockers.length - 1} more)` : ''}`, 'release/not-ready');
		}
		if (phase.data.approvals.length === 0) add('error', `Release ${release} on phase ${phase.id} without an approval, expected at least one in approvals`, 'release/approval');
		const entry = entries.get(releaseVersion(release));
		if (!entry) {
			add('error', `Release ${release} has no changelog entry, expected content/changelog/${releaseVersion(release)}.mdx with version "${releaseVersion(release)}"`, 'release/changelog');
		} else if (entry.data.status !== 'released') {
			// The phase's page would say released and the changelog page, the feeds and the dashboard not yet.
			add('error', `Release ${release} on phase ${phase.id}, whose changelog entry ${entry.path} is still ${entry.data.status}, expected status: released there`, 'release/changelog');
		}
		// The release cannot predate the commit its tag is on: "Released 1 Jun 2025" above code of
		// January 2026. Only a tag dates it: a phase that pins range.to without one (a program written
		// up after the fact, as the sample is) names the code, not the day it shipped.
		const tag = releaseTag(release, project.code.tag);
		const range = code && !code.reason && code.tags.get(tag) === true ? code.phases.get(phase.id) : undefined;
		const shipped = range && !range.untagged && range.to !== undefined ? range.commits.find((c) => c.sha === (range.releaseCommit ?? range.to)) : undefined;
		// The commit's day in its committer's zone may be the next day elsewhere: only a date before
		// its earliest day in any zone is before it (the sign-off rule's reading, dates.ts).
		if (entry?.data.status === 'released' && shipped && entry.data.date < daysOfInstant(shipped.date).earliest) {
			findings.push(finding(entry.path, entry.lineOf(['date']), 'error', `Changelog entry ${entry.data.version} is dated ${entry.data.date}, before its release commit ${shipped.sha.slice(0, 7)} of ${shipped.date.slice(0, 10)}, expected the day it was released (${daysOfInstant(shipped.date).earliest} or later, in the earliest time zone)`, 'release/date'));
		}
		// A release tagged before anyone approved it: "Approved 15 Jan" under a tag of 3 Dec. Only a
		// day after the commit's latest day in any zone is after it.
		const approved = phase.data.approvals.map((a) => a.date).sort()[0];
		if (shipped && approved !== undefined && approved > daysOfInstant(shipped.date).latest) {
			add(strict ? 'error' : 'warning', `Release ${release} of phase ${phase.id} is commit ${shipped.sha.slice(0, 7)} of ${shipped.date.slice(0, 10)}, but its first approval is dated ${approved}: the code shipped before it was approved`, 'release/approval');
		}
		// A tag left behind by rewritten history (a rebase, filter-branch): "Released 0.1.0" above
		// code the site is not built from.
		const off = code && !code.reason ? code.offHistory?.get(tag) : undefined;
		if (off) {
			add(strict ? 'error' : 'warning', `Tag ${tag} of release ${release} is on commit ${off.slice(0, 7)}, which the history of HEAD does not hold (rewritten since it was tagged?), so the release is not of the code the site is built from`, 'release/tag');
		}
		if (releaseUntagged(program, project, code, release)) {
			add(strict ? 'error' : 'warning', `Tag ${tag} of release ${release} is not in the repository, expected it on the release commit (git tag ${tag} <commit>), or the commit in range.to`, 'release/tag');
		}
	}
	// A released changelog entry makes the same claim as a phase's release: on the changelog page,
	// the feeds and the dashboard. Its phase must be ready, and its tag in git.
	for (const entry of program.documents.changelog) {
		if (entry.data.status !== 'released') continue;
		const add = (severity: 'error' | 'warning', message: string, rule: RuleId) => findings.push(finding(entry.path, entry.lineOf(['status']), severity, message, rule));
		const version = entry.data.version;
		// A pre-release (0.3.0-rc.1) goes out to be tried before its phase is ready; a release does not.
		const preRelease = isPreRelease(version);
		const releasing = program.documents.phase.some((p) => p.data.release && releaseVersion(p.data.release) === releaseVersion(version));
		// A patch need not name its phase (0.1.1 after phase 1's 0.1.0): it is judged as that phase's
		// patch all the same, or a failing run of its tag's commit would pass unsaid.
		const patched = entry.data.phase === undefined && !releasing && !preRelease ? patchedPhase(program, version) : undefined;
		const phase = entry.data.phase ?? patched;
		const verdict = phase === undefined ? undefined : readiness.get(phase);
		if (verdict && !verdict.ready && !preRelease) {
			add('error', `Changelog entry ${version} is released, but its phase ${phase} is not ready: ${verdict.blockers[0]!.message}${verdict.blockers.length > 1 ? ` (and ${verdict.blockers.length - 1} more)` : ''}`, 'release/not-ready');
		}
		// The changelog page would say released and the phase's page, its readiness and the
		// program diagram not: the phase records the release it shipped (a later patch of it may
		// follow under the same phase).
		const phaseDoc = phase === undefined ? undefined : program.documents.phase.find((p) => p.id === phase);
		if (phaseDoc && !phaseDoc.data.release && !preRelease) {
			add('error', `Changelog entry ${version} is released for phase ${phase}, which records no release, expected release: ${version} in ${phaseDoc.path}`, 'release/phase');
		}
		// Released with no phase, no gate judged it: "1.0.0 Stable API" on failing code passed.
		if (phase === undefined && !releasing && !preRelease) {
			add(strict ? 'error' : 'warning', `Changelog entry ${version} is released, but names no phase and no phase releases it, so no gate judged the code it shipped`, 'release/phase');
		}
		const tag = releaseTag(version, project.code.tag);
		// A phase that releases this version has its tag judged above; a phase that pins range.to
		// names its commits itself, so its program does not tag them.
		const judged = releasing || program.documents.phase.some((p) => p.id === phase && p.data.range?.to);
		if (!judged && releaseUntagged(program, project, code, version, phase)) {
			add(strict ? 'error' : 'warning', `Tag ${tag} of released version ${version} is not in the repository, expected it on the release commit (git tag ${tag} <commit>)`, 'release/tag');
		}
		// A patch of a released phase ships code after the phase's release, which its gates' judged
		// runs do not cover: a run of the patch's own commit that fails says it shipped failing code.
		const patch = phaseDoc?.data.release !== undefined && releaseVersion(phaseDoc.data.release) !== releaseVersion(version) && !preRelease;
		const commit = patch && code && !code.reason ? code.tagCommits?.get(tag) : undefined;
		// A patch cannot predate the commit its tag is on, as a phase's release cannot (above): the
		// day it is judged on would be one its runs' allow-list still held.
		const tagged = commit ? code?.patchDates?.get(tag) : undefined;
		if (tagged && entry.data.date < daysOfInstant(tagged).earliest) {
			findings.push(finding(entry.path, entry.lineOf(['date']), 'error', `Changelog entry ${version} is dated ${entry.data.date}, before its release commit ${commit!.slice(0, 7)} of ${tagged.slice(0, 10)}, expected the day it was released (${daysOfInstant(tagged).earliest} or later, in the earliest time zone)`, 'release/date'));
		}
		if (commit && verdict) {
			// As it shipped: by the settings of its tag's commit, and on its release day, so a threshold
			// raised or an allow-list entry expired since does not make a shipped patch fail.
			const settings = settingsAtTag.get(tag) ?? verdict.settings;
			const day = entry.data.date < today ? entry.data.date : today;
			const unjudged: string[] = [];
			// The tag's commit, or one before it after which no commit changed the code: the newest
			// code's run (the tag's own before its fix's, whichever was imported last), then the last
			// recorded of that commit's.
			const judging = code?.patchCommits?.get(tag) ?? [commit];
			for (const gate of verdict.gates) {
				let run: (typeof gate.runs)[number] | undefined;
				for (const sha of judging) if ((run = gate.runs.filter((r) => r.commit && sha.startsWith(r.commit.toLowerCase())).at(-1))) break;
				if (!run) unjudged.push(gate.gate.id);
				// Judged as the gate judges its runs, not by the status written in the file.
				const outcome = run && evaluateGate(run, settings.gates.find((g) => g.id === gate.gate.id) ?? gate.gate, settings, day);
				const of = run && !commit.startsWith(run.commit!.toLowerCase()) ? `commit ${run.commit!.slice(0, 7)}, whose code its tag's commit ${commit.slice(0, 7)} holds,` : `its tag's commit ${commit.slice(0, 7)}`;
				if (outcome?.status === 'fail') add('error', `Changelog entry ${version} is released, but the ${gate.gate.id} gate's latest run of ${of} fails${outcome.reasons[0] ? `: ${outcome.reasons[0]}` : ''}`, 'release/not-ready');
			}
			// A patch no run judged shipped code that nothing shows passed (a `// 0` went out as a fix).
			if (unjudged.length > 0) {
				const which = unjudged.length === 1 ? `the ${unjudged[0]} gate` : `the ${unjudged.join(', ')} gates`;
				add(strict ? 'error' : 'warning', `Changelog entry ${version} is released, but no run of ${which} judged its tag's commit ${commit.slice(0, 7)}${judging.length > 1 ? ` or an earlier one with the same code (${judging.slice(1).map((sha) => sha.slice(0, 7)).join(', ')})` : ''}, so nothing shows the patch's code passed`, 'release/not-ready');
			}
		}
		const off = code && !code.reason && !judged ? code.offHistory?.get(tag) : undefined;
		if (off) {
			add(strict ? 'error' : 'warning', `Tag ${tag} of released version ${version} is on commit ${off.slice(0, 7)}, which the history of HEAD does not hold (rewritten since it was tagged?), so the release is not of the code the site is built from`, 'release/tag');
		}
	}
	return findings;
}

/**
 * An RCA detected after its phase shipped (incidents.ts) leaves the phase's readiness alone, so
 * its own claim is judged here: once closed, its regression tests pass in the evidence recorded
 * since the release, the phase's newest runs (a patch's) or a later phase's judged ones.
 */
export function checkIncidents(program: Program, runs: readonly StoredRun[], readiness: ReadonlyMap<string, Readiness>, code?: CodeFacts): Finding[] {
	const findings: Finding[] = [];
	for (const rca of program.documents.rca) {
		const shipped = foundAfterRelease(program, rca);
		if (!shipped) continue;
		// The detected date decides whether an RCA holds its phase back: one the repository already
		// held when the release was tagged was known before it shipped, whatever date it now gives.
		// By its id, or by its file under another id (an RCA known before the release, renumbered).
		const held = code?.rcasAtRelease?.get(rca.path)?.[0];
		if (held) {
			const { path, id } = held;
			const as = id === rca.id && path === rca.path ? '' : ` (as ${id ?? 'an RCA'} in ${path})`;
			const hint = `An RCA written before the release was known when phase ${rca.data.phase} shipped, so it is judged with the phase: give the day it was detected, and fix what it found in the phase's evidence.`;
			findings.push(finding(rca.path, rca.lineOf(['detected']), 'error', `${rca.id} says it was detected on ${rca.data.detected}, after phase ${rca.data.phase} shipped in ${shipped.version} (${shipped.day}), but the repository held it at that release's tag${as}, expected the day it was detected, on or before ${shipped.day}`, 'release/detected', 1, { hint }));
			continue;
		}
		const match = regressionMatcher(incidentRuns(program, rca, runs, readiness));
		const where = ` (looked for in phase ${rca.data.phase}'s newest runs and in the runs the later phases are judged on)`;
		const hint = `${rca.id} was detected on ${rca.data.detected}, after phase ${rca.data.phase} shipped in ${shipped.version} (${shipped.day}), so phase ${rca.data.phase}'s readiness stands as it shipped and the fix is judged on the evidence since: import the patch's test report with --phase ${rca.data.phase} --commit <its tag>, or into the phase in progress.`;
		for (const gap of regressionGaps(rca, match, where)) {
			const line = gap.index === undefined ? rca.lineOf(['status']) : rca.lineOf(['regressionTests', gap.index]);
			findings.push(finding(rca.path, line, 'error', gap.message, 'release/regression', 1, { hint }));
		}
	}
	return findings;
}
