// The importer's error: a user-facing message, located at file:line:column when it can be.
import { FindingError, findingAt } from '../findings.ts';

export interface SourceLocation {
	/** The file as the user named it (relative to where they ran the command, or to the root). */
	file: string;
	/** 1-based; absent when the problem is the file as a whole. */
	line?: number;
	/** 1-based, in UTF-16 code units. */
	column?: number;
}

/**
 * A report or argument the importer cannot use: a finding of rule `evidence/import`, thrown. Kept
 * as a class of its own because every parser throws it with a SourceLocation.
 */
export class EvidenceError extends FindingError {
	readonly location: SourceLocation | undefined;

	constructor(message: string, location?: SourceLocation) {
		super(findingAt({ ...location, path: location?.file }, 'error', message, 'evidence/import'));
		this.name = 'EvidenceError';
		this.location = location;
	}
}

/** 1-based line and column of a UTF-16 offset in `text`. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
	const end = Math.max(0, Math.min(offset, text.length));
	let line = 1;
	let lineStart = 0;
	for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) {
		line++;
		lineStart = i + 1;
	}
	return { line, column: end - lineStart + 1 };
}

/** An EvidenceError at a character offset of a file's text. */
export function errorAt(
	file: string,
	text: string,
	offset: number,
	message: string,
): EvidenceError {
	return new EvidenceError(message, { file, ...lineColumn(text, offset) });
}
