// The sidebar's structure: one group per document type, plus the site-wide pages that exist.
import { documentRoute } from '../core/routes.ts';
import type { SiteProgram } from './program.ts';
import { sortedHandoffs, sortedPhases, sortedRcas, sortedReviews } from '../core/relations.ts';

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
 * Each group lists a bounded number of documents, because the sidebar is on every page: a program
 * with 400 RCAs would otherwise repeat 400 links on each of its 1,000 pages, and its pages would
 * grow with the program (quadratic output). The group's index page lists them all.
 */
export const SIDEBAR_LIMIT = 8;
/** Phases are the program's spine, so more of them are shown. */
export const PHASE_LIMIT = 12;

/**
 * At most `limit` items: the window around the one at `current` (so a document's page sees itself
 * and its neighbours), else the latest.
 */
export function windowAround<T>(items: readonly T[], current: number, limit: number): T[] {
	if (items.length <= limit) return [...items];
	if (current < 0) return items.slice(-limit);
	const start = Math.min(Math.max(0, current - Math.floor(limit / 2)), items.length - limit);
	return items.slice(start, start + limit);
}

const allLabel = (label: string, count: number, limit = SIDEBAR_LIMIT) => (count > limit ? `All ${count} ${label}` : `All ${label}`);

/** Of a type's documents, the window around the page's own (it sees itself and its neighbours), else the latest. */
function around<T extends { id: string }>(type: 'rca' | 'handoff' | 'review', items: readonly T[], currentRoute: string): T[] {
	return windowAround(items, items.findIndex((d) => documentRoute(type, d.id) === currentRoute), SIDEBAR_LIMIT);
}

/** The sidebar of the page at `currentRoute` (a route as `routeOf` gives it). */
export function sidebarGroups(program: SiteProgram, currentRoute = ''): NavGroup[] {
	const phases = sortedPhases(program);
	const current = phases.findIndex((p) => documentRoute('phase', p.id) === currentRoute);
	return [
		{
			label: 'Phases',
			indexLabel: allLabel('phases', phases.length, PHASE_LIMIT),
			route: '/phases/',
			links: windowAround(phases, current, PHASE_LIMIT).map((p) => ({
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
			links: around('rca', sortedRcas(program), currentRoute).map((r) => ({ label: r.data.title, prefix: r.id, route: documentRoute('rca', r.id) })),
		},
		{
			label: 'Handoffs',
			indexLabel: allLabel('handoffs', sortedHandoffs(program).length),
			route: '/handoffs/',
			links: around('handoff', sortedHandoffs(program), currentRoute).map((h) => ({ label: h.data.title, prefix: h.id, route: documentRoute('handoff', h.id) })),
		},
		{
			label: 'Reviews',
			indexLabel: allLabel('reviews', sortedReviews(program).length),
			route: '/reviews/',
			links: around('review', sortedReviews(program), currentRoute).map((r) => ({ label: r.data.title, prefix: r.id, route: documentRoute('review', r.id) })),
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
