import { describe, expect, it } from 'vitest';
import { runCheck } from '../../../src/cli/run-check.ts';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { completeBody, handoffDoc, makeProgram, phaseDoc, PROJECT_YAML, rcaDoc, REPO } from '../../helpers/program.ts';

/** `line:col severity rule` of each finding in one file, the way remark-lint asserts its examples. */
async function findingsOfAll(files: Record<string, string>, path: string) {
	const { findings } = await runCheck(makeProgram(files));
	return findings.filter((f) => f.path === path).map((f) => `${f.line}:${f.column} ${f.severity} ${f.ruleId} ${f.message}`);
}

const findingsOf = findingsOfAll;
const RCA = 'content/rcas/rca-0001.mdx';

describe('sections/required', () => {
	it('ok: a complete RCA has no findings', async () => {
		expect(await findingsOf({ [RCA]: rcaDoc('RCA-0001') }, RCA)).toEqual([]);
	});

	it('not ok: a missing section is an error on the line of the section that follows it', async () => {
		const body = completeBody('rca').replace(/## Root cause analysis\n\n.*\n/, '');
		const out = await findingsOf({ [RCA]: rcaDoc('RCA-0001', 'status: mitigated\n', body) }, RCA);
		expect(out).toEqual([
			'20:1 error sections/required Missing required section "Root cause analysis" (from templates/rca.mdx)',
		]);
	});

	// Three missing sections at one line came in the alphabet's order, not the template's.
	it('not ok: several sections missing at one place are listed in the template’s order', async () => {
		const body = completeBody('rca').replace(/## Root cause analysis\n\n.*\n\n## Alternatives considered and trade-offs\n\n.*\n\n## Selected solution and rationale\n\n.*\n/, '');
		const out = await findingsOf({ [RCA]: rcaDoc('RCA-0001', 'status: mitigated\n', body) }, RCA);
		expect(out.map((f) => /"([^"]+)"/.exec(f)![1])).toEqual(['Root cause analysis', 'Alternatives considered and trade-offs', 'Selected solution and rationale']);
		expect(new Set(out.map((f) => f.split(' ')[0]))).toEqual(new Set(['20:1']));
	});

	// "## Root casue analysis" read only as a missing "Root cause analysis", at the next heading's line.
	it('not ok: a misspelt heading, or one at another level, is named where it is as what the missing section may be', async () => {
		const body = completeBody('rca').replace('## Root cause analysis', '## Root casue analysis').replace('## Preventive guardrails', '### Preventive guardrails');
		expect(await findingsOf({ [RCA]: rcaDoc('RCA-0001', 'status: mitigated\n', body) }, RCA)).toEqual([
			'19:1 error sections/required Missing required section "Root cause analysis" (from templates/rca.mdx); the heading "Root casue analysis" on line 19 may be it, spelt differently',
			'35:1 error sections/required Missing required section "Preventive guardrails" (from templates/rca.mdx); the heading "Preventive guardrails" on line 35 is level 3, expected ##',
		]);
		const phase = completeBody('phase').replace('### Failure path', '### Failure paths');
		const found = await findingsOf({ 'content/phases/1.mdx': phaseDoc('1', '', phase) }, 'content/phases/1.mdx');
		expect(found.filter((f) => f.includes('sections/required'))).toEqual([
			expect.stringMatching(/^\d+:1 error sections\/required Missing required sub-section "Failure path" under "Diagrams" \(from templates\/phase\.mdx\); the heading "Failure paths" on line \d+ may be it, spelt differently$/),
		]);
		// A heading of the author's own, far from any section's name, is published as written and suggests nothing.
		const own = completeBody('rca').replace('## Root cause analysis', '## Timeline');
		expect(await findingsOf({ [RCA]: rcaDoc('RCA-0001', 'status: mitigated\n', own) }, RCA)).toEqual([
			'23:1 error sections/required Missing required section "Root cause analysis" (from templates/rca.mdx)',
		]);
	});

	it('in a draft (open RCA) a missing section is a warning', async () => {
		const body = completeBody('rca').replace(/## Preventive guardrails\n\n.*\n/, '');
		const out = await findingsOf({ [RCA]: rcaDoc('RCA-0001', 'status: open\n', body) }, RCA);
		expect(out).toEqual([
			'35:1 warning sections/required Missing required section "Preventive guardrails" (from templates/rca.mdx)',
		]);
	});

	it('headings in code fences, comments and JSX do not count', async () => {
		const body = completeBody('rca')
			.replace('## Root cause analysis', '```md\n## Root cause analysis\n```')
			.replace('## Selected solution and rationale', '{/*\n## Selected solution and rationale\n*/}')
			.replace('## Preventive guardrails', '<Aside>\n## Preventive guardrails\n</Aside>');
		const out = await findingsOf({ [RCA]: rcaDoc('RCA-0001', 'status: resolved\nresolved: 2026-01-12\n', body) }, RCA);
		// <Aside> is never imported, which mdx/component reports on its own; this is about the sections.
		const sections = out.filter((l) => l.includes(' sections/'));
		expect(sections.map((l) => l.split(' ').slice(1, 3).join(' ') + ' ' + l.split('"')[1])).toEqual([
			'error sections/required Root cause analysis',
			'error sections/required Selected solution and rationale',
			'error sections/required Preventive guardrails',
		]);
	});

	it('setext headings count, and text is compared ignoring case, spaces and trailing punctuation', async () => {
		const body = completeBody('rca')
			.replace('## Symptom and impact', 'symptom AND impact:\n---')
			.replace('## Root cause analysis', '##   Root Cause Analysis.  ');
		expect(await findingsOf({ [RCA]: rcaDoc('RCA-0001', 'status: mitigated\n', body) }, RCA)).toEqual([]);
	});

	// An author's attack: a required heading written as a link or with &nbsp; was missing, unsaid why.
	it('a heading reads as its text: a link as its words, an entity as its character', async () => {
		const body = completeBody('rca')
			.replace('## Symptom and impact', '## [Symptom and impact](#symptom-and-impact)')
			.replace('## Root cause analysis', '## Root&nbsp;cause analysis');
		expect(await findingsOf({ [RCA]: rcaDoc('RCA-0001', 'status: mitigated\n', body) }, RCA)).toEqual([]);
	});
});

describe('sections/empty', () => {
	it.each([
		['whitespace only', '\n\n   \n'],
		['a comment only', '{/* to do */}\n'],
		['a placeholder only', 'TBD\n'],
		['TODO with punctuation', '- TODO.\n'],
		// Two-word placeholders: matched word by word, they never matched.
		['"Coming soon."', 'Coming soon.\n'],
		['"Lorem ipsum"', 'Lorem ipsum\n'],
		['filler text', 'Lorem ipsum dolor sit amet, consectetur adipiscing elit.\n'],
		['placeholders in a list', '- TBD\n- coming soon\n'],
		// "TODO: write this" counted as content; the README calls TODO a placeholder.
		['a note to self', 'TODO: write this\n'],
		['a dated note to self', 'TBD (after the review)\n'],
	])('not ok: %s', async (_, content) => {
		const body = completeBody('rca').replace(/(## Root cause analysis\n\n).*\n/, `$1${content}`);
		const out = await findingsOf({ [RCA]: rcaDoc('RCA-0001', 'status: mitigated\n', body) }, RCA);
		expect(out).toEqual(['19:1 error sections/empty Section "Root cause analysis" is empty']);
	});

	it.each([
		['a sentence that only mentions a placeholder word', 'The release notes said "coming soon" for a feature that never shipped.\n'],
		['a TODO that says what is left, at length', 'TODO: measure p95 again after the release; the figure before it was 120 ms on the staging cluster.\n'],
		['a TODO beside the content', 'The queue stalled on a full disk.\n\nTODO: link the dashboard.\n'],
	])('ok: %s', async (_, content) => {
		const body = completeBody('rca').replace(/(## Root cause analysis\n\n).*\n/, `$1${content}`);
		expect(await findingsOf({ [RCA]: rcaDoc('RCA-0001', 'status: mitigated\n', body) }, RCA)).toEqual([]);
	});

	it('not ok: a phase whose change inventory is still the template\'s empty table', async () => {
		const template = readFileSync(join(REPO, 'templates/phase.mdx'), 'utf8');
		const section = /## Change inventory\n[\s\S]*?(?=\n## )/;
		const body = completeBody('phase').replace(section, section.exec(template)![0]);
		const path = 'content/phases/1.mdx';
		const out = await findingsOf({ [path]: phaseDoc('1', '', body) }, path);
		expect(out).toEqual([expect.stringMatching(/^\d+:1 error sections\/empty Section "Change inventory" is empty$/)]);
	});
});

describe('sections/order and sub-sections', () => {
	it('not ok: a section before one it should follow', async () => {
		const body = completeBody('rca');
		const parts = body.split(/(?=^## )/m);
		[parts[1], parts[2]] = [parts[2]!, parts[1]!];
		const out = await findingsOf({ [RCA]: rcaDoc('RCA-0001', 'status: mitigated\n', parts.join('')) }, RCA);
		expect(out).toEqual([
			'11:1 error sections/order Section "Detection path and diagnostics" is out of order, expected it after "Symptom and impact" (from templates/rca.mdx)',
		]);
	});

	it('not ok: a Diagrams sub-section without a mermaid block', async () => {
		const body = completeBody('phase').replace(/(### Sequence\n\n.*\n\n)```mermaid\n[\s\S]*?```\n/, '$1');
		const path = 'content/phases/1.mdx';
		const out = await findingsOf({ [path]: phaseDoc('1', '', body) }, path);
		expect(out).toEqual([expect.stringMatching(/error sections\/diagram Sub-section "Sequence" has no mermaid diagram/)]);
	});
});

describe('changelog sections', () => {
	// Released, so its sections are held to the template; its tag (not in these repositories) is another rule's.
	const entry = (body: string) => `---\nversion: 1.0.0\ntitle: First\ndate: 2026-01-01\nstatus: released\nowners: [ana]\n---\n${body}`;
	const findingsOf = async (files: Record<string, string>, path: string) => (await findingsOfAll(files, path)).filter((f) => !f.includes(' release/tag '));
	const path = 'content/changelog/1.0.0.mdx';
	it('ok: any Keep a Changelog sections', async () => {
		// Its sections only: a released entry with no phase is release/phase's to warn of.
		expect((await findingsOf({ [path]: entry('## Added\n\n- A thing.\n\n## Fixed\n\n- A bug.\n') }, path)).filter((f) => !f.includes(' release/'))).toEqual([]);
	});
	it('not ok: a section Keep a Changelog does not define, or none at all', async () => {
		expect((await findingsOf({ [path]: entry('## Notes\n\n- A thing.\n') }, path)).filter((f) => !f.includes(' release/'))).toEqual([
			'8:1 error sections/required Missing sections, expected at least one of Added, Changed, Deprecated, Removed, Fixed, Security (from templates/changelog.mdx)',
			'8:1 error sections/unexpected Unexpected section "Notes", expected one of Added, Changed, Deprecated, Removed, Fixed, Security (from templates/changelog.mdx)',
		]);
	});
});

describe('frontmatter/placeholder', () => {
	const PHASE = 'content/phases/1.mdx';
	const HANDOFF = 'content/handoffs/ho-001.mdx';

	it("not ok: a phase under way whose goal is still the template's sentence is an error on the goal's line", async () => {
		const doc = phaseDoc('1').replace('goal: Deliver phase 1.', 'goal: "One line: what this phase delivers and why."');
		expect(await findingsOf({ [PHASE]: doc }, PHASE)).toEqual([
			'4:1 error frontmatter/placeholder Field "goal" still holds the template\'s text "One line: what this phase delivers and why." (from templates/phase.mdx)',
		]);
	});

	it('a planned phase (a draft) is warned, and spacing around the sentence does not hide it', async () => {
		const doc = phaseDoc('1')
			.replace('goal: Deliver phase 1.', "goal: '  One line: what this phase delivers and why. '")
			.replace('status: in-review', 'status: planned');
		const out = await findingsOf({ [PHASE]: doc }, PHASE);
		expect(out.filter((l) => l.includes('frontmatter/placeholder'))).toEqual([
			expect.stringMatching(/^4:1 warning frontmatter\/placeholder Field "goal"/),
		]);
	});

	it("a handoff's sample commit message is found too", async () => {
		const doc = handoffDoc('onTrack: on-track\ncoverageVerdict: met\n').replace('commitMessage: "feat: phase 1"', 'commitMessage: "feat: summarise the phase in one line"');
		const out = await findingsOf({ [HANDOFF]: doc }, HANDOFF);
		expect(out.filter((l) => l.includes('frontmatter/placeholder'))).toEqual([
			expect.stringMatching(/^8:1 error frontmatter\/placeholder Field "commitMessage" still holds/),
		]);
	});

	it("project.yaml's description as init wrote it is a warning on its line: the dashboard and the feeds publish it", async () => {
		const root = makeProgram({ 'content/project.yaml': PROJECT_YAML.replace('description: A program made up by a test.', 'description: What this program delivers, in one or two sentences.') });
		const { findings } = await runCheck(root);
		expect(findings.filter((f) => f.ruleId === 'frontmatter/placeholder').map((f) => `${f.path}:${f.line} ${f.severity} ${f.message}`)).toEqual([
			'content/project.yaml:2 warning Field "description" still holds the text init wrote, "What this program delivers, in one or two sentences."; say what the program delivers',
		]);
	});

	it("the team's own template sets the sentences: a changed sample is what counts", async () => {
		const root = makeProgram({ [PHASE]: phaseDoc('1').replace('goal: Deliver phase 1.', 'goal: Deliver phase 1 of the ingest work.') });
		const template = join(root, 'templates/phase.mdx');
		writeFileSync(template, readFileSync(template, 'utf8').replace('"One line: what this phase delivers and why."', "'Deliver phase 1 of the ingest work.'"));
		const { findings } = await runCheck(root);
		expect(findings.filter((f) => f.ruleId === 'frontmatter/placeholder').map((f) => `${f.path}:${f.line} ${f.message}`)).toEqual([
			`${PHASE}:4 Field "goal" still holds the template's text "Deliver phase 1 of the ingest work." (from templates/phase.mdx)`,
		]);
	});
});
