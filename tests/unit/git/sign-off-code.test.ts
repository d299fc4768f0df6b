// A done phase's sign-offs against the code its release holds: an approval, an actual end or a
// final handoff dated before the newest commit of the release that changed its code signed off
// code that did not exist yet (an adopter's attack: "Approvals … 8 Jan", "12 days early", beside
// a commit of 10 Jan, and the check said nothing).
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheck } from '../../../src/cli/run-check.ts';
import { git, lineOf, makeGitFixture, writeContent } from '../../helpers/git-repo.ts';
import { handoffDoc, phaseDoc } from '../../helpers/program.ts';

let root: string;
let first: string;
beforeAll(() => {
	root = makeGitFixture().root;
	first = git(root, ['rev-parse', '--short=7', 'v0.1.0']).trim();
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Phase 1, done and released at v0.1.0, whose code was committed on 1 July 2026. */
function phase1(day: string): string {
	return phaseDoc('1', `release: v0.1.0\nstatus: done\napprovals:\n  - { by: Lee, role: Lead, date: ${day} }\n`)
		.replace('status: in-review\n', '')
		.replace('window: { start: 2026-01-01, end: 2026-02-01 }', `window: { start: 2026-06-01, end: 2026-07-31, actualStart: 2026-06-01, actualEnd: ${day} }`);
}

async function check(day: string, strict = false) {
	const doc = phase1(day);
	const handoff = handoffDoc('onTrack: on-track\ncoverageVerdict: not-met\n').replace('date: 2026-02-01', `date: ${day}`);
	writeContent(root, { 'content/phases/1.mdx': doc, 'content/handoffs/ho-001.mdx': handoff });
	const { findings } = await runCheck(root, { diagrams: false, strict });
	return { doc, handoff, out: findings.filter((f) => f.ruleId === 'consistency/sign-off-date').map((f) => `${f.path}:${f.line}  ${f.severity}  ${f.message}`) };
}

describe('sign-offs against the released code', () => {
	it('ok: signed off on the day of the last code commit or after, that day anywhere on Earth included', async () => {
		expect((await check('2026-07-01')).out).toEqual([]);
		// 09:00 UTC on 1 July was still 30 June west of UTC−9: a sign-off of no stated zone may be of that day.
		expect((await check('2026-06-30')).out).toEqual([]);
		expect((await check('2026-07-09')).out).toEqual([]);
	});

	it('warns of an approval, an actual end and a final handoff dated before the last code commit; errors with --strict', async () => {
		const { doc, handoff, out } = await check('2026-06-29');
		const after = `before ${first} (2026-07-01), the newest commit of (first commit)..v0.1.0 that changed the phase's code`;
		expect(out).toEqual([
			`content/handoffs/ho-001.mdx:${lineOf(handoff, 'date:')}  warning  Final handoff HO-001 is dated 2026-06-29, ${after}: it handed over code that did not exist yet`,
			`content/phases/1.mdx:${lineOf(doc, 'window:')}  warning  window.actualEnd is 2026-06-29, ${after}: the phase's code changed after it ended`,
			`content/phases/1.mdx:${lineOf(doc, 'by: Lee')}  warning  Approval by Lee is dated 2026-06-29, ${after}: it approved code that did not exist yet`,
		]);
		expect((await check('2026-06-29', true)).out.map((line) => line.split('  ')[1])).toEqual(['error', 'error', 'error']);
	});
});
