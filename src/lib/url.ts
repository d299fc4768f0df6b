// Turns the site's base-less routes (from src/core/routes.ts) into hrefs under the configured base path.
export { taskAnchor, taskRoute } from '../core/routes.ts';

/** The base path without its trailing slash: '' for a site at the root, '/docs' under /docs/. */
const BASE = import.meta.env.BASE_URL.replace(/\/+$/, '');

/** Prefixes a site-absolute route with the base path; other hrefs (http:, #, mailto:) pass through. */
export function href(route: string): string {
	if (!route.startsWith('/') || route.startsWith('//')) return route;
	return `${BASE}${route}`;
}

/** The page's path without the base, with a trailing slash, to compare with a route. */
export function routeOf(pathname: string): string {
	const path = BASE && pathname.startsWith(BASE) ? pathname.slice(BASE.length) : pathname;
	const withSlash = path.endsWith('/') ? path : `${path}/`;
	return withSlash.startsWith('/') ? withSlash : `/${withSlash}`;
}

/** The fragment of a route such as `/changelog/#v0.1.0`, without '#'. */
export function fragmentOf(route: string): string {
	const at = route.indexOf('#');
	return at === -1 ? '' : route.slice(at + 1);
}

/** A repository's web edit link for a file, for GitHub-style hosts (`<repo>/edit/<branch>/<path>`). */
export function editUrl(repository: string | undefined, branch: string, path: string): string | undefined {
	if (!repository) return undefined;
	return `${repository.replace(/\/+$/, '')}/edit/${branch}/${path}`;
}
