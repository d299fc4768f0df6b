// Where a program lives: its root holds content/. Light on purpose, so a command can refuse a
// wrong --root before it loads the schemas and the rules.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { FindingError, findingAt } from './findings.ts';

export const CONTENT_DIR = 'content';

/**
 * Stops a command with one line when `root` is not a project: missing, a file, or a folder
 * without content/ (such as /etc, or a typo in --root).
 */
export async function assertProjectRoot(root: string): Promise<void> {
	const info = await stat(root).catch(() => undefined);
	const hint = 'run this from the project root (the folder that holds content/) or pass --root <dir>';
	const refuse = (problem: string) => new FindingError(findingAt({}, 'error', `${problem}; ${hint}`, 'cli/usage'));
	if (!info) throw refuse(`No folder ${root}`);
	if (!info.isDirectory()) throw refuse(`${root} is a file, not a project folder`);
	const content = await stat(join(root, CONTENT_DIR)).catch(() => undefined);
	if (!content?.isDirectory()) throw refuse(`${root} has no ${CONTENT_DIR}/ folder, so it is not a Phasebook project`);
}
