// The program for this build: loaded once by the core and shared by every page.
import { AstroError } from 'astro/errors';
import { sortFindings, type Finding } from '../core/findings.ts';
import { loadProgram, type Program } from '../core/load.ts';
import type { Project } from '../core/schemas/index.ts';

/** A program whose project settings loaded, which is all a page may rely on. */
export type SiteProgram = Program & { project: Project };

let loading: Promise<SiteProgram> | undefined;

function format(f: Finding): string {
	return `${f.path}:${f.line}:${f.column}  ${f.message}  ${f.ruleId}`;
}

async function load(root: string): Promise<SiteProgram> {
	const { program, findings } = await loadProgram(root);
	const errors = sortFindings(findings.filter((f) => f.severity === 'error'));
	if (errors.length > 0 || !program.project) {
		const count = errors.length === 1 ? '1 error' : `${errors.length} errors`;
		throw new AstroError(
			`The content in ${root}/content has ${count}, so the site cannot be built:\n${errors.map(format).join('\n')}`,
			'Fix the files named above; `npm run check` lists every problem with its position.',
		);
	}
	return program as SiteProgram;
}

/** Loads content/ once per build (the promise is memoised, so concurrent pages share it). */
export function getProgram(): Promise<SiteProgram> {
	loading ??= load(process.cwd());
	return loading;
}
