// Schema of one normalised evidence run (content/evidence/<phase>/<gate>/<run>.json).
import { z } from 'zod';
import { nonEmpty, shortId } from './common.ts';

export const EVIDENCE_SCHEMA_VERSION = 1;
export const evidenceFormats = ['junit', 'playwright', 'istanbul', 'sarif'] as const;
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

export const coverage = z
	.object({
		lines: z.number().min(0).max(100),
		statements: z.number().min(0).max(100),
		functions: z.number().min(0).max(100),
		branches: z.number().min(0).max(100),
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
		commit: z.string().regex(/^[0-9a-f]{7,40}$/i, 'expected a git commit sha').optional(),
		environment: nonEmpty.optional(),
		source: z
			.object({ format: z.enum(evidenceFormats), tool: nonEmpty, file: nonEmpty })
			.strict(),
		tests: testCounts.optional(),
		cases: z.array(testCase).optional(),
		coverage: coverage.optional(),
		findings: z.array(securityFinding).optional(),
		/** Why the gate failed, in the gate rule's words; empty when it passed. */
		reasons: z.array(z.string()).default([]),
	})
	.strict();

export type EvidenceRun = z.output<typeof evidenceRunSchema>;
export type TestCase = z.output<typeof testCase>;
export type SecurityFinding = z.output<typeof securityFinding>;
export type CoverageSummary = z.output<typeof coverage>;
