import { describe, expect, it } from 'vitest';
import { runCheck } from '../../../src/cli/run-check.ts';
import { identityOnItsLines } from '../../../src/core/load.ts';
import { completeBody, evidenceRun, handoffDoc, makeProgram, phaseDoc, PROJECT_YAML, rcaDoc, TASKS_YAML } from '../../helpers/program.ts';

async function findings(files: Record<string, string>) {
	const { findings } = await runCheck(makeProgram(files));
	return findings.map((f) => `${f.path}:${f.line} ${f.severity} ${f.ruleId} ${f.message}`);
}

describe('references', () => {
	it('ok: a consistent program has no findings', async () => {
		const later = phaseDoc('2', 'dependsOn: ["1"]\n').replace('start: 2026-01-01, end: 2026-02-01', 'start: 2026-02-02, end: 2026-03-01');
		expect(await findings({ 'content/phases/2.mdx': later })).toEqual([]);
	});

	it('not ok: duplicate ids within a type', async () => {
		const out = await findings({ 'content/rcas/a.mdx': rcaDoc('RCA-0001'), 'content/rcas/b.mdx': rcaDoc('RCA-0001') });
		expect(out).toEqual(['content/rcas/b.mdx:2 error references/duplicate-id Duplicate id "RCA-0001", already used by content/rcas/a.mdx']);
	});

	it('names where a duplicate id and a duplicate requirement were first defined', async () => {
		const { findings } = await runCheck(
			makeProgram({
				'content/rcas/a.mdx': rcaDoc('RCA-0001'),
				'content/rcas/b.mdx': rcaDoc('RCA-0001'),
				'content/phases/2.mdx': phaseDoc('2').replaceAll('REQ-2.1', 'REQ-1.1'),
			}),
		);
		const causes = findings.filter((f) => f.cause).map((f) => [f.ruleId, f.cause]);
		expect(causes).toEqual([
			['references/requirement-duplicate', [{ path: 'content/phases/1.mdx', line: 11, column: 1, message: 'first defined here' }]],
			['references/duplicate-id', [{ path: 'content/rcas/a.mdx', line: 2, column: 1, message: 'first used here' }]],
		]);
	});

	it('not ok: an unknown phase names the valid ones', async () => {
		const out = await findings({ 'content/rcas/a.mdx': rcaDoc('RCA-0001').replace('phase: "1"', 'phase: "7"') });
		expect(out).toEqual(['content/rcas/a.mdx:4 error references/phase Unknown phase "7", expected one of "1"']);
	});

	it('an RCA whose fields fail its schema is reported for the unknown phase it names in the same run', async () => {
		const broken = rcaDoc('RCA-0001').replace('phase: "1"', 'phase: "7"').replace(/severity: \w+/, 'severity: catastrophic');
		const out = await findings({ 'content/rcas/a.mdx': broken });
		expect(out.map((l) => l.split(' ').slice(0, 3).join(' '))).toEqual([
			'content/rcas/a.mdx:4 error references/phase',
			`content/rcas/a.mdx:${broken.split('\n').findIndex((l) => l.startsWith('severity:')) + 1} error frontmatter/schema`,
		]);
		expect(out[0]).toContain('Unknown phase "7", expected one of "1"');
		// Named rightly, it is reported for its schema alone.
		const named = await findings({ 'content/rcas/a.mdx': broken.replace('phase: "7"', 'phase: 1') });
		expect(named.map((l) => l.split(' ')[2])).toEqual(['frontmatter/schema']);
	});

	const gatesFor = (requiredFor: string) => `name: Test program
description: A program made up by a test.
gates:
  - { id: build, title: Clean build, layer: build }
  - id: unit
    title: Unit tests
    layer: unit
    requiredFor: ${requiredFor}
`;

	it('ok: a gate required for phases that exist', async () => {
		expect(await findings({ 'content/project.yaml': gatesFor('["1"]') })).toEqual([]);
	});

	it('not ok: a gate required for a phase that does not exist, at its line and column', async () => {
		const { findings: all } = await runCheck(makeProgram({ 'content/project.yaml': gatesFor('\n      - "1"\n      - "9"') }));
		expect(all.map((f) => `${f.path}:${f.line}:${f.column}  ${f.severity}  ${f.message}  ${f.ruleId}`)).toEqual([
			'content/project.yaml:10:1  error  Unknown phase "9" in requiredFor of gate "unit", expected one of "1"  references/required-for',
		]);
	});

	it('not ok: a phase left out for its own error is that one error, not "Unknown phase" wherever it is named', async () => {
		const project = `${PROJECT_YAML.replace('  - { id: unit, title: Unit tests, layer: unit }', '  - { id: unit, title: Unit tests, layer: unit, requiredFor: ["2"] }')}`;
		expect(
			await findings({
				'content/project.yaml': project,
				'content/phases/2.mdx': phaseDoc('2', 'dependsOn: ["1"]\n').replace('status: in-review', 'status: nonsense'),
				'content/phases/3.mdx': phaseDoc('3', 'dependsOn: ["2"]\n'),
				'content/rcas/rca-0001.mdx': rcaDoc('RCA-0001').replace('phase: "1"', 'phase: "2"').replace('status: mitigated', 'status: mitigated\nrequirements: [REQ-2.1]'),
				'content/tasks.yaml': 'tasks:\n  - { id: T-001, phase: "2", title: Follow up, status: open, owner: ana }\n',
			}),
		).toEqual(['content/phases/2.mdx:5 error frontmatter/schema Unexpected string "nonsense" in "status", expected one of "planned", "in-progress", "blocked", "in-review", "done"']);
	});

	it('not ok: a phase gate that names no gate, and two gates of one id, where they are written', async () => {
		const project = `${PROJECT_YAML}  - { id: unit, title: Unit tests again, layer: unit }\n`;
		expect(await findings({ 'content/project.yaml': project, 'content/phases/1.mdx': phaseDoc('1', 'gates: [build, covrage]\n') })).toEqual([
			'content/phases/1.mdx:12 error references/gate Unknown gate "covrage" in gates, expected one of "build", "unit"',
			'content/phases/1.mdx:12 warning references/gate-dropped gates leaves out "unit", which content/project.yaml requires of phase 1: its readiness is judged without it',
			'content/project.yaml:7 error references/duplicate-id Duplicate gate id "unit"',
		]);
	});

	// An adopter's attack: JaCoCo's 0.85 for 85 %, taken as 0.85 %, passed a run at 41 %.
	it('warns of a coverage threshold written as a fraction', async () => {
		const project = PROJECT_YAML.replace('coverageThreshold: 85', 'coverageThreshold: 0.85').replace('  - { id: unit, title: Unit tests, layer: unit }', '  - { id: unit, title: Unit tests, layer: unit, threshold: 1 }');
		const lines = project.split('\n');
		const at = (text: string) => lines.findIndex((line) => line.includes(text)) + 1;
		expect(await findings({ 'content/project.yaml': project })).toEqual([
			`content/project.yaml:${at('coverageThreshold')} warning frontmatter/schema coverageThreshold: 0.85 is 0.85 %, a percentage; for 85 % write 85`,
			`content/project.yaml:${at('threshold: 1')} warning frontmatter/schema threshold of gate "unit": 1 is 1 %, a percentage; for 100 % write 100`,
		]);
		expect(await findings({ 'content/project.yaml': project.replace('coverageThreshold: 0.85', 'coverageThreshold: 0').replace('threshold: 1 }', 'threshold: 1.5 }') })).toEqual([]);
	});

	it('warns of a phase gates override that leaves out a gate project.yaml requires of it', async () => {
		expect(await findings({ 'content/phases/1.mdx': phaseDoc('1', 'gates: []\n') })).toEqual([
			'content/phases/1.mdx:12 warning references/gate-dropped gates leaves out "build", "unit", which content/project.yaml requires of phase 1: its readiness is judged without them',
		]);
		expect(await findings({ 'content/phases/1.mdx': phaseDoc('1', 'gates: [build, unit]\n') })).toEqual([]);
	});

	// An adopter's attack: a phase left its failing coverage gate out and read "Ready" beside it.
	it('names a gate the phase leaves out that has a failing latest run of the phase (an error with --strict)', async () => {
		const failing = evidenceRun({ gate: 'unit', cases: [['REQ-1.1 works', 'failed', ['REQ-1.1']]] });
		const out = await findings({ 'content/phases/1.mdx': phaseDoc('1', 'gates: [build]\n'), [failing[0]]: failing[1] });
		expect(out.filter((f) => f.includes('gate-dropped'))).toEqual([
			'content/phases/1.mdx:12 warning references/gate-dropped gates leaves out "unit", which content/project.yaml requires of phase 1: its readiness is judged without it',
			'content/phases/1.mdx:12 warning references/gate-dropped gates leaves out "unit", whose latest run of phase 1 fails (1 of 1 test failed: "REQ-1.1 works"): a phase does not pass a gate by leaving it out; fix what fails, or keep the gate',
		]);
		const root = makeProgram({ 'content/phases/1.mdx': phaseDoc('1', 'gates: [build]\n'), [failing[0]]: failing[1] });
		const { findings: strict } = await runCheck(root, { strict: true });
		expect(strict.filter((f) => f.ruleId === 'references/gate-dropped').map((f) => f.severity)).toEqual(['warning', 'error']);
	});

	it('not ok: dependsOn an unknown phase, and a dependency cycle', async () => {
		const out = await findings({
			'content/phases/2.mdx': phaseDoc('2', 'dependsOn: ["3", "9"]\n'),
			'content/phases/3.mdx': phaseDoc('3', 'dependsOn: ["2"]\n'),
		});
		expect(out).toEqual([
			'content/phases/2.mdx:7 warning schedule/dependency Phase 2 is planned to start on 2026-01-01, before phase 3, which it depends on, ends on 2026-02-01',
			'content/phases/2.mdx:12 error references/cycle Phases depend on each other in a cycle: 2 → 3 → 2',
			'content/phases/2.mdx:12 error references/depends-on Unknown phase "9" in dependsOn, expected one of "1", "2", "3"',
			'content/phases/3.mdx:7 warning schedule/dependency Phase 3 is planned to start on 2026-01-01, before phase 2, which it depends on, ends on 2026-02-01',
		]);
	});

	// A phase that depends on itself also read "planned to start … before phase 2, which it depends on, ends".
	it('not ok: a phase that depends on itself is a cycle, and no late start', async () => {
		const out = await findings({ 'content/phases/2.mdx': phaseDoc('2', 'dependsOn: ["2"]\n') });
		expect(out.filter((f) => f.includes('phases/2.mdx'))).toEqual(['content/phases/2.mdx:12 error references/cycle Phase 2 depends on itself']);
	});

	it('not ok: requirement ids that break the pattern or repeat', async () => {
		const out = await findings({
			'content/phases/2.mdx': phaseDoc('2').replaceAll('REQ-2.1', 'REQ-1.1'),
			'content/phases/3.mdx': phaseDoc('3').replaceAll('REQ-3.1', 'R3'),
		});
		expect(out).toEqual([
			'content/phases/2.mdx:11 error references/requirement-duplicate Duplicate requirement id "REQ-1.1", already defined by content/phases/1.mdx',
			'content/phases/3.mdx:11 error references/requirement-id Unexpected requirement id "R3", expected one matching REQ-\\d+(?:\\.\\d+)* (content/project.yaml)',
		]);
	});

	it('not ok: an RCA naming a requirement id that breaks the pattern says so, and one no phase defines is unknown', async () => {
		const out = await findings({ 'content/rcas/a.mdx': rcaDoc('RCA-0001', 'status: mitigated\nrequirements: ["REQ1.1", "REQ-7.7"]\n') });
		expect(out.filter((line) => line.includes('references/requirement'))).toEqual([
			'content/rcas/a.mdx:9 error references/requirement Unknown requirement "REQ-7.7", expected one defined by a phase',
			'content/rcas/a.mdx:9 error references/requirement-id Unexpected requirement id "REQ1.1", expected one matching REQ-\\d+(?:\\.\\d+)* (content/project.yaml) and defined by a phase',
		]);
	});

	it('not ok: the change inventory names a requirement of another phase', async () => {
		const body = completeBody('phase').replace('| `src/a.ts` | Added | REQ-1.1 |', '| `src/a.ts` | Added | REQ-1.1, REQ-9.9 |');
		const out = await findings({ 'content/phases/1.mdx': phaseDoc('1', '', body) });
		expect(out).toEqual([
			expect.stringMatching(/^content\/phases\/1.mdx:\d+ error references\/change-inventory Unknown requirement "REQ-9.9" in the change inventory, expected one of phase 1's: REQ-1.1$/),
		]);
	});

	it('not ok: an actual window that ends before it starts, which the page would print as days early', async () => {
		const doc = phaseDoc('1').replace('window: { start: 2026-01-01, end: 2026-02-01 }', 'window: { start: 2026-01-01, end: 2026-02-01, actualStart: 2026-01-19, actualEnd: 2026-01-02 }');
		expect((await findings({ 'content/phases/1.mdx': doc })).filter((f) => f.includes('frontmatter/schema'))).toEqual([
			'content/phases/1.mdx:7 error frontmatter/schema Field "window.actualEnd": expected window.actualStart on or before window.actualEnd',
		]);
	});

	// An adopter's attack: "## Further changes" listed files that never existed, in the inventory's
	// columns, and the page showed them as if checked.
	it('warns of a table with the inventory\'s columns outside its section', async () => {
		const body = `${completeBody('phase')}\n## Further changes\n\n| File | Change | Requirement |\n| --- | --- | --- |\n| \`src/payments.ts\` | Added | REQ-1.1 |\n\n| Step | Change |\n| --- | --- |\n| One | Two |\n`;
		const doc = phaseDoc('1', '', body);
		const line = doc.split('\n').indexOf('| File | Change | Requirement |', doc.split('\n').indexOf('## Further changes')) + 1;
		expect((await findings({ 'content/phases/1.mdx': doc })).filter((f) => f.includes('File and Change'))).toEqual([
			`content/phases/1.mdx:${line} warning references/change-inventory A table with the change inventory's File and Change columns outside its section: the check reads only the change inventory, so git never checks these rows; move them into it`,
		]);
	});

	// An adopter's attack: `inventory --write` drafts a README, a lock file or CI's workflow with no
	// requirement, and each was warned of at once.
	it('warns of a changed code file that names no requirement, not of documentation or configuration', async () => {
		const rows = ['| `src/a.ts` | Added | REQ-1.1 |', '| `src/b.ts` | Added | |', '| `README.md` | Modified | |', '| `.github/workflows/ci.yml` | Added | |', '| `package-lock.json` | Modified | |', '| `pytest.ini` | Added | |'];
		const doc = phaseDoc('1', '', completeBody('phase').replace('| `src/a.ts` | Added | REQ-1.1 |', rows.join('\n')));
		expect((await findings({ 'content/phases/1.mdx': doc })).filter((f) => f.includes('names no requirement'))).toEqual([
			`content/phases/1.mdx:${doc.split('\n').indexOf(rows[1]!) + 1} warning references/change-inventory Change to "src/b.ts" names no requirement`,
		]);
	});

	// An adopter's attack: a file listed twice (and as `./x` beside `x`) was tied to both rows' requirements.
	it('warns of a file in the change inventory twice, however its path is written', async () => {
		const rows = ['| `src/a.ts` | Added | REQ-1.1 |', '| `./src/a.ts` | Added | REQ-1.1 |'];
		const doc = phaseDoc('1', '', completeBody('phase').replace('| `src/a.ts` | Added | REQ-1.1 |', rows.join('\n')));
		const line = (row: string) => doc.split('\n').indexOf(row) + 1;
		expect(await findings({ 'content/phases/1.mdx': doc })).toEqual([
			`content/phases/1.mdx:${line(rows[1]!)} warning references/change-inventory "src/a.ts" is in the change inventory twice (first at line ${line(rows[0]!)}): one row per file, naming every requirement it serves`,
		]);
	});

	it('not ok: a second table in the change inventory, which the page would show unchecked', async () => {
		const body = completeBody('phase').replace('| `src/a.ts` | Added | REQ-1.1 |', '| `src/a.ts` | Added | REQ-1.1 |\n\nAlso:\n\n| File | Change | Requirement |\n| --- | --- | --- |\n| `src/ghost.ts` | Added | REQ-1.1 |');
		const doc = phaseDoc('1', '', body);
		const lines = doc.split('\n');
		const first = lines.indexOf('| File | Change | Requirement |') + 1;
		const second = lines.indexOf('| File | Change | Requirement |', first) + 1;
		expect(await findings({ 'content/phases/1.mdx': doc })).toEqual([
			`content/phases/1.mdx:${second} error references/change-inventory A second table in the change inventory (the first is at line ${first}); the check reads only the first, so move these rows into it`,
		]);
	});

	it('not ok: links to pages or files that do not exist', async () => {
		const body = completeBody('rca').replace(
			'Written by the author with real detail.',
			'See [phase 1](/phases/1/), [its unit gate](/phases/1/gates/unit/), [no such gate](/phases/1/gates/fuzz/), [the gone one](/rcas/rca-0042/), [a file](../phases/1.mdx) and [nothing](./missing.mdx) but not `[code](/nope/)`.',
		);
		const out = await findings({ 'content/rcas/a.mdx': rcaDoc('RCA-0001', 'status: mitigated\n', body) });
		expect(out).toEqual([
			'content/rcas/a.mdx:13 error references/link Unresolved link "/phases/1/gates/fuzz/", expected a page of the site (such as /phases/1/) or a file of public/ (such as /robots.txt for public/robots.txt)',
			'content/rcas/a.mdx:13 error references/link Unresolved link "/rcas/rca-0042/", expected a page of the site (such as /phases/1/) or a file of public/ (such as /robots.txt for public/robots.txt)',
			'content/rcas/a.mdx:13 error references/link Unresolved link "./missing.mdx", expected a page of the site (such as /phases/1/) or a file of the project',
		]);
	});

	// Every build copies public/ to the site's root, under the base path as a page's address is.
	it('ok: a root-relative link or image naming a file of public/; not ok: one naming nothing there', async () => {
		const body = completeBody('rca').replace(
			'Written by the author with real detail.',
			'See [robots](/robots.txt), [the spec](/files/spec.pdf#page=2), [notes](/files/my%20notes.txt?v=1), ![a chart](/files/chart.png), [no file](/files/none.pdf), [a folder](/files/) and [climbing](/../content/project.yaml).',
		);
		const out = await findings({
			'content/rcas/a.mdx': rcaDoc('RCA-0001', 'status: mitigated\n', body),
			'public/robots.txt': 'User-agent: *\n',
			'public/files/spec.pdf': '%PDF-1.4\n',
			'public/files/my notes.txt': 'Notes.\n',
			'public/files/chart.png': 'PNG\n',
		});
		const expected = (href: string) => `content/rcas/a.mdx:13 error references/link Unresolved link "${href}", expected a page of the site (such as /phases/1/) or a file of public/ (such as /robots.txt for public/robots.txt)`;
		expect(out.filter((line) => line.includes(' references/'))).toEqual([expected('/files/none.pdf'), expected('/files/'), expected('/../content/project.yaml')]);
	});

	// A link into a page at a heading that is not there opens the page at its top: the reader lands
	// somewhere else than the author meant, with nothing said.
	it('warns of a link whose #fragment names no heading of the document it leads to', async () => {
		const body = completeBody('rca').replace(
			'Written by the author with real detail.',
			'See [the cause](#root-cause-analysis), [a typo](#root-cause-analysys), [the top](#_top), [phase 1](/phases/1/#rollback-plan), [its plan](../phases/1.mdx#rollback), [the other](/rcas/rca-0002/#symptom-and-impact), [encoded](#root%20cause), [an entry](/changelog/#v0.1.0), [its section](../changelog/0.1.0.mdx#fixed) and [not there](../changelog/0.1.0.mdx#removed).',
		);
		const entry = '---\nversion: "0.1.0"\ntitle: First\ndate: 2026-01-20\nstatus: draft\nowners: [ana]\nphase: "1"\n---\n\n## Added\n\n- A [link](#fixed).\n\n## Fixed\n\n- B.\n';
		const other = rcaDoc('RCA-0002', 'status: mitigated\n', completeBody('rca').replace('## Symptom and impact', '## Symptoms'));
		const out = await findings({ 'content/rcas/a.mdx': rcaDoc('RCA-0001', 'status: mitigated\n', body), 'content/rcas/b.mdx': other, 'content/changelog/0.1.0.mdx': entry });
		expect(out.filter((f) => f.includes('references/anchor'))).toEqual([
			'content/rcas/a.mdx:13 warning references/anchor Link "#root-cause-analysys" names no heading of this document, so it opens the page at its top; did you mean "#root-cause-analysis"?',
			'content/rcas/a.mdx:13 warning references/anchor Link "../phases/1.mdx#rollback" names no heading of content/phases/1.mdx, so it opens the page at its top; did you mean "#rollback-plan"?',
			'content/rcas/a.mdx:13 warning references/anchor Link "/rcas/rca-0002/#symptom-and-impact" names no heading of content/rcas/b.mdx, so it opens the page at its top; its headings\' anchors are #symptoms, #detection-path-and-diagnostics, #root-cause-analysis, #alternatives-considered-and-trade-offs, #selected-solution-and-rationale, #regression-tests-added, and 1 more',
			'content/rcas/a.mdx:13 warning references/anchor Link "#root%20cause" names no heading of this document, so it opens the page at its top; its headings\' anchors are #symptom-and-impact, #detection-path-and-diagnostics, #root-cause-analysis, #alternatives-considered-and-trade-offs, #selected-solution-and-rationale, #regression-tests-added, and 1 more',
			'content/rcas/a.mdx:13 warning references/anchor Link "../changelog/0.1.0.mdx#removed" names no heading of content/changelog/0.1.0.mdx, so it opens the page at its top; its headings\' anchors are #added, #fixed',
		]);
	});

	// The changelog's entries share one page: each is a section there, its headings' ids scoped under it.
	it('warns of a link into the changelog page that names no entry, nor a heading of one', async () => {
		const body = completeBody('rca').replace(
			'Written by the author with real detail.',
			'See [the entry](/changelog/#v0.1.0), [its fix](/changelog/#v0.1.0-fixed), [dashes](/changelog/#v0-1-0), [a gone section](/changelog/#v0.1.0-removed) and [the top](/changelog/#_top).',
		);
		const entry = '---\nversion: "0.1.0"\ntitle: First\ndate: 2026-01-20\nstatus: draft\nowners: [ana]\nphase: "1"\n---\n\n## Added\n\n- A.\n\n## Fixed\n\n- B.\n';
		// An entry whose headings cannot be read as the site renders them: what may be its ids is not judged.
		const unread = '---\nversion: "0.2.0"\ntitle: Second\ndate: 2026-02-20\nstatus: draft\nowners: [ana]\nphase: "1"\n---\n\n## Added {frontmatter.title}\n\n- C.\n';
		const files = { 'content/rcas/a.mdx': rcaDoc('RCA-0001', 'status: mitigated\n', body), 'content/changelog/0.1.0.mdx': entry };
		expect((await findings(files)).filter((f) => f.includes('references/anchor'))).toEqual([
			'content/rcas/a.mdx:13 warning references/anchor Link "/changelog/#v0-1-0" names no entry or heading of the changelog, so it opens the page at its top; did you mean "#v0.1.0"?',
			'content/rcas/a.mdx:13 warning references/anchor Link "/changelog/#v0.1.0-removed" names no entry or heading of the changelog, so it opens the page at its top; its entries\' anchors are #v0.1.0',
		]);
		const withUnread = { ...files, 'content/rcas/a.mdx': rcaDoc('RCA-0001', 'status: mitigated\n', body.replace('/changelog/#v0-1-0', '/changelog/#v0.2.0-added-second')), 'content/changelog/0.2.0.mdx': unread };
		expect((await findings(withUnread)).filter((f) => f.includes('references/anchor'))).toEqual([
			'content/rcas/a.mdx:13 warning references/anchor Link "/changelog/#v0.1.0-removed" names no entry or heading of the changelog, so it opens the page at its top; its entries\' anchors are #v0.1.0, #v0.2.0',
		]);
	});

	it('warns of a link to a section nobody wrote, which the site leaves out', async () => {
		const draft = rcaDoc('RCA-0002', 'status: open\n', completeBody('rca').replace(/(## Preventive guardrails\n\n)Written by the author with real detail\./, '$1'));
		const body = completeBody('rca').replace('Written by the author with real detail.', 'See [its guardrails](./b.mdx#preventive-guardrails).');
		const out = await findings({ 'content/rcas/a.mdx': rcaDoc('RCA-0001', 'status: mitigated\n', body), 'content/rcas/b.mdx': draft });
		expect(out.filter((f) => f.includes('references/anchor'))).toEqual([
			'content/rcas/a.mdx:13 warning references/anchor Link "./b.mdx#preventive-guardrails" names a section of content/rcas/b.mdx that nobody has written yet, which the site leaves out, so it opens the page at its top; write the section or link another',
		]);
	});

	it('does not judge a fragment into a document whose headings it cannot read as the site does', async () => {
		const body = completeBody('rca').replace('## Root cause analysis', '## Root cause in {frontmatter.id}').replace('Written by the author with real detail.', 'See [the cause](#root-cause-in-rca-0001).');
		const out = await findings({ 'content/rcas/a.mdx': rcaDoc('RCA-0001', 'status: mitigated\n', body) });
		expect(out.filter((f) => f.includes('references/anchor'))).toEqual([]);
	});

	// The scanner cut `<./no such file.mdx>` at its first space and `Foo_(1)` at its `(`: the first
	// went unchecked, the second was reported as a file that is not there.
	it('reads a destination in angle brackets, and parentheses that pair up, as the renderer does', async () => {
		const body = completeBody('rca').replace(
			'Written by the author with real detail.',
			'See [spaced](<./no such file.mdx>), [paired](../phases/1.mdx?a=(b)), [escaped](./missing\\(1\\).mdx) and [defined][d].\n\n[d]: <./no such definition.mdx>',
		);
		const out = await findings({ 'content/rcas/a.mdx': rcaDoc('RCA-0001', 'status: mitigated\n', body) });
		expect(out.filter((f) => f.includes('references/link'))).toEqual([
			'content/rcas/a.mdx:13 error references/link Unresolved link "./no such file.mdx", expected a page of the site (such as /phases/1/) or a file of the project',
			'content/rcas/a.mdx:13 error references/link Unresolved link "./missing(1).mdx", expected a page of the site (such as /phases/1/) or a file of the project',
			'content/rcas/a.mdx:15 error references/link Unresolved link "./no such definition.mdx", expected a page of the site (such as /phases/1/) or a file of the project',
		]);
	});

	// A false-positive hunt: hard-wrapped prose wraps a link's text onto the next line, and such a
	// link was never read, however broken.
	it('reads a link whose text wraps onto the next line of its paragraph, not across blocks', async () => {
		const body = completeBody('rca').replace('Written by the author with real detail.', 'See [the missing\nfile](./missing.mdx) here.\n\n- [one item\n- another](./not-a-link.mdx)');
		const out = await findings({ 'content/rcas/a.mdx': rcaDoc('RCA-0001', 'status: mitigated\n', body) });
		expect(out.filter((f) => f.includes('references/link'))).toEqual([
			'content/rcas/a.mdx:13 error references/link Unresolved link "./missing.mdx", expected a page of the site (such as /phases/1/) or a file of the project',
		]);
		const { findings: all } = await runCheck(makeProgram({ 'content/rcas/a.mdx': rcaDoc('RCA-0001', 'status: mitigated\n', body) }));
		expect(all.filter((f) => f.ruleId === 'references/link').map((f) => [f.line, f.column])).toEqual([[13, 5]]);
	});

	it('reads a link in the text of an element\'s children, as MDX renders it', async () => {
		const body = completeBody('rca').replace('Written by the author with real detail.', '<details>\n<summary>Logs</summary>\n\nSee [the log](./missing-log.mdx) and [its\nwrapped twin](./missing-twin.mdx).\n\n</details>');
		const out = await findings({ 'content/rcas/a.mdx': rcaDoc('RCA-0001', 'status: mitigated\n', body) });
		expect(out.filter((f) => f.includes('references/link'))).toEqual([
			'content/rcas/a.mdx:16 error references/link Unresolved link "./missing-log.mdx", expected a page of the site (such as /phases/1/) or a file of the project',
			'content/rcas/a.mdx:16 error references/link Unresolved link "./missing-twin.mdx", expected a page of the site (such as /phases/1/) or a file of the project',
		]);
	});

	// An author's attack: each was published as a live link, with nothing said.
	it('not ok: a link that runs script in the reader’s browser, or names a file of the author’s machine', async () => {
		const body = completeBody('rca').replace(
			'Written by the author with real detail.',
			'[Run](javascript:alert%281%29), [page](data:text/html,%3Cb%3E), [disk](file:///etc/passwd) and [mail](mailto:a@example.com).\n\n<a href="JavaScript:void(0)">x</a>',
		);
		const out = await findings({ 'content/rcas/a.mdx': rcaDoc('RCA-0001', 'status: mitigated\n', body) });
		expect(out.filter((f) => /references\/link|mdx\/code/.test(f))).toEqual([
			"content/rcas/a.mdx:13 warning mdx/code Unexpected javascript: link \"javascript:alert%281%29\": it runs in the reader's browser; review it as code",
			"content/rcas/a.mdx:13 warning mdx/code Unexpected data: link \"data:text/html,%3Cb%3E\": it runs in the reader's browser; review it as code",
			'content/rcas/a.mdx:13 error references/link Link "file:///etc/passwd" names a file of the machine it was written on, which no reader has; expected a page of the site, a document or a file of the repository',
			"content/rcas/a.mdx:15 warning mdx/code Unexpected javascript: link \"JavaScript:void(0)\": it runs in the reader's browser; review it as code",
		]);
	});
});

// A YAML typo in phase 1 made it unknown to every document, setting and evidence file naming it:
// one typo, a screen of errors, the typo's own among them.
it('a phase whose YAML cannot be read is still known by the id on its line: one typo, one error', async () => {
	const broken = phaseDoc('1').replace('title: Phase 1', 'title: [unclosed Phase 1');
	const later = phaseDoc('2', 'dependsOn: ["1"]\n').replace('start: 2026-01-01, end: 2026-02-01', 'start: 2026-02-02, end: 2026-03-01');
	const rca = rcaDoc('RCA-0001', 'status: mitigated\nrequirements: [REQ-1.1]\n');
	const out = await findings({ 'content/phases/1.mdx': broken, 'content/phases/2.mdx': later, 'content/rcas/a.mdx': rca });
	expect(out.filter((f) => f.includes(' error '))).toEqual([expect.stringMatching(/^content\/phases\/1\.mdx:4 error frontmatter\/yaml Invalid YAML/)]);
});

it('reads an id, a phase and requirement ids off the lines of YAML it cannot parse', () => {
	expect(identityOnItsLines('phase', 'id: "3"  # the third\ntitle: [unclosed\nrequirements:\n  - { id: REQ-3.1, title: A }\n  - id: \'REQ-3.2\'\n    title: B\nrisk: low')).toEqual({ id: '3', requirements: ['REQ-3.1', 'REQ-3.2'] });
	expect(identityOnItsLines('rca', 'title: [x\nid: RCA-0007\nphase: "2"\n')).toEqual({ id: 'RCA-0007', requirements: [], phase: { id: '2', line: 4 } });
	expect(identityOnItsLines('changelog', 'version: 1.2.0\ntitle: [x')).toEqual({ id: '1.2.0', requirements: [] });
	expect(identityOnItsLines('rca', 'title: [x\n  id: RCA-1\nid: [RCA-2\n')).toBeUndefined();
	// A false-positive hunt: YAML's other layouts of the same list.
	for (const requirements of [
		'requirements:\n- id: REQ-3.1\n  title: A\n- id: REQ-3.2\n  title: B',
		'requirements: [{id: REQ-3.1, title: A}, {title: B, id: REQ-3.2}]',
		'requirements: # the parser\'s\n  - { title: A, id: REQ-3.1 }\n  # a comment\n  - { id: "REQ-3.2" }',
	]) {
		expect(identityOnItsLines('phase', `id : 3\ntitle: "unclosed\n${requirements}\nrisk: low`), requirements).toEqual({ id: '3', requirements: ['REQ-3.1', 'REQ-3.2'] });
	}
});

// A YAML typo in rca-0002 came with an "Unresolved link" in every document naming it, listed first.
it('a link to a document whose frontmatter cannot be read is that document’s problem, not the link’s', async () => {
	const body = completeBody('rca').replace('Written by the author with real detail.', 'See [the other incident](/rcas/rca-0002/) and [its file](./rca-0002.mdx).');
	const out = await findings({
		'content/rcas/rca-0001.mdx': rcaDoc('RCA-0001', 'status: mitigated\n', body),
		'content/rcas/rca-0002.mdx': rcaDoc('RCA-0002').replace(/^severity: .*$/m, 'severity: [high'),
	});
	expect(out.map((f) => f.split(' ').slice(0, 3).join(' '))).toEqual([expect.stringMatching(/^content\/rcas\/rca-0002\.mdx:\d+ error frontmatter\/yaml$/)]);
});

describe('consistency', () => {
	it('not ok: a done phase without a handoff', async () => {
		const out = await findings({ 'content/phases/1.mdx': phaseDoc('1').replace('status: in-review', 'status: done') });
		expect(out).toEqual([
			'content/phases/1.mdx:5 error claims/approvals Phase 1 is done but has no approvals, expected at least one {by, role, date} in approvals',
			'content/phases/1.mdx:5 error consistency/done-without-handoff Phase 1 is done but has no handoff, expected a document in content/handoffs/ with phase: "1"',
			'content/phases/1.mdx:5 error consistency/not-ready Phase 1 is done but not ready: No evidence for the required Clean build gate (and 1 more; see phasebook readiness --phase 1)',
		]);
	});

	it('not ok: a done phase whose only handoff is a draft', async () => {
		const out = await findings({
			'content/phases/1.mdx': phaseDoc('1').replace('status: in-review', 'status: done'),
			'content/handoffs/ho-001.mdx': handoffDoc('onTrack: on-track\ncoverageVerdict: met\n', 'draft'),
		});
		expect(out.filter((f) => f.includes('consistency/done-without-handoff'))).toEqual([
			'content/phases/1.mdx:5 error consistency/done-without-handoff Phase 1 is done but its handoff is still a draft, expected a final handoff (status: final) in content/handoffs/ with phase: "1"',
		]);
	});

	// An adopter's attack: an approval and a final handoff dated a month before the phase started passed.
	it('not ok: an approval or a final handoff dated before the phase started', async () => {
		const phase = phaseDoc('1', 'approvals:\n  - { by: ben, role: Tech lead, date: 2026-01-03 }\n  - { by: cy, role: QA, date: 2026-02-02 }\n').replace('window: { start: 2026-01-01, end: 2026-02-01 }', 'window: { start: 2026-01-01, end: 2026-02-01, actualStart: 2026-01-05 }');
		const out = await findings({ 'content/phases/1.mdx': phase, 'content/handoffs/ho-001.mdx': handoffDoc('onTrack: on-track\ncoverageVerdict: met\n').replace('date: 2026-02-01', 'date: 2026-01-04') });
		expect(out.filter((f) => f.includes('consistency/sign-off-date'))).toEqual([
			'content/handoffs/ho-001.mdx:5 error consistency/sign-off-date Final handoff HO-001 is dated 2026-01-04, before phase 1 started on 2026-01-05 (window.actualStart)',
			'content/phases/1.mdx:13 error consistency/sign-off-date Approval by ben is dated 2026-01-03, before phase 1 started on 2026-01-05 (window.actualStart)',
		]);
		// Without an actual start there is nothing to hold them to; a draft handoff is no sign-off.
		const planned = await findings({ 'content/phases/1.mdx': phaseDoc('1', 'approvals:\n  - { by: ben, role: Tech lead, date: 2025-01-03 }\n'), 'content/handoffs/ho-001.mdx': handoffDoc('onTrack: on-track\ncoverageVerdict: met\n', 'draft').replace('date: 2026-02-01', 'date: 2025-01-04') });
		expect(planned.filter((f) => f.includes('consistency/sign-off-date'))).toEqual([]);
	});

	it('not ok: a resolved RCA without a resolved date', async () => {
		const out = await findings({ 'content/rcas/a.mdx': rcaDoc('RCA-0001', 'status: resolved\n') });
		expect(out).toEqual(['content/rcas/a.mdx:8 error consistency/resolved-date RCA-0001 is resolved but has no "resolved" date']);
	});

	// Its page read "Status Open … Resolved 30 Nov 2026 (after 2 days)" while readiness counted it open.
	it('not ok: an open or mitigated RCA with a resolved date', async () => {
		const out = await findings({
			'content/rcas/a.mdx': rcaDoc('RCA-0001', 'status: open\nresolved: 2026-01-12\n'),
			'content/rcas/b.mdx': rcaDoc('RCA-0002', 'status: mitigated\nresolved: 2026-01-12\n'),
		});
		expect(out.filter((f) => f.includes('consistency/resolved-date'))).toEqual([
			'content/rcas/a.mdx:9 error consistency/resolved-date RCA-0001 has a "resolved" date (2026-01-12) but its status is open, expected status: resolved, or no resolved date until it is',
			'content/rcas/b.mdx:9 error consistency/resolved-date RCA-0002 has a "resolved" date (2026-01-12) but its status is mitigated, expected status: resolved, or no resolved date until it is',
		]);
	});
});

describe('references/route', () => {
	const routeFindings = async (files: Record<string, string>) => (await findings(files)).filter((f) => f.includes('references/route'));
	const changelog = (version: string) => `---\nversion: ${version}\ntitle: Release\ndate: 2026-01-01\nstatus: released\nowners: [ana]\n---\n\n## Added\n\n- A change.\n`;

	it('ok: ids that differ in a letter or digit', async () => {
		expect(await routeFindings({ 'content/phases/6.mdx': phaseDoc('6'), 'content/phases/6b.mdx': phaseDoc('6b') })).toEqual([]);
	});

	it('not ok: phases "6" and "6_" would share /phases/6/; both files are named', async () => {
		expect(await routeFindings({ 'content/phases/6.mdx': phaseDoc('6'), 'content/phases/6_.mdx': phaseDoc('6_') })).toEqual([
			'content/phases/6_.mdx:2 error references/route Id "6_" maps to the page /phases/6/, as "6" does (content/phases/6.mdx); expected ids that differ in a letter or digit',
		]);
	});

	it('not ok: versions v0.3.0 and 0.3.0 share one changelog entry', async () => {
		expect(await routeFindings({ 'content/changelog/0.3.0.mdx': changelog('0.3.0'), 'content/changelog/v0.3.0.mdx': changelog('v0.3.0') })).toEqual([
			'content/changelog/v0.3.0.mdx:2 error references/route Version "v0.3.0" maps to the page /changelog/#v0.3.0, as "0.3.0" does (content/changelog/0.3.0.mdx); expected ids that differ in a letter or digit',
		]);
	});

	it('not ok: gate and task ids that share pages', async () => {
		const project = PROJECT_YAML + '  - { id: unit_, title: More unit tests, layer: unit }\n';
		const tasks = TASKS_YAML + '  - { id: T_001, phase: "1", title: Another, status: open, owner: ana }\n';
		expect(await routeFindings({ 'content/project.yaml': project, 'content/tasks.yaml': tasks })).toEqual([
			'content/project.yaml:7 error references/route Gate id "unit_" maps to the same pages, such as /phases/1/gates/unit/, as "unit" does (line 6); expected ids that differ in a letter or digit',
			'content/tasks.yaml:3 error references/route Task id "T_001" maps to the card /board/#task-t-001, as "T-001" does (line 2); expected ids that differ in a letter or digit',
		]);
	});
});
