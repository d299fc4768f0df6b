// Reads templates/<type>.mdx as the contract of required sections for each document type.
import { join } from 'node:path';
import { compileMdx } from './check/mdx.ts';
import { readTextFile } from './files.ts';
import { finding, FindingError, type Finding } from './findings.ts';
import { COMMENT_DELIMITERS, replaceDelimited } from './markdown/delimited.ts';
import { mermaidBlocksIn } from './mermaid-blocks.ts';
import { parseBody, visibleText } from './markdown/sections.ts';
import { documentTypeNames, documentTypes, type DocumentTypeName } from './schemas/index.ts';
import type * as z from 'zod';
import { parseYaml, validate } from './yaml-source.ts';

export const TEMPLATES_DIR = 'templates';

export interface SectionRule {
	title: string;
	key: string;
	depth: number;
	optional: boolean;
	/** The template holds a mermaid block here, so documents must too. */
	requiresDiagram: boolean;
	/** What the template wrote under the heading, as visible text: a document that kept only this is empty. */
	templateText: string;
	children: SectionRule[];
}

export interface TemplateContract {
	type: DocumentTypeName;
	/** Path relative to the project root. */
	path: string;
	/** The whole file, used by the scaffolder. */
	text: string;
	sections: SectionRule[];
	/**
	 * The template's prose frontmatter values (a phase's `goal`, a handoff's `commitMessage`):
	 * top-level fields with a quoted sentence that is not a `{{placeholder}}`. A document that
	 * still holds one states what nobody wrote.
	 */
	sampleValues: Map<string, string>;
	/**
	 * What is wrong with the template itself: frontmatter that every new document copies (YAML that
	 * does not parse, a field the type's schema does not have, a required field it leaves out), or a
	 * section named twice. The check names the template's line, where `new` would only fail on the
	 * next document and every document would be blamed for the template's duplicate.
	 */
	findings: Finding[];
}

/** Top-level `key: "a sentence"` (or single-quoted) lines of a template's frontmatter: text `new` copies as it is. */
export function sampleValuesOf(frontmatter: string): Map<string, string> {
	const values = new Map<string, string>();
	for (const match of frontmatter.matchAll(/^([A-Za-z][\w-]*):[ \t]*(?:"((?:[^"\\]|\\.)*)"|'((?:[^']|'')*)')[ \t]*$/gm)) {
		const value = match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : match[3]!.replaceAll("''", "'");
		if (/\s/.test(value.trim()) && !value.includes('{{')) values.set(match[1]!, value);
	}
	return values;
}

/** Splits frontmatter from body textually: template frontmatter holds {{placeholders}}, not YAML. */
export function splitTemplate(text: string): { frontmatter: string; body: string } {
	const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
	if (!match) return { frontmatter: '', body: text };
	return { frontmatter: match[1]!, body: text.slice(match[0].length) };
}

export function parseTemplate(type: DocumentTypeName, path: string, text: string): TemplateContract {
	const { frontmatter, body } = splitTemplate(text);
	const { sections } = parseBody(body);
	const rules: SectionRule[] = [];
	let parent: SectionRule | undefined;
	for (const section of sections) {
		if (section.heading.depth !== 2 && section.heading.depth !== 3) continue;
		const ownContent =
			section.heading.depth === 2
				? section.content.split(/\n(?= {0,3}###\s)/)[0]!
				: section.content;
		const rule: SectionRule = {
			title: replaceDelimited(section.heading.text, COMMENT_DELIMITERS.slice(0, 1), '').trim(),
			key: section.key,
			depth: section.heading.depth,
			optional: section.heading.optional,
			requiresDiagram: mermaidBlocksIn(ownContent).length > 0,
			templateText: visibleText(ownContent),
			children: [],
		};
		if (rule.depth === 2) {
			rules.push(rule);
			parent = rule;
		} else if (parent) {
			parent.children.push(rule);
		}
	}
	// A section named twice would put every document's copy of it out of order; the template is named.
	const bodyLine = text.split('\n').length - body.split('\n').length + 1;
	const seen = new Map<string, number>();
	const duplicates: Finding[] = [];
	for (const section of sections) {
		if (section.heading.depth !== 2) continue;
		const line = bodyLine + section.heading.line - 1;
		const first = seen.get(section.key);
		if (first === undefined) seen.set(section.key, line);
		else duplicates.push(finding(path, line, 'error', `Section "${section.heading.text}" is named twice in the template, first on line ${first}, so no document can have it in order; remove one`, 'sections/duplicate'));
	}
	return { type, path, text, sections: rules, sampleValues: sampleValuesOf(frontmatter), findings: [...frontmatterFindings(type, path, frontmatter), ...duplicates, ...bodySyntax(path, body, bodyLine)] };
}

/**
 * A body every document `new` makes from the template would start with, which MDX cannot compile
 * (`## Impact <5 min`): said here, once, rather than in each document. Only a body with a `<` or
 * an ESM line is compiled; its comments and expressions the documents' own check judges.
 */
function bodySyntax(path: string, body: string, bodyLine: number): Finding[] {
	if (!/<\S|^(?:import|export)\b/m.test(body)) return [];
	const compiled = compileMdx(path, '\n'.repeat(bodyLine - 1) + body);
	return compiled.finding ? [compiled.finding] : [];
}

/** Fields `new` writes into a document when its template leaves them out. */
const ADDED_BY_NEW = new Set(['phase']);

function frontmatterFindings(type: DocumentTypeName, path: string, frontmatter: string): Finding[] {
	if (frontmatter.trim() === '') return [];
	// Each placeholder stands for a value `new` fills in, quoted: as a word, YAML reads it the same way.
	// The blank first line puts line N of the YAML on line N of the file, after the opening ---.
	const yaml = parseYaml(`\n${frontmatter.replace(/\{\{\w+\}\}/g, 'x')}`, path);
	if (yaml.findings.length) return yaml.findings;
	const def = documentTypes[type];
	// Most templates are sound: their fields are told from the schema's keys and whether each may be
	// left out (zod's own `optin`), as a schema's first parse costs tens of milliseconds, every
	// check; the schema is run only to word what is wrong.
	const shape = (def.schema as unknown as z.ZodObject).shape;
	const data = yaml.data && typeof yaml.data === 'object' && !Array.isArray(yaml.data) ? (yaml.data as Record<string, unknown>) : undefined;
	const sound = data && Object.keys(data).every((key) => Object.hasOwn(shape, key)) && Object.keys(shape).every((key) => Object.hasOwn(data, key) || ADDED_BY_NEW.has(key) || shape[key]!._zod.optin !== undefined);
	if (sound) return [];
	// The placeholders' values are not judged (a date is "x" here): only the fields themselves.
	return validate(def.schema, yaml, path, def.label.toLowerCase()).findings.filter(
		(f) => f.ruleId === 'frontmatter/yaml' || f.message.startsWith('Unexpected field') || (f.message.startsWith('Missing required field') && !ADDED_BY_NEW.has(/"([^".[]+)/.exec(f.message)?.[1] ?? '')),
	);
}

/**
 * Every type's template. Without one no document of its type can be checked, so a missing or
 * unreadable template stops the command with one line naming it.
 */
export async function loadTemplates(root: string): Promise<Map<DocumentTypeName, TemplateContract>> {
	const contracts = new Map<DocumentTypeName, TemplateContract>();
	const problems = await Promise.all(
		documentTypeNames.map(async (type) => {
			const path = `${TEMPLATES_DIR}/${type}.mdx`;
			const read = readTextFile(join(root, path), path, root);
			if (read.text === undefined) return read.findings[0];
			const contract = parseTemplate(type, path, read.text);
			// A template without sections would let any document of its type pass: emptied by mistake, say.
			if (!contract.sections.length) {
				return finding(path, 1, 'error', `Template ${path} has no ## section, so it would require nothing of a ${type} document; expected its required sections as ## headings`, 'file/empty');
			}
			contracts.set(type, contract);
			return undefined;
		}),
	);
	const problem = problems.find(Boolean);
	if (problem) {
		const message = problem.ruleId === 'file/missing' ? `Missing template ${problem.path}` : problem.message;
		throw new FindingError({
			...problem,
			message,
			hint: `${TEMPLATES_DIR}/ holds the scaffold and required sections of each document type (${documentTypeNames.join(', ')})`,
		});
	}
	return contracts;
}
