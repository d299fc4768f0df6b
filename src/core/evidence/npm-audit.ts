// npm audit --json (npm 7 and later, auditReportVersion 2): one finding per advisory and package.
import * as z from 'zod';
import type { SecurityFinding } from '../schemas/index.ts';
import { cleanMessage } from './cases.ts';
import { checkShape } from './json.ts';
import { levelFromLabel } from './severity.ts';
import type { ParsedReport, ParseOptions } from './types.ts';

const advisory = z.looseObject({
	source: z.union([z.number(), z.string()]).optional(),
	name: z.string().optional(),
	title: z.string().optional(),
	url: z.string().optional(),
	severity: z.string().optional(),
	range: z.string().optional(),
});
const vulnerability = z.looseObject({
	name: z.string().optional(),
	severity: z.string(),
	// An advisory object, or the name of a dependency through which one reaches this package.
	via: z.array(z.union([z.string(), advisory])).default([]),
	nodes: z.array(z.string()).default([]),
});
export const npmAuditReport = z.looseObject({
	auditReportVersion: z.literal(2, { error: 'expected "auditReportVersion": 2 (npm 7 or later)' }),
	vulnerabilities: z.record(z.string(), vulnerability),
});

/** The GitHub advisory id (GHSA-…) from the advisory's URL, which allow-list entries name. */
function advisoryId(a: z.output<typeof advisory>): string {
	const ghsa = /GHSA(?:-[0-9a-z]{4}){3}/i.exec(a.url ?? '')?.[0];
	return (
		ghsa ?? (a.source === undefined ? (a.title ?? '(no advisory id)') : `npm-advisory-${a.source}`)
	);
}

/**
 * Findings come from the advisories themselves. A package listed only because a dependency of it
 * is vulnerable (its `via` names packages, not advisories) adds nothing new: the advisory is
 * already a finding on the package that has it, and allow-listing it there covers every path.
 */
export function readNpmAudit(json: unknown, text: string, options: ParseOptions): ParsedReport {
	const report = checkShape(npmAuditReport, json, text, options.file, 'npm audit JSON report');
	const findings: SecurityFinding[] = [];
	const seen = new Set<string>();
	for (const [name, v] of Object.entries(report.vulnerabilities)) {
		for (const a of v.via) {
			if (typeof a === 'string') continue;
			const ruleId = advisoryId(a);
			const key = `${ruleId}\u0000${name}`;
			if (seen.has(key)) continue;
			seen.add(key);
			const helpUri = a.url && /^https?:\/\//i.test(a.url) ? a.url : undefined;
			findings.push({
				ruleId,
				severity: levelFromLabel(a.severity ?? v.severity) ?? 'medium',
				message:
					cleanMessage(
						`${a.title ?? ruleId} (${a.name ?? name} ${a.range ?? ''})`.replace(' )', ')'),
					) ?? ruleId,
				location: v.nodes[0] ?? `node_modules/${name}`,
				...(helpUri ? { helpUri } : {}),
			});
		}
	}
	return { format: 'npm-audit', tool: 'npm audit', findings };
}
