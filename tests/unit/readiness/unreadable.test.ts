// A phase cannot be ready on what could not be read: `phasebook readiness` said READY, exit 0, with
// an open critical RCA whose severity read "Critical", and with its failing run's file truncated
// (the gate fell back to the passing run before it).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse } from '../../../src/core/analysis.ts';
import { evidenceRun, makeProgram, phaseDoc, PROJECT_YAML, rcaDoc, REPO } from '../../helpers/program.ts';

const PASSING = [evidenceRun({ gate: 'build' }), evidenceRun({ gate: 'unit', cases: [['REQ-1.1 works', 'passed', ['REQ-1.1']]] })];

async function verdict(files: Record<string, string>) {
	const { readiness } = await analyse(makeProgram({ 'content/project.yaml': PROJECT_YAML, ...Object.fromEntries(PASSING), ...files }), { today: '2026-11-29' });
	const phase = readiness.get('1')!;
	return { ready: phase.ready, unreadable: phase.blockers.filter((b) => b.rule === 'unreadable').map((b) => `${b.message} → ${b.href}`) };
}

describe('readiness and what could not be read', () => {
	it('is ready on readable documents and runs (the baseline)', async () => {
		expect(await verdict({})).toEqual({ ready: true, unreadable: [] });
	});

	it('is not ready while a document of the phase fails its schema, and names it', async () => {
		const rca = rcaDoc('RCA-0001', 'status: open\n').replace(/^severity: \w+$/m, 'severity: Critical');
		expect(await verdict({ 'content/rcas/rca-0001.mdx': rca })).toEqual({
			ready: false,
			unreadable: ['content/rcas/rca-0001.mdx has errors (npx phasebook check lists them), so what it says of phase 1 is not known → /phases/1/'],
		});
		// One that names another phase does not block this one.
		expect((await verdict({ 'content/rcas/rca-0001.mdx': rca.replace('phase: "1"', 'phase: "2"') })).ready).toBe(true);
	});

	it("is not ready while a gate's latest run file cannot be read, though an older run passed", async () => {
		const [path, text] = evidenceRun({ gate: 'unit', recordedAt: '2026-07-02T10:00:00.000Z', cases: [['REQ-1.1 works', 'failed', ['REQ-1.1']]] });
		const { ready, unreadable } = await verdict({ [path]: text.slice(0, 100) });
		expect(ready).toBe(false);
		expect(unreadable).toEqual([expect.stringMatching(new RegExp(`^The Unit tests gate's run ${path} cannot be read, so the gate is not judged on it: .+ → /phases/1/gates/unit/$`))]);
	});
});

describe('phasebook readiness with errors in the content', () => {
	const run = (root: string, ...args: string[]) => {
		const result = spawnSync(process.execPath, [join(REPO, 'scripts/readiness.ts'), '--root', root, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', PHASEBOOK_TODAY: '2026-11-29' } });
		return { code: result.status, stdout: result.stdout, stderr: result.stderr };
	};

	it('says the check finds errors when a file it reads is broken (tasks.yaml), rather than nothing', () => {
		const root = makeProgram({ 'content/project.yaml': PROJECT_YAML, ...Object.fromEntries(PASSING), 'content/tasks.yaml': 'tasks: [ { id: T-1\n' });
		const result = run(root, '--phase', '1');
		expect(result.stderr).toMatch(/^phasebook readiness: `phasebook check` finds \d+ errors? in the content; these verdicts may change once they are fixed\n$/);
	});

	// An adopter's attack: READY printed beside check warnings that the gates judged other code.
	it('prints the check’s warnings about the evidence under the verdict, and in JSON', () => {
		const [path, text] = evidenceRun({ gate: 'unit', cases: [['REQ-1.1 works', 'passed', ['REQ-1.1']]] });
		const root = makeProgram({ 'content/project.yaml': PROJECT_YAML, ...Object.fromEntries(PASSING), [path]: JSON.stringify({ ...JSON.parse(text), commit: 'abcdef1', uncommitted: ['src/a.ts'] }) });
		const warning = 'Run of the unit gate is recorded against commit abcdef1, but the code had changes not committed when it was imported (src/a.ts), so it may be a run of them and not of that commit';
		const result = run(root, '--phase', '1');
		expect(result.code).toBe(0);
		expect(result.stdout).toContain(`READY\n  gates: build pass, unit pass\n  warning: ${warning}  evidence/commits\n`);
		const json = JSON.parse(run(root, '--phase', '1', '--format', 'json').stdout);
		expect(json[0].warnings).toContainEqual({ path, line: 1, message: warning, ruleId: 'evidence/commits' });
	});

	// An adopter's attack: READY, with no warning under it, for a phase that left out the gate that
	// failed, and for every phase while coverageThreshold 0.85 read as 0.85 %.
	it('prints a dropped gate’s warning under its phase’s verdict, and the settings’ under every phase’s', () => {
		const root = makeProgram({
			'content/project.yaml': PROJECT_YAML.replace('coverageThreshold: 85', 'coverageThreshold: 0.85'),
			...Object.fromEntries(PASSING),
			'content/phases/1.mdx': phaseDoc('1', 'gates: [build]\n'),
			'content/phases/2.mdx': phaseDoc('2'),
		});
		const threshold = 'warning: coverageThreshold: 0.85 is 0.85 %, a percentage; for 85 % write 85  frontmatter/schema';
		const dropped = 'warning: gates leaves out "unit", which content/project.yaml requires of phase 1: its readiness is judged without it  references/gate-dropped';
		const result = run(root);
		expect(result.stdout).toContain(`(in-review)  READY\n  gates: build pass\n  ${threshold}\n  ${dropped}\n\nPhase 2 `);
		expect(result.stdout).toMatch(/\(in-review\)  NOT READY: 2 blockers\n[^]*\n  warning: coverageThreshold: 0\.85 is 0\.85 %[^\n]*\n$/);
		expect(result.stdout.split(dropped)).toHaveLength(2);
	});

	it('names the phase file and its errors for a phase that fails its schema, instead of "Unknown phase"', () => {
		const root = makeProgram({ 'content/project.yaml': PROJECT_YAML, 'content/phases/1.mdx': phaseDoc('1').replace('risk: low', 'risk: enormous') });
		const result = run(root, '--phase', '1');
		expect(result.code).toBe(1);
		expect(result.stderr).toContain('Phase 1 (content/phases/1.mdx) has errors, so its readiness cannot be judged; run `phasebook check` and fix them first');
		expect(result.stderr).not.toContain('Unknown phase');
	});

	// `priority: [x` read "Unknown phase "1", expected one of (none)" from readiness, new, inventory and pdf.
	const otherScripts = [['new.ts', ['rca', 'A title', '--phase', '1']], ['inventory.ts', ['--phase', '1']], ['pdf.ts', ['--phase', '1']]] as const;
	const runScript = (root: string, script: string, args: readonly string[]) => spawnSync(process.execPath, [join(REPO, 'scripts', script), ...args, '--root', root], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

	it('names a phase file whose YAML cannot be read by the id on its line, as one that has errors', () => {
		const root = makeProgram({ 'content/project.yaml': PROJECT_YAML, 'content/phases/1.mdx': phaseDoc('1').replace('priority: high', 'priority: [x') });
		const readiness = run(root, '--phase', '1');
		expect([readiness.code, readiness.stderr]).toEqual([1, 'phasebook readiness: Phase 1 (content/phases/1.mdx) has errors, so its readiness cannot be judged; run `phasebook check` and fix them first\n']);
		for (const [script, args] of otherScripts) {
			const result = runScript(root, script, args);
			expect([script, result.status, result.stderr]).toEqual([script, 1, expect.stringContaining('Phase 1 (content/phases/1.mdx) has errors; run npx phasebook check and fix them first')]);
		}
	});

	it('names a phase file whose YAML cannot be read at all, its id line included, where the phase asked for is not known', () => {
		const root = makeProgram({ 'content/project.yaml': PROJECT_YAML, 'content/phases/1.mdx': phaseDoc('1').replace('id: "1"', 'id: ["1"').replace('priority: high', 'priority: [x') });
		const expected = 'Unknown phase "1", expected one of (none); content/phases/1.mdx could not be read, so its id is not known: run npx phasebook check';
		const readiness = run(root, '--phase', '1');
		expect([readiness.code, readiness.stderr]).toEqual([1, `phasebook readiness: ${expected}\n`]);
		for (const [script, args] of otherScripts) {
			const result = runScript(root, script, args);
			expect([script, result.status, result.stderr]).toEqual([script, 1, expect.stringContaining(expected)]);
		}
	});

	// An attack: a typo in tasks.yaml reported "Unknown task" on phases whose tasks are there, and
	// a phase whose deferred item has its task "has no existing follow-up task".
	it('is not ready while tasks.yaml does not read and a deferred item names a task, and names the file, not the task', async () => {
		const phase = phaseDoc('1', 'deferred:\n  - { item: Signed commits, rationale: Later, task: T-001 }\n');
		expect((await verdict({ 'content/phases/1.mdx': phase })).ready).toBe(true);
		const broken = { 'content/phases/1.mdx': phase, 'content/tasks.yaml': 'tasks:\n  - { id: T-001, phase: "1", title: Follow up, status: open, owner: ana }\n- {id: T-999\n' };
		expect(await verdict(broken)).toEqual({
			ready: false,
			unreadable: ['content/tasks.yaml has errors (npx phasebook check lists them), so whether deferred item "Signed commits" has its follow-up task T-001 is not known → /phases/1/'],
		});
		const check = spawnSync(process.execPath, [join(REPO, 'bin/phasebook.js'), 'check', '--root', makeProgram(broken)], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
		expect(check.stdout).toMatch(/content\/tasks\.yaml:\d+:\d+ +error +Invalid YAML/);
		expect(check.stdout).not.toContain('references/task');
	});
});
