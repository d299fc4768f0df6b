// The sidebar's structure: one group per document type, plus the site-wide pages that exist.
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
 * Groups other than phases list only their latest documents: the sidebar is on every page, and a
 * program with 400 RCAs would otherwise repeat 400 links on each of its 1,000 pages.
 */
export const SIDEBAR_LIMIT = 8;

function latest<T>(items: readonly T[]): T[] {
	return items.length > SIDEBAR_LIMIT ? items.slice(-SIDEBAR_LIMIT) : [...items];
}

const allLabel = (label: string, count: number) => (count > SIDEBAR_LIMIT ? `All ${count} ${label}` : `All ${label}`);

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
			indexLabel: allLabel('RCAs', sortedRcas(program).length),
			route: '/rcas/',
			links: latest(sortedRcas(program)).map((r) => ({ label: r.data.title, prefix: r.id, route: documentRoute('rca', r.id) })),
		},
		{
			label: 'Handoffs',
			indexLabel: allLabel('handoffs', sortedHandoffs(program).length),
			route: '/handoffs/',
			links: latest(sortedHandoffs(program)).map((h) => ({ label: h.data.title, prefix: h.id, route: documentRoute('handoff', h.id) })),
		},
		{
			label: 'Reviews',
			indexLabel: allLabel('reviews', sortedReviews(program).length),
			route: '/reviews/',
			links: latest(sortedReviews(program)).map((r) => ({ label: r.data.title, prefix: r.id, route: documentRoute('review', r.id) })),
		},
	];
}

/** Site-wide pages listed under the groups, in reading order. */
export function sitePages(): NavLink[] {
	return [
		{ label: 'Changelog', route: '/changelog/' },
		{ label: 'Task board', route: '/board/' },
		{ label: 'Traceability', route: '/traceability/' },
		{ label: 'Readiness', route: '/readiness/' },
	];
}
