// `phasebook check`'s work: the findings of the program's analysis plus its diagrams' renders.
import { analyse, type Analysis } from '../core/analysis.ts';
import { cacheBase } from '../core/cache-store.ts';
import { definedAtHead } from '../core/changed.ts';
import { locateRepository } from '../core/git/repository.ts';
import { diagramUses } from '../core/document-facts.ts';
import { changedFiles, NOTHING_CHANGED, touchesDocuments, type ChangedFiles } from '../core/changed-files.ts';
import { checkDiagrams } from '../diagrams/check.ts';
import { findingAt, sortFindings, type Finding } from '../core/findings.ts';
import type { Program } from '../core/load.ts';

export interface CheckResult {
	/** With `changed`: what was checked, in words ("3 changed files", or why everything was). */
	scope?: string;
	program: Program;
	findings: Finding[];
	documents: number;
	/** The analysis behind the findings, for a build to reuse. */
	analysis: Analysis;
}

export interface CheckOptions {
	today?: string;
	/** Render every mermaid block to find syntax errors (cached, so only new diagrams cost a browser). */
	diagrams?: boolean;
	/** A diagram that cannot be rendered for want of a browser is an error, not a warning. */
	strict?: boolean;
	/** Only the documents that differ from git HEAD, and those that depend on them. */
	changed?: boolean;
	/** With `changed`: git's answer, when the caller has asked already (`phasebook check` does). */
	changes?: ChangedFiles;
}

export async function runCheck(root: string, options: CheckOptions = {}): Promise<CheckResult> {
	// The cache folder is refused (a .phasebook that is a file) before any work, not only once a
	// document or diagram needs it: a check with nothing to cache passed, silently.
	cacheBase(root);
	let note: string | undefined;
	// Git is asked what changed while the documents load: the scope is needed only after.
	const found = options.changed ? (options.changes ? Promise.resolve(options.changes) : changedFiles(root)) : undefined;
	const files = found?.then((f) => f.files);
	// A failure is reported where analyse awaits it: until then it must not count as unhandled.
	files?.catch(() => {});
	// What the changed documents defined at HEAD (their ids, requirements, releases), asked while
	// the documents load; git failing here only loses that comparison.
	const before = files && files.then((paths) => (paths ? definedAtHead(root, paths) : undefined)).catch(() => undefined);
	// Where git places the project came with HEAD's prefix, unless git could not answer.
	const located = found?.then((f) => f.located ?? locateRepository(root));
	const analysis = await analyse(root, { ...options, cache: true, ...(files && before && { changedFiles: files, definedAtHead: before }), ...(located && { located }) });
	const reason = found && (await found).reason;
	if (reason) note = `every document, since git cannot tell what changed: ${reason}`;
	const { program, findings, documents, scope } = analysis;
	for (const path of (found && (await found).partlyStaged) ?? []) {
		if (!touchesDocuments([path])) continue;
		findings.push(
			findingAt({ path }, 'warning', 'Staged changes differ from the working tree: the check read the working tree, and a commit takes what is staged, which was not checked', 'git/staged', {
				hint: 'Stage the whole file (git add), or stash the rest (git stash --keep-index) and check again',
			}),
		);
	}
	if (scope) note = scope.all ? `every document, since ${scope.reason}` : scope.paths.size === 0 ? NOTHING_CHANGED : scope.changed.length === 1 ? '1 changed document and those that depend on it' : `${scope.changed.length} changed documents and those that depend on them`;
	if (options.diagrams !== false) {
		const uses = diagramUses(analysis.facts);
		const diagrams = await checkDiagrams({ root, uses, ...(options.strict === undefined ? {} : { strict: options.strict }) });
		findings.push(...diagrams.findings);
	}
	return { program, findings: sortFindings(findings), documents, analysis, ...(note && { scope: note }) };
}
