// The checker's diagram rule: every mermaid block renders (a cached render is a pass).
import { extractFromDocument, extractMermaidBlocks } from '../core/mermaid-blocks.ts';
import type { Finding } from '../core/findings.ts';
import { prepareDiagrams, type DiagramUse } from './prepare.ts';
import { DiagramStore, type DiagramSettings } from './store.ts';

export interface CheckDiagramsInput extends Partial<DiagramSettings> {
	root: string;
	/**
	 * Documents: `path` as it should appear in findings, `text` as read from disk with its
	 * frontmatter, or only the body with `lineOffset`, the file lines before it.
	 */
	files?: ReadonlyArray<{ path: string; text: string; lineOffset?: number }>;
	/** Blocks already found, with their documents' paths and file lines (the check's facts). */
	uses?: readonly DiagramUse[];
	/** No browser is then an error instead of a warning (also PHASEBOOK_STRICT=1 or CI=true). */
	strict?: boolean;
}

/**
 * Renders (and caches) the diagrams that are new or changed, using the same store as the build,
 * so a check before a build leaves the build nothing to render.
 */
export async function checkDiagrams(
	input: CheckDiagramsInput,
): Promise<{ findings: Finding[] }> {
	const uses: DiagramUse[] = [...(input.uses ?? [])];
	for (const file of input.files ?? []) {
		const blocks = file.lineOffset === undefined ? extractFromDocument(file.text) : extractMermaidBlocks(file.text, { lineOffset: file.lineOffset });
		for (const block of blocks) uses.push({ source: block.source, path: file.path, line: block.line, column: block.column });
	}
	if (uses.length === 0) return { findings: [] };
	// The check publishes nothing: an entry whose digest holds counts as rendered; the build, which
	// publishes, scans every entry for script and renders a poisoned one again.
	const store = new DiagramStore({ ...input, scanMarkup: false });
	const { findings } = await prepareDiagrams(store, uses, {
		strict: input.strict ?? isStrictEnv(),
	});
	store.cache.saveStatuses();
	return { findings };
}

/** Strict mode from the environment: `PHASEBOOK_STRICT=1` or `CI=true`. */
export function isStrictEnv(env: NodeJS.ProcessEnv = process.env): boolean {
	return env['PHASEBOOK_STRICT'] === '1' || env['CI'] === 'true';
}
