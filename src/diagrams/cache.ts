// The on-disk cache of rendered diagram SVGs: one file per key, written atomically.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The project's cache folder, outside dist/ so it survives builds; safe to delete. */
export const CACHE_FOLDER = '.phasebook/cache';

/** `<root>/.phasebook/cache/diagrams`, or `<PHASEBOOK_CACHE_DIR>/diagrams` when that is set. */
export function diagramCacheDir(root: string, env: NodeJS.ProcessEnv = process.env): string {
	const base = env['PHASEBOOK_CACHE_DIR']
		? resolve(root, env['PHASEBOOK_CACHE_DIR'])
		: join(root, CACHE_FOLDER);
	return join(base, 'diagrams');
}

export class DiagramCache {
	readonly dir: string;
	// Pages look the same SVG up many times (two variants, shared diagrams); read each file once.
	readonly #memory = new Map<string, string>();
	#temps = 0;

	constructor(dir: string) {
		this.dir = dir;
	}

	path(key: string): string {
		return join(this.dir, `${key}.svg`);
	}

	has(key: string): boolean {
		return this.#memory.has(key) || existsSync(this.path(key));
	}

	/** The cached SVG template, or undefined when it is not cached (or the file is unreadable). */
	get(key: string): string | undefined {
		const known = this.#memory.get(key);
		if (known !== undefined) return known;
		try {
			const svg = readFileSync(this.path(key), 'utf8');
			this.#memory.set(key, svg);
			return svg;
		} catch {
			return undefined;
		}
	}

	/** Writes to a temporary file then renames it, so a reader never sees half an SVG. */
	set(key: string, svg: string): void {
		mkdirSync(this.dir, { recursive: true });
		const temp = join(this.dir, `.${key}.${process.pid}.${this.#temps++}.tmp`);
		try {
			writeFileSync(temp, svg);
			renameSync(temp, this.path(key));
		} catch (error) {
			rmSync(temp, { force: true });
			throw error;
		}
		this.#memory.set(key, svg);
	}
}
