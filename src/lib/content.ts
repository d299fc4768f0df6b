// Finds the Astro content entry (to render its MDX body) of a document the core loaded.
import { getCollection, render, type CollectionEntry } from 'astro:content';
import type { SourceDocument } from '../core/load.ts';

type Collection = 'phases' | 'rcas' | 'handoffs' | 'reviews' | 'changelog';

/** Renders the body of a loaded document; both sides read the same file, matched by its path. */
export async function renderDocument(collection: Collection, doc: Pick<SourceDocument, 'path'>) {
	const entries: CollectionEntry<Collection>[] = await getCollection(collection);
	const entry = entries.find((e) => e.filePath === doc.path);
	if (!entry) {
		throw new Error(`No content entry for ${doc.path} in the "${collection}" collection; is content.config.ts loading it?`);
	}
	return render(entry);
}
