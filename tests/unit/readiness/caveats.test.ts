// What the check warns beside each verdict (phaseCaveats): the site and `phasebook readiness` said
// READY with no hint that no claim had been checked against git.
import { describe, expect, it } from 'vitest';
import { analyse } from '../../../src/core/analysis.ts';
import { phaseCaveats } from '../../../src/core/caveats.ts';
import { SAMPLE_DESCRIPTION } from '../../../src/core/init-plan.ts';
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
});
