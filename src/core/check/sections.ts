// Rule: a document has its template's required sections, non-empty and in order, and no
// frontmatter field still holds the template's sample sentence.
import type { Finding, Severity } from '../findings.ts';
import { finding } from '../findings.ts';
import { PROJECT_FILE, type Program, type SourceDocument } from '../load.ts';
import { SAMPLE_DESCRIPTION } from '../init-plan.ts';
import { mermaidBlocksIn } from '../mermaid-blocks.ts';
import { isEmptySection, parsedBodyOf, type Section } from '../markdown/sections.ts';
import { documentTypes } from '../schemas/index.ts';
import type { SectionRule, TemplateContract } from '../templates.ts';
import { nearestName } from '../text-distance.ts';

/** project.yaml's description as init wrote it: published on the dashboard and in the feeds. */
export function checkProjectPlaceholders(program: Program): Finding[] {
	const description = program.project?.description;
	if (description === undefined || description.trim() !== SAMPLE_DESCRIPTION) return [];
	return [finding(PROJECT_FILE, program.projectLineOf(['description']), 'warning', `Field "description" still holds the text init wrote, "${SAMPLE_DESCRIPTION}"; say what the program delivers`, 'frontmatter/placeholder')];
}

export function isDraft(doc: SourceDocument): boolean {
	const status = (doc.data as { status?: string }).status ?? '';
	return documentTypes[doc.type].draftStatuses.includes(status);
}

/**
 * @param asComplete judge the document as if it were final (readiness asks whether a report is
 *   complete whatever its status).
 */
export function checkSections(doc: SourceDocument, contract: TemplateContract, asComplete = false): Finding[] {
	const findings: Finding[] = [];
	const incomplete: Severity = isDraft(doc) && !asComplete ? 'warning' : 'error';
	const { sections, lines } = parsedBodyOf(doc);
	const fileLine = (bodyLine: number) => doc.bodyLine + bodyLine - 1;
	const from = `(from ${contract.path})`;
	const topLevel = sections.filter((s) => s.heading.depth === 2);
	const endLine = fileLine(lines.length);

	const found = new Map<string, Section>();
	for (const section of topLevel) {
		if (found.has(section.key)) {
			const first = found.get(section.key)!;
			findings.push(finding(doc.path, fileLine(section.heading.line), 'warning', `Duplicate section "${section.heading.text}", first on line ${fileLine(first.heading.line)}`, 'sections/duplicate'));
		} else found.set(section.key, section);
	}

	const checkContent = (rule: SectionRule, section: Section, label: string) => {
		const line = fileLine(section.heading.line);
		if (isEmptySection(section.content, rule.templateText)) {
			findings.push(finding(doc.path, line, incomplete, `${label} "${rule.title}" is empty`, 'sections/empty'));
		} else if (rule.requiresDiagram && mermaidBlocksIn(section.content).length === 0) {
			findings.push(finding(doc.path, line, incomplete, `${label} "${rule.title}" has no mermaid diagram, expected a \`\`\`mermaid block ${from}`, 'sections/diagram'));
		}
	};

	const templateKeys = new Set(contract.sections.map((r) => r.key));
	let lastIndex = -1;
	let lastTitle = '';
	contract.sections.forEach((rule, index) => {
		const section = found.get(rule.key);
		if (!section) {
			if (rule.optional) return;
			const next = contract.sections.slice(index + 1).map((r) => found.get(r.key)).find(Boolean);
			const near = nearHeading(rule, 2, sections.filter((s) => !(s.heading.depth === 2 && templateKeys.has(s.key))));
			const line = near ? fileLine(near.heading.line) : next ? fileLine(next.heading.line) : endLine;
			findings.push(finding(doc.path, line, incomplete, `Missing required section "${rule.title}" ${from}${nearNote(near, 2, fileLine)}`, 'sections/required'));
			return;
		}
		const position = topLevel.indexOf(section);
		if (position < lastIndex) {
			findings.push(finding(doc.path, fileLine(section.heading.line), 'error', `Section "${rule.title}" is out of order, expected it after "${lastTitle}" ${from}`, 'sections/order'));
		} else {
			lastIndex = position;
			lastTitle = rule.title;
		}
		if (rule.children.length === 0) {
			checkContent(rule, section, 'Section');
			return;
		}
		const children = sections.filter(
			(s) => s.heading.depth === 3 && s.heading.line > section.heading.line && s.heading.line <= section.endLine,
		);
		for (const child of rule.children) {
			const match = children.find((s) => s.key === child.key);
			if (match) checkContent(child, match, 'Sub-section');
			else if (!child.optional) {
				const childKeys = new Set(rule.children.map((c) => c.key));
				const inside = sections.filter((s) => s.heading.depth > 2 && s.heading.line > section.heading.line && s.heading.line <= section.endLine && !(s.heading.depth === 3 && childKeys.has(s.key)));
				const near = nearHeading(child, 3, inside);
				findings.push(finding(doc.path, fileLine((near ?? section).heading.line), incomplete, `Missing required sub-section "${child.title}" under "${rule.title}" ${from}${nearNote(near, 3, fileLine)}`, 'sections/required'));
			}
		}
	});

	const data = doc.data as Record<string, unknown>;
	for (const [field, sample] of contract.sampleValues) {
		const value = data[field];
		if (typeof value === 'string' && value.trim() === sample.trim()) {
			findings.push(finding(doc.path, doc.lineOf([field]), incomplete, `Field "${field}" still holds the template's text "${sample}" ${from}`, 'frontmatter/placeholder'));
		}
	}

	if (documentTypes[doc.type].exclusiveSections) {
		const allowed = new Set(contract.sections.map((r) => r.key));
		const names = contract.sections.map((r) => r.title).join(', ');
		for (const section of topLevel) {
			if (!allowed.has(section.key)) {
				findings.push(finding(doc.path, fileLine(section.heading.line), 'error', `Unexpected section "${section.heading.text}", expected one of ${names} ${from}`, 'sections/unexpected'));
			}
		}
		if (!topLevel.some((s) => allowed.has(s.key))) {
			findings.push(finding(doc.path, doc.bodyLine, incomplete, `Missing sections, expected at least one of ${names} ${from}`, 'sections/required'));
		}
	}
	return findings;
}

/**
 * The heading a missing section may be, written another way: the same title at another level
 * (`### Preventive guardrails`), or one a typo or two away (`## Root casue analysis`). Without it,
 * a misspelt heading read only as a missing section, reported at the next one.
 */
function nearHeading(rule: SectionRule, depth: number, candidates: readonly Section[]): Section | undefined {
	const sameTitle = candidates.find((s) => s.key === rule.key && s.heading.depth !== depth);
	if (sameTitle) return sameTitle;
	const key = nearestName(rule.key, candidates.map((s) => s.key));
	return key === undefined ? undefined : candidates.find((s) => s.key === key);
}

function nearNote(near: Section | undefined, depth: number, fileLine: (line: number) => number): string {
	if (!near) return '';
	const at = `on line ${fileLine(near.heading.line)}`;
	if (near.heading.depth !== depth) return `; the heading "${near.heading.text}" ${at} is level ${near.heading.depth}, expected ${'#'.repeat(depth)}`;
	return `; the heading "${near.heading.text}" ${at} may be it, spelt differently`;
}
