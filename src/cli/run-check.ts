// `phasebook check`'s work: the findings of the program's analysis plus its diagrams' renders.
import { analyse, type Analysis } from '../core/analysis.ts';
import { checkDiagrams } from '../diagrams/check.ts';
import { sortFindings, type Finding } from '../core/findings.ts';
import type { Program, SourceDocument } from '../core/load.ts';
import { documentTypeNames } from '../core/schemas/index.ts';

export interface CheckResult {
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
}

export async function runCheck(root: string, options: CheckOptions = {}): Promise<CheckResult> {
	const analysis = await analyse(root, options);
	const { program, findings, documents } = analysis;
	if (options.diagrams !== false) {
		// The extractor reads whole files; blank lines stand in for the frontmatter so lines match.
		const files = documentTypeNames.flatMap((type) =>
			(program.documents[type] as SourceDocument[]).map((doc) => ({ path: doc.path, text: '\n'.repeat(doc.bodyLine - 1) + doc.body })),
		);
		const diagrams = await checkDiagrams({ root, files, ...(options.strict === undefined ? {} : { strict: options.strict }) });
		findings.push(...diagrams.findings);
	}
	return { program, findings: sortFindings(findings), documents, analysis };
}
