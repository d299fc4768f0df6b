// Schema of a review disposition and next-phase readiness call (content/reviews/*.mdx).
import * as z from 'zod';
import { baseFields, isoDate, nonEmpty, shortId } from './common.ts';

export const reviewStatuses = ['draft', 'final'] as const;
export const reviewDraftStatuses: readonly string[] = ['draft'];
export const findingSeverities = ['blocking', 'high', 'medium', 'low'] as const;
export const findingStatuses = ['open', 'fixed', 'deferred', 'wontfix'] as const;

export const reviewFinding = z
	.object({
		id: nonEmpty,
		severity: z.enum(findingSeverities),
		title: nonEmpty,
		location: z.string().regex(/^[^\s:]+(?::\d+(?:-\d+)?)?$/, 'expected a location as path:line'),
		status: z.enum(findingStatuses),
		owner: nonEmpty,
		rationale: nonEmpty.optional(),
	})
	.strict();

export const reviewBlocker = z
	.object({ title: nonEmpty, owner: nonEmpty, order: z.number().int().positive() })
	.strict();

export const reviewSchema = z
	.object({
		type: z.literal('review').default('review'),
		id: z.string().regex(/^REV-\d{3,}$/, 'expected an id such as REV-001'),
		...baseFields,
		phase: shortId,
		date: isoDate,
		status: z.enum(reviewStatuses),
		reviewers: z.array(nonEmpty).min(1, 'expected at least one reviewer'),
		findings: z.array(reviewFinding).default([]),
		readiness: z.enum(['ready', 'not-ready']),
		blockers: z.array(reviewBlocker).default([]),
	})
	.strict();

export type Review = z.output<typeof reviewSchema>;
