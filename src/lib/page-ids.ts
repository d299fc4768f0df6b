// The ids of a page's own parts (its main region, the sidebar, a phase's panels and evidence), under
// a prefix: a document's body gets its headings' ids from their text, so a phase whose body has a
// "### Requirements" gave two elements the id `requirements`, and the page's own links and contents
// jumped to one of them. No heading's text gives an id that starts `pb-` unless it starts "Pb".

/** The id of one of the page's own parts. */
export const pageId = (name: string): string => `pb-${name}`;

export const MAIN = pageId('main');
export const SIDEBAR = pageId('sidebar');
export const EVIDENCE = pageId('evidence-readiness');
export const GATE_RESULTS = pageId('gate-results');
export const COVERAGE_DELTAS = pageId('coverage-deltas');
export const FAILING_CASES = pageId('failing-cases');
export const EVIDENCE_ON_DATE = pageId('evidence-on-date');
export const SEARCH_INPUT = pageId('site-search-input');
export const SEARCH_HINT = pageId('site-search-hint');
export const VIEWER_TITLE = pageId('diagram-viewer-title');
export const VIEWER_KEYS = pageId('diagram-viewer-keys');

/** A phase page's panels (Panel.astro): their titles, and the names their ids are made from. */
export const PHASE_PANELS = {
	requirements: { title: 'Requirements', name: 'requirements' },
	deliverables: { title: 'Deliverables', name: 'deliverables' },
	approvals: { title: 'Approvals', name: 'approvals' },
	deferred: { title: 'Deferred items', name: 'deferred-items' },
	code: { title: 'Code and git range', name: 'code-range' },
	related: { title: 'RCAs, handoff and review', name: 'related' },
} as const;

/**
 * The panels a phase page shows, in their order, as entries of its contents: the approvals and
 * deferred items are what a sign-off reader looks for. Deferred items show only when there are some.
 */
export function phasePanelHeadings(deferred: number): { depth: number; slug: string; text: string }[] {
	const { requirements, deliverables, approvals, code, related } = PHASE_PANELS;
	const shown = [requirements, deliverables, approvals, ...(deferred > 0 ? [PHASE_PANELS.deferred] : []), code, related];
	return shown.map((panel) => ({ depth: 2, slug: pageId(panel.name), text: panel.title }));
}
