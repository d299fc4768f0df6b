// An incident found after a release, as a reader sees it: phase 1 shipped 0.1.0, an RCA of it was
// detected later and fixed in a patch whose run is recorded under the phase. The build passes,
// the phase still reads ready, and the RCA's page says which release it was found in and links
// the patch run that holds its regression test.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, pageText } from '../helpers/built-site.ts';
import { evidenceRun, makeProgram, phaseDoc, rcaDoc } from '../helpers/program.ts';

const PROJECT = `name: Incident program
description: A program with an incident after its first release.
gates:
  - { id: unit, title: Unit tests, layer: unit }
`;

let root: string;
let html: (route: string) => string;
let output = '';
const shipped = evidenceRun({ gate: 'unit', recordedAt: '2026-01-19T10:00:00.000Z', cases: [['REQ-1.1 parses', 'passed', ['REQ-1.1']]] });
const patch = evidenceRun({ gate: 'unit', recordedAt: '2026-01-27T10:00:00.000Z', cases: [['REQ-1.1 parses', 'passed', ['REQ-1.1']], ['REQ-1.1 survives a restart', 'passed', ['REQ-1.1']]] });

beforeAll(() => {
	root = makeProgram(
		{
			'content/project.yaml': PROJECT,
			'content/phases/1.mdx': phaseDoc('1', 'release: v0.1.0\napprovals:\n  - { by: ben, role: Tech lead, date: 2026-01-19 }\n'),
			'content/changelog/0.1.0.mdx': `---\nversion: "0.1.0"\ntitle: First release\ndate: 2026-01-20\nstatus: released\nphase: "1"\nowners: [ana]\n---\n\n## Added\n\n- Parsing.\n`,
			'content/rcas/rca-0001.mdx': rcaDoc('RCA-0001', 'status: resolved\nresolved: 2026-01-27\nregressionTests: [REQ-1.1 survives a restart]\n').replace('detected: 2026-01-10', 'detected: 2026-01-25'),
			...Object.fromEntries([shipped, patch]),
		},
		{ git: false },
	);
	({ output, html } = buildSite(root, '2026-02-01'));
}, 300_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

const text = pageText;

describe('an incident found after a release', () => {
	it('leaves the released phase ready, and the check without errors', () => {
		expect(output).toMatch(/\b0 errors\b/);
		expect(text(html('readiness'))).toContain('1 of 1 phase is ready to pass the gate.');
	});

	it('says on the RCA page which release it was found in, and links the case of its test', () => {
		const page = html('rcas/rca-0001');
		expect(text(page)).toContain("Found in Release 0.1.0 , out on 20 Jan 2026 . Phase 1's readiness stands as it shipped");
		expect(page).toContain('href="/changelog/#v0.1.0"');
		// Without git the run imported last is the one the gate is judged on: its page lists the case.
		const anchor = `case-${page.split('href="/phases/1/gates/unit/#case-')[1]?.split('"')[0]}`;
		expect(page).toContain(`href="/phases/1/gates/unit/#${anchor}"><code>REQ-1.1 survives a restart</code>`);
		expect(html('phases/1/gates/unit')).toContain(`id="${anchor}"`);
		expect(page).not.toContain('This RCA blocks the readiness of');
	});

	it('marks it on the phase page', () => {
		expect(text(html('phases/1'))).toContain('RCA-0001: Something broke High Resolved found after 0.1.0');
	});
});
