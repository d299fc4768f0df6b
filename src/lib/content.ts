// Renders the MDX body of a document the core loaded. Vite compiles each file under content/ on
// first use; the documents' data comes from the core's loader, never from a second parse here.
import type { MDXInstance } from 'astro';
import type { SourceDocument } from '../core/load.ts';

type MdxModule = MDXInstance<Record<string, unknown>>;

// Rooted at the project (Vite's root), so the same pattern serves any program that installs Phasebook.
const bodies = import.meta.glob<MdxModule>('/content/{phases,rcas,handoffs,reviews,changelog}/**/*.mdx');

/** The body component and headings of a loaded document, matched by its path under the project. */
export async function renderDocument(doc: Pick<SourceDocument, 'path'>) {
	const load = bodies[`/${doc.path}`];
	if (!load) throw new Error(`No MDX module for ${doc.path}; is it under content/?`);
	const module = await load();
	return { Content: module.Content, headings: module.getHeadings() };
}
