// Parsers of the git output the core reads: log records with name-status, raw diffs with numstat.

/** Separators of the `--format` records: git never writes them in names, dates or messages. */
export const RECORD = '\x1e';
export const FIELD = '\x1f';

export interface NameStatus {
	/** A, M, D, R, C or T: the first letter of git's status. */
	status: string;
	/** One path, or the old and the new one of a rename or copy. */
	paths: string[];
}

export interface LogRecord {
	/** The `--format` fields, split at FIELD. */
	fields: string[];
	changes: NameStatus[];
}

/** Parses `git log -z --name-status --format=<RS>f1<US>f2...` output, newest commit first. */
export function parseLogRecords(log: string): LogRecord[] {
	const records: LogRecord[] = [];
	for (const record of log.split(RECORD)) {
		if (record === '') continue;
		const tokens = record.split('\0');
		const fields = (tokens.shift() ?? '').split(FIELD);
		const changes: NameStatus[] = [];
		for (let i = 0; i < tokens.length; ) {
			const status = tokens[i++]!.replace(/^\n/, '');
			if (status === '') continue;
			const count = status.startsWith('R') || status.startsWith('C') ? 2 : 1;
			changes.push({ status: status[0]!, paths: tokens.slice(i, i + count) });
			i += count;
		}
		records.push({ fields, changes });
	}
	return records;
}

export type ChangeStatus = 'added' | 'modified' | 'removed' | 'renamed';

export interface FileDiff {
	status: ChangeStatus;
	/** Path at the end of the range (for a removal, the path that was removed). */
	path: string;
	/** The old path of a rename. */
	from?: string;
	/** Lines added and removed; undefined for a binary file. */
	added?: number;
	removed?: number;
}

const STATUS: Record<string, ChangeStatus> = { A: 'added', M: 'modified', T: 'modified', D: 'removed', R: 'renamed', C: 'added' };

/**
 * Parses `git diff -z -M --raw --numstat`: first one raw record per file
 * (`:mode mode sha sha STATUS\0path\0[path\0]`), then one numstat record per file
 * (`added\tremoved\tpath\0`, or `added\tremoved\t\0old\0new\0` for a rename).
 */
export function parseRawNumstat(output: string): FileDiff[] {
	const tokens = output.split('\0');
	const files: FileDiff[] = [];
	const counts = new Map<string, { added?: number; removed?: number }>();
	for (let i = 0; i < tokens.length; ) {
		const token = tokens[i++]!.replace(/^\n/, '');
		if (token === '') continue;
		if (token.startsWith(':')) {
			const letter = token.split(' ').at(-1)![0]!;
			if (letter === 'R' || letter === 'C') {
				const [from, to] = [tokens[i++]!, tokens[i++]!];
				files.push(letter === 'R' ? { status: 'renamed', path: to, from } : { status: 'added', path: to });
			} else {
				files.push({ status: STATUS[letter] ?? 'modified', path: tokens[i++]! });
			}
			continue;
		}
		const [added = '-', removed = '-', path = ''] = token.split('\t');
		const number = (n: string) => (n === '-' ? {} : { value: Number(n) });
		const lines = { ...spread('added', number(added)), ...spread('removed', number(removed)) };
		// A rename's numstat leaves the path empty and gives the old and new paths as two tokens.
		if (path === '') {
			i++;
			counts.set(tokens[i++]!, lines);
		} else counts.set(path, lines);
	}
	return files.map((f) => ({ ...f, ...counts.get(f.path) }));
}

function spread(key: 'added' | 'removed', n: { value?: number }): { added?: number; removed?: number } {
	return n.value === undefined ? {} : { [key]: n.value };
}

/**
 * Parses `git cat-file --batch` output for `specs`, in order: a `<sha> <type> <size>` line, then
 * `size` bytes and a newline, or `<spec> missing`. Sizes count bytes, so it walks the UTF-8 bytes.
 */
export function parseBatch(output: string, specs: readonly string[]): Map<string, string> {
	const bytes = Buffer.from(output, 'utf8');
	const texts = new Map<string, string>();
	let at = 0;
	for (const spec of specs) {
		const end = bytes.indexOf(0x0a, at);
		if (end === -1) break;
		const header = bytes.subarray(at, end).toString('utf8');
		at = end + 1;
		const size = /^[0-9a-f]+ blob (\d+)$/.exec(header)?.[1];
		if (size === undefined) {
			// --follow-symlinks: a link that leaves the repository, or leads nowhere, says so with a body.
			const other = /^(?:symlink|dangling|loop|notdir) (\d+)$/.exec(header)?.[1];
			if (other !== undefined) at += Number(other) + 1;
			continue;
		}
		texts.set(spec, bytes.subarray(at, at + Number(size)).toString('utf8'));
		at += Number(size) + 1;
	}
	return texts;
}
