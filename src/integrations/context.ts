// What the integration shares with the pages it injects: the build's analysis, the git history of
// content/ and the diagrams. Pages import it as `virtual:phasebook/context`; the integration resolves
// that id to this file and keeps it external to the page bundle, so pages run against the very
// module instance that the integration and the CLI fill in (no global registry, no environment).
import { AsyncLocalStorage } from 'node:async_hooks';
import { analyse, type Analysis } from '../core/analysis.ts';
import { readGitHistory, type GitHistory } from '../core/git-history.ts';
import { bodyCompiler, type BodyModule, type BodySource } from './bodies.ts';

export { diagramHtml, resolveDeferredDiagrams } from '../diagrams/registry.ts';
export { provideRuntime } from './bodies.ts';

/** A document's compiled body, imported by Node; undefined when its body is a Vite module. */
export function documentBody(doc: BodySource): Promise<BodyModule | undefined> {
	return bodyCompiler().module(doc);
}

/** The analysis `phasebook build` made while checking; pages use it instead of making their own. */
let handedOver: Analysis | undefined;
const analyses = new Map<string, Promise<Analysis>>();
const histories = new Map<string, Promise<GitHistory>>();

const sameRoot = (a: string, b: string) => a.replace(/\/+$/, '') === b.replace(/\/+$/, '');

/** Called by `phasebook build` once its check has analysed the program. */
export function handOverAnalysis(analysis: Analysis): void {
	handedOver = analysis;
}

/**
 * The program's analysis, made once (concurrent pages share the promise). The dev server keeps it
 * until a file of the program changes (`invalidateAnalyses`), so every component of every request
 * shares one analysis and an edit shows on the next one.
 */
export function analysisOf(root: string): Promise<Analysis> {
	const pinned = requestAnalysis.getStore();
	if (pinned && sameRoot(pinned.root, root)) return pinned.analysis;
	const seen = edits().count;
	if (seen !== generation) {
		generation = seen;
		handedOver = undefined;
		analyses.clear();
	}
	if (handedOver && sameRoot(handedOver.root, root)) return Promise.resolve(handedOver);
	let analysis = analyses.get(root);
	// With the check's document cache: an edit to one document reads that one again, not all of them
	// (0.14 s against 0.40 s for 1,000 documents, in-process).
	if (!analysis) analyses.set(root, (analysis = analyse(root, { cache: true })));
	return analysis;
}

/** The analysis of the dev-server request being rendered, pinned by `withRequestAnalysis`. */
const requestAnalysis = new AsyncLocalStorage<{ root: string; analysis: Promise<Analysis> }>();

/**
 * Renders one dev-server request against one analysis (analysis-middleware.ts). Without it, an edit
 * reported while a page renders gave the components before it the old analysis and those after it
 * the new one: a page whose heading was old and whose sidebar was new. Astro renders a page as its
 * stream starts, inside `render`, so every component of the request sees the analysis pinned here.
 */
export function withRequestAnalysis<T>(root: string, render: () => T): T {
	const analysis = analysisOf(root);
	// A request that renders no page of Phasebook's never awaits it: its failure is the pages' to report.
	analysis.catch(() => {});
	return requestAnalysis.run({ root, analysis }, render);
}

/**
 * The dev server's count of file changes. Astro loads the integration through Vite's config loader
 * and the pages through Node, so each has its own instance of this module; the count is the one
 * value they share, under a registered symbol, for the pages' instance to notice an edit.
 */
const EDITS = Symbol.for('phasebook.dev.edits');
const edits = (): { count: number } => ((globalThis as Record<symbol, { count: number }>)[EDITS] ??= { count: 0 });
let generation = 0;

/** Forgets every analysis made so far: the dev server calls it when a file of the program changes. */
export function invalidateAnalyses(): void {
	edits().count++;
}

/** The git history of content/, read once per build; its warning is printed once, to `logger`. */
export function historyOf(root: string, logger: { warn(message: string): void } = console): Promise<GitHistory> {
	let history = histories.get(root);
	if (!history) {
		history = readGitHistory(root).then((read) => {
			if (read.warning) {
				logger.warn(
					`[phasebook] No "last updated" dates or contributors: ${read.warning}. ` +
						'They are left out rather than shown wrong; build from a full clone (actions/checkout with fetch-depth: 0) to show them.',
				);
			}
			return read;
		});
		histories.set(root, history);
	}
	return history;
}
