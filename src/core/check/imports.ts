// Rule: a document's relative imports name files that exist. The check compiled such a body and
// passed it (`mdx/code` warns that it imports), and the build then stopped with the bundler's
// "Could not resolve './nope.js'" and an import chain through Phasebook's own modules.
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { finding, type Finding } from '../findings.ts';
import type { SourceDocument } from '../load.ts';

/** `import … from './x'`, `export … from '../y'` and `import './z.css'`, over lines; bounded, never backtracking far. */
const RELATIVE_IMPORT = /^[ \t]*(?:import|export)\b(?:[^'";]{0,400}?\bfrom)?[ \t]*(['"])(\.{1,2}\/[^'"\n]+)\1/gm;

/** What Vite resolves a specifier to: as written, with an extension, a `.js` written for a `.ts`, an index. */
const EXTENSIONS = ['.js', '.mjs', '.ts', '.mts', '.jsx', '.tsx', '.astro', '.mdx', '.md', '.json', '.svelte', '.vue'];

function resolves(file: string): boolean {
	const isFile = (path: string) => statSync(path, { throwIfNoEntry: false })?.isFile() === true;
	if (isFile(file)) return true;
	const stem = file.replace(/\.(?:m?js|jsx)$/, '');
	if (EXTENSIONS.some((ext) => isFile(`${file}${ext}`) || isFile(`${stem}${ext}`))) return true;
	return existsSync(file) && EXTENSIONS.some((ext) => isFile(join(file, `index${ext}`)));
}

/** The relative imports of a document (which `mdx/code` found it has) that name no file. */
export function checkImports(doc: SourceDocument, root: string): Finding[] {
	const findings: Finding[] = [];
	const folder = dirname(join(root, doc.path));
	for (const match of doc.body.matchAll(RELATIVE_IMPORT)) {
		const specifier = match[2]!.replace(/[?#].*$/, '');
		if (resolves(join(folder, specifier))) continue;
		const line = doc.bodyLine + doc.body.slice(0, match.index).split('\n').length - 1;
		findings.push(finding(doc.path, line, 'error', `Cannot find "${match[2]}", which the document imports: there is no such file beside it, so its page cannot be built`, 'mdx/import'));
	}
	return findings;
}
