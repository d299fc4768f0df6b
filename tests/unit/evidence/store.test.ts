// Reading the evidence store back: validation with positions, ordering, the latest run.
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import {
	importEvidence,
	latestRun,
	loadEvidence,
	runFileName,
} from '../../../src/core/evidence/index.ts';
import { projectSchema } from '../../../src/core/schemas/index.ts';
import { parse } from 'yaml';
import { FIXTURES, PROJECT_YAML, tempProgram } from './helpers.ts';

const project = projectSchema.parse(parse(PROJECT_YAML));
let root: string;

async function importAt(iso: string, phase: string, gate: string, report: string) {
	return importEvidence({
		root,
		files: [join(FIXTURES, report)],
		phase,
		gate,
		project,
		phaseIds: ['1', '2', '10'],
		now: new Date(iso),
	});
}

async function put(path: string, text: string) {
	await mkdir(join(root, path, '..'), { recursive: true });
	await writeFile(join(root, path), text);
}

beforeEach(async () => {
	root = await tempProgram();
});

describe('runFileName', () => {
	it('uses a portable timestamp and the short sha, else "run"', () => {
		expect(runFileName('2026-11-21T09:30:15.250Z', 'ABCDEF1234')).toBe(
			'2026-11-21T09-30-15Z-abcdef1.json',
		);
		expect(runFileName('2026-11-21T09:30:15Z', undefined, 3)).toBe(
			'2026-11-21T09-30-15Z-run-3.json',
		);
	});
});

describe('loadEvidence', () => {
	it('returns nothing when there is no evidence folder', async () => {
		expect(await loadEvidence(root)).toEqual({ runs: [], errors: [] });
	});

	it('reads every run, ordered by phase (numerically), gate and time', async () => {
		await importAt('2026-11-21T10:00:00Z', '2', 'unit', 'node-test-pass-junit.xml');
		await importAt('2026-11-21T09:00:00Z', '2', 'unit', 'vitest-junit.xml');
		await importAt('2026-11-21T08:00:00Z', '10', 'coverage', 'c8-coverage-summary.json');
		await importAt('2026-11-21T11:00:00Z', '1', 'security', 'eslint.sarif');
		await importAt('2026-11-21T07:00:00Z', '2', 'coverage', 'c8-coverage-summary.json');
		const { runs, errors } = await loadEvidence(root);
		expect(errors).toEqual([]);
		expect(runs.map((r) => `${r.phase}/${r.gate}@${r.recordedAt.slice(11, 13)}`)).toEqual([
			'1/security@11',
			'2/coverage@07',
			'2/unit@09',
			'2/unit@10',
			'10/coverage@08',
		]);
		expect(runs[0]!.path).toBe('content/evidence/1/security/2026-11-21T11-00-00Z-run.json');
	});

	it('reports invalid JSON and schema problems where they are, and skips those files', async () => {
		await importAt('2026-11-21T10:00:00Z', '1', 'unit', 'node-test-pass-junit.xml');
		await put(
			'content/evidence/1/unit/broken.json',
			'{\n  "schemaVersion": 1,\n  "phase": "1",\n}\n',
		);
		await put(
			'content/evidence/1/unit/wrong.json',
			JSON.stringify(
				{
					schemaVersion: 1,
					phase: '1',
					gate: 'unit',
					status: 'maybe',
					recordedAt: '2026-11-21T10:00:00Z',
					source: { format: 'junit', tool: 't', file: 'f' },
				},
				null,
				2,
			),
		);
		const { runs, errors } = await loadEvidence(root);
		expect(runs).toHaveLength(1);
		expect(errors).toEqual([
			{
				path: 'content/evidence/1/unit/broken.json',
				line: 4,
				column: 1,
				severity: 'error',
				message: 'Expected a property name in double quotes',
				ruleId: 'evidence/schema',
			},
			{
				path: 'content/evidence/1/unit/wrong.json',
				line: 5,
				column: 13,
				severity: 'error',
				message: 'status: Invalid option: expected one of "pass"|"fail"',
				ruleId: 'evidence/schema',
			},
		]);
	});

	it('reports a run whose counts are not those of its cases, and leaves it out', async () => {
		const { run, path } = await importAt('2026-11-21T10:00:00Z', '1', 'unit', 'vitest-junit.xml');
		const failedCase = run.cases!.find((c) => c.status === 'failed');
		expect(failedCase).toBeDefined();
		// Edited to pass its gate, with the failed case still listed.
		const edited = { ...run, status: 'pass', tests: { ...run.tests!, passed: run.tests!.passed + run.tests!.failed, failed: 0 }, reasons: [] };
		const text = JSON.stringify(edited, null, 2);
		await put(relative(root, path), text);
		const { runs, errors } = await loadEvidence(root);
		expect(runs).toEqual([]);
		const line = text.split('\n').findIndex((l) => l.includes('"passed":')) + 1;
		expect(errors).toEqual([
			expect.objectContaining({
				path: relative(root, path),
				line,
				severity: 'error',
				message: `tests.passed: ${edited.tests.passed}, but the run lists ${run.tests!.passed} passed case${run.tests!.passed === 1 ? '' : 's'}; the counts must be those of its cases`,
				ruleId: 'evidence/schema',
			}),
		]);
	});

	// An adopter's attack: coverage.lines edited from 33 % to 90 % over files that still give 33 %
	// passed the gate, and the gate page published 90 %.
	it('reports a run whose coverage is not that of its files, and leaves it out', async () => {
		const { run, path } = await importAt('2026-11-21T10:00:00Z', '1', 'coverage', 'c8/lcov.info');
		expect(run.coverage!.lines).toBe(88.88);
		const edited = { ...run, coverage: { ...run.coverage!, lines: 99.5 } };
		const text = JSON.stringify(edited, null, 2);
		await put(relative(root, path), text);
		const { runs, errors } = await loadEvidence(root);
		expect(runs).toEqual([]);
		expect(errors).toEqual([
			expect.objectContaining({
				path: relative(root, path),
				line: text.split('\n').findIndex((l) => l.includes('"lines": 99.5')) + 1,
				severity: 'error',
				message: 'coverage.lines: 99.5 %, but its files give 88.88 %; the figures must be those of its files',
				ruleId: 'evidence/schema',
			}),
		]);
		// Nor does the import write one: a report whose stated totals are not its files' is refused.
		// (A Cobertura root's totals are now refused by its reader, against its classes' lines.)
		const report = join(root, 'jacoco.xml');
		await writeFile(report, `<?xml version="1.0"?>
<report name="x"><package name="src"><sourcefile name="A.java"><counter type="LINE" missed="2" covered="1"/></sourcefile></package><counter type="LINE" missed="1" covered="9"/></report>
`);
		const refused = importEvidence({ root, files: [report], phase: '1', gate: 'coverage', project, phaseIds: ['1'], now: new Date('2026-11-22T10:00:00Z') });
		await expect(refused).rejects.toThrow('jacoco.xml states lines coverage of 90 %, but its files add up to 33.33 %; expected a report whose totals are the sums of its files (regenerate it with the tool)');
		// A run without per-file figures has nothing to hold its totals to.
		const { files: _files, ...totalsOnly } = edited.coverage;
		await put(relative(root, path), JSON.stringify({ ...edited, coverage: totalsOnly }, null, 2));
		expect((await loadEvidence(root)).errors).toEqual([]);
	});

	it('reports a run filed under the wrong phase or gate folder', async () => {
		const { run } = await importAt('2026-11-21T10:00:00Z', '1', 'unit', 'node-test-pass-junit.xml');
		await put('content/evidence/2/unit/moved.json', JSON.stringify(run, null, 2));
		const { errors } = await loadEvidence(root);
		expect(errors).toEqual([
			{
				path: 'content/evidence/2/unit/moved.json',
				line: 3,
				column: 12,
				severity: 'error',
				message: 'Run is for phase "1", gate "unit" but sits in content/evidence/2/unit/',
				ruleId: 'evidence/schema',
			},
		]);
	});
});

// An adopter's attack: a run of commit A, its "commit" edited to HEAD, read READY on A's tests.
describe('a run edited since its import', () => {
	it('is refused when its commit or time is not the one its file is named after', async () => {
		const { run, path } = await importEvidence({ root, files: [join(FIXTURES, 'vitest-junit.xml')], phase: '1', gate: 'unit', project, phaseIds: ['1'], now: new Date('2026-11-21T10:00:00Z'), commit: 'a57f61a0000000000000000000000000000000aa' });
		const file = relative(root, path);
		expect(file).toBe('content/evidence/1/unit/2026-11-21T10-00-00Z-a57f61a.json');
		expect((await loadEvidence(root)).errors).toEqual([]);
		await put(file, JSON.stringify({ ...run, commit: 'b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0' }, null, 2));
		const relabelled = await loadEvidence(root);
		expect(relabelled.runs).toEqual([]);
		expect(relabelled.errors.map((e) => `${e.path}:${e.line}  ${e.message}  ${e.ruleId}`)).toEqual([
			`${file}:${JSON.stringify({ ...run, commit: 'x' }, null, 2).split('\n').findIndex((line) => line.includes('"commit"')) + 1}  commit: "b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0", but the run's file is named after commit a57f61a, as its import named it: a run is evidence of the commit it was imported for; import the report of the other commit instead of editing the run  evidence/schema`,
		]);
		await put(file, JSON.stringify({ ...run, recordedAt: '2026-11-22T10:00:00.000Z' }, null, 2));
		expect((await loadEvidence(root)).errors.map((e) => e.message)).toEqual([
			`recordedAt: "2026-11-22T10:00:00.000Z", but the run's file is named after 2026-11-21T10-00-00Z, as its import named it: the latest run is the one recorded last, so the time is not edited`,
		]);
		// A run copied in under a name of its own is not asked.
		await put(file.replace('2026-11-21T10-00-00Z-a57f61a', 'from-ci'), JSON.stringify({ ...run, commit: 'b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0' }, null, 2));
		expect((await loadEvidence(root)).runs.map((r) => r.path)).toEqual(['content/evidence/1/unit/from-ci.json']);
	});
});

describe('latestRun', () => {
	it('picks the most recently recorded run of a phase and gate', async () => {
		await importAt('2026-11-21T09:00:00Z', '1', 'unit', 'vitest-junit.xml');
		await importAt('2026-11-21T10:00:00Z', '1', 'unit', 'node-test-pass-junit.xml');
		await importAt('2026-11-21T11:00:00Z', '1', 'e2e', 'playwright-report.json');
		const { runs } = await loadEvidence(root);
		expect(latestRun(runs, '1', 'unit')).toMatchObject({
			status: 'pass',
			source: { tool: 'node:test' },
		});
		expect(latestRun(runs, '1', 'e2e')?.source.format).toBe('playwright');
		expect(latestRun(runs, '2', 'unit')).toBeUndefined();
	});
});
