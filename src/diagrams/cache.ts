// The on-disk cache of rendered diagram SVGs: one file per key, written atomically, and read back
// as untrusted input (a CI cache can be restored from any branch): each entry carries a digest of
// its key and content, and is checked for script before it reaches a page.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { unsafeSvg } from './svg-safety.ts';

/** The project's cache folder, outside dist/ so it survives builds; safe to delete. */
export const CACHE_FOLDER = '.phasebook/cache';

/** Mermaid's largest SVGs are a few hundred KB; anything far beyond is not one of ours. */
const MAX_ENTRY_BYTES = 8 * 1024 * 1024;

/** `<root>/.phasebook/cache/diagrams`, or `<PHASEBOOK_CACHE_DIR>/diagrams` when that is set. */
export function diagramCacheDir(root: string, env: NodeJS.ProcessEnv = process.env): string {
	const base = env['PHASEBOOK_CACHE_DIR']
		? resolve(root, env['PHASEBOOK_CACHE_DIR'])
		: join(root, CACHE_FOLDER);
	return join(base, 'diagrams');
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
	 * rendered, while the build, which publishes, always scans (3 s of a 10,000-document check).
	 */
	scanMarkup?: boolean;
}

const HEADER = /^<!--phasebook-cache (sha256|hmac-sha256):([0-9a-f]{64})-->\n/;

export class DiagramCache {
	readonly dir: string;
	readonly #secret: string | undefined;
	readonly #onDiscard: (path: string, reason: string) => void;
	readonly #scanMarkup: boolean;
	// Pages look the same SVG up many times (two variants, shared diagrams); read each file once.
	readonly #memory = new Map<string, string>();
	readonly #discarded = new Set<string>();
	#temps = 0;

	constructor(dir: string, options: CacheOptions = {}) {
		this.dir = dir;
		this.#secret = options.secret || undefined;
		this.#scanMarkup = options.scanMarkup ?? true;
		this.#onDiscard =
			options.onDiscard ??
			((path, reason) =>
				console.warn(`[phasebook:diagrams] Discarded the cached diagram ${path}: ${reason}; it is rendered again.`));
	}

	path(key: string): string {
		return join(this.dir, `${key}.svg`);
	}

	/** `sha256:<hex>` of key and SVG, or `hmac-sha256:<hex>` with the secret. */
	#digest(key: string, svg: string): string {
		const hash = this.#secret ? createHmac('sha256', this.#secret) : createHash('sha256');
		return `${this.#secret ? 'hmac-sha256' : 'sha256'}:${hash.update(`${key}\0${svg}`).digest('hex')}`;
	}

	/** Whether the entry is on disk and passes its checks (it is then read once, and kept). */
	has(key: string): boolean {
		return this.get(key) !== undefined;
	}

	/**
	 * The cached SVG template, or undefined when it is not cached, unreadable, or refused: not a
	 * regular file, over the size limit, a digest that does not match its key and content, or
	 * markup that could run script. A refused entry is reported once and left for a new render.
	 */
	get(key: string): string | undefined {
		const known = this.#memory.get(key);
		if (known !== undefined) return known;
		const path = this.path(key);
		const info = statSync(path, { throwIfNoEntry: false });
		if (!info) return undefined;
		let problem: string | undefined;
		let svg: string | undefined;
		if (!info.isFile()) problem = 'it is not a regular file';
		else if (info.size > MAX_ENTRY_BYTES) problem = `it is ${info.size} bytes, too large for a diagram`;
		else {
			const text = readFileSync(path, 'utf8');
			const header = HEADER.exec(text);
			svg = header ? text.slice(header[0].length) : undefined;
			const expected = Buffer.from(svg === undefined ? '' : this.#digest(key, svg));
			const found = Buffer.from(header ? `${header[1]}:${header[2]}` : '');
			if (!header) problem = 'it has no integrity record';
			else if (expected.length !== found.length || !timingSafeEqual(expected, found)) {
				problem = 'its digest does not match its key and content (truncated, edited or misplaced)';
			} else if (this.#scanMarkup) problem = unsafeSvg(svg!);
		}
		if (problem !== undefined || svg === undefined) {
			if (!this.#discarded.has(key)) this.#onDiscard(path, problem ?? 'it is unreadable');
			this.#discarded.add(key);
			return undefined;
		}
		this.#memory.set(key, svg);
		return svg;
	}

	/** Writes to a temporary file then renames it, so a reader never sees half an SVG. */
	set(key: string, svg: string): void {
		mkdirSync(this.dir, { recursive: true });
		const temp = join(this.dir, `.${key}.${process.pid}.${this.#temps++}.tmp`);
		const [kind, hex] = this.#digest(key, svg).split(':');
		try {
			writeFileSync(temp, `<!--phasebook-cache ${kind}:${hex}-->\n${svg}`);
			renameSync(temp, this.path(key));
		} catch (error) {
			rmSync(temp, { force: true });
			throw error;
		}
		this.#memory.set(key, svg);
		this.#discarded.delete(key);
	}
}
