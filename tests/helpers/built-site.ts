// Builds a test program's site with its own copy of the command, and reads the pages as a reader does.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeSite } from './program.ts';

/**
 * Runs `phasebook build --out out` in `root` (a makeProgram folder), on `today` when given; throws
 * with the command's output when it fails. Returns that output, and a reader of the built pages.
 */
export function buildSite(root: string, today?: string): { output: string; html: (route: string) => string } {
	const phasebook = makeSite(root);
	const result = spawnSync(process.execPath, [phasebook, 'build', '--root', root, '--out', 'out'], {
		encoding: 'utf8',
		env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', ...(today && { PHASEBOOK_TODAY: today }) },
	});
	const output = `${result.stdout}\n${result.stderr}`;
	if (result.status !== 0) throw new Error(`The build failed:\n${output}`);
	return { output, html: (route) => readFileSync(join(root, 'out', route, 'index.html'), 'utf8') };
}

/** The page's text, tags and repeated white space gone, to assert what a reader reads. */
export const pageText = (page: string) =>
	page
		.replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ')
		.replace(/<[^>]+>/g, ' ')
		.replaceAll('&#39;', "'")
		.replaceAll('&quot;', '"')
		.replace(/\s+/g, ' ');
