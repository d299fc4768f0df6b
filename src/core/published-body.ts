// What of a body the site publishes: the template's sections an author left as the template had
// them (only comments, a placeholder, a bare table header, a stub diagram) are not published.
// `check` warns about them in a draft; the page, its contents list, the print view and the search
// index leave them out instead of showing headings with nothing under them.
import { SAMPLE_DESCRIPTION } from './init-plan.ts';
import { isEmptySection, parseBody, type Section } from './markdown/sections.ts';
import type { SectionRule, TemplateContract } from './templates.ts';

/**
 * The body with each unwritten template section blanked, heading included, line for line: the
 * compiler's line numbers (in its errors, and the diagrams') stay the file's. A section the
 * template does not name is the author's and stays. A top-level section goes only when its
 * sub-sections are unwritten too; otherwise each unwritten sub-section goes on its own.
 */
export function publishedBody(body: string, contract: TemplateContract | undefined): string {
	if (!contract) return body;
	const { lines, sections } = parseBody(body);
	const blank: [number, number][] = [];
	const rules = new Map(contract.sections.map((rule) => [rule.key, rule]));
	for (const section of sections) {
		if (section.heading.depth !== 2) continue;
		const rule = rules.get(section.key);
		if (!rule) continue;
		const children = sections.filter((s) => s.heading.depth === 3 && s.heading.line > section.heading.line && s.heading.line <= section.endLine);
		const own = lines.slice(section.startLine - 1, (children[0]?.heading.line ?? section.endLine + 1) - 1).join('\n');
		const unwritten = children.filter((child) => isUnwritten(child, rule.children.find((r) => r.key === child.key)));
		if (isEmptySection(own, rule.templateText) && unwritten.length === children.length) {
			blank.push([section.heading.line, section.endLine]);
		} else {
			for (const child of unwritten) blank.push([child.heading.line, child.endLine]);
		}
	}
	if (blank.length === 0) return body;
	const out = [...lines];
	for (const [from, to] of blank) for (let line = from; line <= to; line++) out[line - 1] = '';
	return out.join('\n');
}

/** A sub-section the template names, holding nothing more than the template put there. */
function isUnwritten(section: Section, rule: SectionRule | undefined): boolean {
	return rule !== undefined && isEmptySection(section.content, rule.templateText);
}

/** A frontmatter sentence as published: undefined while it is still the template's sample (a phase's goal). */
export function writtenField(value: string | undefined, field: string, contract: TemplateContract | undefined): string | undefined {
	const sample = contract?.sampleValues.get(field);
	return value === undefined || (sample !== undefined && value.trim() === sample.trim()) ? undefined : value;
}

/** project.yaml's description as published: undefined while it is the one init wrote. */
export function writtenDescription(description: string): string | undefined {
	return description.trim() === SAMPLE_DESCRIPTION ? undefined : description;
}
