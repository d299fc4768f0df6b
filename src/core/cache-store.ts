// Phasebook's on-disk caches (rendered diagrams, git's answers): one file per key, written
// atomically, and read back as untrusted input, since a CI cache can be restored from any branch.
// Each entry carries a digest of its key and content, and a reader refuses one that does not match.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { type Stats, lstatSync, mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { FindingError, findingAt } from './findings.ts';

/** The project's cache folder, outside dist/ so it survives builds; safe to delete. */
export const CACHE_FOLDER = '.phasebook/cache';

/** The project's folders that the check reads as the program, or the build copies as it is. */
const READ_FOLDERS = ['content', 'templates', 'public'];

/**
 * `<root>/.phasebook/cache`, or `PHASEBOOK_CACHE_DIR` (relative to the root) when that is set. A
 * cache folder in content/, templates/ or public/ is refused: the caches would be written among
 * the documents (which the check never writes to), or published.
 */
export function cacheBase(root: string, env: NodeJS.ProcessEnv = process.env): string {
	const set = env['PHASEBOOK_CACHE_DIR'];
	if (!set) {
		assertOwnFolder(root);
		return join(root, CACHE_FOLDER);
	}
	const folder = resolve(root, set);
	const within = READ_FOLDERS.find((name) => {
		const rel = relative(resolve(root, name), folder);
		return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
	});
	if (within) {
		throw new FindingError(findingAt({}, 'error', `PHASEBOOK_CACHE_DIR=${set} is in ${within}/, which ${within === 'public' ? 'the build copies into the site' : 'the check reads as the program'}; set it to a folder of its own, or leave it unset for ${CACHE_FOLDER}`, 'cli/usage'));
	}
	return folder;
}

/** Phasebook's own folder in the project: its caches, and the build's staging folder. */
export const OWN_FOLDER = '.phasebook';

/**
 * Refuses a `.phasebook` that is a symbolic link leading out of the project, or to nothing: the
 * caches and the build's staging folder were written wherever it led, and the staged site, away
 * from the project's node_modules, failed with "Cannot find package". A link inside the project is
 * the project's own folder still; PHASEBOOK_CACHE_DIR names a cache folder elsewhere on purpose.
 */
export function assertOwnFolder(root: string): void {
	const folder = join(root, OWN_FOLDER);
	const stats = lstatSync(folder, { throwIfNoEntry: false });
	if (!stats?.isSymbolicLink()) {
		assertFolder(stats);
		return;
	}
	let target: string | undefined;
	try {
		target = realpathSync(folder);
	} catch {
		// Led to nothing (or round a loop): the first write through it fails, or makes a folder elsewhere.
	}
	const rel = target === undefined ? undefined : relative(realpathSync(root), target);
	if (rel !== undefined && rel !== '' && !rel.startsWith('..') && !isAbsolute(rel)) {
		assertFolder(statSync(folder));
		return;
	}
	const where = target === undefined ? 'to nothing' : `out of the project (to ${target})`;
	throw new FindingError(findingAt({}, 'error', `${OWN_FOLDER} is a symbolic link that leads ${where}, so Phasebook's caches and build folder would be written there; remove the link, and Phasebook makes a folder of the project in its place`, 'cli/usage'));
}

/**
 * Refuses a `.phasebook` that is there but not a folder (a file): the build failed on its staging
 * folder with an "unexpected internal error" (ENOTDIR), and the check kept no cache, silently.
 */
function assertFolder(stats: Stats | undefined): void {
	if (stats === undefined || stats.isDirectory()) return;
	throw new FindingError(findingAt({}, 'error', `${OWN_FOLDER} is not a folder, so Phasebook's caches and build folder cannot be written in it; move it away or remove it, and Phasebook makes the folder in its place`, 'cli/usage'));
}

/** Files changed this recently are not taken for unchanged by their status (see fileStatus). */
const RECENT_NS = 2_000_000_000n;

/**
 * A regular file's status as a key, as git's index keeps it: device, inode, size, and the
 * modification and change times to the nanosecond. No tool sets the change time back, so a file
 * whose status is the same has not been written since. Undefined for anything but a regular file
 * (a link is not followed), and for one changed less than two seconds before `now`: a second write
 * within the same clock tick would leave its status unchanged.
 */
export function fileStatus(path: string, now: bigint = BigInt(Date.now()) * 1_000_000n): string | undefined {
	let info;
	try {
		info = lstatSync(path, { bigint: true, throwIfNoEntry: false });
	} catch {
		// A file where a folder of the path belongs (ENOTDIR: a cache folder that is a file), or a
		// folder it may not read: there is no file here to know.
		return undefined;
	}
	if (!info?.isFile()) return undefined;
	if (info.mtimeNs > now - RECENT_NS || info.ctimeNs > now - RECENT_NS) return undefined;
	return `${info.dev}:${info.ino}:${info.size}:${info.mtimeNs}:${info.ctimeNs}`;
}

export interface EntryStoreOptions {
	/** The file name's ending, without its dot: `svg`, `json`. */
	extension: string;
	/** Larger files are refused unread: not one of ours. */
	maxBytes: number;
	/**
	 * Keys the digest with HMAC-SHA256. A plain digest catches truncated, emptied or misplaced
	 * entries; only a secret the writer of a poisoned cache lacks catches a forged one.
	 */
	secret?: string | undefined;
	/** Told about each entry refused on reading. */
	onDiscard: (path: string, reason: string) => void;
	/** A further check of an entry whose digest matched: the reason to refuse it, or undefined. */
	refuse?: ((content: string) => string | undefined) | undefined;
	/**
	 * How much is kept: writing an entry removes the least recently used ones beyond either limit
	 * (default: no limit). Reading an entry marks it used.
	 */
	keep?: { entries: number; bytes: number };
	/**
	 * Keep the status (fileStatus) of each entry found good in an index beside the entries
	 * (`saveStatuses`), so that `has` passes an entry unchanged since without reading it again.
	 * Only for a store whose `has` is all a command asks (the check's diagrams): `get` always reads
	 * and verifies. Not with `keep`, whose reads touch the entries.
	 */
	statuses?: boolean;
}

/** The index of entry statuses, keyed by this name: no entry's (a 64-digit key), so pruning passes it by. */
const STATUS_INDEX = 'statuses';
const STATUS_FILE = `${STATUS_INDEX}.json`;
/** Some 100 bytes an entry: a larger index is not one of ours. */
const STATUS_MAX_BYTES = 256 * 1024 * 1024;

const HEADER = /^<!--phasebook-cache (sha256|hmac-sha256):([0-9a-f]{64})-->\n/;

export class EntryStore {
	readonly dir: string;
	readonly #options: EntryStoreOptions;
	// Pages look the same entry up many times (two variants, shared diagrams); read each file once.
	readonly #memory = new Map<string, string>();
	readonly #discarded = new Set<string>();
	#temps = 0;
	/** Entry statuses found good before (from the index) and now; undefined until first needed. */
	#statuses: { known: Map<string, string>; changed: boolean } | undefined;

	constructor(dir: string, options: EntryStoreOptions) {
		this.dir = dir;
		this.#options = { ...options, secret: options.secret || undefined };
	}

	path(key: string): string {
		return join(this.dir, `${key}.${this.#options.extension}`);
	}

	/** `sha256:<hex>` of key and content, or `hmac-sha256:<hex>` with the secret. */
	#digest(key: string, content: string): string {
		const secret = this.#options.secret;
		const hash = secret ? createHmac('sha256', secret) : createHash('sha256');
		return `${secret ? 'hmac-sha256' : 'sha256'}:${hash.update(`${key}\0${content}`).digest('hex')}`;
	}

	/**
	 * Whether the entry is on disk and passes its checks (it is then read once, and kept). With
	 * `statuses`, an entry whose status is the one it had when found good passes unread.
	 */
	has(key: string): boolean {
		if (!this.#options.statuses || this.#memory.has(key)) return this.get(key) !== undefined;
		const statuses = this.#loadStatuses();
		const status = fileStatus(this.path(key));
		if (status !== undefined && statuses.known.get(key) === status) return true;
		if (this.get(key) === undefined) return false;
		if (status !== undefined) {
			statuses.known.set(key, status);
			statuses.changed = true;
		}
		return true;
	}

	#loadStatuses(): { known: Map<string, string>; changed: boolean } {
		if (this.#statuses) return this.#statuses;
		const known = new Map<string, string>();
		try {
			const path = join(this.dir, STATUS_FILE);
			const info = lstatSync(path, { throwIfNoEntry: false });
			const text = info?.isFile() && info.size <= STATUS_MAX_BYTES ? readFileSync(path, 'utf8') : undefined;
			const header = text === undefined ? undefined : HEADER.exec(text);
			const content = header ? text!.slice(header[0].length) : undefined;
			// Like an entry, the index is used only when its digest holds; a bad one costs only speed.
			if (header && content !== undefined && this.#matches(STATUS_INDEX, content, `${header[1]}:${header[2]}`)) {
				const entries = JSON.parse(content) as unknown;
				if (entries && typeof entries === 'object' && !Array.isArray(entries)) {
					for (const [key, status] of Object.entries(entries)) if (/^[0-9a-f]{64}$/.test(key) && typeof status === 'string') known.set(key, status);
				}
			}
		} catch {
			// Unreadable or not JSON: as good as none.
		}
		return (this.#statuses = { known, changed: false });
	}

	/** Writes the index of entry statuses when `has` found new entries good (see `statuses`). */
	saveStatuses(): void {
		const statuses = this.#statuses;
		if (!statuses?.changed) return;
		try {
			this.#write(STATUS_FILE, STATUS_INDEX, JSON.stringify(Object.fromEntries(statuses.known)));
			statuses.changed = false;
		} catch {
			// A cache is an optimisation only: the next check verifies these entries again.
		}
	}

	#matches(key: string, content: string, found: string): boolean {
		const expected = Buffer.from(this.#digest(key, content));
		const given = Buffer.from(found);
		return expected.length === given.length && timingSafeEqual(expected, given);
	}

	/**
	 * The entry's content, or undefined when it is not cached, unreadable, or refused: not a regular
	 * file, over the size limit, a digest that does not match its key and content, or refused by the
	 * store's own check. A refused entry is reported once and left to be written again.
	 */
	get(key: string): string | undefined {
		const known = this.#memory.get(key);
		if (known !== undefined) return known;
		const path = this.path(key);
		const info = statSync(path, { throwIfNoEntry: false });
		if (!info) return undefined;
		let problem: string | undefined;
		let content: string | undefined;
		if (!info.isFile()) problem = 'it is not a regular file';
		else if (info.size > this.#options.maxBytes) problem = `it is ${info.size} bytes, too large for an entry of this cache`;
		else {
			const text = readFileSync(path, 'utf8');
			const header = HEADER.exec(text);
			content = header ? text.slice(header[0].length) : undefined;
			if (!header) problem = 'it has no integrity record';
			else if (!this.#matches(key, content!, `${header[1]}:${header[2]}`)) {
				problem = 'its digest does not match its key and content (truncated, edited or misplaced)';
			} else problem = this.#options.refuse?.(content!);
		}
		if (problem !== undefined || content === undefined) {
			if (!this.#discarded.has(key)) this.#options.onDiscard(path, problem ?? 'it is unreadable');
			this.#discarded.add(key);
			return undefined;
		}
		this.#memory.set(key, content);
		if (this.#options.keep) touch(path);
		return content;
	}

	/** Writes to a temporary file then renames it, so a reader never sees half an entry. */
	set(key: string, content: string): void {
		this.#write(`${key}.${this.#options.extension}`, key, content);
		this.#memory.set(key, content);
		this.#discarded.delete(key);
		if (this.#options.keep !== undefined) this.#prune(this.#options.keep);
	}

	/** Writes `name` to a temporary file then renames it, so a reader never sees half of it. */
	#write(name: string, key: string, content: string): void {
		mkdirSync(this.dir, { recursive: true });
		const temp = join(this.dir, `.${key}.${process.pid}.${this.#temps++}.tmp`);
		const [kind, hex] = this.#digest(key, content).split(':');
		try {
			writeFileSync(temp, `<!--phasebook-cache ${kind}:${hex}-->\n${content}`);
			renameSync(temp, join(this.dir, name));
		} catch (error) {
			rmSync(temp, { force: true });
			throw error;
		}
	}

	/**
	 * Removes the least recently used entries beyond `keep`: only regular files named as this store
	 * names its entries (a 64-digit hex key and the extension), never anything else in the folder.
	 */
	#prune(keep: { entries: number; bytes: number }): void {
		const ending = `.${this.#options.extension}`;
		const entries = readdirSync(this.dir, { withFileTypes: true })
			.filter((e) => e.isFile() && e.name.endsWith(ending) && /^[0-9a-f]{64}$/.test(e.name.slice(0, -ending.length)))
			.flatMap((e) => {
				const path = join(this.dir, e.name);
				const info = statSync(path, { throwIfNoEntry: false });
				return info ? [{ path, used: info.mtimeMs, size: info.size }] : [];
			})
			.sort((a, b) => a.used - b.used);
		let count = entries.length;
		let bytes = entries.reduce((sum, e) => sum + e.size, 0);
		for (const entry of entries) {
			if (count <= keep.entries && bytes <= keep.bytes) break;
			rmSync(entry.path, { force: true });
			count--;
			bytes -= entry.size;
		}
	}
}

/** Marks an entry used now; a store it cannot touch (read-only) only prunes less well. */
function touch(path: string): void {
	try {
		const now = new Date();
		utimesSync(path, now, now);
	} catch {
		// Read-only: nothing is pruned on such a disk either.
	}
}
