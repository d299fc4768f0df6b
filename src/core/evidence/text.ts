// Turning a report's bytes into text safely: size limit, binary and encoding checks.
import { statSync } from 'node:fs';
import { readRegularFile } from '../files.ts';
import { EvidenceError, errorAt } from './errors.ts';

/** Reports larger than this are refused before they are read (the largest real one we know is ~1 MB). */
export const MAX_REPORT_BYTES = 50 * 1024 * 1024;

const XML_ENCODING = /^\s*<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/;

function megabytes(bytes: number): string {
	return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function tooLarge(file: string, size: number): EvidenceError {
	return new EvidenceError(
		`${file} is ${megabytes(size)}; reports over ${megabytes(MAX_REPORT_BYTES)} are refused`,
	);
}

/** Checks text handed to a parser directly: bounded, non-empty and free of NUL characters. */
export function guardText(text: string, file: string): void {
	if (text.length > MAX_REPORT_BYTES) throw tooLarge(file, text.length);
	if (text.trim() === '')
		throw new EvidenceError(`${file} is empty; expected a test, coverage or security report`);
	const nul = text.indexOf('\u0000');
	if (nul !== -1) {
		throw errorAt(
			file,
			text,
			nul,
			'Unexpected NUL character: this looks like a binary file, not a text report',
		);
	}
}

/**
 * Decodes a report's bytes. UTF-8 is the norm; a UTF-16 byte-order mark and an XML declaration's
 * encoding are honoured because Windows tools write both. Anything undecodable is refused rather
 * than read as mojibake.
 */
export function decodeReport(bytes: Uint8Array, file: string): string {
	if (bytes.byteLength > MAX_REPORT_BYTES) throw tooLarge(file, bytes.byteLength);
	if (bytes[0] === 0xff && bytes[1] === 0xfe)
		return decodeStrict('utf-16le', bytes.subarray(2), file);
	if (bytes[0] === 0xfe && bytes[1] === 0xff)
		return decodeStrict('utf-16be', bytes.subarray(2), file);
	// CI artifacts often come compressed (report.xml.gz, a zip of reports): say so, not just "binary".
	if (bytes[0] === 0x1f && bytes[1] === 0x8b) throw new EvidenceError(`${file} is gzip-compressed; decompress it first (gunzip -k ${file}) and import the report inside`);
	if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) throw new EvidenceError(`${file} is a zip archive; extract it first (unzip ${file}) and import the reports inside`);
	const nul = bytes.indexOf(0);
	if (nul !== -1) {
		throw new EvidenceError(
			`${file} contains a NUL byte at offset ${nul}: this looks like a binary file, not a text report`,
		);
	}
	const head = new TextDecoder('latin1').decode(bytes.subarray(0, 256));
	const declared = XML_ENCODING.exec(head)?.[1]?.toLowerCase();
	// A declaration legible byte by byte is not UTF-16, whose characters take two bytes each (and
	// which needs a byte-order mark, handled above): .NET writes encoding="utf-16" over UTF-8 bytes
	// when it serialises through a StringWriter. Said as that, not as "not valid UTF-16 text".
	if (declared && /^(?:utf-?16(?:le|be)?|ucs-?2|unicode)$/.test(declared)) {
		throw new EvidenceError(`${file} declares encoding="${XML_ENCODING.exec(head)![1]}" in its XML declaration, but its bytes are one-byte text (UTF-8 or ASCII) with no UTF-16 byte-order mark; expected encoding="utf-8" there (a tool that writes a UTF-16 string to a UTF-8 file does this), or the file saved as the UTF-16 it declares`);
	}
	if (declared && declared !== 'utf-8' && declared !== 'utf8') {
		return decodeStrict(declared, bytes, file);
	}
	return decodeStrict('utf-8', bytes, file);
}

function decodeStrict(encoding: string, bytes: Uint8Array, file: string): string {
	let decoder: TextDecoder;
	try {
		decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: false });
	} catch {
		throw new EvidenceError(
			`${file} declares the unsupported encoding "${encoding}"; re-save it as UTF-8`,
		);
	}
	try {
		return decoder.decode(bytes);
	} catch {
		throw new EvidenceError(
			`${file} is not valid ${encoding.toUpperCase()} text; expected a text report`,
		);
	}
}

/**
 * Reads and decodes a report file: a regular file only (a FIFO would hang the import), refused
 * when oversized before it is read. A report named inside the repository (`within`) must really
 * lie there: a symbolic link on its way that leads out is refused unread, so a pull request cannot
 * have CI quote a machine's file (`reports/unit.xml -> /etc/passwd`) in its log. A report named
 * outside the repository (`$RUNNER_TEMP/junit.xml`) is read where it is.
 */
export async function readReport(path: string, displayName: string, within?: string): Promise<string> {
	const read = readRegularFile(path, { maxBytes: MAX_REPORT_BYTES, ...(within === undefined ? {} : { root: within }) });
	if (read.problem) {
		if (read.problem.ruleId === 'file/missing') throw new EvidenceError(`Report file not found: ${displayName}`);
		// A folder of reports (Surefire's) is imported by naming its files, which the shell expands.
		const folder = read.problem.ruleId === 'file/special' && statSync(path, { throwIfNoEntry: false })?.isDirectory();
		const hint = folder ? `; name the reports in it instead, such as ${displayName}/*.xml (the shell expands the pattern)` : '';
		throw new EvidenceError(`${displayName}: ${read.problem.message}${hint}`);
	}
	return decodeReport(read.bytes, displayName);
}
