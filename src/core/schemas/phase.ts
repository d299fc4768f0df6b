// Schema of a phase report (content/phases/*.mdx).
import * as z from 'zod';
import { phaseRange } from './code.ts';
import { baseFields, isoDate, nonEmpty, semver, shortId } from './common.ts';

export const phaseStatuses = ['planned', 'in-progress', 'blocked', 'in-review', 'done'] as const;
/** Statuses in which the report is still being written: missing sections are warnings. */
export const phaseDraftStatuses: readonly string[] = ['planned', 'in-progress', 'blocked'];
export const riskLevels = ['low', 'medium', 'high', 'very-high'] as const;
export const priorities = ['critical', 'high', 'medium', 'low'] as const;

export const phaseWindow = z
	.object({
		start: isoDate,
		end: isoDate,
		actualStart: isoDate.optional(),
		actualEnd: isoDate.optional(),
	})
	.strict()
	.refine((w) => w.start <= w.end, { message: 'expected window.start on or before window.end', path: ['end'] })
	// The page would print "19 Jan – 2 Jan (18 days early)".
	.refine((w) => !w.actualStart || !w.actualEnd || w.actualStart <= w.actualEnd, {
		message: 'expected window.actualStart on or before window.actualEnd',
		path: ['actualEnd'],
	});

export const requirement = z.object({ id: nonEmpty, title: nonEmpty }).strict();

export const deliverable = z
	.object({ title: nonEmpty, done: z.boolean().default(false), artifact: nonEmpty.optional() })
	.strict();

export const approval = z.object({ by: nonEmpty, role: nonEmpty, date: isoDate }).strict();

export const deferredItem = z
	.object({ item: nonEmpty, rationale: nonEmpty.optional(), task: nonEmpty.optional() })
	.strict();

export const phaseSchema = z
	.object({
		type: z.literal('phase').default('phase'),
		id: shortId,
		...baseFields,
		goal: nonEmpty,
		status: z.enum(phaseStatuses),
		window: phaseWindow,
		dependsOn: z.array(shortId).default([]),
		risk: z.enum(riskLevels),
		priority: z.enum(priorities),
		requirements: z.array(requirement).default([]),
		deliverables: z.array(deliverable).default([]),
		gates: z.array(shortId).optional(),
		release: semver.optional(),
		approvals: z.array(approval).default([]),
		deferred: z.array(deferredItem).default([]),
		range: phaseRange.optional(),
	})
	.strict();

export type Phase = z.output<typeof phaseSchema>;
