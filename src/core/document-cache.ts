// The check's document cache: what each document's file held when it was last read (its parsed
// frontmatter and its facts, see document-facts.ts), kept under the file's status (fileStatus in
// cache-store.ts: device, inode, size, modification and change times), as git's index keeps a
// file. A check then reads only the documents that changed; the others are one `lstat` each, and
// their text is read only if something asks for it. A file changed less than two seconds before
// it was looked at is not kept.
//
// One entry holds every document, in the project's cache folder (cache-store.ts: written
// atomically, its digest checked on reading, refused whole when anything is wrong).
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheBase, EntryStore, fileStatus } from './cache-store.ts';
import type { DocumentFacts } from './document-facts.ts';
import { readTextFile } from './files.ts';
import type { Finding } from './findings.ts';
import { documentBody, type ClaimedIdentity, type SourceDocument } from './load.ts';
import type { DocumentTypeName } from './schemas/index.ts';
import { lineFinder } from './yaml-source.ts';

/** Bumped whenever an entry changes shape or meaning. */
const FORMAT = 3;

/** What parseDocument made of a file: the document without its body, or why there is none (and what it claims to be). */
export interface KeptParse {
	findings: Finding[];
	document?: { id: string; data: unknown; bodyLine: number; frontmatter: string };
	invalid?: ClaimedIdentity;
}

interface Entry {
	type: DocumentTypeName;
	/** `dev:ino:size:mtime:ctime`, nanoseconds. */
	status: string;
	parse: KeptParse;
	/** With the context they were worked out in (factsContext). */
	facts?: { context: string; facts: DocumentFacts };
}

interface Content {
	format: number;
	/** The code that made the entries (fingerprint()): another Phasebook's entries are not used. */
	code: string;
	documents: Record<string, Entry>;
}

/**
 * The code whose results the entries are: the sizes and times of Phasebook's own core files and
 * of the parsers it runs. A new version, an edited rule or an updated dependency all change it.
 */
function fingerprint(): string {
	const core = dirname(fileURLToPath(import.meta.url));
	const hash = createHash('sha256').update(`${FORMAT}\0`);
	const add = (path: string) => {
		const info = lstatSync(path, { bigint: true, throwIfNoEntry: false });
		hash.update(`${path}\0${info?.size}\0${info?.mtimeNs}\0`);
	};
	for (const entry of readdirSync(core, { recursive: true, withFileTypes: true })) if (entry.isFile()) add(join(entry.parentPath, entry.name));
	const require = createRequire(import.meta.url);
	for (const name of ['js-yaml', 'yaml', 'zod', 'satteri', 'acorn', 'github-slugger']) {
		try {
			add(require.resolve(name));
		} catch {
			hash.update(`${name}\0missing\0`);
		}
	}
	return hash.digest('hex');
}

/** Largest cache entry read: some 3 KB a document, so about 150,000 documents. */
const MAX_BYTES = 512 * 1024 * 1024;

export class DocumentCache {
	readonly #store: EntryStore;
	readonly #key: string;
	readonly #code: string;
	readonly #kept: Record<string, Entry>;
	readonly #next: Record<string, Entry> = Object.create(null) as Record<string, Entry>;
	readonly #entries = new WeakMap<SourceDocument, Entry>();
	readonly #now = BigInt(Date.now()) * 1_000_000n;
	#changed = false;
	/** How many documents were taken from the cache, and how many of their texts were read after all. */
	readonly counts = { reused: 0, read: 0, textsRead: 0 };

	/**
	 * The project's document cache; empty when there is none yet, when another Phasebook wrote it, or
	 * when it is refused (the refusal goes to `onDiscard`, and the entry is written again).
	 */
	constructor(root: string, options: { env?: NodeJS.ProcessEnv; onDiscard?: (path: string, reason: string) => void } = {}) {
		const secret = (options.env ?? process.env)['PHASEBOOK_CACHE_SECRET'];
		this.#store = new EntryStore(join(cacheBase(root, options.env), 'documents'), {
			extension: 'json',
			maxBytes: MAX_BYTES,
			secret,
			onDiscard: options.onDiscard ?? ((path, reason) => console.warn(`[phasebook:check] Discarded the document cache ${path}: ${reason}; every document is read again.`)),
			// A folder shared by several projects (PHASEBOOK_CACHE_DIR) keeps the last few.
			keep: { entries: 16, bytes: 4 * MAX_BYTES },
		});
		// One entry per project folder, wherever the cache folder is.
		this.#key = createHash('sha256').update(`documents\0${realpathSync(root)}`).digest('hex');
		this.#code = fingerprint();
		this.#kept = this.#read();
	}

	#read(): Record<string, Entry> {
		try {
			const text = this.#store.get(this.#key);
			if (text === undefined) return {};
			const content = JSON.parse(text) as Content;
			const documents = content?.format === FORMAT && content.code === this.#code ? content.documents : undefined;
			if (documents && typeof documents === 'object' && !Array.isArray(documents)) return documents;
		} catch {
			// Unreadable (a folder without permission, say): as good as none.
		}
		return {};
	}

	/**
	 * The file's status, to be passed to `remember` once it is read; undefined when the file is not
	 * to be kept (not a regular file, or changed just now). Taken before the file is read, so an edit
	 * made while it is read changes the status the next check sees.
	 */
	status(absolute: string): string | undefined {
		return fileStatus(absolute, this.#now);
	}

	/**
	 * The document as parsed when its file last had `status`, with its text read only when asked
	 * for; undefined when it has changed or was never kept.
	 */
	reuse(type: DocumentTypeName, path: string, absolute: string, root: string, status: string | undefined): { document?: SourceDocument; findings: Finding[]; invalid?: NonNullable<KeptParse['invalid']> } | undefined {
		const entry = Object.hasOwn(this.#kept, path) ? this.#kept[path] : undefined;
		if (!status || entry?.type !== type || entry.status !== status || !Array.isArray(entry.parse?.findings)) return undefined;
		this.#next[path] = entry;
		this.counts.reused++;
		const kept = entry.parse.document;
		if (!kept) {
			const invalid = entry.parse.invalid;
			return { findings: entry.parse.findings, ...(typeof invalid?.id === 'string' && Array.isArray(invalid.requirements) && { invalid }) };
		}
		let body: string | undefined;
		const counts = this.counts;
		const document: SourceDocument = {
			type,
			path,
			slug: basename(path, '.mdx'),
			id: kept.id,
			data: kept.data,
			get body() {
				if (body === undefined) {
					counts.textsRead++;
					body = documentBody(readTextFile(absolute, path, root).text ?? '');
				}
				return body;
			},
			bodyLine: kept.bodyLine,
			lineOf: lineFinder(`\n${kept.frontmatter}`),
		};
		this.#entries.set(document, entry);
		return { document, findings: entry.parse.findings };
	}

	/** Keeps what a file that had `status` parsed to (nothing when `status` is undefined). */
	remember(type: DocumentTypeName, path: string, status: string | undefined, parse: KeptParse, document?: SourceDocument): void {
		this.counts.read++;
		if (!status) return;
		const entry: Entry = { type, status, parse };
		this.#next[path] = entry;
		if (document) this.#entries.set(document, entry);
		this.#changed = true;
	}

	/** The facts kept for a document reused or remembered, when they were made in `context`. */
	factsOf(doc: SourceDocument, context: string): DocumentFacts | undefined {
		const kept = this.#entries.get(doc)?.facts;
		return kept?.context === context && Array.isArray(kept.facts?.findings) ? kept.facts : undefined;
	}

	keepFacts(doc: SourceDocument, context: string, facts: DocumentFacts): void {
		const entry = this.#entries.get(doc);
		if (!entry) return;
		entry.facts = { context, facts };
		this.#changed = true;
	}

	/** Writes the entry when anything differs from what was read: a new file, new facts, one gone. */
	save(): void {
		const gone = Object.keys(this.#kept).some((path) => !Object.hasOwn(this.#next, path));
		if (!this.#changed && !gone) return;
		const content: Content = { format: FORMAT, code: this.#code, documents: this.#next };
		try {
			this.#store.set(this.#key, JSON.stringify(content));
		} catch {
			// A cache is an optimisation only: a read-only or full disk costs the next check its speed.
		}
	}
}
