// Reads project files safely: regular files only, the size limit checked on the opened file,
// links out of the project refused, binary and encoding checks, located findings.
import { isAscii, isUtf8 } from 'node:buffer';
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';
import { finding, type Finding } from './findings.ts';

/** Documents above this size are refused rather than slowing every check. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

export type TextResult = { text: string; findings: [] } | { text?: undefined; findings: Finding[] };

export interface FileProblem {
	message: string;
	ruleId: 'file/missing' | 'file/unreadable' | 'file/special' | 'file/symlink' | 'file/too-large';
}

export type ReadResult = { bytes: Buffer; problem?: undefined } | { bytes?: undefined; problem: FileProblem };

export interface ReadOptions {
	/** Files larger than this are refused before a byte is read. */
	maxBytes: number;
	/** The project: a symbolic link that leads out of it is refused, unread. */
	root?: string;
	/**
	 * Real paths of folders already resolved, shared by the reads of one pass over many files
	 * (loading 10,000 documents spent 0.4 s resolving each file's path on its own).
	 */
	realPaths?: Map<string, string>;
}

/** The real path of `path`, resolved once per `memo`. */
function realPathOf(path: string, memo: Map<string, string> | undefined): string {
	let real = memo?.get(path);
	if (real === undefined) {
		real = realpathSync(path);
		memo?.set(path, real);
	}
	return real;
}

/** What a file that is not a regular file is, for messages: `named pipe (FIFO)`, `socket`. */
export function fileKind(info: Pick<Stats, 'isDirectory' | 'isFIFO' | 'isSocket' | 'isCharacterDevice' | 'isBlockDevice'>): string {
	if (info.isDirectory()) return 'folder';
	if (info.isFIFO()) return 'named pipe (FIFO)';
	if (info.isSocket()) return 'socket';
	if (info.isCharacterDevice() || info.isBlockDevice()) return 'device';
	return 'special file';
}

const megabytes = (bytes: number, digits = 1) => `${(bytes / 1024 / 1024).toFixed(digits)} MB`;

function tooLarge(size: number | undefined, max: number): FileProblem {
	const what = size === undefined ? 'over' : `${megabytes(size)}, over`;
	return { message: `File is ${what} the ${megabytes(max, 0)} limit`, ruleId: 'file/too-large' };
}

function unreadable(error: unknown): FileProblem {
	const code = (error as NodeJS.ErrnoException).code;
	if (code === 'ENOENT') return { message: 'No such file', ruleId: 'file/missing' };
	return { message: `The file cannot be read (${code ?? (error as Error).message})`, ruleId: 'file/unreadable' };
}

/** Whether `path` lies inside `root` (both already real paths). */
function inside(root: string, path: string): boolean {
	const rel = relative(root, path);
	return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * Where the file or folder at `absolute` really is, when that is outside `base`: a symbolic link on
 * the way leads out, or the path climbs out of it. Undefined when it is inside, or not there at all
 * (a missing file is its own problem).
 */
export function realPlaceOutside(absolute: string, base: string): string | undefined {
	let real: string;
	try {
		real = realpathSync(absolute);
	} catch {
		return undefined;
	}
	return inside(realPathOf(base, undefined), real) ? undefined : real;
}

/**
 * The folder a file the site reads must really be in: the repository (`projectPrefix` is the
 * project's folder in it, '' at its top, as git says), or the project when git cannot say.
 */
export function containingFolder(root: string, projectPrefix: string | undefined): { path: string; name: 'repository' | 'project' } {
	if (projectPrefix === undefined) return { path: root, name: 'project' };
	const up = projectPrefix.split('/').filter(Boolean).map(() => '..');
	return { path: join(root, ...up), name: 'repository' };
}

/** Why a symbolic link leads to no file: nothing at its end, or links that lead to each other. */
const brokenLink = (error: unknown) =>
	(error as NodeJS.ErrnoException | undefined)?.code === 'ELOOP' ? 'Symbolic link that leads back to itself (a loop of links), expected a file' : 'Symbolic link to a file that does not exist';

/**
 * Reads a regular file's bytes, or says why not. A FIFO, socket or device is refused before it is
 * opened (reading one hangs, or never ends: /dev/zero grew tasks.yaml to 7.4 GB); the size limit
 * is checked on the opened descriptor and enforced while reading, for files that grow or report
 * no size. Only a missing file is `file/missing`; nothing of a refused file is ever read.
 *
 * Synchronous: a file is five short system calls, and through promises each was a trip through
 * libuv's thread pool. Reading 10,000 documents took 1.37 s that way and 0.30 s this way.
 */
export function readRegularFile(absolute: string, options: ReadOptions): ReadResult {
	let link: Stats;
	try {
		link = lstatSync(absolute);
	} catch (error) {
		// A name that is not UTF-8 was listed with U+FFFD in place of its bytes, and no file has that name.
		if ((error as NodeJS.ErrnoException).code === 'ENOENT' && basename(absolute).includes('\ufffd')) {
			return { problem: { message: 'The file name is not valid UTF-8 (shown here with � in place of its bytes), so it cannot be opened by that name; rename it', ruleId: 'file/unreadable' } };
		}
		return { problem: unreadable(error) };
	}
	// The real path, not the link alone: a linked folder on the way out counts as much. A file that
	// is no link itself lies where its folder really is.
	if (options.root !== undefined) {
		let target: string;
		try {
			target = link.isSymbolicLink() ? realpathSync(absolute) : join(realPathOf(dirname(absolute), options.realPaths), basename(absolute));
		} catch (error) {
			return { problem: { message: brokenLink(error), ruleId: 'file/symlink' } };
		}
		if (!inside(realPathOf(options.root, options.realPaths), target)) {
			return {
				problem: {
					message: `Symbolic link that leads out of the project (to ${target}), expected a file inside it`,
					ruleId: 'file/symlink',
				},
			};
		}
	}
	let info: Stats | undefined;
	try {
		info = link.isSymbolicLink() ? statSync(absolute, { throwIfNoEntry: false }) : link;
	} catch (error) {
		return { problem: { message: brokenLink(error), ruleId: 'file/symlink' } };
	}
	if (!info) return { problem: { message: brokenLink(undefined), ruleId: 'file/symlink' } };
	if (!info.isFile()) {
		return { problem: { message: `Unexpected ${fileKind(info)}, expected a regular file`, ruleId: 'file/special' } };
	}
	// O_NONBLOCK: should the file have become a FIFO since, opening it does not wait for a writer.
	let fd: number;
	try {
		fd = openSync(absolute, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
	} catch (error) {
		return { problem: unreadable(error) };
	}
	try {
		const opened = fstatSync(fd);
		if (!opened.isFile()) {
			return { problem: { message: `Unexpected ${fileKind(opened)}, expected a regular file`, ruleId: 'file/special' } };
		}
		if (opened.size > options.maxBytes) return { problem: tooLarge(opened.size, options.maxBytes) };
		// Read up to one byte past the limit, which tells a file that grew past it (or reported no
		// size, as /proc files do) from one that fits.
		// Unzeroed memory is safe here: only the bytes read are ever returned.
		let buffer = Buffer.allocUnsafe(Math.min(opened.size, options.maxBytes) + 1);
		let length = 0;
		for (;;) {
			if (length === buffer.length) {
				if (length > options.maxBytes) return { problem: tooLarge(undefined, options.maxBytes) };
				const bigger = Buffer.allocUnsafe(Math.min(Math.max(buffer.length * 2, 65536), options.maxBytes + 1));
				buffer.copy(bigger, 0, 0, length);
				buffer = bigger;
			}
			const wanted = buffer.length - length;
			const bytesRead = readSync(fd, buffer, length, wanted, length);
			length += bytesRead;
			if (bytesRead === 0) break;
			// A file with a size reads short only at its end: no second read to find the end. One
			// that reports none (/proc) may read short before its end, so it reads on until 0.
			if (bytesRead < wanted && opened.size > 0 && length >= opened.size) break;
		}
		return { bytes: buffer.subarray(0, length) };
	} catch (error) {
		return { problem: unreadable(error) };
	} finally {
		closeSync(fd);
	}
}

function lineAt(text: string, index: number): number {
	let line = 1;
	for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
	return line;
}

/**
 * Strict UTF-8; decoding without `stream` keeps no state between calls, so one serves every file.
 * A byte order mark is taken off before decoding (see textBytes), so one inside joined texts stays.
 */
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * A project file's bytes as UTF-8 text without its byte order mark, or the finding that says why
 * it is not one: refused by readRegularFile, a NUL byte, or bytes that are not UTF-8 (located).
 */
function textBytes(absolute: string, path: string, root: string | undefined, realPaths?: Map<string, string>): Buffer | Finding {
	const read = readRegularFile(absolute, { maxBytes: MAX_FILE_BYTES, ...(root !== undefined && { root }), ...(realPaths && { realPaths }) });
	if (read.problem) {
		const { message, ruleId } = read.problem;
		return finding(path, 1, 'error', ruleId === 'file/too-large' ? `${message} for a document` : message, ruleId);
	}
	const bytes = read.bytes;
	const nul = bytes.indexOf(0);
	if (nul !== -1) {
		// Windows editors' "Unicode": a UTF-16 byte order mark, or a NUL beside every ASCII character.
		if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes.length >= 4 && (bytes[1] === 0 && bytes[3] === 0) !== (bytes[0] === 0 && bytes[2] === 0))) {
			return finding(path, 1, 'error', 'Unexpected UTF-16 text, expected UTF-8: save the file as UTF-8 (in most editors, "Save with encoding")', 'file/encoding');
		}
		const line = lineAt(bytes.subarray(0, nul).toString('latin1'), nul);
		return finding(path, line, 'error', 'Unexpected binary content (a NUL byte), expected UTF-8 text', 'file/encoding');
	}
	if (!isUtf8(bytes)) {
		const lossy = new TextDecoder('utf-8').decode(bytes);
		const line = lineAt(lossy, lossy.indexOf('\uFFFD'));
		return finding(path, line, 'error', 'Unexpected bytes that are not UTF-8, expected UTF-8 text', 'file/encoding');
	}
	return bytes.subarray(0, 3).equals(BOM) ? bytes.subarray(3) : bytes;
}

/**
 * Reads a UTF-8 text file of the project, or explains why it is not one. `path` is the display
 * path; `root` the project, out of which no symbolic link may lead.
 */
export function readTextFile(absolute: string, path: string, root?: string): TextResult {
	const bytes = textBytes(absolute, path, root);
	return Buffer.isBuffer(bytes) ? { text: utf8.decode(bytes), findings: [] } : { findings: [bytes] };
}

/** Texts decoded together, about this many bytes at a time. */
const BATCH_BYTES = 1 << 20;

/**
 * `readTextFile` of many files, with the same refusals and findings, decoded about 1 MB at a time:
 * each file's text is then a slice of one large string, which V8 keeps outside the young
 * generation. Decoded one by one, the texts of 10,000 documents (170 MB) were copied by every
 * scavenge they survived: 0.8-1.0 s of the collector's time, against 0.02 s this way. A batch
 * holds either ASCII files only or none, so a typographic quote makes only its own batch's
 * string two bytes a character.
 */
export function readTextFiles(files: ReadonlyArray<{ absolute: string; path: string }>, root?: string): TextResult[] {
	const realPaths = new Map<string, string>();
	const results: TextResult[] = new Array(files.length);
	const batches = [new TextBatch(results), new TextBatch(results)];
	files.forEach(({ absolute, path }, index) => {
		const bytes = textBytes(absolute, path, root, realPaths);
		if (Buffer.isBuffer(bytes)) batches[isAscii(bytes) ? 0 : 1]!.add(index, bytes);
		else results[index] = { findings: [bytes] };
	});
	for (const batch of batches) batch.flush();
	return results;
}

/** Valid UTF-8 texts without NUL, joined by NUL bytes, decoded into one string and cut at them. */
class TextBatch {
	readonly #results: TextResult[];
	#buffer = Buffer.allocUnsafe(BATCH_BYTES);
	#used = 0;
	#indexes: number[] = [];

	constructor(results: TextResult[]) {
		this.#results = results;
	}

	add(index: number, bytes: Buffer): void {
		if (this.#used + bytes.length + 1 > this.#buffer.length) {
			this.flush();
			if (bytes.length + 1 > this.#buffer.length) this.#buffer = Buffer.allocUnsafe(bytes.length + 1);
		}
		bytes.copy(this.#buffer, this.#used);
		this.#used += bytes.length;
		this.#buffer[this.#used++] = 0;
		this.#indexes.push(index);
		if (this.#used >= BATCH_BYTES) this.flush();
	}

	flush(): void {
		if (this.#indexes.length === 0) return;
		const joined = utf8.decode(this.#buffer.subarray(0, this.#used));
		let start = 0;
		for (const index of this.#indexes) {
			const end = joined.indexOf('\0', start);
			this.#results[index] = { text: joined.slice(start, end), findings: [] };
			start = end + 1;
		}
		this.#used = 0;
		this.#indexes = [];
	}
}

/** The first existing folder from `root` down to `folder` whose real place is outside `root`, if any. */
export async function leadsOut(root: string, folder: string): Promise<{ path: string; target: string } | undefined> {
	const top = await realpath(root);
	let path = root;
	for (const part of relative(root, folder).split(sep)) {
		path = join(path, part);
		const real = await realpath(path).catch(() => undefined);
		if (real === undefined) return undefined;
		if (real !== top && !real.startsWith(`${top}${sep}`)) return { path, target: real };
	}
	return undefined;
}

/**
 * The nearest existing entry above `path` when it is not a folder (a file where a folder of the
 * path must be: `--out notes.txt/site`), else undefined. Links are followed, as a write would.
 */
export async function fileAbove(path: string): Promise<string | undefined> {
	for (let up = dirname(path); ; up = dirname(up)) {
		const info = await stat(up).catch(() => undefined);
		if (info) return info.isDirectory() ? undefined : up;
		if (dirname(up) === up) return undefined;
	}
}
