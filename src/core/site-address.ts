// Where the site is published: project.yaml's `site`, which PHASEBOOK_SITE overrides, and what a
// build uses when neither is set (the address `npm run preview` serves on, never a made-up domain).
import type { Project } from './schemas/index.ts';

/** Feeds and the sitemap need absolute links; without a site address they point at the preview. */
export const PREVIEW_SITE = 'http://localhost:4321/';

/** The site's published address, or undefined when neither PHASEBOOK_SITE nor project.yaml sets one. */
export function configuredSite(
	project: Pick<Project, 'site'> | undefined,
	env: NodeJS.ProcessEnv = process.env,
): string | undefined {
	return env['PHASEBOOK_SITE'] || project?.site || undefined;
}

/** Astro's `site` seen from a page: undefined when it is only the preview stand-in. */
export function publishedSite(site: URL | undefined): URL | undefined {
	return site && site.href !== PREVIEW_SITE ? site : undefined;
}

/**
 * A build meant for publishing: `npm run build -- --deploy`, or any CI run (CI=true, which GitHub
 * Actions, GitLab CI and most others set). Only such a build warns about a missing site address.
 */
export function isDeployBuild(deployFlag: boolean, env: NodeJS.ProcessEnv = process.env): boolean {
	return deployFlag || env['CI'] === 'true' || env['CI'] === '1';
}

/** The one warning a deploy build without a site address prints. */
export function missingSiteWarning(): string {
	return (
		'No site address: set `site` in content/project.yaml (or PHASEBOOK_SITE) to where the site is published. ' +
		`Until then the feeds and the sitemap point at ${PREVIEW_SITE}, pages carry no canonical link and printed pages no links to the site.`
	);
}
