// `phasebook check`'s work: the findings of the program's analysis plus its diagrams' renders.
import { analyse, type Analysis } from '../core/analysis.ts';
import { changedFiles, inScope } from '../core/changed.ts';
import { checkDiagrams } from '../diagrams/check.ts';
import { sortFindings, type Finding } from '../core/findings.ts';
import type { Program, SourceDocument } from '../core/load.ts';
import { documentTypeNames } from '../core/schemas/index.ts';

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
}

export async function runCheck(root: string, options: CheckOptions = {}): Promise<CheckResult> {
	let note: string | undefined;
	// Git is asked what changed while the documents load: the scope is needed only after.
	const found = options.changed ? changedFiles(root) : undefined;
	const files = found?.then((f) => f.files);
	// A failure is reported where analyse awaits it: until then it must not count as unhandled.
	files?.catch(() => {});
	const analysis = await analyse(root, { ...options, ...(files && { changedFiles: files }) });
	const reason = found && (await found).reason;
	if (reason) note = `every document, since git cannot tell what changed: ${reason}`;
	const { program, findings, documents, scope } = analysis;
	if (scope) note = scope.all ? `every document, since ${scope.reason}` : `${scope.changed.length === 1 ? '1 changed document' : `${scope.changed.length} changed documents`} and those that depend on them`;
	if (options.diagrams !== false) {
		// The bodies as loaded, with the lines before them: no second copy of every document.
		const files = documentTypeNames.flatMap((type) =>
			(program.documents[type] as SourceDocument[]).filter((doc) => inScope(scope, doc.path)).map((doc) => ({ path: doc.path, text: doc.body, lineOffset: doc.bodyLine - 1 })),
		);
		const diagrams = await checkDiagrams({ root, files, ...(options.strict === undefined ? {} : { strict: options.strict }) });
		findings.push(...diagrams.findings);
	}
	return { program, findings: sortFindings(findings), documents, analysis, ...(note && { scope: note }) };
}
