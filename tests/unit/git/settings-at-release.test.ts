// A released phase is judged by the settings it shipped under, read from its release commit (an
// adopter's attack: raising coverageThreshold from 85 to 95 for future work made the phase
// released at 92 % fail, with errors on the phase, its release, its changelog entry and handoff).
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { analyse } from '../../../src/core/analysis.ts';
import { gateReports } from '../../../src/core/gate-reports.ts';
import { commit, git, lineOf, write } from '../../helpers/git-repo.ts';
import { evidenceRun, phaseDoc, rcaDoc, REPO } from '../../helpers/program.ts';

const settings = (threshold: number, extraGate = '') => `name: P
description: D
coverageThreshold: ${threshold}
gates:
  - { id: coverage, title: Coverage, layer: unit, rule: coverage }
${extraGate}`;
const SECURITY = '  - { id: security, title: Security scan, layer: security, rule: findings }\n';

let root: string;
afterEach(() => rmSync(root, { recursive: true, force: true }));

const released = (version: string, date: string) => `---\nversion: "${version}"\ntitle: Release ${version}\ndate: ${date}\nstatus: released\nphase: "1"\nowners: [ana]\n---\n\n## Fixed\n\n- A.\n`;

/** A repository whose phase 1 is released as 0.1.0 on 2026-07-01 under `shipped` (tagged v0.1.0 unless not); its commit. */
function releasePhase1(shipped: string, tagged = true, atRelease: Record<string, string> = {}): string {
	root = mkdtempSync(join(tmpdir(), 'phasebook-settings-'));
	git(root, ['init', '-q', '-b', 'main']);
	cpSync(join(REPO, 'templates'), join(root, 'templates'), { recursive: true });
	write(root, {
		'src/a.ts': 'export const a = 1;\n',
		'content/project.yaml': shipped,
		'content/tasks.yaml': 'tasks: []\n',
		'content/phases/1.mdx': phaseDoc('1', 'release: v0.1.0\napprovals:\n  - { by: ben, role: Tech lead, date: 2026-07-01 }\n'),
		'content/changelog/0.1.0.mdx': released('0.1.0', '2026-07-01'),
		...atRelease,
	});
	const commitId = commit(root, 'Phase 1 (REQ-1.1)', '2026-07-01T09:00:00+00:00');
	if (tagged) git(root, ['tag', 'v0.1.0']);
	return commitId;
}

/** Phase 1 released at 92 % under `shipped`, then phase 2 begun and the settings made `now`. */
async function judge(shipped: string, now: string, tagged = true) {
	const release = releasePhase1(shipped, tagged);
	const [path, run] = evidenceRun({ phase: '1', gate: 'coverage', commit: release, coverage: 92 });
	const [path2, run2] = evidenceRun({ phase: '2', gate: 'coverage', commit: release, coverage: 92, recordedAt: '2026-07-03T10:00:00.000Z' });
	write(root, { [path]: run, [path2]: run2, 'content/phases/2.mdx': phaseDoc('2'), 'content/project.yaml': now });
	commit(root, 'Raise the bar for phase 2', '2026-07-02T09:00:00+00:00');
	const analysis = await analyse(root, { today: '2026-07-10' });
	const blockers = (id: string) => analysis.readiness.get(id)!.blockers.filter((b) => b.rule === 'gate' || b.rule === 'coverage').map((b) => b.message);
	const settingsFindings = analysis.findings.filter((f) => f.ruleId === 'release/settings').map((f) => `${f.path}:${f.line} ${f.severity} ${f.message}`);
	return { phase1: blockers('1'), phase2: blockers('2'), settingsFindings };
}

describe('the settings a released phase shipped under', () => {
	it('ok: a threshold raised after the release judges the phases after it, not the released one', async () => {
		const { phase1, phase2 } = await judge(settings(85), settings(95));
		expect(phase1).toEqual([]);
		expect(phase2).toEqual(['Coverage gate fails: Line coverage 92 % is below the 95 % threshold']);
	});

	it('ok: a gate added after the release is not asked of the released phase', async () => {
		const { phase1, phase2 } = await judge(settings(85), settings(85, SECURITY));
		expect(phase1).toEqual([]);
		expect(phase2).toEqual(['No evidence for the required Security scan gate']);
	});

	it('ok: a project.yaml linked to a shared file is read through the link at the release commit', async () => {
		const release = releasePhase1(settings(85), false);
		rmSync(join(root, 'content/project.yaml'));
		write(root, { 'settings/project.yaml': settings(85) });
		symlinkSync('../settings/project.yaml', join(root, 'content/project.yaml'));
		git(root, ['add', '-A']);
		git(root, ['commit', '-q', '--amend', '--no-edit'], '2026-07-01T09:00:00+00:00');
		git(root, ['tag', 'v0.1.0']);
		const shipped = git(root, ['rev-parse', 'HEAD']).trim();
		expect(shipped).not.toBe(release);
		const [path, run] = evidenceRun({ phase: '1', gate: 'coverage', commit: shipped, coverage: 92 });
		write(root, { [path]: run, 'settings/project.yaml': settings(95) });
		commit(root, 'Raise the bar', '2026-07-02T09:00:00+00:00');
		const analysis = await analyse(root, { today: '2026-07-10' });
		expect(analysis.readiness.get('1')!.blockers.map((b) => b.message)).toEqual([]);
		expect(analysis.findings.filter((f) => f.ruleId.startsWith('release/'))).toEqual([]);
	});

	it('not ok: without a release commit to read them from, today’s settings judge the phase', async () => {
		const { phase1, settingsFindings } = await judge(settings(85), settings(95), false);
		expect(phase1).toEqual(['Coverage gate fails: Line coverage 92 % is below the 95 % threshold']);
		// release/tag says what is missing; there is no commit to have looked in.
		expect(settingsFindings).toEqual([]);
	});

	it('not ok: settings the release commit holds that no longer read as valid leave the phase to today’s', async () => {
		const { phase1, settingsFindings } = await judge('name: P\ngates: nonsense\n', settings(95));
		expect(phase1).toEqual(['Coverage gate fails: Line coverage 92 % is below the 95 % threshold']);
		// Said on the phase's release line, so the fallback is never silent.
		expect(settingsFindings).toEqual([expect.stringMatching(/^content\/phases\/1\.mdx:\d+ warning Release v0\.1\.0 of phase 1 is on commit [0-9a-f]{7}, whose content\/project\.yaml no longer reads as valid, so phase 1 is judged by today's settings, not those it shipped under$/)]);
		// A release commit with settings that read raises nothing.
		expect((await judge(settings(85), settings(95))).settingsFindings).toEqual([]);
	});
});

const ALLOWED = `allowlist:
  - { ruleId: CVE-1, rationale: No fixed version yet, expires: 2026-07-05 }
`;

/** Phase 1 released as v0.1.0 on 2026-07-01 under `shipped` with `runs` of its release commit; then `later` happens. */
async function shipThen(shipped: string, runs: (commit: string) => Record<string, string>, later: (root: string, released: string) => void, atRelease: Record<string, string> = {}) {
	const commitId = releasePhase1(shipped, true, atRelease);
	write(root, { ...runs(commitId), 'content/phases/2.mdx': phaseDoc('2') });
	later(root, commitId);
	const analysis = await analyse(root, { today: '2026-07-10' });
	const blockers = (id: string) => analysis.readiness.get(id)!.blockers.map((b) => b.message);
	const errors = analysis.findings.filter((f) => f.severity === 'error').map((f) => `${f.ruleId} ${f.path}: ${f.message}`);
	const reports = gateReports({ phases: ['1', '2'], project: analysis.project!, runs: analysis.runs, readiness: analysis.readiness, today: analysis.today, commitAge: analysis.commitAge });
	return { blockers, errors, reports, findings: analysis.findings };
}

const securityRun = (phase: string, commitId: string) =>
	evidenceRun({ phase, gate: 'security', commit: commitId, findings: [{ ruleId: 'CVE-1', severity: 'high' }], recordedAt: `2026-07-0${phase}T10:00:00.000Z` });
const coverageRun = (phase: string, commitId: string, lines = 92) => evidenceRun({ phase, gate: 'coverage', commit: commitId, coverage: lines, recordedAt: `2026-07-0${phase}T10:00:00.000Z` });

describe('a released phase judged as it shipped', () => {
	it('ok: an allow-list entry that expired after the release leaves the released phase ready, and fails the phase after it', async () => {
		const settings85 = settings(85, SECURITY) + ALLOWED;
		const { blockers, errors, reports } = await shipThen(
			settings85,
			(c) => Object.fromEntries([coverageRun('1', c), securityRun('1', c), coverageRun('2', c), securityRun('2', c)]),
			(r) => void commit(r, 'Phase 2 begins', '2026-07-02T09:00:00+00:00'),
		);
		expect(blockers('1')).toEqual([]);
		expect(blockers('2')).toEqual(['Security scan gate fails: CVE-1 (high) is open; its allow-list entry expired on 2026-07-05']);
		expect(errors).toEqual([]);
		// The gate page says the same as the verdict.
		expect(reports.filter((r) => r.gate.id === 'security').map((r) => [r.phase, r.status])).toEqual([['1', 'pass'], ['2', 'fail']]);
	});

	it('ok: a gate removed after the release keeps the released phase\'s runs and page, and is unknown to the phase after it', async () => {
		const { blockers, errors, reports } = await shipThen(
			settings(85, SECURITY) + ALLOWED.replace('2026-07-05', '2026-12-31'),
			(c) => Object.fromEntries([coverageRun('1', c), securityRun('1', c), coverageRun('2', c), securityRun('2', c)]),
			(r) => {
				write(r, { 'content/project.yaml': settings(85) });
				commit(r, 'Drop the security gate', '2026-07-02T09:00:00+00:00');
			},
		);
		expect(blockers('1')).toEqual([]);
		expect(errors).toEqual([expect.stringMatching(/^evidence\/reference content\/evidence\/2\/security\/.*Unknown gate "security"/)]);
		expect(reports.filter((r) => r.gate.id === 'security').map((r) => r.phase)).toEqual(['1']);
	});

	it('ok: a phase that named a gate removed after its release does not name an unknown gate', async () => {
		const { errors } = await shipThen(
			settings(85, SECURITY) + ALLOWED.replace('2026-07-05', '2026-12-31'),
			(c) => Object.fromEntries([coverageRun('1', c), securityRun('1', c), coverageRun('2', c)]),
			(r) => {
				write(r, { 'content/phases/1.mdx': phaseDoc('1', 'release: v0.1.0\ngates: [coverage, security]\napprovals:\n  - { by: ben, role: Tech lead, date: 2026-07-01 }\n'), 'content/project.yaml': settings(85) });
				commit(r, 'Drop the security gate', '2026-07-02T09:00:00+00:00');
			},
		);
		expect(errors).toEqual([]);
	});
});

describe('a patch of a released phase judged by its own tag', () => {
	/** A patch v0.1.1 of phase 1 tagged on 2026-07-05 under `atPatch`, its coverage run at 90 %, then the settings made `now`. */
	async function patch(atPatch: string, now: string) {
		return shipThen(
			settings(85),
			(c) => Object.fromEntries([coverageRun('1', c)]),
			(r) => {
				write(r, { 'src/a.ts': 'export const a = 2;\n', 'content/changelog/0.1.1.mdx': released('0.1.1', '2026-07-05'), 'content/project.yaml': atPatch });
				const fix = commit(r, 'Fix a', '2026-07-05T09:00:00+00:00');
				git(r, ['tag', 'v0.1.1']);
				const [path, run] = evidenceRun({ phase: '1', gate: 'coverage', commit: fix, coverage: 90, recordedAt: '2026-07-05T10:00:00.000Z' });
				write(r, { [path]: run, 'content/project.yaml': now });
				commit(r, 'Raise the bar', '2026-07-06T09:00:00+00:00');
			},
		);
	}

	it('ok: a threshold raised after the patch shipped does not make the patch fail', async () => {
		const { errors } = await patch(settings(85), settings(95));
		expect(errors.filter((e) => e.startsWith('release/'))).toEqual([]);
	});

	it('not ok: a patch dated before its tag commit, which would judge it on a day an expired allow-list entry still held', async () => {
		const shipped = settings(85, SECURITY) + ALLOWED;
		const { errors, findings } = await shipThen(
			shipped,
			(c) => Object.fromEntries([coverageRun('1', c), securityRun('1', c)]),
			(r) => {
				write(r, { 'src/a.ts': 'export const a = 2;\n', 'content/changelog/0.1.1.mdx': released('0.1.1', '2026-07-04') });
				const fix = commit(r, 'Fix a', '2026-07-08T09:00:00+00:00');
				git(r, ['tag', 'v0.1.1']);
				const [path, run] = evidenceRun({ phase: '1', gate: 'security', commit: fix, findings: [{ ruleId: 'CVE-1', severity: 'high' }], recordedAt: '2026-07-08T10:00:00.000Z' });
				write(r, { [path]: run });
				commit(r, 'Record the patch', '2026-07-08T11:00:00+00:00');
			},
		);
		const dated = findings.filter((f) => f.ruleId === 'release/date');
		expect(dated.map((f) => `${f.path}:${f.line} ${f.message}`)).toEqual([
			expect.stringMatching(/^content\/changelog\/0\.1\.1\.mdx:4 Changelog entry 0\.1\.1 is dated 2026-07-04, before its release commit [0-9a-f]{7} of 2026-07-08, expected the day it was released \(2026-07-07 or later, in the earliest time zone\)$/),
		]);
		expect(errors.some((e) => e.startsWith('release/date'))).toBe(true);
	});

	it('not ok: a patch whose run fails the settings of its own tag is released failing', async () => {
		const { errors } = await patch(settings(95), settings(80));
		expect(errors.filter((e) => e.startsWith('release/'))).toEqual([
			'release/not-ready content/changelog/0.1.1.mdx: Changelog entry 0.1.1 is released, but the coverage gate\'s latest run of its tag\'s commit ' + errors.join('').match(/commit ([0-9a-f]{7}) fails/)![1] + ' fails: Line coverage 90 % is below the 95 % threshold',
		]);
	});
});

describe('an RCA said to be detected after the release', () => {
	const open = (detected: string) => rcaDoc('RCA-0001', 'status: open\n').replace('detected: 2026-01-10', `detected: ${detected}`);
	const run = (c: string) => Object.fromEntries([coverageRun('1', c)]);
	const detectedErrors = (errors: string[]) => errors.filter((e) => e.startsWith('release/detected'));

	it('not ok: an RCA the repository held at the release tag, its detected date moved past the release (renamed too)', async () => {
		const moved = open('2026-07-08');
		const { errors, blockers, findings } = await shipThen(
			settings(85),
			run,
			(r) => {
				rmSync(join(r, 'content/rcas/rca-0001.mdx'));
				write(r, { 'content/rcas/late-incident.mdx': moved });
				commit(r, 'It was found later, honest', '2026-07-02T09:00:00+00:00');
			},
			{ 'content/rcas/rca-0001.mdx': open('2026-06-20') },
		);
		expect(detectedErrors(errors)).toEqual([
			'release/detected content/rcas/late-incident.mdx: RCA-0001 says it was detected on 2026-07-08, after phase 1 shipped in 0.1.0 (2026-07-01), but the repository held it at that release\'s tag (as RCA-0001 in content/rcas/rca-0001.mdx), expected the day it was detected, on or before 2026-07-01',
		]);
		expect(findings.find((f) => f.ruleId === 'release/detected')?.line).toBe(lineOf(moved, 'detected:'));
		// Without the check the phase would read as ready: the open RCA is left out of its verdict.
		expect(blockers('1')).toEqual([]);
	});

	it('not ok: the id written another way YAML reads at the tag, or the same file given a new id since', async () => {
		for (const [atTag, now, as] of [
			[open('2026-06-20').replace('id: RCA-0001', '"id": RCA-0001'), open('2026-07-08'), ''],
			[open('2026-06-20').replace('id: RCA-0001', 'id:\n  RCA-0001'), open('2026-07-08'), ''],
			[open('2026-06-20'), open('2026-07-08').replace('id: RCA-0001', 'id: RCA-0002'), ' (as RCA-0001 in content/rcas/rca-0001.mdx)'],
		] as const) {
			const { errors } = await shipThen(
				settings(85),
				run,
				(r) => {
					write(r, { 'content/rcas/rca-0001.mdx': now });
					commit(r, 'It was found later, honest', '2026-07-02T09:00:00+00:00');
				},
				{ 'content/rcas/rca-0001.mdx': atTag },
			);
			const id = now.includes('RCA-0002') ? 'RCA-0002' : 'RCA-0001';
			expect(detectedErrors(errors)).toEqual([
				`release/detected content/rcas/rca-0001.mdx: ${id} says it was detected on 2026-07-08, after phase 1 shipped in 0.1.0 (2026-07-01), but the repository held it at that release's tag${as}, expected the day it was detected, on or before 2026-07-01`,
			]);
			rmSync(root, { recursive: true, force: true });
		}
	});

	it('not ok: the file moved with git mv and given a new id in one commit', async () => {
		const { errors } = await shipThen(
			settings(85),
			run,
			(r) => {
				git(r, ['mv', 'content/rcas/rca-0001.mdx', 'content/rcas/rca-0002.mdx']);
				write(r, { 'content/rcas/rca-0002.mdx': open('2026-07-08').replace('id: RCA-0001', 'id: RCA-0002') });
				commit(r, 'A new incident, honest', '2026-07-02T09:00:00+00:00');
			},
			{ 'content/rcas/rca-0001.mdx': open('2026-06-20') },
		);
		expect(detectedErrors(errors)).toEqual([
			"release/detected content/rcas/rca-0002.mdx: RCA-0002 says it was detected on 2026-07-08, after phase 1 shipped in 0.1.0 (2026-07-01), but the repository held it at that release's tag (as RCA-0001 in content/rcas/rca-0001.mdx), expected the day it was detected, on or before 2026-07-01",
		]);
	});

	it('not ok: the program’s folder renamed since the release', async () => {
		root = mkdtempSync(join(tmpdir(), 'phasebook-settings-'));
		git(root, ['init', '-q', '-b', 'main']);
		cpSync(join(REPO, 'templates'), join(root, 'docs/templates'), { recursive: true });
		write(root, {
			'src/a.ts': 'export const a = 1;\n',
			'docs/content/project.yaml': settings(85),
			'docs/content/tasks.yaml': 'tasks: []\n',
			'docs/content/phases/1.mdx': phaseDoc('1', 'release: v0.1.0\napprovals:\n  - { by: ben, role: Tech lead, date: 2026-07-01 }\n'),
			'docs/content/changelog/0.1.0.mdx': released('0.1.0', '2026-07-01'),
			'docs/content/rcas/rca-0001.mdx': open('2026-06-20'),
		});
		const shipped = commit(root, 'Phase 1 (REQ-1.1)', '2026-07-01T09:00:00+00:00');
		git(root, ['tag', 'v0.1.0']);
		git(root, ['mv', 'docs', 'handbook']);
		const [path, evidence] = coverageRun('1', shipped);
		write(root, { [`handbook/${path}`]: evidence, 'handbook/content/rcas/rca-0001.mdx': open('2026-07-08') });
		commit(root, 'Rename the handbook', '2026-07-02T09:00:00+00:00');
		const analysis = await analyse(join(root, 'handbook'), { today: '2026-07-10' });
		expect(analysis.findings.filter((f) => f.ruleId === 'release/detected').map((f) => `${f.path}: ${f.message}`)).toEqual([
			"content/rcas/rca-0001.mdx: RCA-0001 says it was detected on 2026-07-08, after phase 1 shipped in 0.1.0 (2026-07-01), but the repository held it at that release's tag (as RCA-0001 in docs/content/rcas/rca-0001.mdx), expected the day it was detected, on or before 2026-07-01",
		]);
	});

	it('ok: an RCA first committed after the release, detected after it', async () => {
		const { errors } = await shipThen(settings(85), run, (r) => {
			write(r, { 'content/rcas/rca-0001.mdx': open('2026-07-08') });
			commit(r, 'An incident in 0.1.0', '2026-07-08T09:00:00+00:00');
		});
		expect(errors).toEqual([]);
	});
});
