// Lists every diagram a build will need: mermaid blocks in the documents, and generated diagrams.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { extractFromDocument } from '../core/mermaid-blocks.ts';
import type { DiagramUse } from './prepare.ts';
import type { GeneratedDiagram } from './registry.ts';

/** The mermaid blocks of every .md/.mdx file under these folders, paths relative to `root`. */
export function scanDocuments(root: string, dirs: readonly string[]): DiagramUse[] {
	return dirs.flatMap((dir) => scanFolder(root, join(root, dir)));
}

function scanFolder(root: string, dir: string): DiagramUse[] {
	let names: string[];
	try {
		names = readdirSync(dir, { recursive: true, encoding: 'utf8' });
	} catch {
		return [];
	}
	return names
		// Regular files only: a named pipe would hang the build (the check refuses it with a finding).
		.filter((name) => /\.mdx?$/.test(name) && statSync(join(dir, name), { throwIfNoEntry: false })?.isFile())
		.sort()
		.flatMap((name) => {
			const path = relative(root, join(dir, name));
			return extractFromDocument(readFileSync(join(dir, name), 'utf8')).map((block) => ({
				source: block.source,
				path,
				line: block.line,
				column: block.column,
			}));
		});
}

/** Generated diagrams are named `generated:<key>`; line 0 makes a finding's line the source's. */
export function generatedUses(diagrams: readonly GeneratedDiagram[]): DiagramUse[] {
	return diagrams.map((diagram) => ({
		source: diagram.source,
		path: `generated:${diagram.key}`,
		line: 0,
		column: 1,
	}));
}
