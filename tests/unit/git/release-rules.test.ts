// Releases against readiness, approvals, the changelog and git tags; gate runs against the range.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheck } from '../../../src/cli/run-check.ts';
import { bodyWithInventory, commit, git, lineOf, makeGitFixture, write, writeContent } from '../../helpers/git-repo.ts';
import { completeBody, evidenceRun, phaseDoc } from '../../helpers/program.ts';

let root: string;
let commits: string[];
beforeAll(() => {
	({ root, commits } = makeGitFixture());
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const APPROVED = 'approvals:\n  - { by: ben, role: Tech lead, date: 2026-07-01 }\n';
const changelog = (version: string) => `---\nversion: "${version}"\ntitle: Release\ndate: 2026-07-01\nstatus: released\nowners: [ana]\n---\n${completeBody('changelog')}`;
const passing = (commit: string, phase = '1') => [evidenceRun({ phase, gate: 'unit', commit, cases: [[`REQ-${phase}.1 works`, 'passed', [`REQ-${phase}.1`]]] })];
const phase1 = (fields: string) => phaseDoc('1', fields, bodyWithInventory(['| `src/a.ts` | New | REQ-1.1 |']));

async function check(files: Record<string, string>, rule: RegExp, strict = false) {
	writeContent(root, files);
	const { findings } = await runCheck(root, { diagrams: false, strict });
	return findings.filter((f) => rule.test(f.ruleId)).map((f) => `${f.path}:${f.line}:${f.column}  ${f.severity}  ${f.message}  ${f.ruleId}`);
}

describe('release/*', () => {
	it('ok: a release on a ready, approved phase, with its changelog entry and its tag in git', async () => {
		const files = Object.fromEntries([...passing(commits[0]!), ['content/phases/1.mdx', phase1(`release: v0.1.0\n${APPROVED}`)], ['content/changelog/0.1.0.mdx', changelog('0.1.0')]]);
		expect(await check(files, /^(release|evidence)\//)).toEqual([]);
	});

	it('not ok: a release on a phase that is not ready, has no approval and no changelog entry', async () => {
		const doc = phase1('release: v9.9.9\n');
		const at = `content/phases/1.mdx:${lineOf(doc, 'release:')}:1`;
		expect(await check({ 'content/phases/1.mdx': doc }, /^release\//)).toEqual([
			`${at}  error  Release v9.9.9 on phase 1 without an approval, expected at least one in approvals  release/approval`,
			`${at}  error  Release v9.9.9 has no changelog entry, expected content/changelog/9.9.9.mdx with version "9.9.9"  release/changelog`,
			`${at}  error  Release v9.9.9 on phase 1, which is not ready: No evidence for the required Unit tests gate  release/not-ready`,
			`${at}  warning  Tag v9.9.9 of release v9.9.9 is not in the repository, expected it on the release commit (git tag v9.9.9 <commit>), or the commit in range.to  release/tag`,
		]);
	});

	// An adopter's attack: a release tagged weeks before its only approval passed.
	it('warns of a release whose tag is on a commit dated before its first approval', async () => {
		const files = (date: string) => {
			const doc = phase1(`release: v0.1.0\n${APPROVED.replace('2026-07-01', date)}`);
			return { doc, files: Object.fromEntries([...passing(commits[0]!), ['content/phases/1.mdx', doc], ['content/changelog/0.1.0.mdx', changelog('0.1.0')]]) };
		};
		const late = files('2026-07-15');
		expect(await check(late.files, /^release\/approval$/)).toEqual([
			`content/phases/1.mdx:${lineOf(late.doc, 'release:')}:1  warning  Release v0.1.0 of phase 1 is commit ${commits[0]!.slice(0, 7)} of 2026-07-01, but its first approval is dated 2026-07-15: the code shipped before it was approved  release/approval`,
		]);
		expect(await check(late.files, /^release\/approval$/, true)).toEqual([expect.stringContaining('  error  Release v0.1.0 of phase 1 is commit')]);
		expect(await check(files('2026-07-01').files, /^release\/approval$/)).toEqual([]);
		expect(await check(files('2026-06-20').files, /^release\/approval$/)).toEqual([]);
	});

	// An adopter's attack: a changelog entry dated months before the commit its tag is on passed.
	it('not ok: a released changelog entry dated before its release commit', async () => {
		const files = (date: string) => Object.fromEntries([...passing(commits[0]!), ['content/phases/1.mdx', phase1(`release: v0.1.0\n${APPROVED}`)], ['content/changelog/0.1.0.mdx', changelog('0.1.0').replace('date: 2026-07-01', `date: ${date}`)]]);
		expect(await check(files('2026-06-29'), /^release\/date$/)).toEqual([
			`content/changelog/0.1.0.mdx:4:1  error  Changelog entry 0.1.0 is dated 2026-06-29, before its release commit ${commits[0]!.slice(0, 7)} of 2026-07-01, expected the day it was released (2026-06-30 or later, in the earliest time zone)  release/date`,
		]);
		expect(await check(files('2026-07-01'), /^release\/date$/)).toEqual([]);
		// An adopter's attack: the commit of 09:00 UTC was the evening of 30 June west of UTC-9, where
		// a team dates its entry by its own day (as a commit at 01:30 in UTC+2 is the day before in UTC).
		expect(await check(files('2026-06-30'), /^release\/date$/)).toEqual([]);
		// A phase that pins range.to with no tag (a program written up after the fact) is not dated by its commit.
		const pinned = Object.fromEntries([...passing(commits[0]!), ['content/phases/1.mdx', phase1(`release: v0.3.0\n${APPROVED}range:\n  to: ${commits[0]}\n`)], ['content/changelog/0.3.0.mdx', changelog('0.3.0').replace('date: 2026-07-01', 'date: 2026-06-01')]]);
		expect(await check(pinned, /^release\/date$/)).toEqual([]);
	});

	// An adopter's attack: after a history rewrite the tag stayed on the old commit, which no commit
	// of the branch holds, and the site still said "Released".
	it('not ok: a release whose tag is on a commit the history of HEAD does not hold', async () => {
		const orphan = git(root, ['commit-tree', `${commits[0]}^{tree}`, '-m', 'Rewritten start']).trim();
		git(root, ['tag', '-a', 'v0.9.0', '-m', 'release', orphan]);
		try {
			const doc = phase1(`release: v0.9.0\n${APPROVED}`);
			const files = Object.fromEntries([...passing(commits[0]!), ['content/phases/1.mdx', doc], ['content/changelog/0.9.0.mdx', changelog('0.9.0')]]);
			const off = `content/phases/1.mdx:${lineOf(doc, 'release:')}:1  %s  Tag v0.9.0 of release v0.9.0 is on commit ${orphan.slice(0, 7)}, which the history of HEAD does not hold (rewritten since it was tagged?), so the release is not of the code the site is built from  release/tag`;
			expect(await check(files, /^release\/tag$/)).toEqual([off.replace('%s', 'warning')]);
			expect(await check(files, /^release\/tag$/, true)).toEqual([off.replace('%s', 'error')]);
			// A released changelog entry no phase releases makes the same claim on the changelog page.
			const entry = changelog('0.9.0');
			expect(await check({ 'content/phases/1.mdx': phase1(''), 'content/changelog/0.9.0.mdx': entry }, /^release\/tag$/)).toEqual([
				`content/changelog/0.9.0.mdx:${lineOf(entry, 'status:')}:1  warning  Tag v0.9.0 of released version 0.9.0 is on commit ${orphan.slice(0, 7)}, which the history of HEAD does not hold (rewritten since it was tagged?), so the release is not of the code the site is built from  release/tag`,
			]);
			// v0.1.0 is on the branch's first commit: nothing to say.
			expect(await check(Object.fromEntries([...passing(commits[0]!), ['content/phases/1.mdx', phase1(`release: v0.1.0\n${APPROVED}`)], ['content/changelog/0.1.0.mdx', changelog('0.1.0')]]), /^release\/tag$/)).toEqual([]);
		} finally {
			git(root, ['tag', '-d', 'v0.9.0']);
		}
	});

	it('not ok: a second phase that releases the version an earlier phase released', async () => {
		const phase2 = phaseDoc('2', `dependsOn: ["1"]\nrelease: "0.1.0"\n${APPROVED}`, bodyWithInventory(['| `src/a.ts` | New | REQ-2.1 |']));
		const files = Object.fromEntries([...passing(commits[0]!), ...passing(commits[0]!, '2'), ['content/phases/1.mdx', phase1(`release: v0.1.0\n${APPROVED}`)], ['content/phases/2.mdx', phase2], ['content/changelog/0.1.0.mdx', changelog('0.1.0')]]);
		expect(await check(files, /^release\/duplicate$/)).toEqual([
			`content/phases/2.mdx:${lineOf(phase2, 'release:')}:1  error  Release 0.1.0 on phase 2 is already phase 1's release, expected a version of its own  release/duplicate`,
		]);
	});

	it('not ok: a branch that bears the release\'s name is not its tag', async () => {
		git(root, ['branch', 'v0.2.0', commits[0]!]);
		try {
			const files = Object.fromEntries([...passing(commits[0]!), ['content/phases/1.mdx', phase1(`release: v0.2.0\n${APPROVED}`)], ['content/changelog/0.2.0.mdx', changelog('0.2.0')]]);
			expect(await check(files, /^release\/tag$/, true)).toEqual([
				expect.stringMatching(/:\d+:1  error  Tag v0\.2\.0 of release v0\.2\.0 is not in the repository/),
			]);
		} finally {
			git(root, ['branch', '-D', 'v0.2.0']);
		}
	});

	it('not ok: with --strict a missing tag is an error; a configured tag format is looked up', async () => {
		const project = 'code:\n  path: app\n  tag: release-{version}\n';
		const files = Object.fromEntries([...passing(commits[0]!), ['content/phases/1.mdx', phase1(`release: v0.1.0\n${APPROVED}`)], ['content/changelog/0.1.0.mdx', changelog('0.1.0')]]);
		writeContent(root, files);
		const out = await check({ ...files, 'content/project.yaml': `name: P\ndescription: D\ngates:\n  - { id: unit, title: Unit tests, layer: unit }\n${project}` }, /^release\/tag$/, true);
		expect(out).toEqual([expect.stringMatching(/:\d+:1  error  Tag release-0\.1\.0 of release v0\.1\.0 is not in the repository/)]);
	});

	it('not ok: a released changelog entry whose phase is not ready, or whose tag is not in git; a pre-release may go out first', async () => {
		const entry = (version: string, fields = 'phase: "1"\n') => changelog(version).replace('status: released\n', `status: released\n${fields}`);
		const files = { 'content/phases/1.mdx': phase1(''), 'content/changelog/1.0.0.mdx': entry('1.0.0'), 'content/changelog/1.1.0-rc.1.mdx': entry('1.1.0-rc.1', '') };
		const line = lineOf(entry('1.0.0'), 'status:');
		expect(await check(files, /^release\//)).toEqual([
			`content/changelog/1.0.0.mdx:${line}:1  error  Changelog entry 1.0.0 is released, but its phase 1 is not ready: No evidence for the required Unit tests gate  release/not-ready`,
			`content/changelog/1.0.0.mdx:${line}:1  error  Changelog entry 1.0.0 is released for phase 1, which records no release, expected release: 1.0.0 in content/phases/1.mdx  release/phase`,
			`content/changelog/1.0.0.mdx:${line}:1  warning  Tag v1.0.0 of released version 1.0.0 is not in the repository, expected it on the release commit (git tag v1.0.0 <commit>)  release/tag`,
			`content/changelog/1.1.0-rc.1.mdx:${lineOf(entry('1.1.0-rc.1', ''), 'status:')}:1  warning  Tag v1.1.0-rc.1 of released version 1.1.0-rc.1 is not in the repository, expected it on the release commit (git tag v1.1.0-rc.1 <commit>)  release/tag`,
		]);
	});

	// An adopter's attack: patch 0.1.1 of a released phase was tagged on code whose only run failed,
	// and the dashboard listed it as the latest release with nothing said.
	it('not ok: a released patch whose tag is on a commit a failing run judged', async () => {
		git(root, ['tag', 'v0.1.1', commits[1]!]);
		try {
			const entry = (version: string) => changelog(version).replace('status: released\n', 'status: released\nphase: "1"\n');
			const failing = evidenceRun({ phase: '1', gate: 'unit', commit: commits[1]!, recordedAt: '2026-07-03T10:00:00.000Z', cases: [['REQ-1.1 works', 'failed', ['REQ-1.1']]] });
			const files = Object.fromEntries([...passing(commits[0]!), failing, ['content/phases/1.mdx', phase1(`release: v0.1.0\n${APPROVED}`)], ['content/changelog/0.1.0.mdx', entry('0.1.0')], ['content/changelog/0.1.1.mdx', entry('0.1.1')]]);
			expect(await check(files, /^release\//)).toEqual([
				`content/changelog/0.1.1.mdx:${lineOf(entry('0.1.1'), 'status:')}:1  error  Changelog entry 0.1.1 is released, but the unit gate's latest run of its tag's commit ${commits[1]!.slice(0, 7)} fails: 1 of 1 test failed: "REQ-1.1 works"  release/not-ready`,
			]);
		} finally {
			git(root, ['tag', '-d', 'v0.1.1']);
		}
	});

	// An adopter's attack: with its `phase:` line deleted, the patch's failing run passed unsaid, as a
	// warning that no gate judged it, and READY.
	it('not ok: a released patch that names no phase, whose tag is on a commit a failing run judged', async () => {
		git(root, ['tag', 'v0.1.1', commits[1]!]);
		try {
			const named = (version: string) => changelog(version).replace('status: released\n', 'status: released\nphase: "1"\n');
			const failing = evidenceRun({ phase: '1', gate: 'unit', commit: commits[1]!, recordedAt: '2026-07-03T10:00:00.000Z', cases: [['REQ-1.1 works', 'failed', ['REQ-1.1']]] });
			const files = Object.fromEntries([...passing(commits[0]!), failing, ['content/phases/1.mdx', phase1(`release: v0.1.0\n${APPROVED}`)], ['content/changelog/0.1.0.mdx', named('0.1.0')], ['content/changelog/0.1.1.mdx', changelog('0.1.1')], ['content/changelog/0.2.1.mdx', changelog('0.2.1')]]);
			expect(await check(files, /^release\/(not-ready|phase)$/)).toEqual([
				`content/changelog/0.1.1.mdx:${lineOf(changelog('0.1.1'), 'status:')}:1  error  Changelog entry 0.1.1 is released, but the unit gate's latest run of its tag's commit ${commits[1]!.slice(0, 7)} fails: 1 of 1 test failed: "REQ-1.1 works"  release/not-ready`,
				// No phase released a 0.2: no gate judged 0.2.1.
				`content/changelog/0.2.1.mdx:${lineOf(changelog('0.2.1'), 'status:')}:1  warning  Changelog entry 0.2.1 is released, but names no phase and no phase releases it, so no gate judged the code it shipped  release/phase`,
			]);
		} finally {
			git(root, ['tag', '-d', 'v0.1.1']);
		}
	});

	// An adopter's attack: a patch tagged on code that failed its tests, with no run at all, passed;
	// so did a released entry with no phase.
	it('warns of a released patch no run judged, and of a released entry no phase judged', async () => {
		git(root, ['tag', 'v0.1.1', commits[1]!]);
		try {
			const entry = (version: string) => changelog(version).replace('status: released\n', 'status: released\nphase: "1"\n');
			const files = Object.fromEntries([...passing(commits[0]!), ['content/phases/1.mdx', phase1(`release: v0.1.0\n${APPROVED}`)], ['content/changelog/0.1.0.mdx', entry('0.1.0')], ['content/changelog/0.1.1.mdx', entry('0.1.1')], ['content/changelog/1.0.0.mdx', changelog('1.0.0')]]);
			const out = [
				`content/changelog/0.1.1.mdx:${lineOf(entry('0.1.1'), 'status:')}:1  %s  Changelog entry 0.1.1 is released, but no run of the unit gate judged its tag's commit ${commits[1]!.slice(0, 7)}, so nothing shows the patch's code passed  release/not-ready`,
				`content/changelog/1.0.0.mdx:${lineOf(changelog('1.0.0'), 'status:')}:1  %s  Changelog entry 1.0.0 is released, but names no phase and no phase releases it, so no gate judged the code it shipped  release/phase`,
			];
			expect(await check(files, /^release\/(not-ready|phase)$/)).toEqual(out.map((line) => line.replace('%s', 'warning')));
			expect(await check(files, /^release\/(not-ready|phase)$/, true)).toEqual(out.map((line) => line.replace('%s', 'error')));
			// A passing run of the patch's commit judges it.
			const judged = { ...files, ...Object.fromEntries([evidenceRun({ phase: '1', gate: 'unit', commit: commits[1]!, recordedAt: '2026-07-03T10:00:00.000Z', cases: [['REQ-1.1 works', 'passed', ['REQ-1.1']]] })]) };
			delete judged['content/changelog/1.0.0.mdx'];
			expect(await check(judged, /^release\/(not-ready|phase)$/)).toEqual([]);
		} finally {
			git(root, ['tag', '-d', 'v0.1.1']);
		}
	});

	// An adopter's attack: the gates ran on the fix, the changelog entry was committed on top and
	// tagged, and `--strict` refused the patch as judged by no run.
	it('ok: a patch tagged on a commit that changed no code since the commit its runs judged', async () => {
		// The changelog entry's commit on top of the fix: here a commit that changes no file.
		const changelogCommit = git(root, ['commit-tree', `${commits[3]}^{tree}`, '-p', commits[3]!, '-m', 'Changelog for 0.1.1']).trim();
		git(root, ['tag', 'v0.1.1', changelogCommit]);
		try {
			const entry = (version: string) => changelog(version).replace('status: released\n', 'status: released\nphase: "1"\n');
			const runOf = (at: string, result: 'passed' | 'failed' = 'passed', recordedAt = '2026-07-06T10:00:00.000Z') => evidenceRun({ phase: '1', gate: 'unit', commit: at, recordedAt, cases: [['REQ-1.1 works', result, ['REQ-1.1']]] });
			const files = (...runs: [string, string][]) => Object.fromEntries([...passing(commits[0]!), ...runs, ['content/phases/1.mdx', phase1(`release: v0.1.0\n${APPROVED}`)], ['content/changelog/0.1.0.mdx', entry('0.1.0')], ['content/changelog/0.1.1.mdx', entry('0.1.1')]]);
			const at = `content/changelog/0.1.1.mdx:${lineOf(entry('0.1.1'), 'status:')}:1`;
			expect(await check(files(runOf(commits[3]!)), /^release\/not-ready$/, true)).toEqual([]);
			// The commit before the fix added a test: a run of its parent judged other code.
			expect(await check(files(runOf(commits[2]!)), /^release\/not-ready$/, true)).toEqual([
				`${at}  error  Changelog entry 0.1.1 is released, but no run of the unit gate judged its tag's commit ${changelogCommit.slice(0, 7)} or an earlier one with the same code (${commits[3]!.slice(0, 7)}), so nothing shows the patch's code passed  release/not-ready`,
			]);
			// A failing run of the fix is named by its own commit.
			expect(await check(files(runOf(commits[3]!), runOf(commits[3]!, 'failed', '2026-07-07T10:00:00.000Z')), /^release\/not-ready$/)).toEqual([
				`${at}  error  Changelog entry 0.1.1 is released, but the unit gate's latest run of commit ${commits[3]!.slice(0, 7)}, whose code its tag's commit ${changelogCommit.slice(0, 7)} holds, fails: 1 of 1 test failed: "REQ-1.1 works"  release/not-ready`,
			]);
			// An adopter's attack: a passing run of the fix imported after a failing run of the tag's own
			// commit passed the patch. The run of the newest code judges it, whatever was imported last.
			expect(await check(files(runOf(changelogCommit, 'failed'), runOf(commits[3]!, 'passed', '2026-07-07T10:00:00.000Z')), /^release\/not-ready$/)).toEqual([
				`${at}  error  Changelog entry 0.1.1 is released, but the unit gate's latest run of its tag's commit ${changelogCommit.slice(0, 7)} fails: 1 of 1 test failed: "REQ-1.1 works"  release/not-ready`,
			]);
		} finally {
			git(root, ['tag', '-d', 'v0.1.1']);
		}
	});

	// An adopter's attack: generated code that code.exclude leaves out of the inventories changed after
	// the run of the fix, and the patch tagged on it passed on that run.
	it('not ok: a patch whose tag commit changed a file code.exclude names after the commit its runs judged', async () => {
		git(root, ['tag', 'v0.1.1', commits[4]!]);
		try {
			const entry = changelog('0.1.1').replace('status: released\n', 'status: released\nphase: "1"\n');
			const fix = evidenceRun({ phase: '1', gate: 'unit', commit: commits[3]!, recordedAt: '2026-07-06T10:00:00.000Z', cases: [['REQ-1.1 works', 'passed', ['REQ-1.1']]] });
			const files = Object.fromEntries([...passing(commits[0]!), fix, ['content/phases/1.mdx', phase1(`release: v0.1.0\n${APPROVED}`)], ['content/changelog/0.1.0.mdx', changelog('0.1.0')], ['content/changelog/0.1.1.mdx', entry]]);
			expect(await check(files, /^release\/not-ready$/, true)).toEqual([
				`content/changelog/0.1.1.mdx:${lineOf(entry, 'status:')}:1  error  Changelog entry 0.1.1 is released, but no run of the unit gate judged its tag's commit ${commits[4]!.slice(0, 7)}, so nothing shows the patch's code passed  release/not-ready`,
			]);
		} finally {
			git(root, ['tag', '-d', 'v0.1.1']);
		}
	});

	// The changelog page and the dashboard showed a release whose tag git lacks as plainly released.
	it('names, for the pages, the released versions whose tag git does not have', async () => {
		const { analyse } = await import('../../../src/core/analysis.ts');
		const { releaseUntagged } = await import('../../../src/core/check/release.ts');
		const pinned = phase1(`release: v0.9.0\n${APPROVED}range:\n  to: ${commits[0]}\n`);
		writeContent(root, { 'content/phases/1.mdx': pinned, 'content/changelog/0.9.0.mdx': changelog('0.9.0'), 'content/changelog/1.0.0.mdx': changelog('1.0.0'), 'content/changelog/0.1.0.mdx': changelog('0.1.0') });
		const { program, project, code } = await analyse(root);
		const untagged = (version: string) => releaseUntagged(program, project!, code, version);
		// v1.0.0 has no tag; v0.1.0 has; v0.9.0's phase pins its commit in range.to instead.
		expect([untagged('1.0.0'), untagged('0.1.0'), untagged('0.9.0')]).toEqual([true, false, false]);
		expect(releaseUntagged(program, project!, undefined, '1.0.0')).toBe(false);
	});

	// The phase's page and the changelog page must tell the same story about a release.
	it('not ok: a release whose changelog entry is still a draft', async () => {
		const doc = phase1(`release: v0.9.0\n${APPROVED}range:\n  to: ${commits[0]}\n`);
		const files = Object.fromEntries([...passing(commits[0]!), ['content/phases/1.mdx', doc], ['content/changelog/0.9.0.mdx', changelog('0.9.0').replace('status: released', 'status: draft')]]);
		expect(await check(files, /^release\//)).toEqual([
			`content/phases/1.mdx:${lineOf(doc, 'release:')}:1  error  Release v0.9.0 on phase 1, whose changelog entry content/changelog/0.9.0.mdx is still draft, expected status: released there  release/changelog`,
		]);
	});

	it('ok: a patch released under a phase that records its own release', async () => {
		const entry = (version: string) => changelog(version).replace('status: released\n', 'status: released\nphase: "1"\n');
		const files = Object.fromEntries([
			...passing(commits[0]!),
			['content/phases/1.mdx', phase1(`release: v0.9.0\n${APPROVED}range:\n  to: ${commits[0]}\n`)],
			['content/changelog/0.9.0.mdx', entry('0.9.0')],
			['content/changelog/0.9.1.mdx', entry('0.9.1')],
		]);
		expect(await check(files, /^release\/(phase|changelog)$/)).toEqual([]);
	});

	it('ok: a phase that pins range.to names its release commit itself, so no tag is looked up', async () => {
		const files = Object.fromEntries([...passing(commits[0]!), ['content/phases/1.mdx', phase1(`release: v0.9.0\n${APPROVED}range:\n  to: ${commits[0]}\n`)], ['content/changelog/0.9.0.mdx', changelog('0.9.0')]]);
		expect(await check(files, /^release\//)).toEqual([]);
	});
});

describe('a release and its tag', () => {
	// An untagged release left the range without an end, and every git check of the phase was off:
	// a ghost row and a missing artifact passed behind one release/tag warning.
	it('not ok: a release not tagged yet is checked against HEAD, so a file that does not exist is still found', async () => {
		const doc = phaseDoc('1', `release: v9.9.9\n${APPROVED}`, bodyWithInventory(['| `src/a.ts` | New | REQ-1.1 |', '| `src/invoice.ts` | New | REQ-1.1 |']));
		writeContent(root, { 'content/phases/1.mdx': doc });
		const { findings, analysis } = await runCheck(root, { diagrams: false });
		expect(findings.filter((f) => f.ruleId === 'inventory/ghost').map((f) => f.message)).toEqual([expect.stringContaining('"src/invoice.ts"')]);
		const range = analysis.code!.phases.get('1')!;
		expect([range.label, range.untagged, range.to]).toEqual(['(first commit)..HEAD', 'v9.9.9', git(root, ['rev-parse', 'HEAD']).trim()]);
		// No claim that the release is some commit: the tag's absence is the finding.
		expect(findings.filter((f) => f.ruleId === 'evidence/commits')).toEqual([]);
	});

	it('not ok: a pinned range.to that is not the commit of the release\'s tag', async () => {
		const tagged = git(root, ['rev-parse', 'v0.1.0^{commit}']).trim();
		const doc = phase1(`release: v0.1.0\n${APPROVED}range:\n  to: ${commits[4]}\n`);
		const files = Object.fromEntries([...passing(commits[4]!), ['content/phases/1.mdx', doc], ['content/changelog/0.1.0.mdx', changelog('0.1.0')]]);
		expect(await check(files, /^evidence\/commits$/)).toEqual([
			`content/phases/1.mdx:${lineOf(doc, 'release:')}:1  error  Release v0.1.0 of phase 1 is commit ${tagged.slice(0, 7)}, but its latest gate runs did not judge it (unit judged ${commits[4]!.slice(0, 7)}), so the released code is not the code the gates passed  evidence/commits`,
			`content/phases/1.mdx:${lineOf(doc, '  to:')}:1  error  range.to is commit ${commits[4]!.slice(0, 7)}, but release v0.1.0's tag is on commit ${tagged.slice(0, 7)}, expected the range to end at the release  evidence/commits`,
		]);
	});
});

describe('evidence/commits', () => {
	it('not ok: latest required runs judged different commits, one of them outside the range', async () => {
		const doc = phaseDoc('2', 'dependsOn: ["1"]\n', bodyWithInventory(['| `src/` | Changed | REQ-2.1 |', '| `README.md` | Removed | REQ-2.1 |', '| `tests/` | New | REQ-2.1 |']));
		const files = Object.fromEntries([
			['content/phases/1.mdx', phase1(`release: v0.1.0\n${APPROVED}`)],
			['content/project.yaml', `name: P\ndescription: D\ngates:\n  - { id: build, title: Clean build, layer: build }\n  - { id: unit, title: Unit tests, layer: unit }\ncode:\n  path: app\n  exclude: [package-lock.json]\n`],
			evidenceRun({ phase: '2', gate: 'build', commit: commits[4]!.slice(0, 7) }),
			evidenceRun({ phase: '2', gate: 'unit', commit: commits[0]! }),
			['content/phases/2.mdx', doc],
		]);
		const short = (i: number) => commits[i]!.slice(0, 7);
		expect(await check(files, /^evidence\/commits$/)).toEqual([
			`content/evidence/2/unit/2026-07-01T10-00-00Z-unit.json:1:1  warning  Run of the unit gate judged commit ${short(0)}, which is not in phase 2's range v0.1.0..HEAD  evidence/commits`,
			`content/phases/2.mdx:${lineOf(doc, 'status:')}:1  warning  Phase 2's latest required gate runs judged different commits: ${short(4)} (build), ${short(0)} (unit), expected one commit for every gate  evidence/commits`,
		]);
	});
});

describe('git/range: a pinned start past another phase\'s release', () => {
	// F14 of the attack: phase 3 pinned range.from at an early commit and listed phase 2's released
	// files as its own, with nothing said.
	it('warns when a pinned range.from reaches back past an earlier release, and not when it starts at it', async () => {
		git(root, ['tag', 'v0.2.0', commits[2]!]);
		try {
			const phase2 = phaseDoc('2', `dependsOn: ["1"]\nrelease: v0.2.0\n${APPROVED}`, bodyWithInventory(['| `src/` | Changed | REQ-2.1 |']));
			const phase3 = (from: string) => phaseDoc('3', `dependsOn: ["2"]\nrange:\n  from: ${from}\n`, bodyWithInventory(['| `src/` | Changed | REQ-3.1 |']));
			const program = (from: string) => ({ 'content/phases/1.mdx': phase1(`release: v0.1.0\n${APPROVED}`), 'content/phases/2.mdx': phase2, 'content/phases/3.mdx': phase3(from), 'content/changelog/0.2.0.mdx': changelog('0.2.0') });
			const doc = phase3(commits[0]!);
			expect(await check(program(commits[0]!), /^git\/range$/)).toEqual([
				`content/phases/3.mdx:${lineOf(doc, '  from:')}:1  warning  range.from reaches back past release v0.2.0 of phase 2: 2 of that phase's commits (${commits[2]!.slice(0, 7)}, …) count as phase 3's too, expected the range to start at or after the release, or range.paths that keep the two phases' code apart  git/range`,
			]);
			expect(await check(program('v0.2.0'), /^git\/range$/)).toEqual([]);
		} finally {
			git(root, ['tag', '-d', 'v0.2.0']);
		}
	});
});

describe('the run a gate is judged on', () => {
	// F5 of the attack: the newest code's run failed, an older commit's passing run was imported
	// after it, and the phase read as ready. A gate is judged on the newest code's run.
	const doc = phaseDoc('2', 'dependsOn: ["1"]\n', bodyWithInventory(['| `src/` | Changed | REQ-2.1 |']));
	const run = (commit: string | undefined, recordedAt: string, status: 'passed' | 'failed') =>
		evidenceRun({ phase: '2', gate: 'unit', ...(commit ? { commit } : {}), recordedAt, cases: [['REQ-2.1 works', status, ['REQ-2.1']]] });
	async function judged(runs: [string, string][]) {
		writeContent(root, Object.fromEntries([...runs, ['content/phases/1.mdx', phase1(`release: v0.1.0\n${APPROVED}`)], ['content/phases/2.mdx', doc]]));
		const { analyse } = await import('../../../src/core/analysis.ts');
		const analysis = await analyse(root);
		const gate = analysis.readiness.get('2')!.gates[0]!;
		const trace = analysis.traceability!.rows.find((r) => r.id === 'REQ-2.1')!;
		return {
			commit: gate.latest?.commit?.slice(0, 7),
			status: gate.status,
			trace: trace.status,
			warnings: analysis.findings.filter((f) => f.ruleId === 'evidence/commits').map((f) => f.message),
		};
	}
	const short = (i: number) => commits[i]!.slice(0, 7);

	it("is the newest code's run, not an older commit's run imported after it", async () => {
		const newestFails = await judged([run(commits[4]!, '2026-07-01T10:00:00.000Z', 'failed'), run(commits[2]!, '2026-07-02T10:00:00.000Z', 'passed')]);
		expect(newestFails).toEqual({ commit: short(4), status: 'fail', trace: 'failing', warnings: [] });
		const newestPasses = await judged([run(commits[4]!, '2026-07-01T10:00:00.000Z', 'passed'), run(commits[2]!, '2026-07-02T10:00:00.000Z', 'failed')]);
		expect(newestPasses).toEqual({ commit: short(4), status: 'pass', trace: 'passing', warnings: [] });
	});

	it('is the run imported last among runs of one commit, and among runs that name none', async () => {
		const rerun = await judged([run(commits[4]!, '2026-07-01T10:00:00.000Z', 'failed'), run(commits[4]!, '2026-07-02T10:00:00.000Z', 'passed')]);
		expect(rerun).toEqual({ commit: short(4), status: 'pass', trace: 'passing', warnings: [] });
		const noneNamed = await judged([run(undefined, '2026-07-01T10:00:00.000Z', 'passed'), run(undefined, '2026-07-02T10:00:00.000Z', 'failed')]);
		expect(noneNamed).toMatchObject({ commit: undefined, status: 'fail', trace: 'failing' });
	});

	// An adopter's attack: CI recorded the newest code failing, then an old passing report was
	// imported again from a laptop (no --commit) or with a mistyped id, and the done phase read READY.
	it('is never a run that names no commit, or one git does not place, over a run of the range', async () => {
		for (const commit of [undefined, '1234567890abcdef1234567890abcdef12345678']) {
			const later = await judged([run(commits[4]!, '2026-07-01T10:00:00.000Z', 'failed'), run(commit, '2026-07-02T10:00:00.000Z', 'passed')]);
			expect(later).toMatchObject({ commit: short(4), status: 'fail', trace: 'failing' });
		}
		const placedPasses = await judged([run(commits[4]!, '2026-07-01T10:00:00.000Z', 'passed'), run(undefined, '2026-07-02T10:00:00.000Z', 'failed')]);
		expect(placedPasses).toMatchObject({ commit: short(4), status: 'pass', trace: 'passing' });
	});
});

describe('evidence/commits on a release', () => {
	it('not ok: a released phase whose latest gate run judged an older commit than the release', async () => {
		const release = (commit: string) => {
			const doc = phaseDoc('2', `dependsOn: ["1"]\nrelease: v0.2.0\n${APPROVED}range:\n  from: v0.1.0\n  to: ${commits[4]}\n`, bodyWithInventory(['| `src/` | Changed | REQ-2.1 |']));
			return { doc, files: Object.fromEntries([evidenceRun({ phase: '2', gate: 'unit', commit, cases: [['REQ-2.1 works', 'passed', ['REQ-2.1']]] }), ['content/phases/2.mdx', doc], ['content/changelog/0.2.0.mdx', changelog('0.2.0')]]) };
		};
		// An older passing run, imported after the failing one of the release commit: it is the latest.
		const stale = release(commits[2]!);
		expect(await check(stale.files, /^evidence\/commits$/)).toEqual([
			`content/phases/2.mdx:${lineOf(stale.doc, 'release:')}:1  error  Release v0.2.0 of phase 2 is commit ${commits[4]!.slice(0, 7)}, but its latest gate runs did not judge it (unit judged ${commits[2]!.slice(0, 7)}), so the released code is not the code the gates passed  evidence/commits`,
		]);
		expect(await check(release(commits[4]!).files, /^evidence\/commits$/)).toEqual([]);
	});

	// An adopter's attack: a branch whose commit is dated before the judged commit, merged after
	// it, shipped in the release; git's log lists the branch's commit after the judged one.
	it('not ok: a release that holds a branch merged after the commit its gates judged', async () => {
		const head = git(root, ['rev-parse', 'HEAD']).trim();
		git(root, ['checkout', '-q', '-b', 'side', commits[1]!]);
		write(root, { 'app/src/side.ts': 'export const side = 1;\n' });
		const side = commit(root, 'Side work', '2026-07-02T12:00:00+00:00');
		git(root, ['checkout', '-q', 'main']);
		git(root, ['merge', '-q', '--no-ff', '-m', 'Merge side', 'side'], '2026-07-06T09:00:00+00:00');
		const merge = git(root, ['rev-parse', 'HEAD']).trim();
		try {
			const doc = phaseDoc('2', `dependsOn: ["1"]\nrelease: v0.2.0\n${APPROVED}range:\n  from: v0.1.0\n  to: ${merge}\n`, bodyWithInventory(['| `src/` | Changed | REQ-2.1 |']));
			const files = Object.fromEntries([evidenceRun({ phase: '2', gate: 'unit', commit: commits[4]!, cases: [['REQ-2.1 works', 'passed', ['REQ-2.1']]] }), ['content/phases/2.mdx', doc], ['content/changelog/0.2.0.mdx', changelog('0.2.0')]]);
			expect(await check(files, /^evidence\/commits$/)).toEqual([
				`content/phases/2.mdx:${lineOf(doc, 'release:')}:1  error  Release v0.2.0 of phase 2 is commit ${merge.slice(0, 7)}, but its latest gate runs did not judge it (unit judged ${commits[4]!.slice(0, 7)}), so the released code is not the code the gates passed  evidence/commits`,
			]);
			expect(side).toMatch(/^[0-9a-f]{40}$/);
		} finally {
			git(root, ['reset', '-q', '--hard', head]);
			git(root, ['branch', '-q', '-D', 'side']);
		}
	});

	// An adopter's attack: with range.paths, code outside them committed after the judged commit
	// shipped in the release tag with nothing said.
	it('warns of a release that also ships code outside the phase\'s paths committed after the judged commit', async () => {
		const doc = phaseDoc('2', `dependsOn: ["1"]\nrelease: v0.2.0\n${APPROVED}range:\n  from: v0.1.0\n  to: ${commits[4]}\n  paths: [src/b.ts]\n`, bodyWithInventory(['| `src/b.ts` | New | REQ-2.1 |']));
		const files = (commit: string) => Object.fromEntries([evidenceRun({ phase: '2', gate: 'unit', commit, cases: [['REQ-2.1 works', 'passed', ['REQ-2.1']]] }), ['content/phases/2.mdx', doc], ['content/changelog/0.2.0.mdx', changelog('0.2.0')]]);
		expect(await check(files(commits[1]!), /^evidence\/commits$/)).toEqual([
			`content/phases/2.mdx:${lineOf(doc, 'release:')}:1  warning  Release v0.2.0 of phase 2 is commit ${commits[4]!.slice(0, 7)}, which also holds code outside the phase's range.paths committed after the commit its gates judged: src/old.ts, src/new.ts (commit ${commits[2]!.slice(0, 7)}); the tag ships it untested by these gates  evidence/commits`,
		]);
		expect(await check(files(commits[4]!), /^evidence\/commits$/)).toEqual([]);
		// What came after commits[2] is a README taken away and a test added: no code the tag ships.
		expect(await check(files(commits[2]!), /^evidence\/commits$/)).toEqual([]);
		// Nor is CI's workflow, a dotfile or a guide committed after the judged commit.
		const head = git(root, ['rev-parse', 'HEAD']).trim();
		try {
			write(root, { 'app/.github/workflows/ci.yml': 'on: push\n', 'app/.editorconfig': 'root = true\n', 'app/docs/guide.md': '# Guide\n' });
			const tools = commit(root, 'CI and a guide', '2026-07-06T09:00:00+00:00');
			const at = (to: string) => Object.fromEntries([evidenceRun({ phase: '2', gate: 'unit', commit: commits[4]!, cases: [['REQ-2.1 works', 'passed', ['REQ-2.1']]] }), ['content/phases/2.mdx', doc.replace(`to: ${commits[4]}`, `to: ${to}`)], ['content/changelog/0.2.0.mdx', changelog('0.2.0')]]);
			expect(await check(at(tools), /^evidence\/commits$/)).toEqual([]);
			write(root, { 'app/src/c.ts': 'export const c = 1;\n' });
			const code = commit(root, 'The c module', '2026-07-07T09:00:00+00:00');
			expect(await check(at(code), /^evidence\/commits$/)).toEqual([expect.stringContaining(`code outside the phase's range.paths committed after the commit its gates judged: src/c.ts (commit ${code.slice(0, 7)}); the tag ships it untested`)]);
		} finally {
			git(root, ['reset', '-q', '--hard', head]);
		}
	});

	// An adopter's attack: the release commit changed only documents (the phase marked done, the
	// changelog), after CI judged the code, and the check called the released code unjudged.
	// An adopter's attack: generated code that code.exclude leaves out of the inventories changed
	// after the judged commit, and broke the tests the release passed on.
	it('not ok: the gates judged an earlier commit, and a file code.exclude names changed since', async () => {
		const doc = phaseDoc('2', `dependsOn: ["1"]\nrelease: v0.2.0\n${APPROVED}range:\n  from: v0.1.0\n`, bodyWithInventory(['| `src/` | Changed | REQ-2.1 |']));
		git(root, ['tag', 'v0.2.0', commits[4]!]);
		try {
			// commits[4] bumps only the lock file, which code.exclude leaves out of the inventories.
			const at = (commit: string) => Object.fromEntries([evidenceRun({ phase: '2', gate: 'unit', commit, cases: [['REQ-2.1 works', 'passed', ['REQ-2.1']]] }), ['content/phases/2.mdx', doc], ['content/changelog/0.2.0.mdx', changelog('0.2.0')]]);
			expect(await check(at(commits[4]!), /^evidence\/commits$/)).toEqual([]);
			expect(await check(at(commits[3]!), /^evidence\/commits$/)).toEqual([
				`content/phases/2.mdx:${lineOf(doc, 'release:')}:1  error  Release v0.2.0 of phase 2 is commit ${commits[4]!.slice(0, 7)}, but its latest gate runs did not judge it (unit judged ${commits[3]!.slice(0, 7)}), so the released code is not the code the gates passed  evidence/commits`,
			]);
		} finally {
			git(root, ['tag', '-d', 'v0.2.0']);
		}
	});

	it('not ok: a released phase whose latest gate run names no commit cannot show it judged the release', async () => {
		const doc = phaseDoc('2', `dependsOn: ["1"]\nrelease: v0.2.0\n${APPROVED}range:\n  from: v0.1.0\n  to: ${commits[4]}\n`, bodyWithInventory(['| `src/` | Changed | REQ-2.1 |']));
		const files = Object.fromEntries([evidenceRun({ phase: '2', gate: 'unit', cases: [['REQ-2.1 works', 'passed', ['REQ-2.1']]] }), ['content/phases/2.mdx', doc], ['content/changelog/0.2.0.mdx', changelog('0.2.0')]]);
		expect(await check(files, /^evidence\/commits$/)).toEqual([
			`content/evidence/2/unit/2026-07-01T10-00-00Z-unit.json:1:1  warning  Run of the unit gate names no commit, so nothing shows it judged release v0.2.0 of phase 2 (commit ${commits[4]!.slice(0, 7)}); import the report with --commit, or from CI, which names its commit  evidence/commits`,
		]);
	});
});

// An adopter's attack: a done phase with no release yet (its range ends at HEAD) was judged on
// runs of an older commit; untested code committed after it read READY at 100 %.
describe('evidence/commits on a done phase not released yet', () => {
	const done = phaseDoc('2', `dependsOn: ["1"]\n${APPROVED}range:\n  from: v0.1.0\n`, bodyWithInventory(['| `src/` | Changed | REQ-2.1 |'])).replace('status: in-review', 'status: done');
	const at = (commit: string) => Object.fromEntries([evidenceRun({ phase: '2', gate: 'unit', commit, cases: [['REQ-2.1 works', 'passed', ['REQ-2.1']]] }), ['content/phases/2.mdx', done]]);

	// The gates judge the code and its tests, not its documentation: README.md is not named.
	it('not ok: code changed after the commit its gates judged', async () => {
		const out = await check(at(commits[1]!), /^evidence\/commits$/);
		expect(out).toEqual([
			`content/phases/2.mdx:${lineOf(done, 'status:')}:1  error  Phase 2 is done, but the unit gate judged commit ${commits[1]!.slice(0, 7)} and code changed after it: tests/b.test.ts, src/old.ts, src/new.ts (commit ${commits[3]!.slice(0, 7)} and 1 more), so the code the phase delivers is not the code the gates passed  evidence/commits`,
		]);
	});

	it('ok: only documents or excluded files changed after it', async () => {
		expect(await check(at(commits[3]!), /^evidence\/commits$/)).toEqual([]);
		expect(await check(at(commits[4]!), /^evidence\/commits$/)).toEqual([]);
	});

	// An adopter's attack: a Python package named docs and requirements.txt fell under the docs
	// category (its `docs/` folder and `*.txt`), and a done phase read Ready on code no gate judged.
	it('not ok: code in a folder named docs, or a build input ending in .txt, changed after it', async () => {
		const head = git(root, ['rev-parse', 'HEAD']).trim();
		try {
			write(root, { 'app/src/docs/render.ts': 'export const render = () => 1 / 0;\n', 'app/requirements.txt': 'numpy==1.0.0\n', 'app/docs/guide.md': '# Guide\n' });
			const added = commit(root, 'Render helper, pinned deps and a guide', '2026-07-08T09:00:00+00:00');
			expect(await check(at(commits[4]!), /^evidence\/commits$/)).toEqual([
				`content/phases/2.mdx:${lineOf(done, 'status:')}:1  error  Phase 2 is done, but the unit gate judged commit ${commits[4]!.slice(0, 7)} and code changed after it: requirements.txt, src/docs/render.ts (commit ${added.slice(0, 7)}), so the code the phase delivers is not the code the gates passed  evidence/commits`,
			]);
			expect(await check(at(added), /^evidence\/commits$/)).toEqual([]);
		} finally {
			git(root, ['reset', '-q', '--hard', head]);
		}
	});

	// An adopter's attack: runs of the previous release's commit, outside the phase's range, gave
	// a warning only, while runs of an older commit inside it were an error.
	it('not ok: the gates judged a commit outside the range; a warning while the phase is in review', async () => {
		const out = `content/evidence/2/unit/2026-07-01T10-00-00Z-unit.json:1:1  error  Phase 2 is done, but the unit gate judged commit ${commits[0]!.slice(0, 7)}, which is not in its range v0.1.0..HEAD, so the code the phase delivers is not the code the gates passed  evidence/commits`;
		expect(await check(at(commits[0]!), /^evidence\/commits$/)).toEqual([out]);
		const files = at(commits[0]!);
		files['content/phases/2.mdx'] = done.replace('status: done', 'status: in-review');
		expect(await check(files, /^evidence\/commits$/)).toEqual([
			`content/evidence/2/unit/2026-07-01T10-00-00Z-unit.json:1:1  warning  Run of the unit gate judged commit ${commits[0]!.slice(0, 7)}, which is not in phase 2's range v0.1.0..HEAD  evidence/commits`,
		]);
	});

	// An adopter's attack: a run of an uncommitted fix, imported against HEAD, read as HEAD's.
	it('warns of a judged run imported while the code had changes not committed', async () => {
		const files = at(commits[4]!);
		const [path, json] = Object.entries(files).find(([name]) => name.startsWith('content/evidence/'))!;
		files[path] = JSON.stringify({ ...JSON.parse(json), uncommitted: ['app/src/a.ts'] }, null, 2);
		const out = `${path}:1:1  %s  Run of the unit gate is recorded against commit ${commits[4]!.slice(0, 7)}, but the code had changes not committed when it was imported (app/src/a.ts), so it may be a run of them and not of that commit  evidence/commits`;
		expect(await check(files, /^evidence\/commits$/)).toEqual([out.replace('%s', 'warning')]);
		expect(await check(files, /^evidence\/commits$/, true)).toEqual([out.replace('%s', 'error')]);
	});

	// An adopter's attack: with 30,003 untracked files the run kept 20 names, and the check said "and 17 more".
	it('counts the changes not committed by the run\'s total, and by its names in a run without one', async () => {
		const files = at(commits[4]!);
		const [path, json] = Object.entries(files).find(([name]) => name.startsWith('content/evidence/'))!;
		const uncommitted = Array.from({ length: 20 }, (_, i) => `m${i + 1}.py`).sort();
		const out = (named: string) => `${path}:1:1  warning  Run of the unit gate is recorded against commit ${commits[4]!.slice(0, 7)}, but the code had changes not committed when it was imported (${named}), so it may be a run of them and not of that commit  evidence/commits`;
		files[path] = JSON.stringify({ ...JSON.parse(json), uncommitted, uncommittedCount: 30003 }, null, 2);
		expect(await check(files, /^evidence\/commits$/)).toEqual([out('m1.py, m10.py, m11.py and 30000 more')]);
		files[path] = JSON.stringify({ ...JSON.parse(json), uncommitted }, null, 2);
		expect(await check(files, /^evidence\/commits$/)).toEqual([out('m1.py, m10.py, m11.py and 17 more')]);
	});

	// An adopter's attack: a phase in review read "Ready" on runs of older code, whose deleted
	// tests still showed as passing.
	it('warning: a phase in review whose gates judged older code; ok: one still in progress', async () => {
		const files = at(commits[1]!);
		const reviewing = done.replace('status: done', 'status: in-review');
		files['content/phases/2.mdx'] = reviewing;
		expect(await check(files, /^evidence\/commits$/)).toEqual([
			`content/phases/2.mdx:${lineOf(reviewing, 'status:')}:1  warning  Phase 2 is in review, but the unit gate judged commit ${commits[1]!.slice(0, 7)} and code changed after it: tests/b.test.ts, src/old.ts, src/new.ts (commit ${commits[3]!.slice(0, 7)} and 1 more), so its readiness is of older code  evidence/commits`,
		]);
		files['content/phases/2.mdx'] = done.replace('status: done', 'status: in-progress');
		expect(await check(files, /^evidence\/commits$/)).toEqual([]);
	});
});

// An adopter's attack: a coverage report of part of the code, imported after the report of all
// of it, lifted the phase from 47 % to "100 %, +40 pp" and passed the gate.
describe('evidence/coverage-files', () => {
	const coverageRun = (recordedAt: string, files: string[]): [string, string] => {
		const counts = files.map((path) => ({ path, lines: { covered: 1, total: 1 } }));
		const run = { schemaVersion: 1, phase: '2', gate: 'unit', status: 'pass', recordedAt, commit: commits[4], source: { format: 'lcov', tool: 'test', file: 'lcov.info' }, coverage: { lines: 100, files: counts }, reasons: [] };
		return [`content/evidence/2/unit/${recordedAt.slice(0, 10)}-unit.json`, JSON.stringify(run, null, 2)];
	};
	const doc = phaseDoc('2', 'dependsOn: ["1"]\nrange:\n  from: v0.1.0\n', bodyWithInventory(['| `src/` | Changed | REQ-2.1 |']));

	it('not ok: the judged run measures no file of the code that the run before it measured', async () => {
		const files = Object.fromEntries([coverageRun('2026-07-06T10:00:00.000Z', ['app/src/a.ts', 'app/src/b.ts', 'app/src/old.ts', 'app/src/new.ts']), coverageRun('2026-07-07T10:00:00.000Z', ['app/src/a.ts']), ['content/phases/2.mdx', doc]]);
		// app/src/old.ts was renamed away: the code no longer has it, so it is not asked for.
		expect(await check(files, /^evidence\/coverage-files$/)).toEqual([
			"content/evidence/2/unit/2026-07-07-unit.json:1:1  warning  The unit gate's coverage run measures no app/src/b.ts, app/src/new.ts, which its run before (2026-07-06) measured and the code still has: its 100 % leaves that code out  evidence/coverage-files",
		]);
	});

	// An adopter's attack: a coverage-summary.json of vendor/fake.js alone passed the gate at 100 %.
	it('not ok: the judged run measures no file of the code at all', async () => {
		const files = Object.fromEntries([coverageRun('2026-07-07T10:00:00.000Z', ['vendor/fake.js', 'app/src/gone.ts']), ['content/phases/2.mdx', doc]]);
		expect(await check(files, /^evidence\/coverage-files$/)).toEqual([
			`content/evidence/2/unit/2026-07-07-unit.json:1:1  error  The unit gate's coverage run measures vendor/fake.js, app/src/gone.ts, none of them a file of the code at ${commits[4]!.slice(0, 7)} (end of v0.1.0..HEAD): its 100 % is not the phase's code's  evidence/coverage-files`,
		]);
		const one = Object.fromEntries([coverageRun('2026-07-07T10:00:00.000Z', ['vendor/fake.js', 'app/src/a.ts']), ['content/phases/2.mdx', doc]]);
		expect(await check(one, /^evidence\/coverage-files$/)).toEqual([]);
	});

	// An adopter's attack: `pytest --cov=meter.ingest` measured a file the phase did not touch, and
	// its 100 % passed the gate while the code the phase changed was 32 % covered.
	it('warns of a judged run that measures none of the source files the phase changed', async () => {
		const files = Object.fromEntries([coverageRun('2026-07-07T10:00:00.000Z', ['app/src/stable.ts']), ['content/phases/2.mdx', doc]]);
		expect(await check(files, /^evidence\/coverage-files$/)).toEqual([
			"content/evidence/2/unit/2026-07-07-unit.json:1:1  warning  The unit gate's coverage run measures none of the source files phase 2 changed (app/src/a.ts, app/src/b.ts, app/src/new.ts): its 100 % is of other code  evidence/coverage-files",
		]);
		// One of them is enough: the figure is of the code, the threshold judges how much of it.
		const one = Object.fromEntries([coverageRun('2026-07-07T10:00:00.000Z', ['app/src/stable.ts', 'src/new.ts']), ['content/phases/2.mdx', doc]]);
		expect(await check(one, /^evidence\/coverage-files$/)).toEqual([]);
	});

	// An adopter's attack: a report of an older checkout, imported with --commit HEAD, measured a
	// file the phase had since removed, and the done phase read Ready at 100 %.
	it('warns of a judged run that measures a file the code at its commit no longer has', async () => {
		const files = Object.fromEntries([coverageRun('2026-07-07T10:00:00.000Z', ['app/src/a.ts', 'app/src/old.ts']), ['content/phases/2.mdx', doc]]);
		expect(await check(files, /^evidence\/coverage-files$/)).toEqual([
			`content/evidence/2/unit/2026-07-07-unit.json:1:1  warning  The unit gate's coverage run measures app/src/old.ts, which the code at ${commits[4]!.slice(0, 7)} (end of v0.1.0..HEAD) no longer has: the run is of an older checkout than the commit it is recorded against  evidence/coverage-files`,
		]);
		// A file git never had (generated, vendored elsewhere) is no sign of an older checkout.
		const generated = Object.fromEntries([coverageRun('2026-07-07T10:00:00.000Z', ['app/src/a.ts', 'app/src/_version.py']), ['content/phases/2.mdx', doc]]);
		expect(await check(generated, /^evidence\/coverage-files$/)).toEqual([]);
		// Nor is one git stopped tracking that is still there (`git rm --cached` of a generated file).
		write(root, { 'app/src/old.ts': 'generated\n' });
		try {
			expect(await check(files, /^evidence\/coverage-files$/)).toEqual([]);
		} finally {
			rmSync(join(root, 'app/src/old.ts'));
		}
	});

	// A false-positive hunt: JaCoCo names files from their package, coverage.py from its source
	// folder, Go with --ran-in named the folder twice; and a pull request that moved the files
	// was blocked by the coverage main had recorded for the code before it.
	it('ok: paths from another root, at either end of the file\'s path; a run of code since changed', async () => {
		for (const paths of [['src/a.ts', 'b.ts'], ['app/app/src/a.ts']]) {
			const files = Object.fromEntries([coverageRun('2026-07-07T10:00:00.000Z', paths), ['content/phases/2.mdx', doc]]);
			expect(await check(files, /^evidence\/coverage-files$/), paths.join(', ')).toEqual([]);
		}
		const [path, text] = coverageRun('2026-07-07T10:00:00.000Z', ['app/src/old.ts']);
		const older = { [path]: text.replace(commits[4]!, commits[1]!), 'content/phases/2.mdx': doc };
		expect(await check(older, /^evidence\/coverage-files$/)).toEqual([]);
	});

	it('ok: the judged run measures every file the run before it measured, and more', async () => {
		const files = Object.fromEntries([coverageRun('2026-07-06T10:00:00.000Z', ['app/src/a.ts']), coverageRun('2026-07-07T10:00:00.000Z', ['app/src/a.ts', 'app/src/b.ts']), ['content/phases/2.mdx', doc]]);
		expect(await check(files, /^evidence\/coverage-files$/)).toEqual([]);
	});
});

describe('git module', () => {
	it('asks git a fixed number of times however many phases share a range', async () => {
		const { analyse } = await import('../../../src/core/analysis.ts');
		const { runGit } = await import('../../../src/core/git/repository.ts');
		const phases = Object.fromEntries(['2', '3', '4', '5'].map((id) => [`content/phases/${id}.mdx`, phaseDoc(id, `range:\n  from: v0.1.0\n`, bodyWithInventory([`| \`src/b.ts\` | New | REQ-${id}.1 |`]))]));
		writeContent(root, { 'content/phases/1.mdx': phase1(`release: v0.1.0\n${APPROVED}`), ...phases });
		const calls: string[] = [];
		await analyse(root, { git: (args, cwd, input) => (calls.push(args.find((a) => !a.startsWith('-') && a !== 'log.showSignature=false')!), runGit(args, cwd, input)) });
		// Two ranges (phase 1's, and the one phases 2 to 5 share), two trees, one ref lookup, one
		// question for whether HEAD's history holds the release tags, and one read of the settings
		// phase 1 shipped under (project.yaml at its tag).
		expect(calls.sort()).toEqual(['cat-file', 'cat-file', 'diff', 'diff', 'for-each-ref', 'hash-object', 'log', 'log', 'ls-tree', 'ls-tree', 'rev-parse']);
		expect(git(root, ['rev-parse', 'HEAD']).trim()).toBe(commits[4]);
	});
});
