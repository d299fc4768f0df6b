// The changelog as an RSS 2.0 feed, at /changelog/rss.xml under the base path.
import type { APIRoute } from 'astro';
import { changelogFeed, rss } from '../../lib/feed.ts';

export const GET: APIRoute = async ({ site }) => {
	if (!site) throw new Error('The RSS feed needs absolute links: set `site` in astro.config.mjs (PHASEBOOK_SITE).');
	const body = rss(await changelogFeed(site, '/changelog/rss.xml'));
	return new Response(body, { headers: { 'Content-Type': 'application/rss+xml; charset=utf-8' } });
};
