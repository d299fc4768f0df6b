// The security gate: HIGH and CRITICAL findings block unless an unexpired allow-list entry with a rationale excuses them.
export const severities = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof severities)[number];

export interface Finding {
	ruleId: string;
	severity: Severity;
	message: string;
	location?: string;
}

export interface AllowlistEntry {
	ruleId: string;
	rationale: string;
	/** YYYY-MM-DD, inclusive. */
	expires: string;
}

export interface SecurityVerdict {
	status: 'pass' | 'fail';
	blocking: { finding: Finding; reason: string }[];
	allowed: Finding[];
	counts: Record<Severity, number>;
}

interface SarifResult {
	ruleId?: string;
	level?: string;
	message?: { text?: string };
	properties?: { 'security-severity'?: string | number };
	locations?: {
		physicalLocation?: { artifactLocation?: { uri?: string }; region?: { startLine?: number } };
	}[];
}

/** GitHub's mapping of a CVSS score to a level. */
export function levelFromScore(score: number): Severity {
	if (score >= 9) return 'critical';
	if (score >= 7) return 'high';
	if (score >= 4) return 'medium';
	return score > 0 ? 'low' : 'info';
}

function levelFromSarif(level: string | undefined): Severity {
	if (level === 'error') return 'high';
	if (level === 'note') return 'low';
	if (level === 'none') return 'info';
	return 'medium';
}

/** The results of a SARIF 2.1.0 log as findings. */
export function findingsFromSarif(log: unknown): Finding[] {
	const runs = (log as { version?: string; runs?: { results?: SarifResult[] }[] }) ?? {};
	if (runs.version !== '2.1.0' || !Array.isArray(runs.runs)) {
		throw new Error('Not a SARIF 2.1.0 log');
	}
	const findings: Finding[] = [];
	for (const run of runs.runs) {
		for (const r of run.results ?? []) {
			const score = Number(r.properties?.['security-severity']);
			const physical = r.locations?.[0]?.physicalLocation;
			const uri = physical?.artifactLocation?.uri;
			const line = physical?.region?.startLine;
			findings.push({
				ruleId: r.ruleId ?? '(no rule id)',
				severity: Number.isFinite(score) && r.properties?.['security-severity'] !== undefined
					? levelFromScore(score)
					: levelFromSarif(r.level),
				message: r.message?.text ?? r.ruleId ?? '',
				...(uri ? { location: line ? `${uri}:${line}` : uri } : {}),
			});
		}
	}
	return findings;
}

/** Applies the allow-list; `today` is YYYY-MM-DD. */
export function securityGate(
	findings: readonly Finding[],
	allowlist: readonly AllowlistEntry[],
	today: string,
): SecurityVerdict {
	const counts = Object.fromEntries(severities.map((s) => [s, 0])) as Record<Severity, number>;
	const blocking: SecurityVerdict['blocking'] = [];
	const allowed: Finding[] = [];
	for (const finding of findings) {
		counts[finding.severity]++;
		if (finding.severity !== 'critical' && finding.severity !== 'high') continue;
		const entries = allowlist.filter((e) => e.ruleId === finding.ruleId);
		const valid = entries.filter((e) => e.rationale.trim() !== '' && e.expires >= today);
		if (valid.length > 0) {
			allowed.push(finding);
			continue;
		}
		let reason = 'not allow-listed';
		if (entries.some((e) => e.rationale.trim() === '')) reason = 'allow-list entry has no rationale';
		else if (entries.length > 0) reason = `allow-list entry expired on ${entries.map((e) => e.expires).sort().at(-1)}`;
		blocking.push({ finding, reason });
	}
	return { status: blocking.length ? 'fail' : 'pass', blocking, allowed, counts };
}
