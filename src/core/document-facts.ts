// What the check learns from one document on its own: the findings of the rules that read only
// that document, its links and its diagrams. A pure function of the document's text, its template
// and the project's `mdx/code` setting, so the check can keep it between runs (document-cache.ts).
import { createHash } from 'node:crypto';
import { checkInventory, keepPhaseInventory, phaseInventory, type PhaseInventory } from './check/inventory.ts';
import { findLinks, type LinkTarget } from './check/links.ts';
import { checkMdx, type MdxOptions } from './check/mdx.ts';
import { checkNesting } from './check/nesting.ts';
import { checkSections, isDraft } from './check/sections.ts';
import type { Finding } from './findings.ts';
import type { SourceDocument } from './load.ts';
import { extractMermaidBlocks } from './mermaid-blocks.ts';
import { publishedBody } from './published-body.ts';
import type { Phase } from './schemas/index.ts';
import type { TemplateContract } from './templates.ts';

/** A mermaid block of a document, with its file line. */
export interface DiagramBlock {
	source: string;
	line: number;
	column: number;
}

export interface DocumentFacts {
	/** Findings of the per-document rules: sections, nesting, MDX, and a phase's change inventory. */
	findings: Finding[];
	/** Links in prose, with body lines (see findLinks): whether they resolve depends on the others. */
	links: LinkTarget[];
	/**
	 * Its mermaid blocks to be rendered or found in the diagram cache: those the site publishes, so
	 * a template's stub diagram in a section nobody wrote needs no browser.
	 */
	diagrams: DiagramBlock[];
	/** A phase's sections judged as if the report were final, for its readiness. */
	complete?: Finding[];
	/** A phase's change-inventory section and table; null without the section. */
	inventory?: NonNullable<PhaseInventory> | null;
}

export function documentFacts(doc: SourceDocument, template: TemplateContract, options: MdxOptions): DocumentFacts {
	const sections = checkSections(doc, template);
	const nesting = checkNesting(doc);
	// Nesting the build cannot take would crash the compiler here too.
	const mdx = nesting.length === 0 ? checkMdx(doc, options) : [];
	// Past MDX the compiler cannot read (an unclosed <details>), the sections are not what the author
	// wrote: one syntax error, not a cascade of "missing" sections after it.
	const broken = mdx.find((f) => f.ruleId === 'mdx/syntax')?.line;
	const findings = [...(broken === undefined ? sections : sections.filter((f) => (f.line ?? 0) <= broken)), ...nesting, ...mdx];
	// Only a body with a diagram is worth a second parse, for the sections the site leaves out.
	const withDiagrams = doc.body.includes('mermaid') ? publishedBody(doc.body, template) : doc.body;
	const diagrams = extractMermaidBlocks(withDiagrams, { lineOffset: doc.bodyLine - 1 }).map(({ source, line, column }) => ({ source, line, column }));
	const facts: DocumentFacts = { findings, links: findLinks(doc), diagrams };
	if (doc.type === 'phase') {
		const phase = doc as SourceDocument<Phase>;
		findings.push(...checkInventory(phase, template));
		facts.complete = isDraft(doc) ? checkSections(doc, template, true) : sections;
		facts.inventory = phaseInventory(phase) ?? null;
	}
	return facts;
}

/** Every document's published diagrams, each with its document's path: what the check and the build render. */
export function diagramUses(facts: ReadonlyMap<string, DocumentFacts>): (DiagramBlock & { path: string })[] {
	return [...facts].flatMap(([path, f]) => f.diagrams.map((block) => ({ ...block, path })));
}

/**
 * Gives a document the facts kept for it, where other rules look for them (a phase's inventory),
 * so that they need not read its text.
 */
export function applyKeptFacts(doc: SourceDocument, facts: DocumentFacts): void {
	if (facts.inventory !== undefined) keepPhaseInventory(doc, facts.inventory ?? undefined);
}

/**
 * What a type's facts depend on besides each document's text: kept facts whose context differs
 * (a template was edited, `mdx/code` turned off) are worked out again.
 */
export function factsContext(template: TemplateContract, options: MdxOptions): string {
	return createHash('sha256').update(`${template.path}\0${template.text}\0${options.code ? 'code' : 'no-code'}`).digest('hex');
}
