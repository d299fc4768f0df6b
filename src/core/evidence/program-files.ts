// A coverage run without the program's own files: a Phasebook program in a folder of its own
// (`docs/`) is not code, yet a coverage tool run at the repository's top measures its
// astro.config.mjs (and, after a local build, its dist/ bundles) and drags the figures down.
import type { CoverageSummary } from '../schemas/index.ts';
import { coverageSummary, totalsOf } from './coverage-figures.ts';
import { EvidenceError } from './errors.ts';

/**
 * The program's own folder, from the repository's top with a trailing slash (`docs/`), when it
 * owns the whole folder: it is not the repository's top and the code does not live inside it.
 * The same rule as the git checks' (code-facts.ts), from the paths alone.
 *
 * @param project the program folder, relative to the repository ('' at its top)
 * @param code the code folder, relative to the repository ('' at its top)
 */
export function ownProgramFolder(project: string, code: string): string | undefined {
	const folder = project.replace(/\/+$/, '');
	if (folder === '') return undefined;
	return `${code.replace(/\/+$/, '')}/`.startsWith(`${folder}/`) ? undefined : `${folder}/`;
}

/**
 * The coverage with the files under `folder` left out and its figures worked out again from the
 * files that remain, as percentages are everywhere (truncated). Unchanged when none is under it
 * or the report gives no per-file figures. A report that measured only the program's files is
 * refused: it says nothing of the code.
 */
export function withoutProgramFiles(coverage: CoverageSummary, folder: string | undefined, file: string): { coverage: CoverageSummary; left: string[] } {
	const files = coverage.files ?? [];
	const left = folder ? files.filter((f) => f.path.startsWith(folder)).map((f) => f.path) : [];
	if (left.length === 0) return { coverage, left };
	const kept = files.filter((f) => !f.path.startsWith(folder!));
	if (kept.length === 0) {
		throw new EvidenceError(`${file} measures only the Phasebook program's own files (${folder}), not the code; expected the coverage report of the code under test`);
	}
	return { coverage: coverageSummary(totalsOf(kept), kept, file), left };
}
