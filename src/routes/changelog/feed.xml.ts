// The changelog as an Atom feed, at /changelog/feed.xml under the base path.
import type { APIRoute } from 'astro';
import { atom, changelogFeed } from '../../lib/feed.ts';

export const GET: APIRoute = async ({ site }) => {
	if (!site) throw new Error('The Atom feed needs absolute links: set `site` in astro.config.mjs (PHASEBOOK_SITE).');
	const body = atom(await changelogFeed(site, '/changelog/feed.xml'));
	return new Response(body, { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' } });
};
