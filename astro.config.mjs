// @ts-check
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { defineConfig } from 'astro/config';

// PHASEBOOK_SITE and PHASEBOOK_BASE let CI publish under a GitHub Pages project path.
export default defineConfig({
	site: process.env.PHASEBOOK_SITE || 'https://phasebook.example',
	base: process.env.PHASEBOOK_BASE || '/',
	outDir: process.env.PHASEBOOK_OUT_DIR || './dist',
	trailingSlash: 'always',
	integrations: [
		mdx(),
		// sitemap-index.xml lists every page but the 404 and the print versions (copies of pages).
		sitemap({ filter: (page) => !/\/404\/?$|\/print\/$/.test(page) }),
	],
	devToolbar: { enabled: false },
});
