// npm audit --json (npm 7 and later, auditReportVersion 2): one finding per advisory and package.
import * as z from 'zod';
import type { SecurityFinding } from '../schemas/index.ts';
import { cleanMessage } from './cases.ts';
import { errorAt } from './errors.ts';
import { checkShape, locateJsonPath } from './json.ts';
import { levelFromLabel } from './severity.ts';
import type { ParsedReport, ParseOptions } from './types.ts';

/**
 * npm's labels. Anything else, an empty one included, is refused where it stands: read as
 * moderate, a critical advisory written with a typo would pass a gate that blocks on high.
 */
const LABELS = ['info', 'low', 'moderate', 'high', 'critical'] as const;
const severity = z.enum(LABELS, {
	error: "expected one of npm's severities info, low, moderate, high or critical",
});
const advisory = z.looseObject({
	source: z.union([z.number(), z.string()]).optional(),
	name: z.string().optional(),
	title: z.string().optional(),
	url: z.string().optional(),
	severity: severity.optional(),
	range: z.string().optional(),
});
const vulnerability = z.looseObject({
	name: z.string().optional(),
	severity,
	// An advisory object, or the name of a dependency through which one reaches this package. npm
	// lists at least one: a package vulnerable through nothing would add no finding for its severity.
	via: z
		.array(z.union([z.string(), advisory]))
		.min(1, { error: 'expected the advisories or vulnerable dependencies that make the package vulnerable' }),
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
		unaccounted(name, v, report.vulnerabilities, text, options.file);
		for (const a of v.via) {
			if (typeof a === 'string') continue;
			const ruleId = advisoryId(a);
			const key = `${ruleId}\u0000${name}`;
			if (seen.has(key)) continue;
			seen.add(key);
			const helpUri = a.url && /^https?:\/\//i.test(a.url) ? a.url : undefined;
			findings.push({
				ruleId,
				severity: levelFromLabel(a.severity ?? v.severity)!,
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

type Vulnerability = z.output<typeof vulnerability>;
const rank = (label: z.output<typeof severity>) => LABELS.indexOf(label);

/**
 * A package's own severity must show in a finding: that of one of its advisories, or of a listed
 * package it is vulnerable through (whose advisories are findings there). npm works a package's
 * severity out from exactly those, so one above all of them was not written by npm, and the gate
 * would judge the report on less than it states.
 */
function unaccounted(name: string, v: Vulnerability, all: Record<string, Vulnerability>, text: string, file: string): void {
	const reached = v.via.map((a) => (typeof a === 'string' ? all[a]?.severity : (a.severity ?? v.severity)));
	const highest = Math.max(-1, ...reached.map((label) => (label === undefined ? -1 : rank(label))));
	if (rank(v.severity) <= highest) return;
	const most = highest === -1 ? 'none of them is an advisory or a listed package' : `the most severe of them is ${LABELS[highest]}`;
	throw errorAt(file, text, locateJsonPath(text, ['vulnerabilities', name, 'severity']), `Not a valid npm audit JSON report at vulnerabilities.${name}.severity: the package is ${v.severity}, but ${most} in its via list, so no finding would carry its severity; expected the report as npm wrote it`);
}
