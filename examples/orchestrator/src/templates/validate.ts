// validate-templates: every syntax error with file:line:column, and variables the manifest does not declare.
import { formatPosition, TemplateSyntaxError } from './errors.ts';
import { parse, referencedNames } from './syntax.ts';
import type { Catalog } from './catalog.ts';

export interface TemplateProblem {
	file: string;
	line: number;
	column: number;
	message: string;
}

export function formatProblem(p: TemplateProblem): string {
	return `${formatPosition(p)}  ${p.message}`;
}

/** Problems in one template source; `declared` enables the undeclared-variable check. */
export function validateSource(source: string, file: string, declared?: ReadonlySet<string>): TemplateProblem[] {
	let nodes;
	try {
		nodes = parse(source, file);
	} catch (error) {
		if (error instanceof TemplateSyntaxError) return [{ ...error.position, message: error.message }];
		throw error;
	}
	if (!declared) return [];
	return [...referencedNames(nodes)]
		.filter(([name]) => !declared.has(name))
		.map(([name, at]) => ({ ...at, message: `Variable '${name}' is not declared in manifest.json` }))
		.sort((a, b) => a.line - b.line || a.column - b.column);
}

export async function validateCatalog(catalog: Catalog): Promise<TemplateProblem[]> {
	const problems: TemplateProblem[] = [];
	for (const entry of catalog.entries) {
		const declared = new Set(Object.keys(entry.variables));
		problems.push(...validateSource(await catalog.source(entry), entry.file, declared));
	}
	return problems;
}
