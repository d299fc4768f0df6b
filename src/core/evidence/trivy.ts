// Trivy's JSON report (trivy image|fs|repo --format json): vulnerabilities, misconfigurations, secrets.
import * as z from 'zod';
import type { SecurityFinding } from '../schemas/index.ts';
import { cleanMessage } from './cases.ts';
import { checkShape, expectListed, onlyOrNone } from './json.ts';
import { repoPath } from './paths.ts';
import { levelFromLabel } from './severity.ts';
import type { ParsedReport, ParseOptions } from './types.ts';

/**
 * Trivy's labels. Anything else is refused where it stands: read as UNKNOWN (info), a mistyped
 * "CRITICAL!" would pass the security gate it should block.
 */
const severity = z.enum(['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'UNKNOWN'], {
	error: 'expected one of Trivy\'s severities CRITICAL, HIGH, MEDIUM, LOW or UNKNOWN',
});
const vulnerability = z.looseObject({
	VulnerabilityID: z.string(),
	PkgName: z.string().optional(),
	InstalledVersion: z.string().optional(),
	FixedVersion: z.string().optional(),
	Severity: severity,
	Title: z.string().optional(),
	PrimaryURL: z.string().optional(),
});
const misconfiguration = z.looseObject({
	ID: z.string().optional(),
	AVDID: z.string().optional(),
	Title: z.string().optional(),
	Message: z.string().optional(),
	Severity: severity,
	// Trivy's three; "fail" or "FAILED" read as not FAIL passed a CRITICAL finding as no finding.
	Status: z
		.enum(['PASS', 'FAIL', 'EXCEPTION'], { error: 'expected one of Trivy\'s statuses PASS, FAIL or EXCEPTION' })
		.optional(),
	PrimaryURL: z.string().optional(),
	CauseMetadata: z.looseObject({ StartLine: z.number().optional() }).optional(),
});
const secret = z.looseObject({
	RuleID: z.string(),
	Title: z.string().optional(),
	Severity: severity,
	StartLine: z.number().optional(),
});
const result = z.looseObject({
	Target: z.string().default(''),
	MisconfSummary: z.looseObject({ Failures: z.number().optional() }).nullish(),
	Vulnerabilities: z.array(vulnerability).nullish(),
	Misconfigurations: z.array(misconfiguration).nullish(),
	Secrets: z.array(secret).nullish(),
});
export const trivyReport = z.looseObject({
	SchemaVersion: z.number(),
	ArtifactName: z.string().optional(),
	Results: z.array(result).nullish(),
});

const http = (url: string | undefined) =>
	url && /^https?:\/\//i.test(url) ? { helpUri: url } : {};
/** Trivy's labels, as its own SARIF output tags them; UNKNOWN is info. */
const level = (label: z.output<typeof severity>) => levelFromLabel(label)!;
/** PASS and EXCEPTION (an accepted exception in the policy) are not open problems. */
const failed = (m: z.output<typeof misconfiguration>) => m.Status === undefined || m.Status === 'FAIL';
const at = (target: string, line: number | undefined) => (line ? `${target}:${line}` : target);

export function readTrivy(json: unknown, text: string, options: ParseOptions): ParsedReport {
	const report = checkShape(trivyReport, json, text, options.file, 'Trivy JSON report');
	unlistedFailures(report, text, options.file);
	const findings: SecurityFinding[] = [];
	for (const r of report.Results ?? []) {
		// A target is an image ("alpine:3.10 (alpine 3.10.2)") or a file in the scanned folder.
		const target = repoPath(r.Target, options.root, options.known);
		for (const v of r.Vulnerabilities ?? []) {
			const fix = v.FixedVersion ? `, fixed in ${v.FixedVersion}` : '';
			findings.push({
				ruleId: v.VulnerabilityID,
				severity: level(v.Severity),
				message:
					cleanMessage(
						`${v.PkgName ?? ''} ${v.InstalledVersion ?? ''}: ${v.Title ?? v.VulnerabilityID}${fix}`,
					) ?? v.VulnerabilityID,
				location: target,
				...http(v.PrimaryURL),
			});
		}
		for (const m of r.Misconfigurations ?? []) {
			if (!failed(m)) continue;
			const ruleId = m.AVDID ?? m.ID ?? '(no rule id)';
			findings.push({
				ruleId,
				severity: level(m.Severity),
				message: cleanMessage(m.Message ?? m.Title) ?? ruleId,
				location: at(target, m.CauseMetadata?.StartLine),
				...http(m.PrimaryURL),
			});
		}
		for (const s of r.Secrets ?? []) {
			findings.push({
				ruleId: s.RuleID,
				severity: level(s.Severity),
				message: cleanMessage(s.Title) ?? s.RuleID,
				location: at(target, s.StartLine),
			});
		}
	}
	return { format: 'trivy', tool: 'trivy', findings };
}

/**
 * Trivy counts in MisconfSummary.Failures exactly the failed misconfigurations it lists (an ignored
 * one is in neither): a report stating more lost some, and would pass the gate on the rest.
 */
function unlistedFailures(report: z.output<typeof trivyReport>, text: string, file: string): void {
	report.Results?.forEach((r, i) => {
		const listed = (r.Misconfigurations ?? []).filter(failed).length;
		expectListed({ text, file }, ['Results', i, 'MisconfSummary', 'Failures'], r.MisconfSummary?.Failures, listed, (stated, n) => `${stated} failed misconfiguration${stated === 1 ? '' : 's'} for ${JSON.stringify(r.Target)} (Results[${i}].MisconfSummary.Failures), but lists ${onlyOrNone(n)}; expected the report with every finding the scan had`);
	});
}
