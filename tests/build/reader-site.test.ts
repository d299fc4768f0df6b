// The program over time, as a reader sees it: a program committed to git on two dates, with
// runs recorded on several others, built once. The handoff shows the evidence of its own date,
// the readiness page how long the phase has been blocked and by what, the gate page its flaky
// tests, and a document not committed yet says so.
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, pageText } from '../helpers/built-site.ts';
import { completeBody, evidenceRun, handoffDoc, makeProgram, phaseDoc, rcaDoc, reviewDoc } from '../helpers/program.ts';

const PROJECT = `name: Program over time
description: A program whose evidence and documents change over a week.
coverageThreshold: 85
gates:
  - { id: e2e, title: End-to-end tests, layer: e2e }
  - { id: unit, title: Unit tests, layer: unit }
`;

// Its actual end is written ahead, after the site's today (25 Jan): no slip can be known from it.
const phase = (docsDone: boolean) => phaseDoc('1', `deliverables:\n  - { title: Docs, done: ${docsDone} }\n`).replace('window: { start: 2026-01-01, end: 2026-02-01 }', 'window: { start: 2026-01-01, end: 2026-02-01, actualStart: 2026-01-02, actualEnd: 2026-01-30 }');
const e2e = (recordedAt: string, commit: string, flaky: 'passed' | 'failed') =>
	evidenceRun({ gate: 'e2e', commit, recordedAt, cases: [['REQ-1.1 steady', 'passed', ['REQ-1.1']], ['REQ-1.1 flaky', flaky, ['REQ-1.1']]] });

let root: string;
let html: (route: string) => string;

function commit(message: string, date: string) {
	const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 'Ana', GIT_AUTHOR_EMAIL: 'ana@example.com', GIT_COMMITTER_NAME: 'Ana', GIT_COMMITTER_EMAIL: 'ana@example.com', GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date };
	execFileSync('git', ['add', '-A'], { cwd: root, env });
	execFileSync('git', ['commit', '-q', '-m', message], { cwd: root, env });
}

beforeAll(() => {
	const [unitPath, unitRun] = evidenceRun({ gate: 'unit', commit: 'ccccccc', recordedAt: '2026-01-21T12:00:00.000Z', cases: [['REQ-1.1 retried', 'passed', ['REQ-1.1']]] });
	root = makeProgram(
		{
			'content/project.yaml': PROJECT,
			'content/phases/1.mdx': phase(false),
			// As its author saw it on the 20th, and as its page shows that day's evidence: every
			// requirement covered. The failure of the 21st does not make the handoff wrong.
			'content/handoffs/ho-001.mdx': handoffDoc('onTrack: at-risk\ncoverageVerdict: met\n').replace('date: 2026-02-01', 'date: 2026-01-20'),
			// The file the phase's change inventory names.
			'src/a.ts': 'export const a = 1;\n',
			'content/rcas/rca-0001.mdx': rcaDoc('RCA-0001', 'status: mitigated\n').replace('severity: high', 'severity: medium'),
			// A draft's call is not made yet: the phase page must not show it as a verdict.
			'content/reviews/rev-001.mdx': reviewDoc('readiness: ready\n', 'draft').replace('date: 2026-02-01', 'date: 2026-01-19'),
			// A final call made on the 20th, and the one after it that stands.
			'content/reviews/rev-002.mdx': reviewDoc('readiness: ready\n').replace('id: REV-001', 'id: REV-002').replace('date: 2026-02-01', 'date: 2026-01-20'),
			'content/reviews/rev-003.mdx': reviewDoc('readiness: not-ready\n').replace('id: REV-001', 'id: REV-003').replace('date: 2026-02-01', 'date: 2026-01-22'),
			...Object.fromEntries([
				e2e('2026-01-19T10:00:00.000Z', 'bbbbbbb', 'passed'),
				e2e('2026-01-20T10:00:00.000Z', 'aaaaaaa', 'passed'),
				// The same commit as the first run, and the flaky case fails this time.
				e2e('2026-01-21T10:00:00.000Z', 'bbbbbbb', 'failed'),
				// Passed, but only on the runner's retries.
				[unitPath, unitRun.replace('"durationMs": 1,', '"durationMs": 1,\n      "retries": 2,')],
			]),
		},
		{ git: false },
	);
	execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: root });
	commit('Phase 1 and its first documents', '2026-01-18T09:00:00+00:00');
	writeFileSync(join(root, 'content/phases/1.mdx'), phase(true));
	commit('Docs delivered', '2026-01-22T09:00:00+00:00');
	// Written today and not committed yet.
	writeFileSync(join(root, 'content/rcas/rca-0002.mdx'), rcaDoc('RCA-0002', 'status: open\n', completeBody('rca')).replace('severity: high', 'severity: low'));
	({ html } = buildSite(root, '2026-01-25'));
}, 300_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

const text = pageText;

function has(page: string, wanted: string) {
	expect(text(page).includes(wanted), `expected the page to read ${JSON.stringify(wanted)}`).toBe(true);
}

describe('the program over time', () => {
	it('shows the handoff with the evidence of its date, not what was recorded since', () => {
		const page = html('handoffs/ho-001');
		has(page, 'Evidence on 20 Jan 2026');
		// The e2e and unit runs of the 21st came after it.
		has(page, "Phase 1's gates as the runs recorded up to 20 Jan 2026 judged them. 2 runs recorded since then are on the phase page .");
		has(page, 'End-to-end tests Pass');
		has(page, 'Passing tests covered 1 of 1 requirement (100 %) on 20 Jan 2026.');
		// The unit run of the 21st is later than the handoff: no evidence for that gate then.
		has(page, 'Unit tests No evidence');
	});

	it('says since when the phase has not been ready and what opened and closed on the way', () => {
		const page = html('readiness');
		// Blocked from the first commit on: by missing evidence, the undelivered docs, then the e2e
		// failure; each opened and closed to the minute, the commit's or the import's (README).
		has(page, 'Not ready since 18 Jan 2026 (7 days), blocked by 1 blocker.');
		has(page, 'End-to-end tests gate fails: 1 of 2 tests failed: "REQ-1.1 flaky" owner ana 21 Jan 2026, 10:00 UTC open for 4 days');
		has(page, 'Deliverable not done: Docs owner ana 18 Jan 2026, 09:00 UTC 22 Jan 2026, 09:00 UTC');
		has(page, 'No evidence for the required End-to-end tests gate owner ana 18 Jan 2026, 09:00 UTC 19 Jan 2026, 10:00 UTC');
		expect(page).toContain('aria-label="Open blockers at the end of each day, from 18 Jan 2026 to 25 Jan 2026: 18 Jan 2026: 3; 19 Jan 2026: 2; 22 Jan 2026: 1"');
		// By day, each day's count at its end where it changed (runs imported minutes apart stacked on one line); the dates are the runs' import dates, and the page says so.
		has(page, 'A run counts on the day it was imported, not the day its tests ran.');
	});

	it('marks the case that passed and failed on the same commit as flaky', () => {
		const page = html('phases/1/gates/e2e');
		has(page, 'Flaky tests Case Why it counts as flaky Last results, oldest first REQ-1.1 flaky suite.test.ts passed and failed on the same commit (bbbbbbb)');
		expect(text(page)).toMatch(/REQ-1\.1 flaky Failed Flaky/);
		expect(text(page)).not.toMatch(/REQ-1\.1 steady Passed Flaky/);
	});

	it('says when a gate passes only on a retry', () => {
		has(html('phases/1/gates/unit'), 'The run the gate is judged on passes only on a retry: 1 test failed first and passed when the runner ran it again (REQ-1.1 retried).');
	});

	// "Overdue by 11 days" and "open for 4 days" were printed with no day they were true on.
	it('says on every page, and on the sign-off pack, the day its statuses are as of', () => {
		has(html('readiness'), 'Status as of 25 Jan 2026');
		has(html('phases/1/print'), 'Program over time · sign-off pack · status as of 25 Jan 2026');
	});

	// The matrix's intro said each file was linked to the repository; without one, none is.
	it('does not promise links to the code when the program names no repository', () => {
		const page = html('traceability');
		expect(page).not.toContain('each linked to the repository');
		has(page, 'The code column lists the files the phase');
	});

	// A draft review's "ready" showed as a green verdict on a phase that was not ready.
	it('shows a draft review’s call on its phase page as a draft, without a verdict’s colour', () => {
		const page = html('phases/1');
		has(page, 'REV-001: Phase 1 review 19 Jan 2026 Ready (draft)');
		expect(page).not.toMatch(/REV-001[\s\S]{0,400}tone-success/);
	});

	// An adopter's attack: an earlier final review's "ready" read as the phase's call, with nothing
	// to show that a later one had replaced it.
	it('marks a final review a later one replaced as superseded, naming it', () => {
		const page = html('reviews/rev-002');
		has(page, 'Status Superseded by REV-003');
		has(page, "This call is superseded: REV-003, a later final review, makes the phase's call.");
		expect(page).toContain('href="/reviews/rev-003/"');
		expect(text(html('reviews/rev-003'))).not.toContain('uperseded');
	});

	// An adopter's attack: the site said Ready beside check warnings that the gates judged other
	// code; the verdict now carries the warnings about its evidence, on the phase and readiness pages.
	it('shows beside the verdict what the check warns of the evidence behind it', () => {
		for (const page of [html('readiness'), html('phases/1')]) {
			has(page, "The check also warns of the claims behind it: Run of the e2e gate judged commit bbbbbbb, which is not in phase 1's range (first commit)..HEAD evidence/commits · content/evidence/1/e2e/2026-01-21T10-00-00Z-e2e.json:1");
			has(page, 'Phase 1\'s latest required gate runs judged different commits: bbbbbbb (e2e), ccccccc (unit), expected one commit for every gate evidence/commits · content/phases/1.mdx:5');
		}
		// The fourth, an actual end after today (schedule/future), is left to the check's list.
		has(html('phases/1'), '1 more warning: npx phasebook check lists them');
		// Warnings about the prose (an empty section) are the author's, not a claim's.
		expect(text(html('readiness'))).not.toContain('sections/');
		// The phase tables count them beside the verdict, linking to where the phase page lists them.
		for (const page of [html(''), html('phases')]) {
			expect(page).toMatch(/<a class="warned" href="\/phases\/1\/#pb-evidence-readiness" data-warnings[^>]*>\s*4 warnings\s*<\/a>/);
		}
	});

	it('works out no slip from an actual end dated after today', () => {
		has(html('phases/1'), 'Actual window 2 Jan – 30 Jan 2026 (an end dated after today)');
	});

	it('says a document is not committed yet instead of another file’s history', () => {
		has(html('rcas/rca-0002'), 'Not yet committed');
		has(html('rcas/rca-0001'), 'Last updated 18 Jan 2026 by Ana');
	});
});
