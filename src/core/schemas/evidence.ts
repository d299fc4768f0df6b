// Schema of one normalised evidence run (content/evidence/<phase>/<gate>/<run>.json).
import * as z from 'zod';
import { COMMIT_ID, nonEmpty, shortId } from './common.ts';

export const EVIDENCE_SCHEMA_VERSION = 1;
/** Every report format the importer reads, as `--format` names it, by what it measures. */
export const evidenceFormatGroups = {
	tests: ['junit', 'playwright', 'trx', 'nunit', 'xunit', 'go-test', 'jest', 'mocha', 'rspec', 'dart'],
	coverage: ['istanbul', 'istanbul-final', 'lcov', 'cobertura', 'jacoco', 'go-cover', 'coverage-py'],
	security: ['sarif', 'npm-audit', 'trivy'],
	performance: ['k6'],
} as const;
export const evidenceFormats = Object.values(evidenceFormatGroups).flat();
export const caseStatuses = ['passed', 'failed', 'skipped'] as const;
export const findingLevels = ['critical', 'high', 'medium', 'low', 'info'] as const;

export const testCounts = z
	.object({
		total: z.number().int().nonnegative(),
		passed: z.number().int().nonnegative(),
		/** Failures and errors. */
		failed: z.number().int().nonnegative(),
		/** Skipped, todo and pending. */
		skipped: z.number().int().nonnegative(),
		durationMs: z.number().nonnegative(),
	})
	.strict();

export const testCase = z
	.object({
		name: z.string(),
		suite: z.string(),
		status: z.enum(caseStatuses),
		durationMs: z.number().nonnegative(),
		message: z.string().optional(),
		requirements: z.array(nonEmpty).default([]),
		/** Present when the runner retried the case (flaky). */
		retries: z.number().int().nonnegative().optional(),
	})
	.strict();

const percent = z.number().min(0).max(100);
/** How many of a file's lines (branches, ...) ran, out of how many could. */
export const coverageCount = z
	.object({ covered: z.number().int().nonnegative(), total: z.number().int().nonnegative() })
	.strict()
	.refine((c) => c.covered <= c.total, { message: 'expected covered to be at most total' });

export const fileCoverage = z
	.object({
		/** Relative to the repository, with forward slashes (or the base name of a file outside it). */
		path: nonEmpty,
		lines: coverageCount,
		statements: coverageCount.optional(),
		functions: coverageCount.optional(),
		branches: coverageCount.optional(),
	})
	.strict();

/** Percentages of the whole run; a metric is absent where the format does not measure it. */
export const coverage = z
	.object({
		lines: percent,
		statements: percent.optional(),
		functions: percent.optional(),
		branches: percent.optional(),
		/** Per-file figures, as the report gave them. */
		files: z.array(fileCoverage).optional(),
	})
	.strict();

/** One k6 threshold: its metric, its expression as written and whether it held. */
export const threshold = z
	.object({
		metric: nonEmpty,
		expression: nonEmpty,
		ok: z.boolean(),
		/** The metric's aggregate the expression tests (p(95), rate, ...), when the summary has it. */
		value: z.number().optional(),
	})
	.strict();

export const securityFinding = z
	.object({
		ruleId: nonEmpty,
		severity: z.enum(findingLevels),
		message: z.string(),
		location: z.string().optional(),
		/** http(s) only; anything else is dropped at import. */
		helpUri: z.string().optional(),
	})
	.strict();

export const evidenceRunSchema = z
	.object({
		schemaVersion: z.literal(EVIDENCE_SCHEMA_VERSION),
		phase: shortId,
		gate: shortId,
		status: z.enum(['pass', 'fail']),
		recordedAt: z.iso.datetime(),
		commit: z.string().regex(COMMIT_ID, 'expected a git commit sha').optional(),
		environment: nonEmpty.optional(),
		/**
		 * Code files (from the repository's top) with changes not committed when the report was
		 * imported against the checkout's HEAD: the run may be of them, not of `commit`. At most 20.
		 */
		uncommitted: z.array(nonEmpty).max(20).optional(),
		/** How many such files there were, when more than the 20 named (absent in older runs). */
		uncommittedCount: z.number().int().min(21).optional(),
		source: z
			.object({
				format: z.enum(evidenceFormats),
				/** The tool, or the tools joined with ", " when the reports of one run disagree. */
				tool: nonEmpty,
				/** The report, or the first of several. */
				file: nonEmpty,
				/** Every report of a run made from several, in the order imported; absent for one. */
				files: z.array(nonEmpty).optional(),
			})
			.strict(),
		tests: testCounts.optional(),
		cases: z.array(testCase).optional(),
		coverage: coverage.optional(),
		findings: z.array(securityFinding).optional(),
		thresholds: z.array(threshold).optional(),
		/** Why the gate failed, in the gate rule's words; empty when it passed. */
		reasons: z.array(z.string()).default([]),
	})
	.strict();

export type EvidenceRun = z.output<typeof evidenceRunSchema>;
export type TestCase = z.output<typeof testCase>;
export type SecurityFinding = z.output<typeof securityFinding>;
export type CoverageSummary = z.output<typeof coverage>;
export type FileCoverage = z.output<typeof fileCoverage>;
export type CoverageCount = z.output<typeof coverageCount>;
export type Threshold = z.output<typeof threshold>;
