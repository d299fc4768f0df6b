// What the check warns beside each verdict (phaseCaveats): the site and `phasebook readiness` said
// READY with no hint that no claim had been checked against git.
import { describe, expect, it } from 'vitest';
import { analyse } from '../../../src/core/analysis.ts';
import { phaseCaveats } from '../../../src/core/caveats.ts';
import { findingAt } from '../../../src/core/findings.ts';
import { SAMPLE_DESCRIPTION } from '../../../src/core/init-plan.ts';
import { loadProgram } from '../../../src/core/load.ts';
import { patchedPhase } from '../../../src/core/relations.ts';
import { makeProgram, phaseDoc, PROJECT_YAML } from '../../helpers/program.ts';

describe('the check’s warnings beside each verdict', () => {
	it('puts git checks that were skipped under every phase, worded for the site without the machine’s folder', async () => {
		const root = makeProgram({ 'content/project.yaml': PROJECT_YAML, 'content/phases/2.mdx': phaseDoc('2') }, { git: false });
		const { program, findings } = await analyse(root, { today: '2026-11-29', gitCache: false });
		const said = (forSite: boolean) => [...phaseCaveats(program, findings, forSite)].map(([phase, list]) => `${phase}: ${list.map((f) => `${f.message} (${f.ruleId})`).join('; ')}`);
		expect(said(false)).toEqual([`1: Git checks skipped: ${root} is not inside a git repository (git/unavailable)`, `2: Git checks skipped: ${root} is not inside a git repository (git/unavailable)`]);
		expect(said(true)).toEqual(['1: Git checks skipped: the site was built outside the git repository (git/unavailable)', '2: Git checks skipped: the site was built outside the git repository (git/unavailable)']);
		// The settings' other warnings are the author's: a description init wrote is no claim.
		const placeholder = makeProgram({ 'content/project.yaml': PROJECT_YAML.replace('A program made up by a test.', SAMPLE_DESCRIPTION) });
		const clean = await analyse(placeholder, { today: '2026-11-29', gitCache: false });
		expect(clean.findings.map((f) => f.ruleId)).toContain('frontmatter/placeholder');
		expect([...phaseCaveats(clean.program, clean.findings)]).toEqual([]);
	});

	// An adopter's attack: a patch with no `phase:` line lost its warning from under phase 1's READY,
	// and one with build metadata (0.1.1+hotfix.1) was judged as no phase's patch at all.
	it('puts a patch’s warnings under the phase it patches, whether or not it names it', async () => {
		const entry = (version: string) => `---\nversion: "${version}"\ntitle: Patch\ndate: 2026-07-01\nstatus: released\nowners: [ana]\n---\n\n## Fixed\n\n- A fix.\n`;
		const root = makeProgram({ 'content/phases/1.mdx': phaseDoc('1', 'release: v0.1.0\n'), 'content/changelog/0.1.0.mdx': entry('0.1.0'), 'content/changelog/0.1.1.mdx': entry('0.1.1'), 'content/changelog/0.2.1.mdx': entry('0.2.1') });
		const { program } = await loadProgram(root);
		const warned = (path: string) => findingAt({ path }, 'warning', 'no run judged it', 'release/not-ready');
		const caveats = phaseCaveats(program, [warned('content/changelog/0.1.1.mdx'), warned('content/changelog/0.2.1.mdx')]);
		expect([...caveats].map(([phase, list]) => `${phase}: ${list.map((f) => f.path).join(', ')}`)).toEqual(['1: content/changelog/0.1.1.mdx']);
		expect(['0.1.1', 'v0.1.3', '0.1.1+hotfix.1', '0.1.0', '0.1.1-rc.1', '0.2.1'].map((v) => patchedPhase(program, v))).toEqual(['1', '1', '1', undefined, undefined, undefined]);
	});
});
