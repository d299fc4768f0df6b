// An incident found after a phase shipped: filed as an RCA of that phase, it is judged on its own,
// on the evidence recorded since, and the phase's verdict stands as it shipped (an adopter's
// attack: an RCA filed after 0.2.0 made the released phase fail for good, open or resolved).
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyse } from '../../../src/core/analysis.ts';
import { caseAnchor } from '../../../src/core/case-groups.ts';
import { regressionRuns } from '../../../src/core/incidents.ts';
import { regressionStatus } from '../../../src/core/readiness.ts';
import { bodyWithInventory, lineOf, makeGitFixture, writeContent } from '../../helpers/git-repo.ts';
import { completeBody, evidenceRun, phaseDoc, rcaDoc } from '../../helpers/program.ts';

let root: string;
let commits: string[];
beforeAll(() => {
	({ root, commits } = makeGitFixture());
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const phase1 = phaseDoc('1', 'release: v0.1.0\napprovals:\n  - { by: ben, role: Tech lead, date: 2026-07-01 }\n', bodyWithInventory(['| `src/a.ts` | New | REQ-1.1 |']));
const changelog = (status = 'released') => `---\nversion: "0.1.0"\ntitle: Release\ndate: 2026-07-01\nstatus: ${status}\nphase: "1"\nowners: [ana]\n---\n${completeBody('changelog')}`;
// Phase 1's own run, of its release commit, recorded the day it shipped.
const shipped = evidenceRun({ phase: '1', gate: 'unit', commit: 'COMMIT0', recordedAt: '2026-07-01T10:00:00.000Z', cases: [['REQ-1.1 works', 'passed', ['REQ-1.1']]] });
/** RCA-0001 of phase 1 (high), detected on `detected`. */
const rca = (fields: string, detected = '2026-07-03') => rcaDoc('RCA-0001', fields).replace('detected: 2026-01-10', `detected: ${detected}`);

/** Phase 1 released as 0.1.0 on 2026-07-01, phase 2 in progress; runs name the fixture's commits as COMMITn. */
async function judge(files: Record<string, string>) {
	const all = { 'content/phases/1.mdx': phase1, 'content/phases/2.mdx': phaseDoc('2'), 'content/changelog/0.1.0.mdx': changelog(), [shipped[0]]: shipped[1], ...files };
	writeContent(root, Object.fromEntries(Object.entries(all).map(([path, text]) => [path, text.replace(/COMMIT(\d)/g, (_, n: string) => commits[Number(n)]!)])));
	const analysis = await analyse(root, { today: '2026-07-10' });
	const phase = analysis.readiness.get('1')!;
	return {
		analysis,
		// What of phase 1's verdict is about the RCA.
		blockers: phase.blockers.filter((b) => b.rule === 'rca' || b.rule === 'regression').map((b) => b.message),
		findings: analysis.findings.filter((f) => f.ruleId === 'release/regression').map((f) => `${f.path}:${f.line}  ${f.severity}  ${f.message}`),
	};
}

describe('an RCA detected after its phase shipped', () => {
	it('ok: open, it leaves the released phase ready; detected the day of the release or before, it blocks the phase as before', async () => {
		const after = await judge({ 'content/rcas/rca-0001.mdx': rca('status: open\n') });
		expect(after.blockers).toEqual([]);
		expect(after.findings).toEqual([]);
		// A date cannot say whether an incident of the release day came before the release.
		const sameDay = await judge({ 'content/rcas/rca-0001.mdx': rca('status: open\n', '2026-07-01') });
		expect(sameDay.blockers).toEqual(['RCA-0001 (high) is open: Something broke']);
		// A release whose changelog entry is still a draft has not shipped.
		const draft = await judge({ 'content/changelog/0.1.0.mdx': changelog('draft'), 'content/rcas/rca-0001.mdx': rca('status: open\n') });
		expect(draft.blockers).toEqual(['RCA-0001 (high) is open: Something broke']);
	});

	it('not ok: resolved, its regression test missing from the evidence since the release, on the RCA and not the phase', async () => {
		const doc = rca('status: resolved\nresolved: 2026-07-04\nregressionTests: [b survives restarts]\n');
		const { blockers, findings } = await judge({ 'content/rcas/rca-0001.mdx': doc });
		expect(blockers).toEqual([]);
		expect(findings).toEqual([
			`content/rcas/rca-0001.mdx:${lineOf(doc, 'regressionTests:')}  error  Regression test "b survives restarts" of RCA-0001 is missing from the evidence (looked for in phase 1's newest runs and in the runs the later phases are judged on)`,
		]);
		// The same RCA detected before the release is the phase's, as before.
		const before = await judge({ 'content/rcas/rca-0001.mdx': rca('status: resolved\nresolved: 2026-07-04\nregressionTests: [b survives restarts]\n', '2026-06-20') });
		expect(before.blockers).toEqual(['Regression test "b survives restarts" of RCA-0001 is missing from the evidence']);
		expect(before.findings).toEqual([]);
	});

	it('ok: a patch run recorded under the phase, or the phase in progress, holds it passing; the RCA page links the case', async () => {
		const doc = rca('status: resolved\nresolved: 2026-07-04\nregressionTests: [b survives restarts]\n');
		const test = ['b survives restarts', 'passed'] as [string, 'passed'];
		const patch = evidenceRun({ phase: '1', gate: 'unit', commit: 'COMMIT1', recordedAt: '2026-07-04T10:00:00.000Z', cases: [['REQ-1.1 works', 'passed'], test] });
		const { analysis, blockers, findings } = await judge({ 'content/rcas/rca-0001.mdx': doc, [patch[0]]: patch[1] });
		expect([blockers, findings]).toEqual([[], []]);
		// Phase 1's gate is still judged on its release commit's run: the patch is outside its range.
		expect(analysis.readiness.get('1')!.gates[0]!.latest!.recordedAt).toBe('2026-07-01T10:00:00.000Z');
		const rcaDocument = analysis.program.documents.rca[0]!;
		// The gate's page lists the cases of the run it is judged on, so the patch run's case is its file.
		expect(regressionStatus(rcaDocument.data.regressionTests, regressionRuns(analysis.program, rcaDocument, analysis.runs, analysis.readiness), analysis.readiness)).toEqual([
			{ name: 'b survives restarts', status: 'passed', href: `/${patch[0].slice('content/'.length)}` },
		]);
		const later = evidenceRun({ phase: '2', gate: 'unit', commit: 'COMMIT4', recordedAt: '2026-07-05T10:00:00.000Z', cases: [['REQ-2.1 works', 'passed'], test] });
		const inProgress = await judge({ 'content/rcas/rca-0001.mdx': doc, [later[0]]: later[1] });
		expect(inProgress.findings).toEqual([]);
		// Phase 2's gate is judged on that run: its page lists the case.
		const { program, runs, readiness } = inProgress.analysis;
		expect(regressionStatus(['b survives restarts'], regressionRuns(program, program.documents.rca[0]!, runs, readiness), readiness)).toEqual([
			{ name: 'b survives restarts', status: 'passed', href: `/phases/2/gates/unit/#${caseAnchor('suite.test.ts', 'b survives restarts')}` },
		]);
	});

	it('not ok: the fix passes in the patch run but fails in the code of the phase in progress', async () => {
		const doc = rca('status: resolved\nresolved: 2026-07-04\nregressionTests: [b survives restarts]\n');
		const patch = evidenceRun({ phase: '1', gate: 'unit', commit: 'COMMIT1', recordedAt: '2026-07-04T10:00:00.000Z', cases: [['b survives restarts', 'passed']] });
		const later = evidenceRun({ phase: '2', gate: 'unit', commit: 'COMMIT4', recordedAt: '2026-07-05T10:00:00.000Z', cases: [['b survives restarts', 'failed']] });
		const { blockers, findings } = await judge({ 'content/rcas/rca-0001.mdx': doc, [patch[0]]: patch[1], [later[0]]: later[1] });
		expect(blockers).toEqual([]);
		expect(findings).toEqual([
			`content/rcas/rca-0001.mdx:${lineOf(doc, 'regressionTests:')}  error  Regression test "b survives restarts" of RCA-0001 fails in the latest run (looked for in phase 1's newest runs and in the runs the later phases are judged on)`,
		]);
	});

	it('not ok: a severe incident closed after the release naming no regression test', async () => {
		const doc = rca('status: mitigated\n');
		expect((await judge({ 'content/rcas/rca-0001.mdx': doc })).findings).toEqual([
			`content/rcas/rca-0001.mdx:${lineOf(doc, 'status:')}  error  RCA-0001 (high) is mitigated but names no regression test, expected at least one in regressionTests`,
		]);
	});
});
