// Rule: no two ids map to one page. Routes keep only letters, digits, "." and "-" of an id, so
// phases "6" and "6_" are both /phases/6/ and one of them would silently vanish from the site.
import { finding, type Finding } from '../findings.ts';
import type { Program, SourceDocument } from '../load.ts';
import { PROJECT_FILE, TASKS_FILE } from '../load.ts';
import { documentRoute, evidenceRoute, taskRoute } from '../routes.ts';
import { documentTypeNames } from '../schemas/index.ts';

interface Claim {
	id: string;
	/** Where the id is written: `content/phases/6.mdx`, or `content/project.yaml` for a gate. */
	path: string;
	/** Asked only for a collision: a position costs a second parse of the file's YAML. */
	line: () => number;
	route: string;
}

/** A finding on each later claim of a route already claimed by a different id. */
function collisions(claims: readonly Claim[], what: string, pages = (route: string) => `the page ${route}`): Finding[] {
	const first = new Map<string, Claim>();
	const findings: Finding[] = [];
	for (const claim of claims) {
		const earlier = first.get(claim.route);
		if (!earlier) first.set(claim.route, claim);
		// The same id twice is a duplicate id, reported by its own rule.
		else if (earlier.id !== claim.id) {
			const place = earlier.path === claim.path ? `line ${earlier.line()}` : earlier.path;
			findings.push(
				finding(
					claim.path,
					claim.line(),
					'error',
					`${what} "${claim.id}" maps to ${pages(claim.route)}, as "${earlier.id}" does (${place}); expected ids that differ in a letter or digit`,
					'references/route',
				),
			);
		}
	}
	return findings;
}

export function checkRoutes(program: Program): Finding[] {
	const findings: Finding[] = [];
	for (const type of documentTypeNames) {
		const docs = program.documents[type] as SourceDocument[];
		const field = type === 'changelog' ? 'version' : 'id';
		const claims = docs.map((doc) => ({ id: doc.id, path: doc.path, line: () => doc.lineOf([field]), route: documentRoute(type, doc.id) }));
		findings.push(...collisions(claims, type === 'changelog' ? 'Version' : 'Id'));
	}
	const gates = program.project?.gates ?? [];
	const phases = program.documents.phase.map((p) => p.id);
	// A gate has a page per phase; the first phase's stands for all (phases collide above).
	if (phases.length > 0) {
		const claims = gates.map((gate, i) => ({ id: gate.id, path: PROJECT_FILE, line: () => program.projectLineOf(['gates', i, 'id']), route: evidenceRoute(phases[0]!, gate.id) }));
		findings.push(...collisions(claims, 'Gate id', (route) => `the same pages, such as ${route}`));
	}
	const tasks = program.tasks.map((task, i) => ({ id: task.id, path: TASKS_FILE, line: () => program.tasksLineOf([i, 'id']), route: taskRoute(task.id) }));
	findings.push(...collisions(tasks, 'Task id', (route) => `the card ${route}`));
	return findings;
}
