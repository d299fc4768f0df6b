// The finding: one problem reported by any command (check rule, diagram, evidence, user error).
import type { RuleId } from './rules.ts';

export type Severity = 'error' | 'warning';

/** A place related to a finding, such as the first definition of a duplicate (remark's `cause`). */
export interface RelatedPlace {
	path: string;
	line?: number;
	column?: number;
	message: string;
}

export interface Finding {
	/** Path relative to the project root (or as the user named it), with forward slashes; '' when
	 * the problem is not about a file, such as an unknown command-line option. */
	path: string;
	/** 1-based; absent when the problem is the file as a whole, or there is no file. */
	line?: number;
	/** 1-based, in UTF-16 code units; absent when `line` is. */
	column?: number;
	severity: Severity;
	message: string;
	/** Stable rule id such as `sections/required`, registered in rules.ts. */
	ruleId: RuleId;
	/** What to do about it (Astro's error hint). */
	hint?: string;
	/** The rule's documentation; the formatters fill it in from the registry. */
	url?: string;
	/** Other places the problem involves. */
	cause?: RelatedPlace[];
}

export interface FindingExtras {
	hint?: string | undefined;
	cause?: RelatedPlace[] | undefined;
}

export function finding(
	path: string,
	line: number,
	severity: Severity,
	message: string,
	ruleId: RuleId,
	column = 1,
	extras: FindingExtras = {},
): Finding {
	const f: Finding = {
		path,
		line: Math.max(1, line),
		column: Math.max(1, column),
		severity,
		message,
		ruleId,
	};
	if (extras.hint !== undefined) f.hint = extras.hint;
	if (extras.cause?.length) f.cause = extras.cause;
	return f;
}

/** A finding whose place may be a whole file (no line) or no file at all (a command's argument). */
export function findingAt(
	where: { path?: string | undefined; line?: number | undefined; column?: number | undefined },
	severity: Severity,
	message: string,
	ruleId: RuleId,
	extras: FindingExtras = {},
): Finding {
	if (where.path && where.line !== undefined) {
		return finding(where.path, where.line, severity, message, ruleId, where.column, extras);
	}
	const f: Finding = { path: where.path ?? '', severity, message, ruleId };
	if (extras.hint !== undefined) f.hint = extras.hint;
	if (extras.cause?.length) f.cause = extras.cause;
	return f;
}

/**
 * A finding thrown where the problem stops the command (a user's mistake, a report that cannot be
 * read): printed through the formatter as one line, never with a stack trace, exit code 1.
 */
export class FindingError extends Error {
	readonly finding: Finding;

	constructor(f: Finding) {
		super(f.message);
		this.name = 'FindingError';
		this.finding = f;
	}
}

/**
 * Sorts findings by path, then position, then rule, so output is stable between runs. Findings
 * that tie keep the order the rules made them in (the sort is stable): the sections a document
 * lacks are listed in its template's order, not the alphabet's.
 */
export function sortFindings(findings: Finding[]): Finding[] {
	return [...findings].sort((a, b) => a.path.localeCompare(b.path) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0) || a.ruleId.localeCompare(b.ruleId));
}

export function countBySeverity(findings: Finding[]): { errors: number; warnings: number } {
	let errors = 0;
	for (const f of findings) if (f.severity === 'error') errors++;
	return { errors, warnings: findings.length - errors };
}
