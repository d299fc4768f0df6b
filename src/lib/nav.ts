// The sidebar's structure: one group per document type, plus the site-wide pages that exist.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { documentRoute } from '../core/routes.ts';
import type { SiteProgram } from './program.ts';
import { sortedHandoffs, sortedPhases, sortedRcas, sortedReviews } from './relations.ts';

export interface NavLink {
	label: string;
	route: string;
	/** A status shown as a mark next to the label (phases only). */
	status?: string;
	/** Short prefix such as the document id. */
	prefix?: string;
}

export interface NavGroup {
	label: string;
	/** The group's index page and its link text. */
	route: string;
	indexLabel: string;
	links: NavLink[];
}

/**
 * Pages other helpers add later (traceability, readiness, search) appear in the navigation only
 * once their page file exists, so the sidebar never links to a 404.
 */
export function pageExists(name: string): boolean {
	const pages = join(process.cwd(), 'src', 'pages');
	return ['.astro', '/index.astro'].some((suffix) => existsSync(join(pages, `${name}${suffix}`)));
}

export function sidebarGroups(program: SiteProgram): NavGroup[] {
	return [
		{
			label: 'Phases',
			indexLabel: 'All phases',
			route: '/phases/',
			links: sortedPhases(program).map((p) => ({
				label: p.data.title,
				prefix: p.id,
				route: documentRoute('phase', p.id),
				status: p.data.status,
			})),
		},
		{
			label: 'RCAs',
			indexLabel: 'All RCAs',
			route: '/rcas/',
			links: sortedRcas(program).map((r) => ({ label: r.data.title, prefix: r.id, route: documentRoute('rca', r.id) })),
		},
		{
			label: 'Handoffs',
			indexLabel: 'All handoffs',
			route: '/handoffs/',
			links: sortedHandoffs(program).map((h) => ({ label: h.data.title, prefix: h.id, route: documentRoute('handoff', h.id) })),
		},
		{
			label: 'Reviews',
			indexLabel: 'All reviews',
			route: '/reviews/',
			links: sortedReviews(program).map((r) => ({ label: r.data.title, prefix: r.id, route: documentRoute('review', r.id) })),
		},
	];
}

/** Site-wide pages listed under the groups, in reading order. */
export function sitePages(): NavLink[] {
	const pages: NavLink[] = [
		{ label: 'Changelog', route: '/changelog/' },
		{ label: 'Task board', route: '/board/' },
	];
	if (pageExists('traceability')) pages.push({ label: 'Traceability', route: '/traceability/' });
	if (pageExists('readiness')) pages.push({ label: 'Readiness', route: '/readiness/' });
	return pages;
}
