// Makes sure every diagram of a build or check is rendered and cached, and reports what is not.
import { finding, type Finding } from '../core/findings.ts';
import { findBrowser, type BrowserDiscovery } from './browser.ts';
import { parseMermaidError, type MermaidErrorInfo } from './errors.ts';
import type { KeptRenderer } from './renderer.ts';
import type { DiagramStore } from './store.ts';
import type { Browser } from 'playwright';

/** One diagram where it is used: a block in a document, or a generated diagram. */
export interface DiagramUse {
	source: string;
	/** The document's path (relative to the project root), or the generated diagram's key. */
	path: string;
	/** 1-based line of the block's opening fence (0 for generated diagrams). */
	line: number;
	column: number;
}

export interface Preparation {
	findings: Finding[];
	/** Sources left for client-side rendering because no browser was found. */
	unrendered: Set<string>;
	/** Set when a browser was needed and none was found. */
	discovery?: BrowserDiscovery;
	/** Set with `discovery`: why no diagram could be rendered ({@link NoBrowser.reason}). */
	reason?: string;
	/** How many diagram sources were rendered now (0 for a warm build). */
	rendered: number;
}

/**
 * A browser that started, ready to render in; {@link prepareDiagrams} closes it when done, unless
 * it holds a page kept open for later renders (`kept`, `phasebook dev`), which renders and stays.
 */
export interface StartedBrowser {
	browser: Browser;
	discovery: BrowserDiscovery & { path: string };
	kept?: KeptRenderer;
}

/** No browser to render with: none was found, or the one found did not start. */
export interface NoBrowser {
	browser?: undefined;
	kept?: undefined;
	discovery: BrowserDiscovery;
	/** "no Chromium found", or "the browser … did not start (Playwright's reason)". */
	reason: string;
}

export type BrowserStart = StartedBrowser | NoBrowser;

/** The reason given when no browser was found at all. */
export const NO_CHROMIUM = 'no Chromium found';

/**
 * Whether there is a browser to render diagrams with: the one rule the check and the build share.
 * A browser counts only once it has started. A path that is no browser (`PHASEBOOK_BROWSER=
 * /bin/true` exits at once), one that crashes on start, or one that does not start within the
 * launch timeout counts as none, exactly as when none is found.
 */
export async function startBrowser(
	store: DiagramStore,
	discover: () => Promise<BrowserDiscovery> = findBrowser,
): Promise<BrowserStart> {
	const discovery = await discover();
	const path = discovery.path;
	// "Set PHASEBOOK_BROWSER" would be no help to someone who has: their value is what is wrong.
	if (!path) return { discovery, reason: discovery.forced ? `PHASEBOOK_BROWSER=${discovery.forced} is not an executable file` : NO_CHROMIUM };
	const failed = failedStarts.get(path);
	if (failed) return { discovery: { ...discovery, path: undefined }, reason: failed };
	try {
		return { browser: await store.launch(path), discovery: { ...discovery, path } };
	} catch (error) {
		const reason = `the browser ${path} did not start (${firstLine(error)})`;
		failedStarts.set(path, reason);
		return { discovery: { ...discovery, path: undefined }, reason };
	}
}

/**
 * Browsers that did not start, and why: not tried again by this process. `phasebook build` checks
 * the content, then runs Astro, and each would otherwise wait the launch timeout (a minute) for a
 * browser that hangs. A dev server asks again once restarted.
 */
const failedStarts = new Map<string, string>();

export interface PrepareOptions {
	strict?: boolean;
	discover?: () => Promise<BrowserDiscovery>;
	/**
	 * The browser, already started with {@link startBrowser} (the build starts it early, to know
	 * whether pages may wait for their diagrams). Without it, one is found and started if needed.
	 */
	start?: Promise<BrowserStart>;
}

/** Renders the uncached diagrams among `uses` (none cached: no browser is looked for or started). */
export async function prepareDiagrams(
	store: DiagramStore,
	uses: readonly DiagramUse[],
	options: PrepareOptions = {},
): Promise<Preparation> {
	const missing = [...new Set(uses.map((use) => use.source))].filter(
		(source) => !store.isCached(source),
	);
	const result: Preparation = { findings: [], unrendered: new Set(), rendered: 0 };
	if (missing.length === 0) {
		const start = await options.start;
		if (!start?.kept) await start?.browser?.close();
		return result;
	}

	// Without a browser, or with one that does not start (PHASEBOOK_BROWSER=/bin/true, or one that
	// never answers) or stops answering, the diagrams are left to the reader's browser: a warning,
	// or an error in strict mode, never a crash of the command.
	const unrendered = (discovery: BrowserDiscovery, reason: string): Preparation => {
		result.discovery = { ...discovery, path: undefined };
		result.reason = reason;
		// A browser that stopped answering part-way may have rendered some of them.
		result.unrendered = new Set(missing.filter((source) => !store.isCached(source)));
		const hint = reason === NO_CHROMIUM ? ' (set PHASEBOOK_BROWSER or install Chromium)' : '';
		for (const use of uses) {
			if (!result.unrendered.has(use.source)) continue;
			result.findings.push(
				finding(
					use.path,
					use.line,
					options.strict ? 'error' : 'warning',
					`Diagram not rendered: ${reason}${hint}`,
					'diagrams/no-browser',
					use.column,
				),
			);
		}
		return result;
	};
	const start = await (options.start ?? startBrowser(store, options.discover));
	if (!start.browser) return unrendered(start.discovery, start.reason);

	let errors: Map<string, MermaidErrorInfo>;
	try {
		errors = await store.render(missing, start.kept ?? start.browser);
	} catch (error) {
		// A page that fails part-way (Chromium now and then answers "Resulting promise was garbage
		// collected", one cold check in six on a loaded machine) is tried once more, in a browser of
		// its own, for what it did not render: in strict mode one such hiccup failed a CI build.
		const left = missing.filter((source) => !store.isCached(source));
		const again = await startBrowser(store, options.discover);
		if (!again.browser) return unrendered(start.discovery, `the browser ${start.discovery.path} stopped answering (${firstLine(error)})`);
		try {
			errors = await store.render(left, again.browser);
		} catch (retried) {
			return unrendered(start.discovery, `the browser ${start.discovery.path} stopped answering (${firstLine(retried)})`);
		}
	}
	result.rendered = missing.length - errors.size;
	for (const use of uses) {
		const error = errors.get(use.source);
		if (!error) continue;
		const diagram = use.line === 0 ? 'the generated diagram' : `the diagram at line ${use.line}`;
		if (error.rule) {
			result.findings.push(finding(use.path, use.line, 'error', `${diagram.charAt(0).toUpperCase()}${diagram.slice(1)} cannot be published: ${error.message}`, error.rule, use.column));
			continue;
		}
		const where = parseMermaidError(error, use.source);
		const within = where.line !== undefined ? ` line ${where.line} of` : '';
		result.findings.push(
			finding(
				use.path,
				use.line + (where.line ?? 0),
				'error',
				`Mermaid syntax error in${within} ${diagram}: ${where.message}`,
				'diagrams/syntax',
				where.line !== undefined && where.column !== undefined
					? use.column - 1 + where.column
					: use.column,
			),
		);
	}
	return result;
}

function firstLine(error: unknown): string {
	return String((error as Error)?.message ?? error).split('\n')[0] ?? '';
}
