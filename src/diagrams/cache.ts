// The on-disk cache of rendered diagram SVGs: an entry store (src/core/cache-store.ts) whose entries
// are also checked for script before they reach a page.
import { join } from 'node:path';
import { cacheBase, EntryStore } from '../core/cache-store.ts';
import { unsafeSvg } from './svg-safety.ts';

/** Mermaid's largest SVGs are a few hundred KB; anything far beyond is not one of ours. */
const MAX_ENTRY_BYTES = 8 * 1024 * 1024;

/** `<root>/.phasebook/cache/diagrams`, or `<PHASEBOOK_CACHE_DIR>/diagrams` when that is set. */
export function diagramCacheDir(root: string, env: NodeJS.ProcessEnv = process.env): string {
	return join(cacheBase(root, env), 'diagrams');
}

export interface CacheOptions {
	/**
	 * Keys the digest with HMAC-SHA256. A plain digest catches truncated, emptied or misplaced
	 * entries; only a secret the writer of a poisoned cache lacks catches a forged one.
	 */
	secret?: string | undefined;
	/** Told about each entry refused on reading (default: a warning on stderr). */
	onDiscard?: (path: string, reason: string) => void;
	/**
	 * Scan each entry read for markup that runs script or loads from elsewhere (default true).
	 * Only `phasebook check` turns it off: it publishes nothing and asks only whether a diagram
	 * rendered, while the build, which publishes, always checks (about 0.3 s per 1,000 SVGs, bench/svg-check.ts).
	 */
	scanMarkup?: boolean;
}

export class DiagramCache extends EntryStore {
	constructor(dir: string, options: CacheOptions = {}) {
		super(dir, {
			extension: 'svg',
			maxBytes: MAX_ENTRY_BYTES,
			secret: options.secret,
			onDiscard:
				options.onDiscard ??
				((path, reason) => console.warn(`[phasebook:diagrams] Discarded the cached diagram ${path}: ${reason}; it is rendered again.`)),
			refuse: options.scanMarkup === false ? undefined : (svg) => unsafeSvg(svg, { template: true }),
			// The check asks only whether a diagram is cached: one found good before and unchanged since is.
			statuses: options.scanMarkup === false,
		});
	}
}
