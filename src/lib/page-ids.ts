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
