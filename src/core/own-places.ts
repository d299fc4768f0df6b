// The program's own places, where a file a command writes with --out (an evidence run, a PDF)
// does not belong: a file there is read as a document or a template and fails every later check,
// is published with the site, or is run by git (a hook).
import { basename, dirname, join, sep } from 'node:path';
import { realish, within } from './atomic-dir.ts';
import { CONTENT_DIR } from './project-root.ts';
import { TEMPLATES_DIR } from './templates.ts';

export type OwnPlace = typeof CONTENT_DIR | typeof TEMPLATES_DIR | 'public' | '.git';

/** What each place is, as the refusals say it. */
export const OWN_PLACE_TEXT: Record<OwnPlace, string> = {
	content: `${CONTENT_DIR}/, where the documents are`,
	templates: `${TEMPLATES_DIR}/, where the document templates are`,
	public: 'public/, which the build copies into the site',
	'.git': "git's own folder",
};

/**
 * Which of the program's own places the absolute path `target` lies in, as written or where its
 * folder's links lead: content/, templates/ or public/ of the project at `root`, or any .git folder (the
 * repository's is above the project, `../.git/hooks/pre-commit`). Undefined for anywhere else.
 */
export async function ownPlace(root: string, target: string): Promise<OwnPlace | undefined> {
	const realRoot = await realish(root);
	// The folder's links are followed, not one the file's own name is: the write replaces that link.
	const real = join(await realish(dirname(target)), basename(target));
	for (const [path, top] of [[target, root], [real, realRoot]] as const) {
		if (path.split(sep).includes('.git')) return '.git';
		for (const place of [CONTENT_DIR, TEMPLATES_DIR, 'public'] as const) {
			if (within(path, join(top, place))) return place;
		}
	}
	return undefined;
}
