// The Vite plugin behind `virtual:phasebook/context`: resolves it to the integration's context
// module and keeps that module out of the page bundle, so pages share the integration's instance.
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Plugin } from 'vite';

export const CONTEXT_ID = 'virtual:phasebook/context';
const contextFile = fileURLToPath(new URL('./context.ts', import.meta.url));

export function virtualContext(): Plugin {
	return {
		name: 'phasebook:context',
		enforce: 'pre',
		resolveId(id) {
			// A file URL: the built pages import it with Node's loader, which caches it by that URL.
			if (id === CONTEXT_ID) return { id: pathToFileURL(contextFile).href, external: true };
			return null;
		},
	};
}
