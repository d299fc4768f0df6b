// The importer's error: a user-facing message, located at file:line:column when it can be.

export interface SourceLocation {
	/** The file as the user named it (relative to where they ran the command, or to the root). */
	file: string;
	/** 1-based; absent when the problem is the file as a whole. */
	line?: number;
	/** 1-based, in UTF-16 code units. */
	column?: number;
}

/** A problem with the user's input or arguments: reported as one line, never as a stack trace. */
export class EvidenceError extends Error {
	readonly location: SourceLocation | undefined;

	constructor(message: string, location?: SourceLocation) {
		super(message);
		this.name = 'EvidenceError';
		this.location = location;
	}
}

/** `path:line:col  error  message` (remark-lint's form) when located, else `error: message`. */
export function formatEvidenceError(error: EvidenceError): string {
	const where = error.location;
	if (where?.line !== undefined) {
		return `${where.file}:${where.line}:${where.column ?? 1}  error  ${error.message}`;
	}
	return `error: ${error.message}`;
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
