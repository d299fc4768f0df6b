// A released phase is judged by the settings it shipped under, read from its release commit (an
// adopter's attack: raising coverageThreshold from 85 to 95 for future work made the phase
// released at 92 % fail, with errors on the phase, its release, its changelog entry and handoff).
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { analyse } from '../../../src/core/analysis.ts';
import { commit, git, write } from '../../helpers/git-repo.ts';
import { evidenceRun, phaseDoc, REPO } from '../../helpers/program.ts';

const settings = (threshold: number, extraGate = '') => `name: P
description: D
coverageThreshold: ${threshold}
gates:
  - { id: coverage, title: Coverage, layer: unit, rule: coverage }
${extraGate}`;
const SECURITY = '  - { id: security, title: Security scan, layer: security, rule: findings }\n';

let root: string;
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** Phase 1 released as v0.1.0 at 92 % under `shipped`, then phase 2 begun and the settings made `now`. */
async function judge(shipped: string, now: string, tagged = true) {
	root = mkdtempSync(join(tmpdir(), 'phasebook-settings-'));
	git(root, ['init', '-q', '-b', 'main']);
	cpSync(join(REPO, 'templates'), join(root, 'templates'), { recursive: true });
	write(root, {
		'src/a.ts': 'export const a = 1;\n',
		'content/project.yaml': shipped,
		'content/tasks.yaml': 'tasks: []\n',
		'content/phases/1.mdx': phaseDoc('1', 'release: v0.1.0\napprovals:\n  - { by: ben, role: Tech lead, date: 2026-07-01 }\n'),
		'content/changelog/0.1.0.mdx': '---\nversion: "0.1.0"\ntitle: First\ndate: 2026-07-01\nstatus: released\nphase: "1"\nowners: [ana]\n---\n\n## Added\n\n- A.\n',
	});
	const released = commit(root, 'Phase 1 (REQ-1.1)', '2026-07-01T09:00:00+00:00');
	if (tagged) git(root, ['tag', 'v0.1.0']);
	const [path, run] = evidenceRun({ phase: '1', gate: 'coverage', commit: released, coverage: 92 });
	const [path2, run2] = evidenceRun({ phase: '2', gate: 'coverage', commit: released, coverage: 92, recordedAt: '2026-07-03T10:00:00.000Z' });
	write(root, { [path]: run, [path2]: run2, 'content/phases/2.mdx': phaseDoc('2'), 'content/project.yaml': now });
	commit(root, 'Raise the bar for phase 2', '2026-07-02T09:00:00+00:00');
	const analysis = await analyse(root, { today: '2026-07-10' });
	const blockers = (id: string) => analysis.readiness.get(id)!.blockers.filter((b) => b.rule === 'gate' || b.rule === 'coverage').map((b) => b.message);
	return { phase1: blockers('1'), phase2: blockers('2') };
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

	it('not ok: without a release commit to read them from, today’s settings judge the phase', async () => {
		const { phase1 } = await judge(settings(85), settings(95), false);
		expect(phase1).toEqual(['Coverage gate fails: Line coverage 92 % is below the 95 % threshold']);
	});

	it('not ok: settings the release commit holds that no longer read as valid leave the phase to today’s', async () => {
		const { phase1 } = await judge('name: P\ngates: nonsense\n', settings(95));
		expect(phase1).toEqual(['Coverage gate fails: Line coverage 92 % is below the 95 % threshold']);
	});
});
