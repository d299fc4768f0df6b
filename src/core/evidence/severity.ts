// Mapping scanner severities (CVSS scores, SARIF levels, Trivy labels) onto finding levels.
import type { findingLevels } from '../schemas/index.ts';

export type FindingLevel = (typeof findingLevels)[number];

/**
 * A `security-severity` property (a CVSS score as a string or number), or undefined. A string is
 * read trimmed (" 9.8" is 9.8, as it always was) and only in decimal: Number() also took "0x9",
 * "1e1" and "+9", which no scanner writes and a reader would not take for the score they give.
 */
export function parseScore(value: unknown): number | undefined {
	const score = typeof value === 'string' && /^\s*(?:\d+(?:\.\d*)?|\.\d+)\s*$/.test(value) ? Number(value) : value;
	return typeof score === 'number' && Number.isFinite(score) && score >= 0 && score <= 10
		? score
		: undefined;
}

/** GitHub code scanning's mapping: >= 9.0 critical, >= 7.0 high, >= 4.0 medium, > 0 low. */
export function levelFromScore(score: number): FindingLevel {
	if (score >= 9) return 'critical';
	if (score >= 7) return 'high';
	if (score >= 4) return 'medium';
	if (score > 0) return 'low';
	// CVSS 0.0 is "None".
	return 'info';
}

/** A SARIF `level`: error high, warning medium, note low, none info (the reader refuses any other). */
export function levelFromSarif(level: string | undefined): FindingLevel {
	switch (level) {
		case 'error':
			return 'high';
		case 'note':
			return 'low';
		case 'none':
			return 'info';
		default:
			return 'medium';
	}
}

/**
 * A scanner's severity label (Trivy's CRITICAL/HIGH/MEDIUM/LOW/UNKNOWN, npm audit's
 * critical/high/moderate/low/info), or undefined when not one.
 */
export function levelFromLabel(label: string): FindingLevel | undefined {
	const key = label.trim().toLowerCase();
	if (key === 'critical' || key === 'high' || key === 'medium' || key === 'low') return key;
	if (key === 'moderate') return 'medium';
	if (key === 'unknown' || key === 'info' || key === 'informational') return 'info';
	return undefined;
}

const RANK: Record<FindingLevel, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

/** Sort order and comparison of levels: critical first. */
export function compareLevels(a: FindingLevel, b: FindingLevel): number {
	return RANK[b] - RANK[a];
}
