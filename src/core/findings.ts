// The finding: one located problem reported by the loader or a check rule.
export type Severity = 'error' | 'warning';

export interface Finding {
	/** Path relative to the project root, with forward slashes. */
	path: string;
	line: number;
	column: number;
	severity: Severity;
	message: string;
	/** Stable rule id such as `sections/required`. */
	ruleId: string;
}

export function finding(
	path: string,
	line: number,
	severity: Severity,
	message: string,
	ruleId: string,
	column = 1,
): Finding {
	return { path, line: Math.max(1, line), column: Math.max(1, column), severity, message, ruleId };
}

/** Sorts findings by path, then position, then rule, so output is stable between runs. */
export function sortFindings(findings: Finding[]): Finding[] {
	return [...findings].sort(
		(a, b) =>
			a.path.localeCompare(b.path) ||
			a.line - b.line ||
			a.column - b.column ||
			a.ruleId.localeCompare(b.ruleId) ||
			a.message.localeCompare(b.message),
	);
}

export function countBySeverity(findings: Finding[]): { errors: number; warnings: number } {
	let errors = 0;
	for (const f of findings) if (f.severity === 'error') errors++;
	return { errors, warnings: findings.length - errors };
}
