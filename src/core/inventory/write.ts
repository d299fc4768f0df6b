// Writes a drafted change inventory into its phase document: the table's lines only, in one step.
import { readFile, rename, unlink } from 'node:fs/promises';
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

/**
 * Replaces `target` with `content` atomically (a flushed temporary file renamed over it), and
 * only if it still holds `expected`, so an edit made meanwhile is never lost.
 */
export async function replaceFile(target: string, expected: string, content: string): Promise<void> {
	const temp = await writeTempBeside(target, content);
	try {
		if ((await readFile(target, 'utf8')) !== expected) throw new ChangedMeanwhileError(target);
		await rename(temp, target);
	} finally {
		await unlink(temp).catch(() => {});
	}
}
