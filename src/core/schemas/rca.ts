// Schema of an incident root-cause analysis (content/rcas/*.mdx).
import * as z from 'zod';
import { baseFields, isoDate, nonEmpty, shortId } from './common.ts';

export const severities = ['critical', 'high', 'medium', 'low'] as const;
export const rcaStatuses = ['open', 'mitigated', 'resolved'] as const;
/** An open RCA is still under investigation: its later sections may be empty. */
export const rcaDraftStatuses: readonly string[] = ['open'];

export const rcaSchema = z
	.object({
		type: z.literal('rca').default('rca'),
		id: z.string().regex(/^RCA-\d{4,}$/, 'expected an id such as RCA-0001'),
		...baseFields,
		phase: shortId,
		severity: z.enum(severities),
		status: z.enum(rcaStatuses),
		detected: isoDate,
		resolved: isoDate.optional(),
		requirements: z.array(nonEmpty).default([]),
		regressionTests: z.array(nonEmpty).default([]),
	})
	.strict();

export type Rca = z.output<typeof rcaSchema>;
