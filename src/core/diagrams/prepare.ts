// Makes sure every diagram of a build or check is rendered and cached, and reports what is not.
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

export interface DiagramFinding {
	path: string;
	line: number;
	column: number;
	severity: 'error' | 'warning';
	message: string;
	ruleId: 'diagrams/syntax' | 'diagrams/no-browser';
}

export interface Preparation {
	findings: DiagramFinding[];
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
			result.findings.push({
				path: use.path,
				line: Math.max(use.line, 1),
				column: use.column,
				severity: options.strict ? 'error' : 'warning',
				message: `Diagram not rendered: ${why}`,
				ruleId: 'diagrams/no-browser',
			});
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
		result.findings.push({
			path: use.path,
			line: use.line + (where.line ?? 0),
			column:
				where.line !== undefined && where.column !== undefined
					? use.column - 1 + where.column
					: use.column,
			severity: 'error',
			message: `Mermaid syntax error in${within} ${diagram}: ${where.message}`,
			ruleId: 'diagrams/syntax',
		});
	}
	return result;
}

/** remark-lint's layout: `path:line:column  severity  message  rule`. */
export function formatFinding(finding: DiagramFinding): string {
	return `${finding.path}:${finding.line}:${finding.column}  ${finding.severity}  ${finding.message}  ${finding.ruleId}`;
}
