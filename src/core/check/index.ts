// Runs every check over a program: the one entry point for `npm run check`, the build and tests.
import { sortFindings, type Finding } from '../findings.ts';
import { loadProgram, type Program, type SourceDocument } from '../load.ts';
import { documentTypeNames } from '../schemas/index.ts';
import { loadTemplates } from '../templates.ts';
import { checkConsistency } from './consistency.ts';
import { checkInventory } from './inventory.ts';
import { checkLinks } from './links.ts';
import { checkReferences } from './references.ts';
import { checkSections } from './sections.ts';

export interface CheckResult {
	program: Program;
	findings: Finding[];
	documents: number;
}

export async function runCheck(root: string): Promise<CheckResult> {
	const [{ program, findings }, templates] = await Promise.all([loadProgram(root), loadTemplates(root)]);
	let documents = 0;
	for (const type of documentTypeNames) {
		const contract = templates.get(type)!;
		for (const doc of program.documents[type] as SourceDocument[]) {
			documents++;
			findings.push(...checkSections(doc, contract));
		}
	}
	const phaseTemplate = templates.get('phase')!;
	for (const phase of program.documents.phase) findings.push(...checkInventory(phase, phaseTemplate));
	findings.push(...checkReferences(program), ...checkLinks(program), ...checkConsistency(program));
	return { program, findings: sortFindings(findings), documents };
}
