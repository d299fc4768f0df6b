// Shared by the evidence tests: fixture and corpus paths, parsing, a project and a temp program.
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { phaseDoc } from '../../helpers/program.ts';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
	decodeReport,
	parseReport,
	type ParsedReport,
	type ParseReportOptions,
} from '../../../src/core/evidence/index.ts';
import { formatFinding } from '../../../src/core/findings-format.ts';
import { projectSchema, type Project } from '../../../src/core/schemas/index.ts';

export const FIXTURES = resolve(process.cwd(), 'tests/fixtures/evidence');
/** Real reports shared by the team; absent from an end user's clone, so corpus tests skip. */
export const CORPUS = resolve(process.cwd(), '../shared/corpus');
export const hasCorpus = existsSync(CORPUS);

export function noteMissingCorpus(what: string): void {
	if (!hasCorpus)
		console.info(
			`Skipping ${what}: no report corpus at ${CORPUS} (only present in the team's workspace).`,
		);
}

/** The decoded text of a fixture (`fixture:name`) or corpus file (`corpus:junit/name`). */
export function reportText(ref: string): string {
	const [where, name] = ref.split(':') as [string, string];
	const path = join(where === 'corpus' ? CORPUS : FIXTURES, name);
	return decodeReport(readFileSync(path), name);
}

/** Parses a fixture or corpus file and fails the test with the importer's own message if it errors. */
export function parsed(ref: string, options: Partial<ParseReportOptions> = {}): ParsedReport {
	const name = ref.split(':')[1]!;
	const result = parseReport(reportText(ref), { file: name, ...options });
	if (!result.ok) throw new Error(formatFinding(result.error.finding));
	return result.report;
}

/** A case by name (and suite, when names repeat). */
export function caseNamed(report: ParsedReport, name: string, suite?: string) {
	const found = report.cases?.find(
		(c) => c.name === name && (suite === undefined || c.suite === suite),
	);
	if (!found)
		throw new Error(`No case "${name}" in ${report.cases?.map((c) => c.name).join(', ')}`);
	return found;
}

export function statusesOf(report: ParsedReport): Record<string, string> {
	return Object.fromEntries((report.cases ?? []).map((c) => [`${c.suite} | ${c.name}`, c.status]));
}

export const PROJECT_YAML = `name: Test program
description: A program for the importer's tests.
coverageThreshold: 85
gates:
  - { id: unit, title: Unit tests, layer: unit, rule: tests }
  - { id: e2e, title: End-to-end tests, layer: e2e, rule: tests }
  - { id: coverage, title: Coverage, layer: unit, rule: coverage }
  - { id: security, title: Security scan, layer: security, rule: findings }
allowlist:
  - { ruleId: CVE-2019-1551, rationale: Not reachable from our code paths., expires: 2099-12-31 }
`;

export function testProject(overrides: Record<string, unknown> = {}): Project {
	const base = {
		name: 'Test program',
		description: 'A program for the importer tests.',
		gates: [
			{ id: 'unit', title: 'Unit tests', layer: 'unit', rule: 'tests' },
			{ id: 'e2e', title: 'End-to-end tests', layer: 'e2e', rule: 'tests' },
			{ id: 'coverage', title: 'Coverage', layer: 'unit', rule: 'coverage' },
			{ id: 'security', title: 'Security scan', layer: 'security', rule: 'findings' },
		],
	};
	return projectSchema.parse({ ...base, ...overrides });
}

/** A throw-away program root: content/project.yaml and content/phases/1.mdx. */
export async function tempProgram(): Promise<string> {
	const root = await mkdtemp(join(tmpdir(), 'phasebook-evidence-'));
	await mkdir(join(root, 'content/phases'), { recursive: true });
	await writeFile(join(root, 'content/project.yaml'), PROJECT_YAML);
	await writeFile(join(root, 'content/phases/1.mdx'), phaseDoc('1'));
	return root;
}

/** Every file under a folder, relative and sorted (to assert that nothing was written). */
export async function filesUnder(dir: string): Promise<string[]> {
	try {
		return (await readdir(dir, { recursive: true, withFileTypes: true }))
			.filter((e) => e.isFile())
			.map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
			.sort();
	} catch {
		return [];
	}
}
