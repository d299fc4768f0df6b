// Writes a drafted change inventory into its phase document: the table's lines only, in one step.
import { chmod, readFile, realpath, rename, stat, unlink } from 'node:fs/promises';
import { FindingError, findingAt } from '../findings.ts';
import { writeTempBeside } from '../temp-file.ts';

/** The document with the table that starts on file line `headerLine` replaced by `table`. */
export function replaceTable(text: string, headerLine: number, table: string): string {
	const eol = text.includes('\r\n') ? '\r\n' : '\n';
	const lines = text.split(/\r?\n/);
	const start = headerLine - 1;
	let end = start;
	while (end < lines.length && /^ {0,3}\|/.test(lines[end]!)) end++;
	return [...lines.slice(0, start), ...table.split('\n'), ...lines.slice(end)].join(eol);
}

/** Thrown when the document changed between reading and writing: nothing is written then. */
export class ChangedMeanwhileError extends FindingError {
	constructor(path: string) {
		super(findingAt({ path }, 'error', 'The document changed while the inventory was drafted; nothing was written, run the command again', 'cli/usage'));
		this.name = 'ChangedMeanwhileError';
	}
}

const BOM = '\uFEFF';

/**
 * Replaces `target` with `content` atomically (a flushed temporary file renamed over it), and
 * only if it still holds `expected`, so an edit made meanwhile is never lost. `expected` and
 * `content` are texts as read (without a byte order mark). The file stays what it was: a link's
 * target is replaced, not the link; its permissions and its byte order mark are kept.
 */
export async function replaceFile(target: string, expected: string, content: string): Promise<void> {
	const file = await realpath(target);
	const before = await readFile(file, 'utf8');
	const bom = before.startsWith(BOM) ? BOM : '';
	if (before.slice(bom.length) !== expected) throw new ChangedMeanwhileError(target);
	const { mode } = await stat(file);
	const temp = await writeTempBeside(file, `${bom}${content}`);
	try {
		await chmod(temp, mode & 0o7777);
		if ((await readFile(file, 'utf8')) !== before) throw new ChangedMeanwhileError(target);
		await rename(temp, file);
	} finally {
		await unlink(temp).catch(() => {});
	}
}
