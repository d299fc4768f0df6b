// The template's sections nobody wrote are not published: a new phase's page showed every heading
// with nothing under it, a bare table header and four blank diagram frames.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBody } from '../../../src/core/markdown/sections.ts';
import { publishedBody, writtenDescription, writtenField } from '../../../src/core/published-body.ts';
import { parseTemplate, splitTemplate } from '../../../src/core/templates.ts';
import { completeBody, REPO } from '../../helpers/program.ts';

const templateText = readFileSync(join(REPO, 'templates/phase.mdx'), 'utf8');
const contract = parseTemplate('phase', 'templates/phase.mdx', templateText);
const headings = (body: string) => parseBody(body).headings.map((h) => h.text);

describe('publishedBody', () => {
	it("leaves out every section of a body the template's scaffold wrote, line for line", () => {
		const scaffold = splitTemplate(templateText).body;
		const published = publishedBody(scaffold, contract);
		expect(headings(published)).toEqual([]);
		expect(published.split('\n')).toHaveLength(scaffold.split('\n').length);
		expect(published).not.toContain('mermaid');
		expect(published).not.toContain('| File |');
	});

	it('keeps what was written: a written section, a written sub-section under an unwritten parent, and headings the template does not name', () => {
		const scaffold = splitTemplate(templateText).body;
		const body = scaffold
			.replace('{/* Three to five sentences: what changed, for whom, and the gate verdict. */}', 'The ingest pipeline now drops repeated readings.')
			.replace(/(### Sequence\n\n)\{\/\*[^\n]*\*\/\}\n\n```mermaid\n[\s\S]*?```/, '$1```mermaid\nsequenceDiagram\n  A->>B: reading\n```')
			.replace('## Rollback plan', '## Notes from the field\n\nThe meters reconnect twice a day.\n\n## Rollback plan');
		expect(headings(publishedBody(body, contract))).toEqual(['Executive summary', 'Diagrams', 'Sequence', 'Notes from the field']);
	});

	it('changes nothing in a complete body, nor without a template', () => {
		const body = completeBody('phase');
		expect(publishedBody(body, contract)).toBe(body);
		expect(publishedBody('## Anything\n', undefined)).toBe('## Anything\n');
	});
});

describe('writtenField and writtenDescription', () => {
	it("leave out the template's sample goal and init's description, and keep what an author wrote", () => {
		expect(writtenField('One line: what this phase delivers and why.', 'goal', contract)).toBeUndefined();
		expect(writtenField(' One line: what this phase delivers and why. ', 'goal', contract)).toBeUndefined();
		expect(writtenField('Ingest readings from every meter.', 'goal', contract)).toBe('Ingest readings from every meter.');
		expect(writtenField('One line: what this phase delivers and why.', 'goal', undefined)).toBe('One line: what this phase delivers and why.');
		expect(writtenDescription('What this program delivers, in one or two sentences.')).toBeUndefined();
		expect(writtenDescription('Meter tooling.')).toBe('Meter tooling.');
	});
});
