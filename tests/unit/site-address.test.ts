// The site address: project.yaml's `site`, PHASEBOOK_SITE over it, and when a build is for deployment.
import { describe, expect, it } from 'vitest';
import { projectSchema } from '../../src/core/schemas/index.ts';
import { configuredSite, isDeployBuild, PREVIEW_SITE, publishedSite } from '../../src/core/site-address.ts';

const base = { name: 'P', description: 'D', gates: [{ id: 'unit', title: 'Unit', layer: 'unit' }] };

describe('site address', () => {
	it('reads project.yaml, lets PHASEBOOK_SITE override it, and is undefined without either', () => {
		const project = projectSchema.parse({ ...base, site: 'https://docs.example.org/' });
		expect(configuredSite(project, {})).toBe('https://docs.example.org/');
		expect(configuredSite(project, { PHASEBOOK_SITE: 'https://acme.github.io' })).toBe('https://acme.github.io');
		expect(configuredSite(projectSchema.parse(base), { PHASEBOOK_SITE: '' })).toBeUndefined();
	});

	it('accepts only http(s) addresses in project.yaml', () => {
		const result = projectSchema.safeParse({ ...base, site: 'ftp://docs.example.org/' });
		expect(result.success).toBe(false);
		expect(result.error?.issues[0]?.message).toBe('expected the http(s) address the site is published at');
	});

	it('treats the preview stand-in as no published address', () => {
		expect(publishedSite(new URL(PREVIEW_SITE))).toBeUndefined();
		expect(publishedSite(new URL('https://docs.example.org/'))?.origin).toBe('https://docs.example.org');
	});

	it('counts --deploy and CI runs as builds for deployment', () => {
		expect(isDeployBuild(true, {})).toBe(true);
		expect(isDeployBuild(false, { CI: 'true' })).toBe(true);
		expect(isDeployBuild(false, {})).toBe(false);
	});
});
