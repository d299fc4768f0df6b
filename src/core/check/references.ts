// Rules: ids are unique, every reference (phase, dependsOn, requirement, task) resolves.
import { compareIds } from '../order.ts';
import { finding, type Finding } from '../findings.ts';
import type { Program, SourceDocument } from '../load.ts';
import { knownIds, PROJECT_FILE, TASKS_FILE } from '../load.ts';
import { requirementRegExp, type Phase } from '../schemas/index.ts';
import { documentTypeNames, type Project } from '../schemas/index.ts';
import type { StoredRun } from '../evidence/store.ts';
import { gateStatuses, type CommitAge } from '../gate-status.ts';
import { judgedOn } from '../incidents.ts';

const list = (ids: Iterable<string>) => [...ids].map((id) => `"${id}"`).join(', ') || '(none)';

function checkDuplicateIds(program: Program): Finding[] {
	const findings: Finding[] = [];
	for (const type of documentTypeNames) {
		const seen = new Map<string, SourceDocument>();
		for (const doc of program.documents[type] as SourceDocument[]) {
			const first = seen.get(doc.id);
			if (first) {
				const key = [type === 'changelog' ? 'version' : 'id'];
				const cause = [{ path: first.path, line: first.lineOf(key), column: 1, message: 'first used here' }];
				findings.push(finding(doc.path, doc.lineOf(key), 'error', `Duplicate id "${doc.id}", already used by ${first.path}`, 'references/duplicate-id', 1, { cause }));
			} else seen.set(doc.id, doc);
		}
	}
	const tasks = new Set<string>();
	program.tasks.forEach((task, i) => {
		if (tasks.has(task.id)) findings.push(finding(TASKS_FILE, program.tasksLineOf([i, 'id']), 'error', `Duplicate task id "${task.id}"`, 'references/duplicate-id'));
		tasks.add(task.id);
	});
	return findings;
}

function checkPhaseLinks(program: Program, phaseIds: Set<string>): Finding[] {
	const findings: Finding[] = [];
	const expected = `expected one of ${list(phaseIds)}`;
	for (const type of ['rca', 'handoff', 'review', 'changelog'] as const) {
		for (const doc of program.documents[type] as SourceDocument<{ phase?: string }>[]) {
			const phase = doc.data.phase;
			if (phase !== undefined && !phaseIds.has(phase)) {
				findings.push(finding(doc.path, doc.lineOf(['phase']), 'error', `Unknown phase "${phase}", ${expected}`, 'references/phase'));
			}
		}
	}
	// A document its own schema errors left out still names its phase: one run reports both.
	for (const doc of program.invalid ?? []) {
		if (doc.phase && !phaseIds.has(doc.phase.id)) {
			findings.push(finding(doc.path, doc.phase.line, 'error', `Unknown phase "${doc.phase.id}", ${expected}`, 'references/phase'));
		}
	}
	program.tasks.forEach((task, i) => {
		if (!phaseIds.has(task.phase)) findings.push(finding(TASKS_FILE, program.tasksLineOf([i, 'phase']), 'error', `Unknown phase "${task.phase}" in task ${task.id}, ${expected}`, 'references/phase'));
	});
	// An entry for no phase allows nothing: the finding it was written for still blocks its gate.
	program.project?.allowlist.forEach((entry, i) => {
		if (entry.phase !== undefined && !phaseIds.has(entry.phase)) findings.push(finding(PROJECT_FILE, program.projectLineOf(['allowlist', i, 'phase']), 'error', `Unknown phase "${entry.phase}" in the allowlist entry for ${entry.ruleId}, ${expected}`, 'references/phase'));
	});
	return findings;
}

function checkDependencies(phases: SourceDocument<Phase>[], phaseIds: Set<string>): Finding[] {
	const findings: Finding[] = [];
	const byId = new Map(phases.map((p) => [p.id, p]));
	for (const phase of phases) {
		phase.data.dependsOn.forEach((dep, i) => {
			if (dep === phase.id) findings.push(finding(phase.path, phase.lineOf(['dependsOn', i]), 'error', `Phase ${phase.id} depends on itself`, 'references/cycle'));
			else if (!phaseIds.has(dep)) findings.push(finding(phase.path, phase.lineOf(['dependsOn', i]), 'error', `Unknown phase "${dep}" in dependsOn, expected one of ${list(phaseIds)}`, 'references/depends-on'));
		});
	}
	// Depth-first search; each cycle is reported once, on the phase where it is first entered.
	const state = new Map<string, 'visiting' | 'done'>();
	const reported = new Set<string>();
	const visit = (id: string, trail: string[]) => {
		state.set(id, 'visiting');
		for (const dep of byId.get(id)?.data.dependsOn ?? []) {
			if (dep === id || !byId.has(dep)) continue;
			if (state.get(dep) === 'visiting') {
				const cycle = [...trail.slice(trail.indexOf(dep)), dep];
				const key = [...new Set(cycle)].sort().join(',');
				if (!reported.has(key)) {
					reported.add(key);
					const doc = byId.get(dep)!;
					findings.push(finding(doc.path, doc.lineOf(['dependsOn']), 'error', `Phases depend on each other in a cycle: ${cycle.join(' → ')}`, 'references/cycle'));
				}
			} else if (!state.has(dep)) visit(dep, [...trail, dep]);
		}
		state.set(id, 'done');
	};
	for (const phase of [...phases].sort((a, b) => compareIds(a.id, b.id))) {
		if (!state.has(phase.id)) visit(phase.id, [phase.id]);
	}
	return findings;
}

function checkRequirements(program: Program): Finding[] {
	const findings: Finding[] = [];
	if (!program.project) return findings;
	const pattern = requirementRegExp(program.project);
	const owner = new Map<string, SourceDocument<Phase>>();
	for (const phase of program.documents.phase) {
		phase.data.requirements.forEach((req, i) => {
			const line = () => phase.lineOf(['requirements', i, 'id']);
			if (!pattern.test(req.id)) {
				findings.push(finding(phase.path, line(), 'error', `Unexpected requirement id "${req.id}", expected one matching ${program.project!.requirementPattern} (${PROJECT_FILE})`, 'references/requirement-id'));
			}
			const first = owner.get(req.id);
			if (first) {
				const at = first.data.requirements.findIndex((r) => r.id === req.id);
				const cause = [{ path: first.path, line: first.lineOf(['requirements', at, 'id']), column: 1, message: 'first defined here' }];
				findings.push(finding(phase.path, line(), 'error', `Duplicate requirement id "${req.id}", already defined by ${first.path}`, 'references/requirement-duplicate', 1, { cause }));
			} else owner.set(req.id, phase);
		});
	}
	const claimed = new Set((program.invalid ?? []).flatMap((doc) => doc.requirements));
	for (const rca of program.documents.rca) {
		rca.data.requirements.forEach((id, i) => {
			if (owner.has(id) || claimed.has(id)) return;
			// A typo of the form (REQ1.1) is told as such: no phase could ever define it.
			if (!pattern.test(id)) findings.push(finding(rca.path, rca.lineOf(['requirements', i]), 'error', `Unexpected requirement id "${id}", expected one matching ${program.project!.requirementPattern} (${PROJECT_FILE}) and defined by a phase`, 'references/requirement-id'));
			else findings.push(finding(rca.path, rca.lineOf(['requirements', i]), 'error', `Unknown requirement "${id}", expected one defined by a phase`, 'references/requirement'));
		});
	}
	const taskIds = new Set(program.tasks.map((t) => t.id));
	// A task board that did not read has its own error; the tasks it holds are not known to be absent.
	for (const phase of program.tasksUnread ? [] : program.documents.phase) {
		phase.data.deferred.forEach((item, i) => {
			if (item.task && !taskIds.has(item.task)) {
				findings.push(finding(phase.path, phase.lineOf(['deferred', i, 'task']), 'error', `Unknown task "${item.task}" for deferred item, expected an id from ${TASKS_FILE}`, 'references/task'));
			}
		});
	}
	return findings;
}

/**
 * A gate's requiredFor naming no phase would silently stop the gate applying to any phase: a
 * typo, or a phase deleted since, must be an error where it is written.
 */
function checkRequiredFor(program: Program, phaseIds: Set<string>): Finding[] {
	const findings: Finding[] = [];
	program.project?.gates.forEach((gate, i) => {
		if (gate.requiredFor === 'all') return;
		gate.requiredFor.forEach((id, j) => {
			if (phaseIds.has(id)) return;
			findings.push(finding(PROJECT_FILE, program.projectLineOf(['gates', i, 'requiredFor', j]), 'error', `Unknown phase "${id}" in requiredFor of gate "${gate.id}", expected one of ${list(phaseIds)}`, 'references/required-for'));
		});
	});
	return findings;
}

/**
 * The gates of project.yaml, each id once: a second gate of an id would share the first one's
 * page and evidence folder. A phase's own `gates` naming no gate would silently drop a gate the
 * phase means to require (`covrage` for `coverage`).
 */
function checkGates(program: Program, shippedUnder: ReadonlyMap<string, Project>): Finding[] {
	const findings: Finding[] = [];
	const gates = program.project?.gates ?? [];
	const first = new Map<string, number>();
	gates.forEach((gate, i) => {
		const at = first.get(gate.id);
		if (at === undefined) first.set(gate.id, i);
		else {
			const cause = [{ path: PROJECT_FILE, line: program.projectLineOf(['gates', at, 'id']), column: 1, message: 'first used here' }];
			findings.push(finding(PROJECT_FILE, program.projectLineOf(['gates', i, 'id']), 'error', `Duplicate gate id "${gate.id}"`, 'references/duplicate-id', 1, { cause }));
		}
	});
	if (!program.project) return findings;
	// JaCoCo's <minimum> and Cobertura's line-rate write 85 % as 0.85: a gate at 0.85 % passed
	// a run at 41 %.
	const fraction = (threshold: number | undefined) => threshold !== undefined && threshold > 0 && threshold <= 1;
	const percentOf = (threshold: number) => `${Math.round(threshold * 10000) / 100}`;
	if (fraction(program.project.coverageThreshold)) {
		const threshold = program.project.coverageThreshold;
		findings.push(finding(PROJECT_FILE, program.projectLineOf(['coverageThreshold']), 'warning', `coverageThreshold: ${threshold} is ${threshold} %, a percentage; for ${percentOf(threshold)} % write ${percentOf(threshold)}`, 'frontmatter/schema'));
	}
	gates.forEach((gate, i) => {
		if (!fraction(gate.threshold)) return;
		findings.push(finding(PROJECT_FILE, program.projectLineOf(['gates', i, 'threshold']), 'warning', `threshold of gate "${gate.id}": ${gate.threshold} is ${gate.threshold} %, a percentage; for ${percentOf(gate.threshold!)} % write ${percentOf(gate.threshold!)}`, 'frontmatter/schema'));
	});
	for (const phase of program.documents.phase) {
		// A released phase names the gates it shipped under: one removed since is no unknown gate.
		const shipped = shippedUnder.get(phase.id);
		phase.data.gates?.forEach((id, i) => {
			if (!first.has(id) && !shipped?.gates.some((g) => g.id === id)) findings.push(finding(phase.path, phase.lineOf(['gates', i]), 'error', `Unknown gate "${id}" in gates, expected one of ${list(first.keys())}`, 'references/gate'));
		});
		// The override is the phase's to make, but a gate project.yaml requires of it and that it
		// leaves out (`gates: []`) is a claim a reviewer must see: the phase is judged without it.
		const dropped = droppedGates(phase, shipped ?? program.project);
		if (dropped.length) {
			findings.push(finding(phase.path, phase.lineOf(['gates']), 'warning', `gates leaves out ${list(dropped)}, which ${PROJECT_FILE} requires of phase ${phase.id}: its readiness is judged without ${dropped.length === 1 ? 'it' : 'them'}`, 'references/gate-dropped'));
		}
	}
	return findings;
}

/** The gates project.yaml requires of a phase that its own `gates:` leaves out. */
function droppedGates(phase: SourceDocument<Phase>, project: Project): string[] {
	const own = phase.data.gates;
	if (!own) return [];
	return [...new Set(project.gates.filter((g) => (g.requiredFor === 'all' || g.requiredFor.includes(phase.id)) && !own.includes(g.id)).map((g) => g.id))];
}

/**
 * A gate a phase leaves out whose latest run of that phase fails: the page showed the failing
 * coverage ("Lines 50 %, the gate needs 85 %") beside "Ready". Leaving a gate out is a decision
 * about gates to come, not a way to pass one the evidence fails: a warning, an error with --strict
 * (and in CI), as the other claims git or the evidence contradicts.
 */
export function checkDroppedGateRuns(program: Program, project: Project, runs: readonly StoredRun[], today: string, age?: CommitAge, strict = false, shippedUnder: ReadonlyMap<string, Project> = new Map()): Finding[] {
	const findings: Finding[] = [];
	for (const phase of program.documents.phase) {
		const settings = shippedUnder.get(phase.id) ?? project;
		const dropped = droppedGates(phase, settings);
		if (dropped.length === 0) continue;
		for (const status of gateStatuses({ id: phase.id, gates: dropped }, settings, runs, judgedOn(program, phase.id, today), age)) {
			if (status.status !== 'fail') continue;
			findings.push(finding(phase.path, phase.lineOf(['gates']), strict ? 'error' : 'warning', `gates leaves out "${status.gate.id}", whose latest run of phase ${phase.id} fails (${status.reasons[0] ?? 'failed'}): a phase does not pass a gate by leaving it out; fix what fails, or keep the gate`, 'references/gate-dropped'));
		}
	}
	return findings;
}

/** `shippedUnder`: the settings each released phase shipped under (a gate removed since is still its own). */
export function checkReferences(program: Program, shippedUnder: ReadonlyMap<string, Project> = new Map()): Finding[] {
	// A phase left out for its own errors is no unknown phase: its file already says what is wrong.
	const phaseIds = knownIds(program, 'phase');
	return [
		...checkDuplicateIds(program),
		...checkGates(program, shippedUnder),
		...checkPhaseLinks(program, phaseIds),
		...checkRequiredFor(program, phaseIds),
		...checkDependencies(program.documents.phase, phaseIds),
		...checkRequirements(program),
	];
}
