// The site's pages: every file under src/routes/ becomes a route the integration injects, so a
// program's own folder holds no page, component or copy of the core.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const routesDir = new URL('../routes/', import.meta.url);

export interface InjectedRoute {
	pattern: string;
	entrypoint: URL;
}

/** `phases/[phase]/print.astro` -> `/phases/[phase]/print`; `rcas/index.astro` -> `/rcas`. */
export function routePattern(file: string): string {
	const path = file.replace(/\.(astro|ts)$/, '').replace(/(^|\/)index$/, '');
	return `/${path}`;
}

export function siteRoutes(): InjectedRoute[] {
	return readdirSync(fileURLToPath(routesDir), { recursive: true, encoding: 'utf8' })
		.map((file) => file.replaceAll('\\', '/'))
		.filter((file) => /\.(astro|ts)$/.test(file))
		.sort()
		.map((file) => ({ pattern: routePattern(file), entrypoint: new URL(file, routesDir) }));
}
