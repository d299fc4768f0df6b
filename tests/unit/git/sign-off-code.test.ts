// A done phase's sign-offs against the code its release holds: an approval, an actual end or a
// final handoff dated before the newest commit of the release that changed its code signed off
// code that did not exist yet (an adopter's attack: "Approvals … 8 Jan", "12 days early", beside
// a commit of 10 Jan, and the check said nothing).
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheck } from '../../../src/cli/run-check.ts';
import { bodyWithInventory, commit, git, lineOf, makeGitFixture, write, writeContent } from '../../helpers/git-repo.ts';
import { handoffDoc, phaseDoc } from '../../helpers/program.ts';

let root: string;
let commits: string[];
beforeAll(() => {
	({ root, commits } = makeGitFixture());
	// Phase 2's release: a version bump on 6 July, tagged (the code last changed before it on 4 July).
	write(root, { 'app/src/version.ts': 'export const version = "0.2.0";\n' });
	commits.push(commit(root, 'Release 0.2.0', '2026-07-06T09:00:00+00:00'));
	git(root, ['tag', 'v0.2.0', commits[5]!]);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const ROWS = ['| `src/` | Changed | REQ-2.1 |', '| `README.md` | Removed | REQ-2.1 |', '| `tests/b.test.ts` | New | REQ-2.1 |', '| `src/version.ts` | New | REQ-2.1 |'];

/** Phase 2, done and released at v0.2.0, signed off on `day`. */
function phase2(day: string): string {
	return phaseDoc('2', `dependsOn: ["1"]\nrelease: v0.2.0\nstatus: done\nrange:\n  from: v0.1.0\napprovals:\n  - { by: Lee, role: Lead, date: ${day} }\n`, bodyWithInventory(ROWS))
		.replace('status: in-review\n', '')
		.replace('window: { start: 2026-01-01, end: 2026-02-01 }', `window: { start: 2026-06-01, end: 2026-07-31, actualStart: 2026-06-01, actualEnd: ${day} }`);
}

async function check(day: string, strict = false) {
	const doc = phase2(day);
	const handoff = handoffDoc('onTrack: on-track\ncoverageVerdict: not-met\n').replace('phase: "1"', 'phase: "2"').replace('date: 2026-02-01', `date: ${day}`);
	writeContent(root, { 'content/phases/1.mdx': phaseDoc('1', 'release: v0.1.0\nstatus: planned\n').replace('status: in-review\n', ''), 'content/phases/2.mdx': doc, 'content/handoffs/ho-001.mdx': handoff });
	const { findings } = await runCheck(root, { diagrams: false, strict });
	return { doc, handoff, out: findings.filter((f) => f.ruleId === 'consistency/sign-off-date').map((f) => `${f.path}:${f.line}  ${f.severity}  ${f.message}`) };
}

describe('sign-offs against the released code', () => {
	it('ok: signed off on the day of the last code commit or after, that day anywhere on Earth included', async () => {
		expect((await check('2026-07-04')).out).toEqual([]);
		// 09:00 UTC on 4 July was still 3 July west of UTC−9: a sign-off of no stated zone may be of that day.
		expect((await check('2026-07-03')).out).toEqual([]);
	});

	it('ok: the release commit itself (a version bump, tagged) may follow the sign-off', async () => {
		// v0.2.0's own commit, on 6 July, changes code: only the commits before it count.
		expect((await check('2026-07-05')).out).toEqual([]);
	});

	it('warns of an approval, an actual end and a final handoff dated before the last code commit; errors with --strict', async () => {
		const { doc, handoff, out } = await check('2026-07-02');
		const after = `before ${commits[3]!.slice(0, 7)} (2026-07-04), the newest commit of v0.1.0..v0.2.0 that changed the phase's code`;
		expect(out).toEqual([
			`content/handoffs/ho-001.mdx:${lineOf(handoff, 'date:')}  warning  Final handoff HO-001 is dated 2026-07-02, ${after}: it handed over code that did not exist yet`,
			`content/phases/2.mdx:${lineOf(doc, 'window:')}  warning  window.actualEnd is 2026-07-02, ${after}: the phase's code changed after it ended`,
			`content/phases/2.mdx:${lineOf(doc, 'by: Lee')}  warning  Approval by Lee is dated 2026-07-02, ${after}: it approved code that did not exist yet`,
		]);
		expect((await check('2026-07-02', true)).out.map((line) => line.split('  ')[1])).toEqual(['error', 'error', 'error']);
	});
});

// An adopter's attack: "Actual window 24 Sep – 6 Oct" was published above commits of the phase's
// code from 18 and 22 Sep, and the check said nothing.
describe('the actual start against the released code', () => {
	async function started(start: string, files: Record<string, string> = {}) {
		const doc = phase2('2026-07-06').replace('actualStart: 2026-06-01', `actualStart: ${start}`);
		writeContent(root, { 'content/phases/1.mdx': phaseDoc('1', 'release: v0.1.0\nstatus: planned\n').replace('status: in-review\n', ''), 'content/phases/2.mdx': doc, ...files });
		const { findings } = await runCheck(root, { diagrams: false });
		return { doc, out: findings.filter((f) => f.ruleId === 'schedule/actual-start').map((f) => `${f.path}:${f.line}  ${f.severity}  ${f.message}`) };
	}

	it('ok: started on the day of the first commit of its code, or before', async () => {
		expect((await started('2026-07-02')).out).toEqual([]);
		expect((await started('2026-06-20')).out).toEqual([]);
	});

	it('warns of an actual start after the first commit of its code', async () => {
		const { doc, out } = await started('2026-07-03');
		expect(out).toEqual([
			`content/phases/2.mdx:${lineOf(doc, 'window:')}  warning  window.actualStart is 2026-07-03, after ${commits[1]!.slice(0, 7)} (2026-07-02), the first commit of v0.1.0..v0.2.0 that changed the phase's code: the phase's work began before it started`,
		]);
	});

	it("ok: commits a patch release of the phase before shipped are not the phase's work", async () => {
		git(root, ['tag', 'v0.1.1', commits[1]!]);
		const patch = '---\nversion: "0.1.1"\ntitle: Patch\ndate: 2026-07-02\nstatus: released\nphase: "1"\nowners: [ana]\n---\n\n## Fixed\n\n- B.\n';
		try {
			expect((await started('2026-07-03', { 'content/changelog/0.1.1.mdx': patch })).out).toEqual([]);
		} finally {
			git(root, ['tag', '-d', 'v0.1.1']);
		}
	});
});
