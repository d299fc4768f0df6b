// Wires each document type's folder under content/ to its schema; the schemas live in src/core.
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { documentTypes } from './core/schemas/index.ts';

const collection = (type: (typeof documentTypes)[keyof typeof documentTypes]) =>
	defineCollection({
		loader: glob({ pattern: '**/*.mdx', base: `./content/${type.collection}` }),
		schema: type.schema,
	});

export const collections = {
	phases: collection(documentTypes.phase),
	rcas: collection(documentTypes.rca),
	handoffs: collection(documentTypes.handoff),
	reviews: collection(documentTypes.review),
	changelog: collection(documentTypes.changelog),
};
