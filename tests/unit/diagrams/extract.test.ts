import { describe, expect, it } from 'vitest';
import {
	extractFromDocument,
	extractMermaidBlocks,
	mermaidBlocksIn,
	splitFrontmatter,
} from '../../../src/core/mermaid-blocks.ts';

const lines = (...text: string[]) => text.join('\n');

describe('extractMermaidBlocks', () => {
	it('finds ``` and ~~~ fences with their 1-based line and column', () => {
		const text = lines(
			'# Title',
			'',
			'```mermaid',
			'flowchart LR',
			'  A --> B',
			'```',
			'',
			'~~~mermaid',
			'pie',
			'~~~',
		);
		expect(extractMermaidBlocks(text)).toEqual([
			{ source: 'flowchart LR\n  A --> B', line: 3, column: 1, meta: '', heading: 'Title' },
			{ source: 'pie', line: 8, column: 1, meta: '', heading: 'Title' },
		]);
	});

	// An author's attack: a diagram in a blockquote passed the check, and its syntax error stopped the build.
	it('finds fences inside blockquotes, nested ones too, and ends them with the blockquote', () => {
		const text = lines(
			'> ```mermaid',
			'> flowchart LR',
			'>   A --> B',
			'> ```',
			'',
			'> > ~~~mermaid',
			'> > pie',
			'> > ~~~',
			'',
			'> ```mermaid',
			'> sequenceDiagram',
			'After the quote.',
		);
		expect(extractMermaidBlocks(text)).toEqual([
			{ source: 'flowchart LR\n  A --> B', line: 1, column: 3, meta: '' },
			{ source: 'pie', line: 6, column: 5, meta: '' },
			{ source: 'sequenceDiagram', line: 10, column: 3, meta: '' },
		]);
	});

	it('closes a longer fence only on a fence at least as long, of the same character', () => {
		const text = lines('````mermaid', 'graph TD', '```', '~~~~', 'A-->B', '````');
		expect(extractMermaidBlocks(text)).toEqual([
			{ source: 'graph TD\n```\n~~~~\nA-->B', line: 1, column: 1, meta: '' },
		]);
	});

	it('handles fences indented in a list item, removing the fence indentation from the content', () => {
		const text = lines(
			'## Steps',
			'',
			'- First:',
			'',
			'  ```mermaid',
			'  sequenceDiagram',
			'    A->>B: hi',
			'  ```',
		);
		const [block] = extractMermaidBlocks(text);
		expect(block).toMatchObject({
			source: 'sequenceDiagram\n  A->>B: hi',
			line: 5,
			column: 3,
			heading: 'Steps',
		});
	});

	it('reads the info string after the language, and title="…" from it', () => {
		const text = lines(
			'```mermaid title="Login flow" theme=x',
			'graph LR',
			'```',
			"```mermaid title='Single'",
			'pie',
			'```',
		);
		const [first, second] = extractMermaidBlocks(text);
		expect(first).toMatchObject({ meta: 'title="Login flow" theme=x', title: 'Login flow' });
		expect(second).toMatchObject({ title: 'Single' });
	});

	it('skips mermaid blocks shown inside other fences, and blocks in other languages', () => {
		const text = lines(
			'````md',
			'```mermaid',
			'graph LR',
			'```',
			'````',
			'```ts',
			'const a = 1;',
			'```',
			'```mermaidx',
			'x',
			'```',
		);
		expect(extractMermaidBlocks(text)).toEqual([]);
	});

	it('does not take a backtick fence whose info string holds a backtick', () => {
		expect(extractMermaidBlocks(lines('```mermaid `x`', 'graph LR', '```'))).toEqual([]);
	});

	it('runs an unclosed fence to the end of the document', () => {
		expect(extractMermaidBlocks(lines('```mermaid', 'graph LR', 'A-->B'))).toMatchObject([
			{ source: 'graph LR\nA-->B', line: 1 },
		]);
	});

	it('reports lines in the file when given the body line offset', () => {
		const [block] = extractMermaidBlocks(lines('', '```mermaid', 'pie', '```'), { lineOffset: 4 });
		expect(block?.line).toBe(6);
	});

	it('reads CRLF files and keeps the source free of carriage returns', () => {
		expect(extractMermaidBlocks('```mermaid\r\ngraph LR\r\n  A-->B\r\n```\r\n')[0]?.source).toBe(
			'graph LR\n  A-->B',
		);
	});

	it('names the nearest heading, stripped of inline Markdown', () => {
		const text = lines('## The `gate` [flow](x.md) ##', '```mermaid', 'pie', '```');
		expect(extractMermaidBlocks(text)[0]?.heading).toBe('The gate flow');
	});
});

describe('extractFromDocument', () => {
	it('counts lines in the whole file, frontmatter included', () => {
		const text = lines(
			'---',
			'title: A',
			'owners: [x]',
			'---',
			'',
			'## Diagrams',
			'',
			'```mermaid',
			'graph LR',
			'```',
		);
		expect(splitFrontmatter(text).lineOffset).toBe(4);
		expect(extractFromDocument(text)).toMatchObject([{ line: 8, heading: 'Diagrams' }]);
	});

	it('ignores fences in the frontmatter', () => {
		const text = lines('---', 'note: |', '  ```mermaid', '  graph LR', '  ```', '---', 'Body');
		expect(extractFromDocument(text)).toEqual([]);
	});
});

describe('mermaidBlocksIn (template rule)', () => {
	it('finds the block of a Diagrams sub-section, and none in an empty one', () => {
		expect(
			mermaidBlocksIn(lines('### Architecture', '', '```mermaid', 'flowchart LR', '```')),
		).toHaveLength(1);
		expect(mermaidBlocksIn(lines('### Sequence', '', 'To do.'))).toHaveLength(0);
	});
});
