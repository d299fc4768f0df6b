// Reads project files safely: size limit, binary and encoding checks, located findings.
import { readFile, stat } from 'node:fs/promises';
import { finding, type Finding } from './findings.ts';

/** Documents above this size are refused rather than slowing every check. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

export type TextResult = { text: string; findings: [] } | { text?: undefined; findings: Finding[] };

function lineAt(text: string, index: number): number {
	let line = 1;
	for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
	return line;
}

/** Reads a UTF-8 text file, or explains why it is not one. `path` is the display path. */
export async function readTextFile(absolute: string, path: string): Promise<TextResult> {
	const size = (await stat(absolute)).size;
	if (size > MAX_FILE_BYTES) {
		const mb = (size / 1024 / 1024).toFixed(1);
		return {
			findings: [
				finding(path, 1, 'error', `File is ${mb} MB, over the ${MAX_FILE_BYTES / 1024 / 1024} MB limit for a document`, 'file/too-large'),
			],
		};
	}
	const bytes = await readFile(absolute);
	const nul = bytes.indexOf(0);
	if (nul !== -1) {
		const line = lineAt(bytes.subarray(0, nul).toString('latin1'), nul);
		return { findings: [finding(path, line, 'error', 'Unexpected binary content (a NUL byte), expected UTF-8 text', 'file/encoding')] };
	}
	try {
		const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
		return { text, findings: [] };
	} catch {
		const lossy = new TextDecoder('utf-8').decode(bytes);
		const line = lineAt(lossy, lossy.indexOf('\uFFFD'));
		return { findings: [finding(path, line, 'error', 'Unexpected bytes that are not UTF-8, expected UTF-8 text', 'file/encoding')] };
	}
}
