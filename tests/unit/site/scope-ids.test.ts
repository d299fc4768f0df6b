// Several documents on one page (a phase's print version, the changelog) keep their own ids, and
// their tables' regions their own names.
import { describe, expect, it } from 'vitest';
import { scopeIds } from '../../../src/lib/scope-ids.ts';

describe('scopeIds', () => {
	const html = '<h3 id="results">Results</h3><p><a href="#results">up</a> <a href="/x/#y">away</a></p><div class="table-wrap" tabindex="0" role="region" aria-label="Table: Gate, Result"><table></table></div><label for="q">Q</label><div aria-labelledby="results q"></div>';

	it('prefixes every id, in-page link and id reference, and leaves other links alone', () => {
		expect(scopeIds(html, 'ho-002-')).toBe(
			'<h3 id="ho-002-results">Results</h3><p><a href="#ho-002-results">up</a> <a href="/x/#y">away</a></p><div class="table-wrap" tabindex="0" role="region" aria-label="Table: Gate, Result"><table></table></div><label for="ho-002-q">Q</label><div aria-labelledby="ho-002-results ho-002-q"></div>',
		);
	});

	// A reader's attack: the phase report's and a handoff's "Gate, Result, Notes" tables were two
	// regions of one name on the print version.
	it('with a name, ends each region’s label with the document it is in', () => {
		const scoped = scopeIds(html, 'ho-002-', 'HO-002');
		expect(scoped).toContain('role="region" aria-label="Table: Gate, Result, in HO-002"');
		expect(scopeIds('<div role="region" aria-label="Steps">', 'x-', 'A "quoted" & <odd> id')).toBe('<div role="region" aria-label="Steps, in A &quot;quoted&quot; &amp; &lt;odd> id">');
		// Only regions' labels: a link's or a button's stays as written.
		expect(scopeIds('<button aria-label="Zoom in">+</button>', 'x-', 'HO-002')).toBe('<button aria-label="Zoom in">+</button>');
	});
});
