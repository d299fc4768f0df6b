// The registry of document types: one entry per type, read by the content config, loader,
// checker, scaffolder and site. Adding a type means adding a schema and an entry here.
import type * as z from 'zod';
import { changelogDraftStatuses, changelogSchema } from './changelog.ts';
import { handoffDraftStatuses, handoffSchema } from './handoff.ts';
import { phaseDraftStatuses, phaseSchema } from './phase.ts';
import { rcaDraftStatuses, rcaSchema } from './rca.ts';
import { reviewDraftStatuses, reviewSchema } from './review.ts';

export interface DocumentType<S extends z.ZodType = z.ZodType> {
	/** The name used on the command line and in templates/<name>.mdx. */
	name: string;
	/** Folder under content/ and the Astro collection name. */
	collection: string;
	/** Human label, singular and plural. */
	label: string;
	plural: string;
	schema: S;
	/** The frontmatter field that identifies a document of this type. */
	idField: string;
	/** Statuses in which missing or empty sections are warnings, not errors. */
	draftStatuses: readonly string[];
	/** Only the template's sections are allowed, and at least one of them (Keep a Changelog). */
	exclusiveSections?: boolean;
}

function defineType<S extends z.ZodType>(type: DocumentType<S>): DocumentType<S> {
	return type;
}

export const documentTypes = {
	phase: defineType({
		name: 'phase',
		collection: 'phases',
		label: 'Phase report',
		plural: 'Phases',
		schema: phaseSchema,
		idField: 'id',
		draftStatuses: phaseDraftStatuses,
	}),
	rca: defineType({
		name: 'rca',
		collection: 'rcas',
		label: 'Issue RCA',
		plural: 'RCAs',
		schema: rcaSchema,
		idField: 'id',
		draftStatuses: rcaDraftStatuses,
	}),
	handoff: defineType({
		name: 'handoff',
		collection: 'handoffs',
		label: 'Handoff',
		plural: 'Handoffs',
		schema: handoffSchema,
		idField: 'id',
		draftStatuses: handoffDraftStatuses,
	}),
	review: defineType({
		name: 'review',
		collection: 'reviews',
		label: 'Review disposition',
		plural: 'Reviews',
		schema: reviewSchema,
		idField: 'id',
		draftStatuses: reviewDraftStatuses,
	}),
	changelog: defineType({
		name: 'changelog',
		collection: 'changelog',
		label: 'Changelog entry',
		plural: 'Changelog',
		schema: changelogSchema,
		idField: 'version',
		draftStatuses: changelogDraftStatuses,
		exclusiveSections: true,
	}),
} as const;

export type DocumentTypeName = keyof typeof documentTypes;
export const documentTypeNames = Object.keys(documentTypes) as DocumentTypeName[];

export * from './changelog.ts';
export * from './code.ts';
export * from './common.ts';
export * from './evidence.ts';
export * from './handoff.ts';
export * from './phase.ts';
export * from './project.ts';
export * from './rca.ts';
export * from './review.ts';
export * from './tasks.ts';
