// Schema of a phase handoff (content/handoffs/*.mdx).
import * as z from 'zod';
import { baseFields, isoDate, nonEmpty, shortId } from './common.ts';

export const handoffStatuses = ['draft', 'final'] as const;
export const handoffDraftStatuses: readonly string[] = ['draft'];

export const handoffSchema = z
	.object({
		type: z.literal('handoff').default('handoff'),
		id: z.string().regex(/^HO-\d{3,}$/, 'expected an id such as HO-001'),
		...baseFields,
		phase: shortId,
		date: isoDate,
		status: z.enum(handoffStatuses),
		onTrack: z.enum(['on-track', 'at-risk', 'off-track']),
		coverageVerdict: z.enum(['met', 'partial', 'not-met']),
		commitMessage: nonEmpty,
	})
	.strict();

export type Handoff = z.output<typeof handoffSchema>;
