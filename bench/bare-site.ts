// A bare Astro site over the same content/ folders: the baseline the Phasebook build is compared to.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const COLLECTIONS = ['phases', 'rcas', 'handoffs', 'reviews', 'changelog'];

/** Writes an Astro project under `dir` that renders every document of `contentDir` on its own page. */
export function writeBareSite(dir: string, contentDir: string, nodeModules: string): void {
	mkdirSync(join(dir, 'src/pages/[collection]'), { recursive: true });
	symlinkSync(nodeModules, join(dir, 'node_modules'), 'dir');
	writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
	writeFileSync(join(dir, 'astro.config.mjs'), `import mdx from '@astrojs/mdx';\nexport default { integrations: [mdx()] };\n`);
	writeFileSync(
		join(dir, 'src/content.config.ts'),
		`import { defineCollection } from 'astro:content';\nimport { glob } from 'astro/loaders';\n` +
			`export const collections = {\n${COLLECTIONS.map((c) => `\t'${c}': defineCollection({ loader: glob({ pattern: '**/*.mdx', base: ${JSON.stringify(join(contentDir, c))} }) }),`).join('\n')}\n};\n`,
	);
	writeFileSync(
		join(dir, 'src/pages/[collection]/[id].astro'),
		`---\nimport { getCollection, render } from 'astro:content';\nexport async function getStaticPaths() {\n\tconst names = ${JSON.stringify(COLLECTIONS)};\n` +
			`\tconst all = await Promise.all(names.map((n) => getCollection(n)));\n\treturn all.flat().map((entry) => ({ params: { collection: entry.collection, id: entry.id }, props: { entry } }));\n}\n` +
			`const { entry } = Astro.props;\nconst { Content } = await render(entry);\n---\n<html lang="en"><head><title>{entry.data.title}</title></head><body><main><h1>{entry.data.title}</h1><Content /></main></body></html>\n`,
	);
}
