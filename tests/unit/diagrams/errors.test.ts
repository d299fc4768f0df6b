import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkDiagrams } from '../../../src/diagrams/check.ts';
import { parseMermaidError, sourceLine } from '../../../src/diagrams/errors.ts';
import { formatFinding } from '../../../src/core/findings-format.ts';
import { requireBrowser } from './browser-required.ts';

const REPO = join(import.meta.dirname, '../../..');

describe('sourceLine', () => {
	it('is the identity for a plain diagram', () => {
		expect(sourceLine('flowchart LR\n  A-->B\n  B-->>C', 3)).toBe(3);
	});

	it('adds back the frontmatter, directives, comments and leading blank lines mermaid strips', () => {
		const source = [
			'---',
			'title: Flow',
			'---',
			'%%{init: {"theme": "forest"}}%%',
			'',
			'%% a comment',
			'flowchart LR',
			'  A-->B',
			'',
			'  B-->>C',
		].join('\n');
		// Mermaid parses "flowchart LR\n  A-->B\n\n  B-->>C": its line 4 is the author's line 10.
		expect(sourceLine(source, 1)).toBe(7);
		expect(sourceLine(source, 4)).toBe(10);
	});

	it('drops a comment line together with the blank lines just above it', () => {
		const source = ['flowchart LR', '  A-->B', '', '  %% note', '  B-->>C'].join('\n');
		expect(sourceLine(source, 3)).toBe(5);
	});
});

describe('parseMermaidError', () => {
	it('reads jison errors: the line, and the message without the excerpt and caret', () => {
		const message =
			"Parse error on line 3:\n...LR  A --> B  B -->> C\n---------------------^\nExpecting 'AMP', 'COLON', got 'TAGEND'";
		expect(
			parseMermaidError({ message, column: 3 }, 'flowchart LR\n  A --> B\n  B -->> C'),
		).toEqual({
			line: 3,
			column: 3,
			message: "Parse error on line 3: Expecting 'AMP', 'COLON', got 'TAGEND'",
		});
	});

	it('reads langium errors with their column', () => {
		const message =
			"Parsing failed:  Parse error on line 3, column 7: Expecting token of type ':' but found `2`.";
		expect(parseMermaidError({ message }, 'pie\n  "a": 1\n  "b" 2')).toMatchObject({
			line: 3,
			column: 7,
		});
	});

	it('has no line when mermaid gives none', () => {
		expect(
			parseMermaidError(
				{ message: 'No diagram type detected matching given configuration for text: nope' },
				'nope',
			),
		).toEqual({
			message: 'No diagram type detected matching given configuration for text: nope',
		});
	});
});

describe('checkDiagrams (renders with Chromium)', () => {
	beforeAll(requireBrowser);

	const documentText = [
		'---',
		'title: Phase 1',
		'---',
		'',
		'## Diagrams',
		'',
		'### Architecture',
		'',
		'- Nested:',
		'',
		'  ```mermaid',
		'  flowchart LR',
		'    A --> B',
		'    B -->> C',
		'  ```',
		'',
		'```mermaid',
		'nonsense',
		'```',
		'',
		'```mermaid',
		'sequenceDiagram',
		'  A->>B: fine',
		'```',
	].join('\n');

	it("reports the file, the line of the error (block line + line within), mermaid's message, no stack", async () => {
		const cacheDir = mkdtempSync(join(tmpdir(), 'pb-check-'));
		const { findings } = await checkDiagrams({
			root: REPO,
			cacheDir,
			files: [{ path: 'content/phases/p1.mdx', text: documentText }],
		});
		expect(findings).toHaveLength(2);
		const [parse, unknown] = findings;
		// The block opens on line 11; mermaid's line 3 of it is file line 14, indented by two.
		expect(parse).toMatchObject({
			path: 'content/phases/p1.mdx',
			line: 14,
			severity: 'error',
			ruleId: 'diagrams/syntax',
		});
		expect(parse?.column).toBeGreaterThan(2);
		expect(parse?.message).toMatch(
			/^Mermaid syntax error in line 3 of the diagram at line 11: Parse error on line 3: Expecting .* got /,
		);
		expect(unknown).toMatchObject({ line: 17, column: 1, ruleId: 'diagrams/syntax' });
		expect(unknown?.message).toContain('No diagram type detected');
		for (const finding of findings) {
			expect(formatFinding(finding)).not.toContain('\n');
			expect(formatFinding(finding)).not.toMatch(/\(\S+:\d+:\d+\)/);
		}
	}, 60_000);

	it('passes once the diagrams are cached, without a browser', async () => {
		const cacheDir = mkdtempSync(join(tmpdir(), 'pb-check-'));
		const files = [{ path: 'a.mdx', text: '```mermaid\nsequenceDiagram\n  A->>B: fine\n```\n' }];
		expect((await checkDiagrams({ root: REPO, cacheDir, files })).findings).toEqual([]);
		const previous = process.env['PHASEBOOK_BROWSER'];
		process.env['PHASEBOOK_BROWSER'] = '/nonexistent/chromium';
		try {
			expect((await checkDiagrams({ root: REPO, cacheDir, files })).findings).toEqual([]);
			const uncached = [{ path: 'b.mdx', text: '\n```mermaid\npie\n  "x": 1\n```\n' }];
			const { findings } = await checkDiagrams({
				root: REPO,
				cacheDir,
				files: uncached,
				strict: false,
			});
			expect(findings).toEqual([
				expect.objectContaining({
					path: 'b.mdx',
					line: 2,
					severity: 'warning',
					ruleId: 'diagrams/no-browser',
				}),
			]);
			const strict = await checkDiagrams({ root: REPO, cacheDir, files: uncached, strict: true });
			expect(strict.findings[0]?.severity).toBe('error');
		} finally {
			if (previous === undefined) delete process.env['PHASEBOOK_BROWSER'];
			else process.env['PHASEBOOK_BROWSER'] = previous;
		}
	}, 60_000);
});
