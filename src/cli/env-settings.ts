// The environment variables that set how the site is built: checked before a build, a server or
// a PDF starts, as PHASEBOOK_TODAY is (src/core/dates.ts). Astro failed on a PHASEBOOK_SITE that
// is no address once per page, built a site for PHASEBOOK_BASE=../../.. with a warning, and the
// render watch ignored a PHASEBOOK_RENDER_TIMEOUT it could not read.
import { DEFAULT_RENDER_SECONDS } from '../lib/render-watch.ts';
import { UserError } from './args.ts';

/** Why `base` is no path a site can be served under, or undefined when it is one (`/my-repo/`). */
function basePathProblem(base: string): string | undefined {
	if (/^[a-z][a-z0-9+.-]*:|^\/\/|[?#\\]|[\s\p{Cc}]/iu.test(base)) return 'not a path';
	if (base.split('/').some((segment) => segment === '..' || segment === '.')) return 'a path with a "." or ".." segment';
	return undefined;
}

/**
 * Throws a UserError naming the variable when PHASEBOOK_SITE is set and is no http(s) address,
 * PHASEBOOK_BASE is no plain path, or PHASEBOOK_RENDER_TIMEOUT is no number of seconds above 0.
 * Empty counts as unset, as everywhere they are read.
 */
export function assertBuildSettings(env: NodeJS.ProcessEnv = process.env): void {
	const site = env['PHASEBOOK_SITE'];
	if (site) {
		const url = URL.canParse(site.trim()) ? new URL(site.trim()) : undefined;
		if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
			throw new UserError(`PHASEBOOK_SITE is "${site}", expected the http:// or https:// address the site is published at (https://docs.example.com/), or unset`);
		}
	}
	const base = env['PHASEBOOK_BASE'];
	const problem = base ? basePathProblem(base) : undefined;
	if (problem) throw new UserError(`PHASEBOOK_BASE is "${base}", ${problem}; expected the path the site is served under (/my-repo/), or unset`);
	const timeout = env['PHASEBOOK_RENDER_TIMEOUT'];
	if (timeout && !(/^\d+(\.\d+)?$/.test(timeout.trim()) && Number(timeout) > 0)) {
		throw new UserError(`PHASEBOOK_RENDER_TIMEOUT is "${timeout}", expected a number of seconds above 0, or unset for ${DEFAULT_RENDER_SECONDS}`);
	}
}
