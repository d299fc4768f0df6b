// SARIF 2.1.0 (Trivy, ESLint, CodeQL): results as security findings with GitHub's severity mapping.
import { fileURLToPath } from 'node:url';
import * as z from 'zod';
import type { SecurityFinding } from '../schemas/index.ts';
import { cleanMessage, outcome } from './cases.ts';
import { errorAt } from './errors.ts';
import { checkShape, locateJsonPath, parseJson } from './json.ts';
import { isAbsolutePath, repoPath, type KnownFile } from './paths.ts';
import { levelFromSarif, levelFromScore, parseScore } from './severity.ts';
import type { ParsedReport, ParseOptions, ParseOutcome } from './types.ts';

const message = z.looseObject({
	text: z.string().optional(),
	markdown: z.string().optional(),
	id: z.string().optional(),
	arguments: z.array(z.string()).optional(),
});
/**
 * SARIF's four levels, and a CVSS score from 0.0 to 10.0. Anything else is refused where it stands
 * rather than read as "warning" (medium): a result written "CRITICAL", or scored "99", would pass
 * a security gate that blocks on high.
 */
const sarifLevel = z.enum(['none', 'note', 'warning', 'error'], {
	error: 'expected a SARIF level: none, note, warning or error',
});
const score = z.unknown().refine((value) => parseScore(value) !== undefined, {
	error: 'expected a security-severity score from 0.0 to 10.0',
});
const bag = z.looseObject({ 'security-severity': score.optional() });
const rule = z.looseObject({
	id: z.string().optional(),
	helpUri: z.string().optional(),
	shortDescription: message.optional(),
	messageStrings: z.record(z.string(), message).optional(),
	defaultConfiguration: z.looseObject({ level: sarifLevel.optional() }).optional(),
	properties: bag.optional(),
});
const component = z.looseObject({ name: z.string().optional(), rules: z.array(rule).default([]) });
const location = z.looseObject({
	physicalLocation: z
		.looseObject({
			artifactLocation: z
				.looseObject({ uri: z.string().optional(), index: z.number().optional() })
				.optional(),
			region: z.looseObject({ startLine: z.number().optional() }).optional(),
		})
		.optional(),
	logicalLocations: z
		.array(
			z.looseObject({ fullyQualifiedName: z.string().optional(), name: z.string().optional() }),
		)
		.optional(),
});
const result = z.looseObject({
	ruleId: z.string().optional(),
	ruleIndex: z.number().optional(),
	rule: z
		.looseObject({
			id: z.string().optional(),
			index: z.number().optional(),
			toolComponent: z.looseObject({ index: z.number().optional() }).optional(),
		})
		.optional(),
	kind: z.string().optional(),
	level: sarifLevel.optional(),
	message: message.default({}),
	locations: z.array(location).nullish(),
	suppressions: z.array(z.looseObject({ status: z.string().optional() })).nullish(),
	baselineState: z.string().optional(),
	properties: bag.optional(),
});
const run = z.looseObject({
	tool: z.looseObject({ driver: component, extensions: z.array(component).default([]) }),
	artifacts: z
		.array(z.looseObject({ location: z.looseObject({ uri: z.string().optional() }).optional() }))
		.nullish(),
	// null means the tool did not run; [] means it ran and found nothing.
	results: z.array(result).nullish(),
	invocations: z
		.array(
			z.looseObject({
				executionSuccessful: z.boolean().optional(),
				toolExecutionNotifications: z.array(z.looseObject({ level: z.string().optional(), message: message.optional() })).nullish(),
			}),
		)
		.nullish(),
});
export const sarifLog = z.looseObject({
	version: z.literal('2.1.0', { error: 'expected SARIF version "2.1.0"' }),
	runs: z.array(run),
});

type Run = z.output<typeof run>;
type Result = z.output<typeof result>;
type Rule = z.output<typeof rule>;

/** Parses a SARIF 2.1.0 log. */
export function parseSarif(text: string, options: ParseOptions): ParseOutcome {
	return outcome(() => readSarif(parseJson(text, options.file), text, options));
}

export function readSarif(json: unknown, text: string, options: ParseOptions): ParsedReport {
	const log = checkShape(sarifLog, json, text, options.file, 'SARIF 2.1.0 log');
	unfinished(log, text, options.file);
	const findings: SecurityFinding[] = [];
	for (const r of log.runs) {
		for (const res of r.results ?? []) {
			if (isClosed(res)) continue;
			const ruleDef = findRule(r, res);
			const ruleId = res.ruleId ?? res.rule?.id ?? ruleDef?.id ?? '(no rule id)';
			const where = locationOf(r, res, options.root, options.known);
			const helpUri =
				ruleDef?.helpUri && /^https?:\/\//i.test(ruleDef.helpUri) ? ruleDef.helpUri : undefined;
			findings.push({
				ruleId,
				severity: severityOf(res, ruleDef),
				message: messageOf(res, ruleDef) ?? ruleId,
				...(where ? { location: where } : {}),
				...(helpUri ? { helpUri } : {}),
			});
		}
	}
	const names = [...new Set(log.runs.map((r) => r.tool.driver.name).filter(Boolean))];
	return { format: 'sarif', tool: names.join(', ') || 'sarif', findings };
}

/**
 * A scan that did not finish finds nothing, and "no findings" would pass the security gate: a log
 * with no runs, a run with no results (SARIF's "the tool did not run"; an empty list is "it ran and
 * found nothing"), or an invocation that says its execution failed.
 */
function unfinished(log: z.output<typeof sarifLog>, text: string, file: string): void {
	if (log.runs.length === 0) {
		throw errorAt(file, text, locateJsonPath(text, ['runs']), 'The SARIF log has no runs: the scanner recorded no scan, so it cannot pass a security gate; expected the log of a scan that ran');
	}
	log.runs.forEach((r, i) => {
		const tool = r.tool.driver.name ? ` (${r.tool.driver.name})` : '';
		const failed = (r.invocations ?? []).findIndex((inv) => inv.executionSuccessful === false);
		if (failed !== -1) {
			const notes = r.invocations![failed]!.toolExecutionNotifications ?? [];
			const why = cleanMessage((notes.find((n) => n.level === 'error') ?? notes[0])?.message?.text);
			throw errorAt(file, text, locateJsonPath(text, ['runs', i, 'invocations', failed, 'executionSuccessful']), `Run ${i + 1} of the SARIF log${tool} says its scan failed (executionSuccessful: false)${why ? `: ${why}` : ''}; what it found is not the whole, so it cannot pass a security gate`);
		}
		if (r.results == null) {
			throw errorAt(file, text, locateJsonPath(text, ['runs', i]), `Run ${i + 1} of the SARIF log${tool} has no results: SARIF says the tool did not run (a scan that found nothing writes "results": []), so it cannot pass a security gate`);
		}
	});
}

/**
 * Results that are not open problems: passes, fixed ones, and suppressed ones. A result is
 * suppressed when it has a suppression and none of them is under review or rejected (SARIF 2.1.0,
 * as GitLab reads it): a suppression someone rejected leaves the finding open, whatever another says.
 */
function isClosed(res: Result): boolean {
	if (res.kind === 'pass' || res.kind === 'notApplicable') return true;
	if (res.baselineState === 'absent') return true;
	const suppressions = res.suppressions ?? [];
	return suppressions.length > 0 && suppressions.every((s) => s.status === undefined || s.status === 'accepted');
}

/** The rule by index (in the driver or, as CodeQL writes, an extension), else by id. */
function findRule(r: Run, res: Result): Rule | undefined {
	const ext = res.rule?.toolComponent?.index;
	const owner = ext === undefined ? r.tool.driver : r.tool.extensions[ext];
	const index = res.rule?.index ?? res.ruleIndex;
	if (owner && index !== undefined && owner.rules[index]) return owner.rules[index];
	const id = res.ruleId ?? res.rule?.id;
	if (id === undefined) return undefined;
	return [r.tool.driver, ...r.tool.extensions].flatMap((c) => c.rules).find((x) => x.id === id);
}

/** security-severity (result first, then rule) as GitHub maps it; else the SARIF level. */
function severityOf(res: Result, ruleDef: Rule | undefined): SecurityFinding['severity'] {
	const score =
		parseScore(res.properties?.['security-severity']) ??
		parseScore(ruleDef?.properties?.['security-severity']);
	if (score !== undefined) return levelFromScore(score);
	return levelFromSarif(res.level ?? ruleDef?.defaultConfiguration?.level ?? 'warning');
}

function messageOf(res: Result, ruleDef: Rule | undefined): string | undefined {
	const template =
		res.message.text ??
		res.message.markdown ??
		(res.message.id ? ruleDef?.messageStrings?.[res.message.id]?.text : undefined) ??
		ruleDef?.shortDescription?.text;
	const args = res.message.arguments ?? [];
	return cleanMessage(
		template?.replace(/\{(\d+)\}/g, (whole, n: string) => args[Number(n)] ?? whole),
	);
}

/**
 * `uri:line` of the first location. File URIs and absolute paths become relative to the
 * repository, or their base name outside it: a CI runner's folders are not published.
 */
function locationOf(r: Run, res: Result, root: string | undefined, known: KnownFile | undefined): string | undefined {
	const first = res.locations?.[0];
	const physical = first?.physicalLocation;
	const artifact = physical?.artifactLocation;
	let uri =
		artifact?.uri ??
		(artifact?.index !== undefined ? r.artifacts?.[artifact.index]?.location?.uri : undefined);
	if (uri === undefined) {
		const logical = first?.logicalLocations?.[0];
		return logical?.fullyQualifiedName ?? logical?.name;
	}
	if (uri.startsWith('file:')) {
		try {
			uri = fileURLToPath(uri);
		} catch {
			// Not a local file URL after all; keep it as written.
		}
	}
	if (isAbsolutePath(uri)) uri = repoPath(uri, root, known);
	const line = physical?.region?.startLine;
	return line === undefined ? uri : `${uri}:${line}`;
}
