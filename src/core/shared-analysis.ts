// Hands one build's analysis from `npm run build` to the config and the pages, so a build
// loads and analyses the program once. Kept on globalThis: Astro bundles the config and the pages
// as separate module instances inside the same process.
import type { Analysis } from './analysis.ts';

const KEY = Symbol.for('phasebook.analysis');

type Holder = { [KEY]?: Analysis };

/** Called by the build script once its check has analysed the program. */
export function shareAnalysis(analysis: Analysis): void {
	(globalThis as Holder)[KEY] = analysis;
}

/** The analysis the build script made for this root, if any (never in `astro dev`). */
export function sharedAnalysis(root: string): Analysis | undefined {
	const analysis = (globalThis as Holder)[KEY];
	return analysis && analysis.root.replace(/\/+$/, '') === root.replace(/\/+$/, '') ? analysis : undefined;
}
