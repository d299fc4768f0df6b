// The workflow's record step as GitHub runs it (bash -e): which reports become which gate's run.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO } from '../helpers/program.ts';

interface Step { name?: string; run?: string }
const workflow = parse(readFileSync(join(REPO, '.github/workflows/phasebook.yml'), 'utf8')) as { jobs: Record<string, { steps: Step[] }> };
const recordStep = Object.values(workflow.jobs).flatMap((job) => job.steps).find((step) => step.name === 'Record the reports as gate evidence')!;

let workspace: string;
beforeEach(() => {
	workspace = mkdtempSync(join(tmpdir(), 'phasebook workspace '));
});
afterEach(() => rmSync(workspace, { recursive: true, force: true }));

/** Runs the step with `npx` stubbed to log its arguments, one line per call, each argument in []. */
function runStep(extra = ''): { calls: string[]; stdout: string; status: number | null } {
	const stub = `npx() { printf '%s' "$(printf '[%s]' "$@")" >> "$CALLS"; echo >> "$CALLS"; }\n`;
	const calls = join(workspace, 'calls');
	writeFileSync(calls, '');
	const result = spawnSync('bash', ['-e', '-c', stub + recordStep.run! + extra], {
		encoding: 'utf8',
		env: { PATH: process.env.PATH, GITHUB_WORKSPACE: workspace, PHASE: '2', CALLS: calls },
	});
	return { calls: readFileSync(calls, 'utf8').split('\n').filter(Boolean), stdout: result.stdout, status: result.status };
}

const touch = (path: string) => {
	mkdirSync(join(workspace, path, '..'), { recursive: true });
	writeFileSync(join(workspace, path), '<testsuites/>');
};

describe("the workflow's record step", () => {
	it('records each report present as its gate, and notes each one missing', () => {
		touch('reports/unit-junit.xml');
		const { calls, stdout, status } = runStep();
		expect(status).toBe(0);
		expect(calls).toEqual([`[phasebook][evidence][import][${workspace}/reports/unit-junit.xml][--phase][2][--gate][unit][--env][ci]`]);
		expect(stdout).toContain('::notice::No reports/coverage/coverage-summary.json, so nothing was recorded for the coverage gate');
	});

	it("records every report a pattern names as one run, names with spaces included, and notes a pattern that names none", () => {
		for (const name of ['TEST-a.xml', 'TEST-b c.xml', 'other.txt']) touch(`reports/surefire/${name}`);
		const { calls, stdout, status } = runStep("\nrecord 'reports/surefire/TEST-*.xml' unit\nrecord 'reports/shards/*.info' coverage\n");
		expect(status).toBe(0);
		expect(calls).toEqual([`[phasebook][evidence][import][${workspace}/reports/surefire/TEST-a.xml][${workspace}/reports/surefire/TEST-b c.xml][--phase][2][--gate][unit][--env][ci]`]);
		expect(stdout).toContain('::notice::No reports/shards/*.info, so nothing was recorded for the coverage gate');
	});
});
