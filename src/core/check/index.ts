// `npm run check`'s entry point: the findings of the program's analysis.
import { analyse } from '../analysis.ts';
import type { Finding } from '../findings.ts';
import type { Program } from '../load.ts';

export interface CheckResult {
	program: Program;
	findings: Finding[];
	documents: number;
}

export async function runCheck(root: string, options: { today?: string } = {}): Promise<CheckResult> {
	const { program, findings, documents } = await analyse(root, options);
	return { program, findings, documents };
}
