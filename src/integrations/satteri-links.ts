// Sätteri mdast plugin: marks each relative link of a document with the project path it names
// (source-links.ts); the prose Link component turns the mark into a page of the site or a file in
// the repository when the page renders. Images are Astro's: it publishes the files they show, and
// leaves a root-relative one (a file of public/) as written, so this puts it under the base path.
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MdastPluginDefinition, MdastVisitorContext } from 'satteri';
import { markSourceLink } from '../core/source-links.ts';

const PATH = 'phasebookDocumentPath';

export function satteriLinks(options: { root: string; contentDir: string; base: string }): MdastPluginDefinition {
	const base = options.base.replace(/\/+$/, '');
	const mark = (node: Readonly<{ url: string }>, ctx: MdastVisitorContext) => {
		const path = ctx.data[PATH] as string | undefined;
		const marked = path === undefined ? undefined : markSourceLink(path, node.url);
		if (marked !== undefined) ctx.setProperty(node as never, 'url' as never, marked as never);
	};
	return {
		name: 'phasebook-links',
		before(_root, ctx) {
			const path = ctx.fileURL ? relative(options.root, fileURLToPath(ctx.fileURL)).replaceAll('\\', '/') : undefined;
			// Only the program's documents: a page of the site's own (src/pages) links as Astro serves it.
			ctx.data[PATH] = path?.startsWith(`${options.contentDir}/`) ? path : undefined;
		},
		link: mark,
		definition: mark,
		image(node, ctx) {
			if (base && ctx.data[PATH] !== undefined && node.url.startsWith('/') && !node.url.startsWith('//')) ctx.setProperty(node as never, 'url' as never, `${base}${node.url}` as never);
		},
	};
}
