// Browser side of search: loads the Pagefind index the build wrote, runs queries, renders results.
// Shared by the header box (SiteSearch.astro) and the search page (pages/search.astro).

interface PagefindData {
	url: string;
	excerpt: string;
	meta: Record<string, string | undefined>;
	sub_results?: { url: string; title: string; excerpt: string }[];
}

interface PagefindModule {
	options(options: Record<string, unknown>): Promise<void>;
	init(): Promise<void>;
	search(
		query: string,
		options?: { filters?: Record<string, string> },
	): Promise<{ results: { id: string; data(): Promise<PagefindData> }[] } | null>;
}

export interface Hit {
	url: string;
	title: string;
	excerpt: string;
	type: string | undefined;
	phase: string | undefined;
	sections: { url: string; title: string }[];
}

let loading: Promise<PagefindModule> | undefined;

/** Loads `<base>pagefind/pagefind.js` once; rejects when the index was not built (astro dev). */
export function loadPagefind(base: string): Promise<PagefindModule> {
	loading ??= (import(/* @vite-ignore */ `${base}pagefind/pagefind.js`) as Promise<PagefindModule>).then(async (pagefind) => {
		await pagefind.options({ baseUrl: base, excerptLength: 24 });
		await pagefind.init();
		return pagefind;
	});
	return loading;
}

/** The first `limit` hits for a query, and how many there are in all. */
export async function runSearch(
	base: string,
	query: string,
	filters: Record<string, string>,
	limit: number,
): Promise<{ total: number; hits: Hit[] } | undefined> {
	const pagefind = await loadPagefind(base);
	const found = await pagefind.search(query, { filters });
	// null: a newer search started (Pagefind debounces); the caller keeps what it shows.
	if (!found) return undefined;
	const data = await Promise.all(found.results.slice(0, limit).map((r) => r.data()));
	return {
		total: found.results.length,
		hits: data.map((d) => ({
			url: d.url,
			title: d.meta['title'] ?? d.url,
			excerpt: d.excerpt,
			type: d.meta['type'],
			phase: d.meta['phase'],
			sections: (d.sub_results ?? [])
				.filter((s) => s.url.includes('#') && s.title !== d.meta['title'])
				.slice(0, 3)
				.map((s) => ({ url: s.url, title: s.title })),
		})),
	};
}

/** Pagefind's excerpt as DOM nodes: its text and its <mark>s, nothing else (no markup is trusted). */
export function excerptNodes(excerpt: string): Node[] {
	const parsed = new DOMParser().parseFromString(`<p>${excerpt}</p>`, 'text/html').body.firstElementChild;
	const nodes: Node[] = [];
	for (const node of parsed?.childNodes ?? []) {
		if (node.nodeName === 'MARK') {
			const mark = document.createElement('mark');
			mark.textContent = node.textContent;
			nodes.push(mark);
		} else {
			nodes.push(document.createTextNode(node.textContent ?? ''));
		}
	}
	return nodes;
}

/** "Phase report · Phase 3". */
export function hitLabel(hit: Pick<Hit, 'type' | 'phase'>): string {
	return [hit.type, hit.phase ? `Phase ${hit.phase}` : undefined].filter(Boolean).join(' · ');
}

/** One result: the title as a link, type and phase, the excerpt, and links to matching sections. */
export function renderHit(hit: Hit, options: { sections: boolean }): HTMLLIElement {
	const item = document.createElement('li');
	item.className = 'search-hit';
	const link = document.createElement('a');
	link.href = hit.url;
	link.className = 'search-hit-title';
	link.textContent = hit.title;
	item.append(link);
	const label = hitLabel(hit);
	if (label) {
		const meta = document.createElement('span');
		meta.className = 'search-hit-meta';
		meta.textContent = label;
		item.append(meta);
	}
	const excerpt = document.createElement('p');
	excerpt.className = 'search-hit-excerpt';
	excerpt.append(...excerptNodes(hit.excerpt));
	item.append(excerpt);
	if (options.sections && hit.sections.length > 0) {
		const list = document.createElement('ul');
		list.className = 'search-hit-sections';
		for (const section of hit.sections) {
			const li = document.createElement('li');
			const a = document.createElement('a');
			a.href = section.url;
			a.textContent = section.title;
			li.append(a);
			list.append(li);
		}
		item.append(list);
	}
	return item;
}
