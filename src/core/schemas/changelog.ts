// Schema of a changelog release entry (content/changelog/*.mdx).
import * as z from 'zod';
import { baseFields, isoDate, semver, shortId } from './common.ts';

export const changelogStatuses = ['draft', 'released'] as const;
export const changelogDraftStatuses: readonly string[] = ['draft'];
/** Keep a Changelog's section names: an entry holds at least one of them and no other. */
export const changeKinds = ['Added', 'Changed', 'Deprecated', 'Removed', 'Fixed', 'Security'] as const;

export const changelogSchema = z
	.object({
		type: z.literal('changelog').default('changelog'),
		version: semver,
		...baseFields,
		date: isoDate,
		status: z.enum(changelogStatuses),
		phase: shortId.optional(),
	})
	.strict();

export type ChangelogEntry = z.output<typeof changelogSchema>;
