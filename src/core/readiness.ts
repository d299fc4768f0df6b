// Decides whether a phase may pass its gate, and lists what blocks it, in PRODUCT.md's order.
import { caseAnchor } from './case-groups.ts';
import { checkSections } from './check/sections.ts';
import { gateStatuses, type GateStatus, type StoredRun } from './gate-status.ts';
import type { Program, SourceDocument } from './load.ts';
import { qualifiedName, regressionMatcher, type CaseStatus, type RegressionMatch } from './regression-match.ts';
import { documentRoute, evidenceRoute } from './routes.ts';
import type { Phase, Project } from './schemas/index.ts';
import type { TemplateContract } from './templates.ts';

export type BlockerRule =
	| 'report'
	| 'gate'
	| 'coverage'
	| 'security'
	| 'rca'
	| 'review'
	| 'deliverable'
	| 'deferred'
	| 'regression';

export interface Blocker {
	rule: BlockerRule;
	message: string;
	owner: string;
	/** Site route (without base) of the evidence or document behind the blocker. */
	href: string;
}

export interface Readiness {
	phase: string;
	ready: boolean;
	blockers: Blocker[];
	gates: GateStatus[];
}

export interface ReadinessInput {
	program: Program;
	project: Project;
	templates: Map<string, TemplateContract>;
	runs: readonly StoredRun[];
	today: string;
}

export function phaseReadiness(phase: SourceDocument<Phase>, input: ReadinessInput): Readiness {
	const { program, project, templates, runs, today } = input;
	const owner = phase.data.owners[0]!;
	const phaseHref = documentRoute('phase', phase.id);
	const blockers: Blocker[] = [];
	const add = (rule: BlockerRule, message: string, who: string, href: string) =>
		blockers.push({ rule, message, owner: who, href });

	for (const f of checkSections(phase, templates.get('phase')!, true)) {
		add('report', `Report: ${f.message.replace(/ \(from templates\/.*\)$/, '')}`, owner, phaseHref);
	}

	const gates = gateStatuses(phase.data, project, runs, today);
	for (const g of gates) {
		if (g.status === 'pass') continue;
		const what = g.status === 'missing' ? `No evidence for the required ${g.gate.title} gate` : `${g.gate.title} gate fails: ${g.reasons.join('; ')}`;
		add('gate', what, owner, evidenceRoute(phase.id, g.gate.id));
	}
	const latest = gates.flatMap((g) => (g.latest ? [g.latest] : []));
	const gateRules = new Set(gates.map((g) => g.gate.rule));
	// Coverage and findings are judged here only where no gate of that kind already judges them.
	if (!gateRules.has('coverage')) {
		const threshold = project.coverageThreshold;
		for (const run of latest) {
			if (run.coverage && run.coverage.lines < threshold) {
				add('coverage', `Line coverage ${run.coverage.lines} % in ${run.gate} is below the ${threshold} % threshold`, owner, evidenceRoute(phase.id, run.gate));
			}
		}
	}
	if (!gateRules.has('findings')) {
		for (const run of latest) {
			for (const f of run.findings ?? []) {
				if (f.severity === 'critical' || f.severity === 'high') {
					add('security', `Open ${f.severity} finding ${f.ruleId} in ${run.gate}`, owner, evidenceRoute(phase.id, run.gate));
				}
			}
		}
	}

	const rcas = program.documents.rca.filter((r) => r.data.phase === phase.id);
	for (const rca of rcas) {
		if (rca.data.status === 'open' && (rca.data.severity === 'critical' || rca.data.severity === 'high')) {
			add('rca', `${rca.id} (${rca.data.severity}) is open: ${rca.data.title}`, rca.data.owners[0]!, documentRoute('rca', rca.id));
		}
	}
	for (const review of program.documents.review.filter((r) => r.data.phase === phase.id)) {
		for (const f of review.data.findings) {
			if (f.severity !== 'blocking' && f.severity !== 'high') continue;
			const settled = f.status === 'fixed' || (f.status === 'deferred' && f.rationale);
			if (!settled) {
				const state = f.status === 'deferred' ? 'deferred without a rationale' : f.status;
				add('review', `${review.id} ${f.id} (${f.severity}) is ${state}: ${f.title}`, f.owner, documentRoute('review', review.id));
			}
		}
	}
	for (const d of phase.data.deliverables) {
		if (!d.done) add('deliverable', `Deliverable not done: ${d.title}`, owner, phaseHref);
	}
	const taskIds = new Set(program.tasks.map((t) => t.id));
	for (const d of phase.data.deferred) {
		if (!d.rationale) add('deferred', `Deferred item has no rationale: ${d.item}`, owner, phaseHref);
		if (!d.task || !taskIds.has(d.task)) add('deferred', `Deferred item has no existing follow-up task: ${d.item}`, owner, phaseHref);
	}
	const match = regressionMatcher(latest);
	for (const rca of rcas) {
		if (rca.data.status === 'open') continue;
		for (const test of rca.data.regressionTests) {
			const found = match(test);
			if (found.kind === 'found' && found.found.status === 'passed') continue;
			add('regression', `Regression test "${test}" of ${rca.id} ${regressionProblem(found)}`, rca.data.owners[0]!, documentRoute('rca', rca.id));
		}
	}
	return { phase: phase.id, ready: blockers.length === 0, blockers, gates };
}

/** Why a regression test blocks: missing, ambiguous (naming the cases it matches) or not passing. */
function regressionProblem(match: RegressionMatch): string {
	if (match.kind === 'missing') return 'is missing from the evidence';
	if (match.kind === 'found') return `is ${match.found.status}`;
	const names = match.candidates.slice(0, 3).map((c) => `"${qualifiedName(c)}"`);
	const more = match.candidates.length > 3 ? ` and ${match.candidates.length - 3} more` : '';
	return `is ambiguous: it matches ${match.candidates.length} cases, ${names.join(', ')}${more}; name one of them in full`;
}

/** The status of each regression test an RCA names, for the RCA page, with a link to its case. */
export function regressionStatus(
	tests: readonly string[],
	phaseReadinessGates: readonly GateStatus[],
): { name: string; status: CaseStatus | 'missing' | 'ambiguous'; href?: string }[] {
	const match = regressionMatcher(phaseReadinessGates.flatMap((g) => (g.latest ? [g.latest] : [])));
	return tests.map((name) => {
		const result = match(name);
		if (result.kind !== 'found') return { name, status: result.kind };
		const { found } = result;
		return { name, status: found.status, href: `${evidenceRoute(found.run.phase, found.run.gate)}#${caseAnchor(found.suite, found.name)}` };
	});
}
