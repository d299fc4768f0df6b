// Rules: a document's MDX compiles as the build compiles it (mdx/syntax), and the code it carries
// is shown to its reviewer (mdx/code): ESM import/export runs when the site is built, event-handler
// attributes and <script> elements run in the reader's browser.
import { createRequire } from 'node:module';
import type { MdastNode } from 'satteri';
import { finding, type Finding } from '../findings.ts';
import type { SourceDocument } from '../load.ts';
import { parsedBodyOf } from '../markdown/sections.ts';
import { expressionFindings } from './mdx-expressions.ts';

// Sätteri, the build's MDX compiler and a native module, is loaded only when a body needs it: a
// check whose documents are all kept (document-cache.ts) never does. `require` loads this ES
// module synchronously (Node >= 22.12) and resolves it as a static import from this file would.
const load = createRequire(import.meta.url);
let satteri: typeof import('satteri') | undefined;
const compiler = () => (satteri ??= load('satteri') as typeof import('satteri'));

/**
 * What a body must hold for the MDX compiler to have anything to say beyond Markdown: a `<` that
 * is not followed by a space (a tag, but also the `<=`, `<3`, `<-` or `<!--` of prose, which MDX
 * rejects), an expression brace or an ESM line. Other bodies are not compiled (most documents are
 * prose).
 */
const MDX_SYNTAX = /<\S|[{}]|^(?:import|export)\b/m;

export interface MdxOptions {
	/** Report the code a document carries (project.yaml `rules: { mdx/code: off }` turns it off). */
	code: boolean;
}

/** Satteri's `3:14: message (source)` as a line, a column and the message. */
function located(error: unknown): { line: number; column: number; message: string } {
	const text = String((error as Error)?.message ?? error).split('\n')[0]!;
	const position = /^(\d+):(\d+): /.exec(text);
	let message = position ? text.slice(position[0].length) : text;
	const source = message.lastIndexOf(' (');
	if (source !== -1 && message.endsWith(')') && /^ \([\w-]+:[\w-]+\)$/.test(message.slice(source))) message = message.slice(0, source);
	return { line: Number(position?.[1] ?? 1), column: Number(position?.[2] ?? 1), message };
}

type Jsx = MdastNode & { name?: string | null; attributes?: Array<{ type: string; name?: string }> };

function codeFindings(doc: SourceDocument, tree: MdastNode): Finding[] {
	const findings: Finding[] = [];
	const at = (node: MdastNode, message: string) =>
		findings.push(finding(doc.path, node.position?.start.line ?? doc.bodyLine, 'warning', message, 'mdx/code', node.position?.start.column ?? 1));
	const visit = (node: MdastNode) => {
		if (node.type === 'mdxjsEsm') {
			at(node, 'Unexpected import/export: module code in a document runs when the site is built; review it as code');
		} else if (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') {
			const element = node as Jsx;
			if (element.name?.toLowerCase() === 'script') {
				at(node, 'Unexpected <script> element: it runs in the reader\'s browser; review it as code');
			}
			for (const attribute of element.attributes ?? []) {
				if (attribute.type === 'mdxJsxAttribute' && /^on[a-z]/i.test(attribute.name ?? '')) {
					at(node, `Unexpected event-handler attribute "${attribute.name}" on <${element.name}>: it runs in the reader's browser; review it as code`);
				}
			}
		}
		for (const child of (node as { children?: MdastNode[] }).children ?? []) visit(child);
	};
	visit(tree);
	return findings;
}

/**
 * Compiles the body with the compiler the build uses (Sätteri, through @astrojs/mdx), so what
 * the build would reject is a located error here. Call it only on a body within the nesting
 * limits: the compiler crashes the process on deeper nesting.
 */
/**
 * `MDX_SYNTAX.test(body)`, faster: a search for one character is a fast scan, one for a word or a
 * regular expression over a whole body is not (0.2 s of a 10,000-document check), so the ESM
 * lines are looked for among the body's lines by their first letter.
 */
function mayHoldMdx(doc: SourceDocument): boolean {
	const body = doc.body;
	if (body.includes('{') || body.includes('}')) return true;
	if (body.includes('<') && /<\S/.test(body)) return true;
	// The expression's `^` also follows a lone CR or a line separator, which the lines do not split at.
	if (body.includes('\r') || body.includes('\u2028') || body.includes('\u2029')) return MDX_SYNTAX.test(body);
	for (const line of parsedBodyOf(doc).lines) {
		const first = line.charCodeAt(0);
		if ((first === 105 || first === 101) && /^(?:import|export)\b/.test(line)) return true; // i, e
	}
	return false;
}

/**
 * Compiles `source` (a body after blank lines standing in for the frontmatter, so positions are the
 * file's) as the build does: its code, or the compiler's refusal as an mdx/syntax finding at `path`.
 */
export function compileMdx(path: string, source: string): { code: string; finding?: undefined } | { finding: Finding; code?: undefined } {
	try {
		return { code: compiler().mdxToJs(source).code };
	} catch (error) {
		const where = located(error);
		// The compiler's own note speaks of links and comments; a `<` meant as text is as common.
		const line = source.split('\n')[where.line - 1] ?? '';
		const hint = /^Unexpected character after `<`/.test(where.message)
			? 'For a literal < in text, write \\< or &lt;.'
			: // `## Title {#id}`, a custom heading id as kramdown and Pandoc write it: MDX reads an expression.
				/^#{1,6}\s.*\{#[^}]*\}\s*$/.test(line)
				? 'MDX reads {#…} as a JavaScript expression, not a heading id: leave it out (a heading\'s id comes from its text), or write \\{#…} to show it.'
				: /^Could not parse expression/.test(where.message)
					? 'MDX reads {…} as a JavaScript expression; for a literal brace in text, write \\{.'
					: undefined;
		return { finding: finding(path, where.line, 'error', `Invalid MDX: ${where.message}`, 'mdx/syntax', where.column, { hint }) };
	}
}

export function checkMdx(doc: SourceDocument, options: MdxOptions): Finding[] {
	if (!mayHoldMdx(doc)) return [];
	// Blank lines stand in for the frontmatter, as the build does, so positions are the file's.
	const source = '\n'.repeat(doc.bodyLine - 1) + doc.body;
	const compiled = compileMdx(doc.path, source);
	if (compiled.finding) return [compiled.finding];
	const { code } = compiled;
	const unknown = componentFindings(doc, source, code);
	// The tree, only for a body with an expression brace or when its code is reported.
	const braces = doc.body.includes('{');
	if (!braces && !options.code) return unknown;
	const tree = compiler().mdxToMdast(source);
	return [...unknown, ...(braces ? expressionFindings(doc, tree) : []), ...(options.code ? codeFindings(doc, tree) : [])];
}

/**
 * The components a body uses but neither imports nor defines (mdx/component): the compiler marks
 * each with a `_missingMdxReference` call, which throws when the page renders, and the build fails.
 * Astro provides `Fragment`; a body that exports its own `components` may provide any of them.
 */
function componentFindings(doc: SourceDocument, source: string, code: string): Finding[] {
	if (!code.includes('_missingMdxReference("')) return [];
	if (/^export\s+(?:const|let|var|function)\s+components\b/m.test(doc.body)) return [];
	const names = new Set([...code.matchAll(/_missingMdxReference\("([^"]+)", (?:true|false)\)/g)].map((match) => match[1]!));
	names.delete('Fragment');
	const lines = source.split('\n');
	return [...names].map((name) => {
		const tag = new RegExp(`<${name.replace(/[$.]/g, '\\$&')}[\\s/>.]`);
		const index = lines.findIndex((line) => tag.test(line));
		const line = index === -1 ? doc.bodyLine : index + 1;
		const column = index === -1 ? 1 : lines[index]!.search(tag) + 1;
		return finding(
			doc.path,
			line,
			'error',
			`Unknown component <${name}>: the document neither imports nor defines it, so its page cannot be built; import it at the top of the document or write HTML instead`,
			'mdx/component',
			column,
		);
	});
}
