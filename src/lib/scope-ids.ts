// Several documents on one page (a phase's print version, the changelog) each keep their own ids
// under a prefix: every id, the in-page links to it and the ARIA references to it. Also used for
// the changelog feeds, whose links must reach the ids the changelog page has.

/**
 * `html` with every id, `#` link and id reference (for, aria-*) prefixed with `prefix`; with
 * `name`, each region's label ends with it (", in HO-002"), as another document's table with the
 * same columns may be named alike on the same page.
 */
export function scopeIds(html: string, prefix: string, name?: string): string {
	const named = name === undefined ? html : html.replace(/(<[a-z][^>]*\srole="region"[^>]*\saria-label=")([^"]*)"/g, (_, head: string, label: string) => `${head}${label}, in ${escapeAttribute(name)}"`);
	return named
		.replace(/\s(id|for|aria-labelledby|aria-describedby|aria-controls)="([^"]+)"/g, (_, attr: string, value: string) => {
			const ids = value.split(/\s+/).map((id) => `${prefix}${id}`);
			return ` ${attr}="${ids.join(' ')}"`;
		})
		.replace(/\shref="#([^"]+)"/g, (_, id: string) => ` href="#${prefix}${id}"`);
}

const escapeAttribute = (text: string) => text.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');
