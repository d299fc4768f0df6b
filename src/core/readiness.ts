// Decides whether a phase may pass its gate, and lists what blocks it, in PRODUCT.md's order.
import { blockerOwners } from './blocker-owners.ts';
import { caseAnchor } from './case-groups.ts';
import { checkSections } from './check/sections.ts';
import { gateStatuses, type CommitAge, type GateStatus, type StoredRun } from './gate-status.ts';
import { blockingFindings, failedTests, failedTestsShare } from './gates.ts';
import type { Finding } from './findings.ts';
import { TASKS_FILE, type Program, type SourceDocument } from './load.ts';
import { qualifiedName, regressionMatcher, type CaseStatus, type RegressionMatch } from './regression-match.ts';
import { documentRoute, evidenceFileRoute, evidenceRoute } from './routes.ts';
import { compareIds } from './order.ts';
import { foundAfterRelease } from './incidents.ts';
import { findTask, loadedOfPhase } from './relations.ts';
import type { Phase, Project, Rca, Review, TestCase } from './schemas/index.ts';
import type { TemplateContract } from './templates.ts';

export type BlockerRule =
	| 'report'
	| 'gate'
	| 'coverage'
	| 'security'
	| 'rca'
	| 'review'
	| 'reviewer'
	| 'deliverable'
	| 'deferred'
	| 'regression'
	| 'unreadable';

export interface Blocker {
	rule: BlockerRule;
	message: string;
	owner: string;
	/** Site route (without base) of the evidence or document behind the blocker. */
	href: string;
	/**
	 * What it is about, the same while its wording changes (a gate, an RCA, a review finding), so
	 * the readiness history follows one blocker from when it opened to when it closed.
	 */
	key: string;
}

export interface Readiness {
	phase: string;
	ready: boolean;
	blockers: Blocker[];
	gates: GateStatus[];
	/** The settings the phase was judged by: today's, or for a released phase those it shipped under. */
	settings: Project;
	/**
	 * The day allow-list expiry was judged on: today, or for a released phase its release day (an
	 * entry that excused a finding when the phase shipped still did so then).
	 */
	judgedOn: string;
}

export interface ReadinessInput {
	program: Program;
	project: Project;
	templates: Map<string, TemplateContract>;
	runs: readonly StoredRun[];
	today: string;
	/** The code folder inside the repository, to match SARIF paths with task artifacts. */
	codePrefix?: string;
	/**
	 * The phase report's section findings, judged as if it were final: by default the sections rule
	 * run on its text; the check passes those it worked out already (document-facts.ts).
	 */
	reportGaps?: (phase: SourceDocument<Phase>) => readonly Finding[];
	/** Stored runs that could not be read (loadEvidence's errors): the gate's verdict misses them. */
	evidenceErrors?: readonly Finding[];
	/** Where git places each run's commit in its phase's range: a gate is judged on the newest code's run. */
	commitAge?: CommitAge | undefined;
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
	const add = (rule: BlockerRule, message: string, who: string, href: string, subject = message) =>
		blockers.push({ rule, message, owner: who, href, key: `${rule}:${subject}` });

	for (const f of input.reportGaps?.(phase) ?? checkSections(phase, templates.get('phase')!, true)) {
		add('report', `Report: ${withoutTemplateSource(f.message)}`, owner, phaseHref);
	}

	// What the phase cannot be judged without. A document of the phase that fails its schema says
	// nothing the verdict can read (an open critical RCA whose severity reads "Critical"), and a
	// run file that cannot be read leaves its gate to the run before it, which may have passed.
	for (const doc of program.invalid ?? []) {
		if (doc.phase?.id !== phase.id) continue;
		add('unreadable', `${doc.path} has errors (npx phasebook check lists them), so what it says of phase ${phase.id} is not known`, owner, phaseHref, doc.path);
	}
	const evidenceFolder = `content/evidence/${phase.id}/`;
	for (const error of input.evidenceErrors ?? []) {
		if (!error.path.startsWith(evidenceFolder)) continue;
		const gateId = error.path.slice(evidenceFolder.length).split('/')[0]!;
		const gate = project.gates.find((g) => g.id === gateId);
		if (!gate) continue;
		add('unreadable', `The ${gate.title} gate's run ${error.path} cannot be read, so the gate is not judged on it: ${error.message}`, owner, evidenceRoute(phase.id, gate.id), error.path);
	}

	const owners = blockerOwners(program, { id: phase.id, owner }, input.codePrefix);
	const gates = gateStatuses(phase.data, project, runs, today, input.commitAge);
	for (const g of gates) {
		if (g.status === 'pass') continue;
		const href = evidenceRoute(phase.id, g.gate.id);
		if (g.status === 'missing') {
			add('gate', `No evidence for the required ${g.gate.title} gate`, owner, href, g.gate.id);
			continue;
		}
		// One blocker per owner of what must change: the failing tests' or findings' tasks and RCAs.
		const split = gateBlockersByOwner(g, project, today, owners);
		if (split.size <= 1) add('gate', `${g.gate.title} gate fails: ${g.reasons.join('; ')}`, split.keys().next().value ?? owner, href, g.gate.id);
		else for (const [who, reasons] of split) add('gate', `${g.gate.title} gate fails: ${reasons.join('; ')}`, who, href, `${g.gate.id} ${who}`);
	}
	const latest = gates.flatMap((g) => (g.latest ? [g.latest] : []));
	const gateRules = new Set(gates.map((g) => g.gate.rule));
	// Coverage and findings are judged here only where no gate of that kind already judges them.
	if (!gateRules.has('coverage')) {
		const threshold = project.coverageThreshold;
		for (const run of latest) {
			if (run.coverage && run.coverage.lines < threshold) {
				add('coverage', `Line coverage ${run.coverage.lines} % in ${run.gate} is below the ${threshold} % threshold`, owner, evidenceRoute(phase.id, run.gate), run.gate);
			}
		}
	}
	if (!gateRules.has('findings')) {
		for (const run of latest) {
			for (const f of run.findings ?? []) {
				if (f.severity === 'critical' || f.severity === 'high') {
					add('security', `Open ${f.severity} finding ${f.ruleId} in ${run.gate}`, owners.ofPath(f.location), evidenceRoute(phase.id, run.gate), `${run.gate} ${f.ruleId}`);
				}
			}
		}
	}

	// An incident found after the phase shipped is judged on its own (incidents.ts): the phase was
	// ready when it shipped, and its verdict is of that code.
	const rcas = loadedOfPhase(program, 'rca', phase.id).filter((rca) => !foundAfterRelease(program, rca));
	for (const rca of rcas) {
		if (rca.data.status === 'open' && (rca.data.severity === 'critical' || rca.data.severity === 'high')) {
			add('rca', `${rca.id} (${rca.data.severity}) is open: ${rca.data.title}`, rca.data.owners[0]!, documentRoute('rca', rca.id), rca.id);
		}
	}
	for (const review of loadedOfPhase(program, 'review', phase.id)) {
		for (const f of review.data.findings) {
			if (f.severity !== 'blocking' && f.severity !== 'high') continue;
			const settled = f.status === 'fixed' || (f.status === 'deferred' && f.rationale);
			if (!settled) {
				const state = f.status === 'deferred' ? 'deferred without a rationale' : f.status;
				add('review', `${review.id} ${f.id} (${f.severity}) is ${state}: ${f.title}`, f.owner, documentRoute('review', review.id), `${review.id} ${f.id}`);
			}
		}
	}
	// The latest final review's own blockers, in its order: the reviewer's call joins the computed one.
	const call = latestFinalReview(program, phase.id);
	for (const b of [...(call?.data.blockers ?? [])].sort((x, y) => x.order - y.order)) {
		add('reviewer', `${call!.id} blocker ${b.order}: ${b.title}`, b.owner, documentRoute('review', call!.id), `${call!.id} ${b.title}`);
	}
	for (const d of phase.data.deliverables) {
		if (!d.done) add('deliverable', `Deliverable not done: ${d.title}`, owner, phaseHref);
	}
	for (const d of phase.data.deferred) {
		if (!d.rationale) add('deferred', `Deferred item has no rationale: ${d.item}`, owner, phaseHref);
		if (d.task && program.tasksUnread) {
			// The board did not read: the task may well be there, but the verdict cannot know.
			add('unreadable', `${TASKS_FILE} has errors (npx phasebook check lists them), so whether deferred item "${d.item}" has its follow-up task ${d.task} is not known`, owner, phaseHref, TASKS_FILE);
		} else if (!d.task || !findTask(program, d.task)) add('deferred', `Deferred item has no existing follow-up task: ${d.item}`, owner, phaseHref);
	}
	const match = regressionMatcher(latest);
	for (const rca of rcas) {
		for (const gap of regressionGaps(rca, match)) add('regression', gap.message, rca.data.owners[0]!, documentRoute('rca', rca.id), gap.subject);
	}
	return { phase: phase.id, ready: blockers.length === 0, blockers, gates, settings: project, judgedOn: today };
}

/**
 * Where a review stands: a draft makes no call yet; of a phase's final reviews only the latest
 * makes the current one (the one reconciled with the computed readiness); earlier ones are superseded.
 */
export function reviewStanding(program: Program, review: SourceDocument<Review>): 'draft' | 'final' | 'superseded' {
	if (review.data.status !== 'final') return 'draft';
	return latestFinalReview(program, review.data.phase)?.path === review.path ? 'final' : 'superseded';
}

/** The later final review that makes the call of a superseded one; undefined for a draft or the current call. */
export function supersedingReview(program: Program, review: SourceDocument<Review>): SourceDocument<Review> | undefined {
	return reviewStanding(program, review) === 'superseded' ? latestFinalReview(program, review.data.phase) : undefined;
}

/** The review that makes the current readiness call for a phase: its latest final one. */
export function latestFinalReview(program: Program, phase: string): SourceDocument<Review> | undefined {
	return loadedOfPhase(program, 'review', phase)
		.filter((r) => r.data.status === 'final')
		.sort((a, b) => (a.data.date < b.data.date ? -1 : a.data.date > b.data.date ? 1 : compareIds(a.id, b.id)))
		.at(-1);
}

/**
 * A failing gate's reasons grouped by who must act: each failing test's owner for a tests gate,
 * each open finding's for a findings gate; anything else is the phase owner's.
 */
function gateBlockersByOwner(g: GateStatus, project: Project, today: string, owners: ReturnType<typeof blockerOwners>): Map<string, string[]> {
	const byOwner = new Map<string, string[]>();
	const push = (who: string, reason: string) => byOwner.set(who, [...(byOwner.get(who) ?? []), reason]);
	const run = g.latest!;
	const failing = (run.cases ?? []).filter((c) => c.status === 'failed');
	if (g.gate.rule === 'tests' && failing.length && run.tests) {
		const names = new Map<string, TestCase[]>();
		for (const c of failing) {
			const who = owners.ofCase(run, c);
			names.set(who, [...(names.get(who) ?? []), c]);
		}
		// Shared among owners, each blocker names its owner's tests and still the run's count.
		for (const [who, list] of names) push(who, names.size === 1 ? failedTests(list.length, run.tests.total, list) : failedTestsShare(failing.length, run.tests.total, list));
		return byOwner;
	}
	if (g.gate.rule === 'findings' && run.findings) {
		for (const b of blockingFindings(run.findings, run.phase, project, today)) push(owners.ofPath(b.finding.location), b.reason);
	}
	return byOwner;
}

/**
 * What a closed RCA's regression tests lack in the runs `match` reads: a severe incident closed with
 * no test named (it would pass by naming nothing), and each named test that is missing, ambiguous
 * or not passing. An open RCA is not asked for its tests yet.
 */
export function regressionGaps(rca: SourceDocument<Rca>, match: (test: string) => RegressionMatch, where = ''): RegressionGap[] {
	if (rca.data.status === 'open') return [];
	const gaps: RegressionGap[] = [];
	if (rca.data.regressionTests.length === 0 && (rca.data.severity === 'critical' || rca.data.severity === 'high')) {
		gaps.push({ message: `${rca.id} (${rca.data.severity}) is ${rca.data.status} but names no regression test, expected at least one in regressionTests`, subject: `${rca.id} regressionTests` });
	}
	rca.data.regressionTests.forEach((test, index) => {
		const found = match(test);
		if (found.kind === 'found' && found.found.status === 'passed') return;
		gaps.push({ message: `Regression test "${test}" of ${rca.id} ${regressionProblem(found, where)}`, subject: `${rca.id} ${test}`, index });
	});
	return gaps;
}

export interface RegressionGap {
	message: string;
	/** What the gap is about, the same while its wording changes (a blocker's key). */
	subject: string;
	/** The test's place in regressionTests; none when the RCA names no test. */
	index?: number;
}

/** Why a regression test blocks: missing, ambiguous (naming the cases it matches) or not passing. */
function regressionProblem(match: RegressionMatch, where: string): string {
	if (match.kind === 'missing') return `is missing from the evidence${where}`;
	if (match.kind === 'found') return match.found.status === 'failed' ? `fails in the latest run${where}` : `is ${match.found.status} in the latest run${where}`;
	const names = match.candidates.slice(0, 3).map((c) => `"${qualifiedName(c)}"`);
	const more = match.candidates.length > 3 ? ` and ${match.candidates.length - 3} more` : '';
	return `is ambiguous: it matches ${match.candidates.length} cases, ${names.join(', ')}${more}; name one of them in full`;
}

/**
 * The status of each regression test an RCA names, for the RCA page, in the runs the RCA is judged
 * on (incidents.ts's regressionRuns), with a link to its case: on its gate's page when the run is
 * the one the gate is judged on (the page lists that run's cases), else to the run's file.
 */
export function regressionStatus(
	tests: readonly string[],
	runs: readonly StoredRun[],
	readiness: ReadonlyMap<string, Readiness>,
): { name: string; status: CaseStatus | 'missing' | 'ambiguous'; href?: string }[] {
	const match = regressionMatcher(runs);
	return tests.map((name) => {
		const result = match(name);
		if (result.kind !== 'found') return { name, status: result.kind };
		const { found } = result;
		const judged = readiness.get(found.run.phase)?.gates.some((g) => g.latest === found.run);
		const href = judged ? `${evidenceRoute(found.run.phase, found.run.gate)}#${caseAnchor(found.suite, found.name)}` : evidenceFileRoute(found.run.path);
		return { name, status: found.status, ...(href !== undefined && { href }) };
	});
}
