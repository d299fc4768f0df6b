// The changelog as Atom 1.0 and RSS 2.0: released entries, newest first, with absolute links.
// Only the entries' own dates go in, never the build time, so the files are reproducible.
import { getContainerRenderer } from '@astrojs/mdx/container-renderer';
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { loadRenderers } from 'astro:container';
import { documentRoute } from '../core/routes.ts';
import { writtenDescription } from '../core/published-body.ts';
import { getAnalysis } from './program.ts';
import { renderDocument } from './content.ts';
import { untaggedRelease } from '../core/check/release.ts';
import { sortedChangelog } from '../core/relations.ts';
import { scopeIds } from './scope-ids.ts';
import { resolveSourceLinks, sourceLinkTargets } from './source-links.ts';
import { fragmentOf, href } from './url.ts';
import { resolveDeferredDiagrams } from 'virtual:phasebook/context';

export interface FeedEntry {
	id: string;
	title: string;
	url: string;
	/** YYYY-MM-DD */
	date: string;
	authors: string[];
	/** The entry's body as HTML with absolute links. */
	html: string;
}

export interface Feed {
	title: string;
	subtitle: string;
	/** The changelog page and the feed itself, absolute. */
	pageUrl: string;
	selfUrl: string;
	author: string;
	entries: FeedEntry[];
	/** YYYY-MM-DD: the newest entry's date, or with none released yet the program's newest date. */
	updated: string;
}

/**
 * When the feed last changed. With no released entry the newest date the program states (a draft
 * entry's, a phase's start) stands in: an empty feed read as updated on 1 January 1970.
 */
export function feedUpdated(entries: readonly { date: string }[], programDates: readonly string[]): string {
	const newest = (dates: readonly string[]) => dates.reduce<string | undefined>((latest, d) => (latest === undefined || d > latest ? d : latest), undefined);
	return newest(entries.map((e) => e.date)) ?? newest(programDates) ?? '1970-01-01';
}

const escapeXml = (text: string) =>
	text
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&apos;');

/**
 * Site routes in rendered HTML ("/phases/3/", "#v0.2.0-added") made absolute, as feed readers need:
 * a fragment is one of `pageUrl`'s, whatever fragment `pageUrl` has.
 */
export function absoluteLinks(html: string, siteRoot: string, pageUrl: string): string {
	const page = pageUrl.replace(/#.*$/, '');
	return html
		.replace(/\s(href|src)="\/(?!\/)/g, ` $1="${siteRoot}`)
		.replace(/\s(href|src)="#/g, ` $1="${page}#`);
}

/** The released changelog entries, rendered. `site` is Astro's `site` (it carries no base path). */
export async function changelogFeed(site: URL, selfRoute: string): Promise<Feed> {
	const analysis = await getAnalysis();
	const { program, code } = analysis;
	const { project } = program;
	const links = await sourceLinkTargets(analysis);
	const siteRoot = new URL(href('/'), site).href;
	const pageUrl = new URL(href('/changelog/'), site).href;
	// MDX bodies are rendered to HTML strings through Astro's container, with MDX's renderer.
	const container = await AstroContainer.create({
		renderers: await loadRenderers([getContainerRenderer()]),
	});
	const released = sortedChangelog(program).filter((c) => c.data.status === 'released');
	const entries: FeedEntry[] = [];
	for (const entry of released) {
		const { Content } = await renderDocument(entry);
		const route = documentRoute('changelog', entry.data.version);
		const url = new URL(href(route), site).href;
		// A cold build may still be rendering the entry's diagrams: wait for them, as pages do.
		const body = await resolveDeferredDiagrams(await container.renderToString(Content));
		// The entry's ids as the changelog page has them (under its version), so its in-page links,
		// a footnote's say, reach that page's ids.
		// Relative links to documents and files, which the site's Link component resolves on pages.
		const html = absoluteLinks(scopeIds(resolveSourceLinks(body, links), `${fragmentOf(route)}-`), siteRoot, pageUrl);
		// As the changelog page marks it: a feed reader sees no badge, so the title and text say it.
		const tag = untaggedRelease(program, project, code, entry.data.version, entry.data.phase);
		entries.push({
			id: url,
			title: `${entry.data.version}: ${entry.data.title}${tag ? ` (tag ${tag} is not in the repository)` : ''}`,
			url,
			date: entry.data.date,
			authors: entry.data.owners,
			html: tag ? `<p><strong>Tag ${escapeXml(tag)} is not in the repository</strong>: nothing shows which code this release shipped.</p>\n${html}` : html,
		});
	}
	return {
		title: `${project.name} changelog`,
		subtitle: writtenDescription(project.description) ?? `The releases of ${project.name}`,
		pageUrl,
		selfUrl: new URL(href(selfRoute), site).href,
		author: project.name,
		entries,
		updated: feedUpdated(entries, [...program.documents.changelog.map((c) => c.data.date), ...program.documents.phase.map((p) => p.data.window.start)]),
	};
}

const atomDate = (date: string) => `${date}T00:00:00Z`;

export function atom(feed: Feed): string {
	const lines = [
		'<?xml version="1.0" encoding="utf-8"?>',
		'<feed xmlns="http://www.w3.org/2005/Atom">',
		`\t<id>${escapeXml(feed.pageUrl)}</id>`,
		`\t<title>${escapeXml(feed.title)}</title>`,
		`\t<subtitle>${escapeXml(feed.subtitle)}</subtitle>`,
		`\t<updated>${atomDate(feed.updated)}</updated>`,
		`\t<link rel="alternate" type="text/html" href="${escapeXml(feed.pageUrl)}"/>`,
		`\t<link rel="self" type="application/atom+xml" href="${escapeXml(feed.selfUrl)}"/>`,
		`\t<author><name>${escapeXml(feed.author)}</name></author>`,
		'\t<generator>Phasebook</generator>',
	];
	for (const e of feed.entries) {
		lines.push(
			'\t<entry>',
			`\t\t<id>${escapeXml(e.id)}</id>`,
			`\t\t<title>${escapeXml(e.title)}</title>`,
			`\t\t<link rel="alternate" type="text/html" href="${escapeXml(e.url)}"/>`,
			`\t\t<published>${atomDate(e.date)}</published>`,
			`\t\t<updated>${atomDate(e.date)}</updated>`,
			...e.authors.map((a) => `\t\t<author><name>${escapeXml(a)}</name></author>`),
			`\t\t<content type="html">${escapeXml(e.html)}</content>`,
			'\t</entry>',
		);
	}
	lines.push('</feed>', '');
	return lines.join('\n');
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** RFC 822 date at midnight UTC, as RSS 2.0 wants ("Fri, 27 Nov 2026 00:00:00 +0000"). */
function rssDate(date: string): string {
	const [y = 1970, m = 1, d = 1] = date.split('-').map(Number);
	const day = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
	return `${DAYS[day]}, ${String(d).padStart(2, '0')} ${MONTHS[m - 1]} ${y} 00:00:00 +0000`;
}

export function rss(feed: Feed): string {
	const lines = [
		'<?xml version="1.0" encoding="utf-8"?>',
		'<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
		'\t<channel>',
		`\t\t<title>${escapeXml(feed.title)}</title>`,
		`\t\t<link>${escapeXml(feed.pageUrl)}</link>`,
		`\t\t<description>${escapeXml(feed.subtitle)}</description>`,
		`\t\t<atom:link rel="self" type="application/rss+xml" href="${escapeXml(feed.selfUrl)}"/>`,
		'\t\t<generator>Phasebook</generator>',
	];
	lines.push(`\t\t<lastBuildDate>${rssDate(feed.updated)}</lastBuildDate>`);
	for (const e of feed.entries) {
		lines.push(
			'\t\t<item>',
			`\t\t\t<title>${escapeXml(e.title)}</title>`,
			`\t\t\t<link>${escapeXml(e.url)}</link>`,
			`\t\t\t<guid isPermaLink="true">${escapeXml(e.url)}</guid>`,
			`\t\t\t<pubDate>${rssDate(e.date)}</pubDate>`,
			`\t\t\t<description>${escapeXml(e.html)}</description>`,
			'\t\t</item>',
		);
	}
	lines.push('\t</channel>', '</rss>', '');
	return lines.join('\n');
}
