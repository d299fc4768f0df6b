// Rules: deliverable and task artifacts, and review finding locations, name files that exist at
// the end of their phase's range (and, for a location, a line inside the file).
import { fixedAfterRelease, fixedUnchanged, parseLocation, type CodeFacts, type PhaseCode } from '../git/code-facts.ts';
import { finding, type Finding, type Severity } from '../findings.ts';
import { TASKS_FILE, type Program } from '../load.ts';
import { changedPaths, describeEnd, rowMatches } from './code-inventory.ts';

/** Whether `path` (a file, a folder with or without its slash, or a glob) exists among `files`. */
export function pathExists(path: string, files: ReadonlySet<string>): boolean {
	const clean = path.replace(/^\.\//, '');
	if (files.has(clean)) return true;
	const folder = clean.endsWith('/') ? clean : `${clean}/`;
	for (const f of files) if (f.startsWith(folder)) return true;
	return rowMatches(clean, files).length > 0;
}

const isUrl = (s: string) => /^[a-z][a-z0-9+.-]*:\/\//i.test(s);

function missing(code: PhaseCode, what: string, path: string): string {
	return `Unexpected ${what} "${path}": it does not exist at ${describeEnd(code, 'to')}`;
}

/**
 * Whether an artifact is code of the phase (within its paths, not the program's own files nor
 * excluded) that no change of its range touched: a file, or every file of a folder or glob.
 */
function unchangedCode(code: PhaseCode, artifact: string): boolean {
	const path = artifact.replace(/^\.\//, '').replace(/\/$/, '');
	const files = rowMatches(path, code.filesAtEnd);
	const inFolder = files.length > 0 ? files : [...code.filesAtEnd].filter((f) => f.startsWith(`${path}/`));
	const own = inFolder.filter((f) => code.inScope(f) && !code.notCode(f));
	if (own.length === 0) return false;
	const changed = changedPaths(code);
	return !own.some((f) => changed.has(f));
}

export function checkCodeArtifacts(program: Program, facts: CodeFacts, strict = false): Finding[] {
	if (facts.reason) return [];
	const findings: Finding[] = [];
	const codeOf = (phase: string) => {
		const code = facts.phases.get(phase);
		return code?.to === undefined ? undefined : code;
	};
	for (const phase of program.documents.phase) {
		const code = codeOf(phase.id);
		if (!code) continue;
		phase.data.deliverables.forEach((d, i) => {
			if (d.artifact && d.done && !isUrl(d.artifact) && pathExists(d.artifact, code.filesAtEnd) && unchangedCode(code, d.artifact)) {
				findings.push(finding(phase.path, phase.lineOf(['deliverables', i, 'artifact']), 'warning', `Deliverable "${d.title}" is done, but its artifact ${d.artifact} did not change in ${code.label}: no commit of the phase delivered it`, 'artifacts/unchanged'));
			}
			if (!d.artifact || isUrl(d.artifact) || pathExists(d.artifact, code.filesAtEnd)) return;
			const severity: Severity = d.done ? 'error' : 'warning';
			findings.push(finding(phase.path, phase.lineOf(['deliverables', i, 'artifact']), severity, `${missing(code, 'artifact', d.artifact)}${d.done ? ', yet the deliverable is done' : ''}`, 'artifacts/missing'));
		});
	}
	program.tasks.forEach((task, i) => {
		const code = codeOf(task.phase);
		if (!code) return;
		task.artifacts.forEach((artifact, j) => {
			if (isUrl(artifact) || pathExists(artifact, code.filesAtEnd)) return;
			const done = task.status === 'done';
			findings.push(finding(TASKS_FILE, program.tasksLineOf([i, 'artifacts', j]), done ? 'error' : 'warning', `${missing(code, `artifact of ${task.id}`, artifact)}${done ? ', yet the task is done' : ''}`, 'artifacts/missing'));
		});
	});
	for (const review of program.documents.review) {
		const code = codeOf(review.data.phase);
		if (!code) continue;
		const severity: Severity = review.data.status === 'draft' ? 'warning' : 'error';
		review.data.findings.forEach((f, i) => {
			const at = () => review.lineOf(['findings', i, 'location']);
			const { path, line, end } = parseLocation(f.location);
			if (!code.filesAtEnd.has(path)) {
				findings.push(finding(review.path, at(), severity, `${missing(code, `location of ${f.id}`, f.location)}, expected path:line of a file of the code`, 'reviews/location'));
				return;
			}
			const last = end ?? line;
			const count = code.lines.get(path) ?? 0;
			if (last !== undefined && last > count) {
				findings.push(finding(review.path, at(), severity, `Unexpected location "${f.location}" for ${f.id}: ${path} has ${count} line${count === 1 ? '' : 's'} at ${describeEnd(code, 'to')}`, 'reviews/location'));
			}
			// A blocking finding marked fixed lets its phase read ready: in CI that claim must hold.
			const blocks = f.severity === 'blocking' && strict;
			const after = fixedAfterRelease(facts, review.data, f);
			if (after) {
				const release = program.documents.phase.find((p) => p.id === review.data.phase)?.data.release;
				findings.push(finding(review.path, review.lineOf(['findings', i, 'status']), blocks ? 'error' : 'warning', `${f.id} is marked fixed, but no commit of release ${release} changed ${path} since review ${review.id} (${review.data.date}); only commits the release does not hold did (the newest of ${after.slice(0, 10)}), so it shipped without that change${blocks ? ' (a blocking finding: its phase reads ready on this claim)' : ''}`, 'reviews/fixed'));
			} else if (fixedUnchanged(facts, review.data, f)) {
				findings.push(finding(review.path, review.lineOf(['findings', i, 'status']), blocks ? 'error' : 'warning', `${f.id} is marked fixed, but no commit has changed ${path} since review ${review.id} (${review.data.date}); expected the commit that fixed it, or a location in the file it changed${blocks ? ' (a blocking finding: its phase reads ready on this claim)' : ''}`, 'reviews/fixed'));
			}
		});
	}
	return findings;
}
