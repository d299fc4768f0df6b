// Rule: a document nests no deeper than the build's Markdown parser can take (it crashes, with
// no message, on a list nested 300 deep), reported where the limit is first passed.
import { finding, type Finding } from '../findings.ts';
import type { SourceDocument } from '../load.ts';
import { deepNesting, NESTING_LIMITS, type NestingKind } from '../markdown/nesting.ts';
import { parsedBodyOf } from '../markdown/sections.ts';

const WHAT: Record<NestingKind, (depth: number) => string> = {
	list: (depth) => `Lists nested ${depth} deep`,
	blockquote: (depth) => `Blockquotes nested ${depth} deep`,
	element: (depth) => `Elements nested ${depth} deep`,
	emphasis: (depth) => `${depth} emphasis markers in a row`,
	bracket: (depth) => `Brackets nested ${depth} deep`,
	unary: (depth) => `${depth} unary operators in a row in an expression`,
};

/** Whether the document is too deep for the build: then nothing else may parse it with Sätteri. */
export function checkNesting(doc: SourceDocument): Finding[] {
	const { lines, kinds } = parsedBodyOf(doc);
	return deepNesting(lines, kinds).map((deep) =>
		finding(
			doc.path,
			doc.bodyLine + deep.line - 1,
			'error',
			`${WHAT[deep.kind](deep.depth)}, expected at most ${NESTING_LIMITS[deep.kind]}: the build's ${deep.kind === 'bracket' || deep.kind === 'unary' ? 'expression' : 'Markdown'} parser crashes on deeper nesting`,
			'mdx/nesting',
			deep.column,
		),
	);
}
