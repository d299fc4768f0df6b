// Makes sure every diagram of a build or check is rendered and cached, and reports what is not.
import { finding, type Finding } from '../core/findings.ts';
import { findBrowser, type BrowserDiscovery } from './browser.ts';
import { parseMermaidError, type MermaidErrorInfo } from './errors.ts';
import type { DiagramStore } from './store.ts';

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
	/** How many diagram sources were rendered now (0 for a warm build). */
	rendered: number;
}

export interface PrepareOptions {
	strict?: boolean;
	discover?: () => Promise<BrowserDiscovery>;
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
	if (missing.length === 0) return result;

	const discovery = await (options.discover ?? findBrowser)();
	// Without a browser, or with one that does not start (PHASEBOOK_BROWSER=/bin/true, or one that
	// never answers), the diagrams are left to the reader's browser: a warning, or an error in
	// strict mode, never a crash of the command.
	const unrendered = (why: string): Preparation => {
		result.discovery = { ...discovery, path: undefined };
		result.unrendered = new Set(missing);
		for (const use of uses) {
			if (!result.unrendered.has(use.source)) continue;
			result.findings.push(
				finding(
					use.path,
					use.line,
					options.strict ? 'error' : 'warning',
					`Diagram not rendered: ${why}`,
					'diagrams/no-browser',
					use.column,
				),
			);
		}
		return result;
	};
	if (!discovery.path) return unrendered('no Chromium found (set PHASEBOOK_BROWSER or install Chromium)');

	let errors: Map<string, MermaidErrorInfo>;
	try {
		errors = await store.render(missing, discovery.path);
	} catch (error) {
		const reason = String((error as Error)?.message ?? error).split('\n')[0];
		return unrendered(`the browser ${discovery.path} did not start or stopped answering (${reason})`);
	}
	result.rendered = missing.length - errors.size;
	for (const use of uses) {
		const error = errors.get(use.source);
		if (!error) continue;
		const where = parseMermaidError(error, use.source);
		const within = where.line !== undefined ? ` line ${where.line} of` : '';
		const diagram = use.line === 0 ? 'the generated diagram' : `the diagram at line ${use.line}`;
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
