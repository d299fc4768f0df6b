// Template errors, each with the file, line and column (counted from 1) it points at.
export interface Position {
	file: string;
	line: number;
	column: number;
}

export function formatPosition(p: Position): string {
	return `${p.file}:${p.line}:${p.column}`;
}

export class TemplateSyntaxError extends Error {
	readonly position: Position;
	constructor(message: string, position: Position) {
		super(message);
		this.name = 'TemplateSyntaxError';
		this.position = position;
	}
}

/** A context the template cannot use: an undefined name, a missing or mistyped variable. */
export class TemplateContextError extends Error {
	readonly position: Position | undefined;
	constructor(message: string, position?: Position) {
		super(message);
		this.name = 'TemplateContextError';
		this.position = position;
	}
}

/** The sandbox refused an attribute (private names, prototype members). */
export class TemplateSecurityError extends Error {
	readonly position: Position;
	constructor(message: string, position: Position) {
		super(message);
		this.name = 'TemplateSecurityError';
		this.position = position;
	}
}
