// Schema of content/project.yaml: program settings, gates, allow-list and KPIs.
import { linearTimeProblem, userRegExp } from '../user-regexp.ts';
import * as z from 'zod';
import { codeSettings } from './code.ts';
import { httpUrl, isoDate, nonEmpty, shortId } from './common.ts';

export const DEFAULT_REQUIREMENT_PATTERN = 'REQ-\\d+(?:\\.\\d+)*';
export const DEFAULT_COVERAGE_THRESHOLD = 85;

/** How a gate decides pass or fail from its latest evidence run. */
export const gateRules = ['tests', 'coverage', 'findings', 'thresholds'] as const;

export const gate = z
	.object({
		id: shortId,
		title: nonEmpty,
		/** The test layer the gate's evidence belongs to (a column of the traceability matrix). */
		layer: nonEmpty,
		rule: z.enum(gateRules).default('tests'),
		/** `all` or the ids of the phases that require this gate. */
		requiredFor: z.union([z.literal('all'), z.array(shortId)]).default('all'),
		/** Coverage gates only: overrides the project's coverage threshold. */
		threshold: z.number().min(0).max(100).optional(),
	})
	.strict();

export const allowlistEntry = z
	.object({
		ruleId: nonEmpty,
		rationale: nonEmpty,
		expires: isoDate,
		phase: shortId.optional(),
	})
	.strict();

export const kpi = z
	.object({
		name: nonEmpty,
		target: z.union([z.number(), nonEmpty]),
		current: z.union([z.number(), nonEmpty]).optional(),
		unit: z.string().default(''),
		/** higher: current must reach target; lower: current must not exceed it. */
		direction: z.enum(['higher', 'lower']).default('higher'),
		/** Where `current` is measured: `coverage` is the line coverage of the newest coverage run (kpis.ts). */
		evidence: z.enum(['coverage']).optional(),
	})
	.strict();

export const projectSchema = z
	.object({
		name: nonEmpty,
		description: nonEmpty,
		/** The repository's web address, for edit and commit links. */
		// As written to clone it (`…/app.git`) or with a trailing slash, the web view's address is the same.
		repository: httpUrl()
			.transform((address) => address.replace(/\/+$/, '').replace(/\.git$/, ''))
			.optional(),
		/** Where the site is published (https://docs.example.com/): feeds, sitemap, canonical and printed links. */
		site: httpUrl('the http(s) address the site is published at').optional(),
		/** Branch used by "edit this page" links. */
		branch: nonEmpty.default('main'),
		requirementPattern: nonEmpty
			.default(DEFAULT_REQUIREMENT_PATTERN)
			.refine(
				(p) => {
					try {
						new RegExp(p);
						return true;
					} catch {
						return false;
					}
				},
				// An expression that does not parse has nothing more to be said of it.
				{ message: 'expected a valid regular expression', abort: true },
			)
			// Run on every test name of every report: one that may backtrack for ever hung the check.
			.refine((p) => linearTimeProblem(p) === undefined, {
				message: 'expected a pattern without lookaheads or backreferences (an id needs none), which V8 can match in linear time: a pattern that backtracks can take for ever on a long test name',
			}),
		coverageThreshold: z.number().min(0).max(100).default(DEFAULT_COVERAGE_THRESHOLD),
		gates: z.array(gate).min(1, 'expected at least one gate'),
		allowlist: z.array(allowlistEntry).default([]),
		kpis: z.array(kpi).default([]),
		code: codeSettings.default(codeSettings.parse({})),
		/** Check rules a program may switch off: `rules: { mdx/code: off }`. */
		rules: z
			.object({ 'mdx/code': z.enum(['warning', 'off']).default('warning') })
			.strict()
			.default({ 'mdx/code': 'warning' }),
	})
	.strict();

export type Project = z.output<typeof projectSchema>;
export type Gate = z.output<typeof gate>;
export type Kpi = z.output<typeof kpi>;

/** The requirement pattern, anchored, as a RegExp. */
export function requirementRegExp(project: Pick<Project, 'requirementPattern'>): RegExp {
	return userRegExp(`^(?:${project.requirementPattern})$`);
}
