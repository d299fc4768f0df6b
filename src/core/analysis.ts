// The whole picture of a program, computed once: what the checker reports, the CLI prints and
// the site renders. Nothing downstream recomputes readiness, gate status or traceability.
import { checkConsistency } from './check/consistency.ts';
import { checkInventory } from './check/inventory.ts';
import { checkLinks } from './check/links.ts';
import { checkMdx } from './check/mdx.ts';
import { checkNesting } from './check/nesting.ts';
import { checkReferences } from './check/references.ts';
import { checkRoutes } from './check/routes.ts';
import { checkSections } from './check/sections.ts';
import { today as localToday } from './dates.ts';
import { loadEvidence } from './evidence/store.ts';
import { finding, sortFindings, type Finding } from './findings.ts';
import type { StoredRun } from './gate-status.ts';
import { assertProjectRoot, loadProgram, type Program, type SourceDocument } from './load.ts';
import { phaseReadiness, type Readiness } from './readiness.ts';
import { documentTypeNames, type Project } from './schemas/index.ts';
import { loadTemplates, type TemplateContract } from './templates.ts';
import { traceability, type Traceability } from './traceability.ts';

export interface Analysis {
	root: string;
	today: string;
	program: Program;
	project: Project | undefined;
	templates: Map<string, TemplateContract>;
	runs: StoredRun[];
	findings: Finding[];
	documents: number;
	/** By phase id; empty when project.yaml is invalid. */
	readiness: Map<string, Readiness>;
	traceability: Traceability | undefined;
}

function evidenceReferences(runs: readonly StoredRun[], program: Program, project: Project): Finding[] {
	const phases = new Set(program.documents.phase.map((p) => p.id));
	const gates = new Set(project.gates.map((g) => g.id));
	return runs.flatMap((run) => {
		const problems: string[] = [];
		if (!phases.has(run.phase)) problems.push(`Unknown phase "${run.phase}", expected one of ${[...phases].join(', ')}`);
		if (!gates.has(run.gate)) problems.push(`Unknown gate "${run.gate}", expected one of ${[...gates].join(', ')}`);
		return problems.map((m) => finding(run.path, 1, 'error', m, 'evidence/reference'));
	});
}

export async function analyse(root: string, options: { today?: string } = {}): Promise<Analysis> {
	const day = options.today ?? localToday();
	// Before anything is read: a wrong --root is one line, not a missing template.
	await assertProjectRoot(root);
	const [{ program, findings }, templates, evidence] = await Promise.all([
		loadProgram(root),
		loadTemplates(root),
		loadEvidence(root),
	]);
	const runs = evidence.runs;
	for (const e of evidence.errors) findings.push(finding(e.path, e.line, 'error', e.message, e.ruleId ?? 'evidence/schema', e.column));
	let documents = 0;
	for (const type of documentTypeNames) {
		for (const doc of program.documents[type] as SourceDocument[]) {
			documents++;
			const nesting = checkNesting(doc);
			findings.push(...checkSections(doc, templates.get(type)!), ...nesting);
			// Nesting the build cannot take would crash the compiler here too.
			if (nesting.length === 0) findings.push(...checkMdx(doc, { code: program.project?.rules['mdx/code'] !== 'off' }));
		}
	}
	const phaseTemplate = templates.get('phase')!;
	for (const phase of program.documents.phase) findings.push(...checkInventory(phase, phaseTemplate));
	findings.push(...checkReferences(program), ...checkRoutes(program), ...checkLinks(program), ...checkConsistency(program));

	const readiness = new Map<string, Readiness>();
	const project = program.project;
	if (project) {
		findings.push(...evidenceReferences(runs, program, project));
		for (const phase of program.documents.phase) {
			const verdict = phaseReadiness(phase, { program, project, templates, runs, today: day });
			readiness.set(phase.id, verdict);
			if (phase.data.status === 'done' && !verdict.ready) {
				const first = verdict.blockers[0]!;
				const more = verdict.blockers.length > 1 ? ` (and ${verdict.blockers.length - 1} more; see npm run readiness -- --phase ${phase.id})` : '';
				findings.push(finding(phase.path, phase.lineOf(['status']), 'error', `Phase ${phase.id} is done but not ready: ${first.message}${more}`, 'consistency/not-ready'));
			}
		}
	}
	return {
		root,
		today: day,
		program,
		project,
		templates,
		runs,
		findings: sortFindings(findings),
		documents,
		readiness,
		traceability: project ? traceability(program, project, runs) : undefined,
	};
}
