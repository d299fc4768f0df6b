// Decides whether a phase may pass its gate, and lists what blocks it, in PRODUCT.md's order.
import { caseAnchor } from './case-groups.ts';
import { checkSections } from './check/sections.ts';
import { gateStatuses, type GateStatus, type StoredRun } from './gate-status.ts';
import type { Program, SourceDocument } from './load.ts';
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

type CaseStatus = 'passed' | 'failed' | 'skipped';

/** Where a named case was found: its status, and the run and case that hold it. */
interface FoundCase {
	status: CaseStatus;
	run: StoredRun;
	suite: string;
	name: string;
}

/** The name a regression test is known by in evidence: its own name, or "suite > name". */
function caseNames(runs: readonly StoredRun[]): Map<string, FoundCase> {
	const names = new Map<string, FoundCase>();
	for (const run of runs) {
		for (const c of run.cases ?? []) {
			for (const name of [c.name, `${c.suite} > ${c.name}`]) {
				// A failure anywhere in the phase's latest runs wins over a pass elsewhere.
				if (names.get(name)?.status === 'failed') continue;
				names.set(name, { status: c.status, run, suite: c.suite, name: c.name });
			}
		}
	}
	return names;
}

/** A section finding's message without its ` (from templates/phase.mdx)` source (a scan, not `/.*\)$/`). */
function withoutTemplateSource(message: string): string {
	const at = message.lastIndexOf(' (from templates/');
	return at !== -1 && message.endsWith(')') ? message.slice(0, at) : message;
}

export function phaseReadiness(phase: SourceDocument<Phase>, input: ReadinessInput): Readiness {
	const { program, project, templates, runs, today } = input;
	const owner = phase.data.owners[0]!;
	const phaseHref = documentRoute('phase', phase.id);
	const blockers: Blocker[] = [];
	const add = (rule: BlockerRule, message: string, who: string, href: string) =>
		blockers.push({ rule, message, owner: who, href });

	for (const f of checkSections(phase, templates.get('phase')!, true)) {
		add('report', `Report: ${withoutTemplateSource(f.message)}`, owner, phaseHref);
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
	const names = caseNames(latest);
	for (const rca of rcas) {
		if (rca.data.status === 'open') continue;
		for (const test of rca.data.regressionTests) {
			const status = names.get(test)?.status;
			if (status === 'passed') continue;
			const what = status === undefined ? 'is missing from the evidence' : `is ${status}`;
			add('regression', `Regression test "${test}" of ${rca.id} ${what}`, rca.data.owners[0]!, documentRoute('rca', rca.id));
		}
	}
	return { phase: phase.id, ready: blockers.length === 0, blockers, gates };
}

/** The status of each regression test an RCA names, for the RCA page, with a link to its case. */
export function regressionStatus(
	tests: readonly string[],
	phaseReadinessGates: readonly GateStatus[],
): { name: string; status: CaseStatus | 'missing'; href?: string }[] {
	const names = caseNames(phaseReadinessGates.flatMap((g) => (g.latest ? [g.latest] : [])));
	return tests.map((name) => {
		const found = names.get(name);
		if (!found) return { name, status: 'missing' };
		return { name, status: found.status, href: `${evidenceRoute(found.run.phase, found.run.gate)}#${caseAnchor(found.suite, found.name)}` };
	});
}
