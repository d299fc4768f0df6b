// The sample program describes examples/orchestrator as git has it: every new rule passes.
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../../src/cli/run-check.ts';
import { REPO } from '../../helpers/program.ts';

const NEW_RULES = /^(git|inventory|artifacts|reviews|claims|release|schedule|evidence\/commits)\b/;

describe('the sample program', () => {
	it('passes every git-backed and reconciling rule against this repository’s history', async () => {
		const { findings, analysis } = await runCheck(REPO, { diagrams: false });
		expect(findings.filter((f) => NEW_RULES.test(f.ruleId)).map((f) => `${f.path}:${f.line}:${f.column}  ${f.message}  ${f.ruleId}`)).toEqual([]);
		expect(analysis.code?.reason).toBeUndefined();
		expect([...analysis.code!.phases].map(([id, c]) => `${id} ${c.label} ${c.changes.filter((x) => c.inScope(x.path)).length}`).slice(0, 3)).toEqual([
			'1 9e151cb..a57f61a 48',
			'2 9e151cb..a57f61a 33',
			'3 9e151cb..a57f61a 27',
		]);
	});
});
