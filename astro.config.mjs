// @ts-check
import { fileURLToPath } from 'node:url';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { defineConfig } from 'astro/config';
import { today } from './src/core/dates.ts';
import { loadProgram, loadProject } from './src/core/load.ts';
import { programDiagrams } from './src/core/program-diagrams.ts';
import { sharedAnalysis } from './src/core/shared-analysis.ts';
import { configuredSite, PREVIEW_SITE } from './src/core/site-address.ts';
import { ignoreKnownWarnings } from './src/integrations/known-warnings.ts';
import diagrams from './src/integrations/diagrams.ts';

const root = fileURLToPath(new URL('.', import.meta.url));
const project = sharedAnalysis(root)?.project ?? (await loadProject(root));

// The site address comes from project.yaml (PHASEBOOK_SITE overrides it); PHASEBOOK_BASE lets CI
// publish under a GitHub Pages project path.
export default defineConfig({
	site: configuredSite(project) ?? PREVIEW_SITE,
	base: process.env.PHASEBOOK_BASE || '/',
	outDir: process.env.PHASEBOOK_OUT_DIR || './dist',
	trailingSlash: 'always',
	// Astro 7's default ('jsx') drops the line breaks between elements, so a label and its value
	// (<dt>Owners</dt><dd>…</dd>, table cells) reach the search index as one word: "OwnersAlex".
	// `true` keeps one white-space character there, which the page shows as nothing at all.
	compressHTML: true,
	// Two pages at a time: one page's file writes and git look-ups overlap another's rendering.
	// Generating 1,061 pages took 6.3 s instead of 7.5 s (bench/scale.ts, BENCHMARKS.md).
	build: { concurrency: 2 },
	integrations: [
		// Registers its mermaid plugin on the default Sätteri processor, which mdx() then uses.
		diagrams({
			root,
			contentDir: 'content',
			// The dashboard's timeline and dependency graph, rendered in the same batch as the documents'.
			generated: async () => {
				const shared = sharedAnalysis(root);
				return shared ? programDiagrams(shared.program, shared.today) : programDiagrams((await loadProgram(root)).program, today());
			},
		}),
		mdx(),
		// sitemap-index.xml lists every page but the 404 and the print versions (copies of pages).
		sitemap({ filter: (page) => !/\/404\/?$|\/print\/$/.test(page) }),
	],
	devToolbar: { enabled: false },
	vite: { build: { rolldownOptions: { onwarn: ignoreKnownWarnings } } },
});
