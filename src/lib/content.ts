// Renders the MDX body of a document the core loaded. Most bodies are compiled outside Vite and
// imported by Node (src/integrations/bodies.ts); a body that imports a component or an image is a
// Vite module, listed by `virtual:phasebook/bodies`. The documents' data comes from the core's
// loader, never from a second parse here.
import { Fragment, jsx, jsxs } from 'astro/jsx-runtime';
import * as server from 'astro/runtime/server/index.js';
import type { MDXInstance } from 'astro';
import { documentBody, provideRuntime } from 'virtual:phasebook/context';
import type { SourceDocument } from '../core/load.ts';
import { watched } from './render-watch.ts';
import { throwLines, throwPlace, unprintable, unprintableMessage } from './throw-lines.ts';

type MdxModule = MDXInstance<Record<string, unknown>>;

// The bodies render with the copy of Astro's runtime bundled into these pages. Compiled MDX imports
// `__astro_tag_component__` from the server runtime, which exports it though its types do not.
const { __astro_tag_component__ } = server as typeof server & { __astro_tag_component__: unknown };
provideRuntime({ Fragment, jsx, jsxs, __astro_tag_component__ });

/** The body component and headings of a loaded document. */
export async function renderDocument(doc: Pick<SourceDocument, 'path' | 'body' | 'bodyLine'>) {
	// Imported on each call, not once with this module: the dev server makes the list again when a
	// body moves between Node and Vite, and a binding taken when this module was first evaluated
	// would keep the old list (a body that had just gained an import then had no module at all).
	const { default: viteBodies } = await import('virtual:phasebook/bodies');
	const load = (viteBodies as Record<string, (() => Promise<MdxModule>) | undefined>)[`/${doc.path}`];
	const module = load ? await load() : await documentBody(doc);
	if (!module) throw new Error(`Phasebook: no body module for ${doc.path}; is it under content/?`);
	return { Content: named(module.Content, doc), headings: module.getHeadings() };
}

type Component = MdxModule['Content'];
const NAMED = new WeakMap<Component, Map<string, Component>>();

/**
 * The body's component, whose errors name the document and the line: an expression that throws
 * (`{JSON.parse(text)}`) or a component no one provided fails while the component is called, and
 * the build said only "Unexpected token", after the path of a cached module or a chunk.
 * The wrapper carries the component's own markers (Astro's renderer tag, `moduleId`).
 */
function named(Content: Component, doc: Pick<SourceDocument, 'path' | 'body' | 'bodyLine'>): Component {
	const { path } = doc;
	let byPath = NAMED.get(Content);
	if (!byPath) NAMED.set(Content, (byPath = new Map()));
	const known = byPath.get(path);
	if (known) return known;
	const wrapper = ((...args: Parameters<Component>) => {
		let rendered: ReturnType<Component>;
		try {
			// Under the build's watch: an expression that never ends stops the build, naming the document.
			rendered = watched(path, () => Content(...args));
		} catch (error) {
			const message = error instanceof Error ? error.message : String(error);
			if (message.startsWith(path)) throw error;
			const place = throwPlace(path, throwLines(doc.body, doc.bodyLine, message));
			throw Object.assign(new Error(`${place}: ${message}`, { cause: error }), { name: error instanceof Error ? error.name : 'Error' });
		}
		// A value the page cannot write as text fails later, where the document is no longer known.
		const what = unprintable(rendered);
		if (what) {
			const message = unprintableMessage(what);
			const named = throwLines(doc.body, doc.bodyLine, message);
			throw new TypeError(`${throwPlace(path, named.length ? named : throwLines(doc.body, doc.bodyLine, ''))}: ${message}`);
		}
		return rendered;
	}) as Component;
	for (const key of Reflect.ownKeys(Content)) {
		if (key === 'length' || key === 'name' || key === 'prototype') continue;
		Object.defineProperty(wrapper, key, Object.getOwnPropertyDescriptor(Content, key)!);
	}
	byPath.set(path, wrapper);
	return wrapper;
}
