// The change inventory's cells as an author writes them: plain paths, code spans, links and emphasis
// all read as their text, whether or not the table needs a Markdown parser.
import { describe, expect, it } from 'vitest';
import { inventoryTable, unwritableRows, type DraftRow } from '../../../src/core/inventory/draft.ts';
import { MAX_PARSED_CELL, parseChangeInventory } from '../../../src/core/markdown/change-inventory.ts';

const table = (...rows: string[]) => ['| File | Change | Requirement |', '| --- | --- | --- |', ...rows].join('\n');

describe('change inventory cells', () => {
	it('reads plain paths and code spans without markup as their text', () => {
		const { rows, missingColumns } = parseChangeInventory(table('| `src/a_b.ts` | Added | REQ-1.1, REQ-1.2 |', '| src/c.ts | Changed | REQ-1.3 |'));
		expect(missingColumns).toEqual([]);
		expect(rows.map((r) => [r.file, r.change, r.requirements])).toEqual([
			['src/a_b.ts', 'Added', ['REQ-1.1', 'REQ-1.2']],
			['src/c.ts', 'Changed', ['REQ-1.3']],
		]);
	});

	// An adopter's attack: `./src/a.ts` and `/src/a.ts` were files that "do not exist".
	it('reads a path written from the code\'s folder with ./ or / as the path', () => {
		const { rows } = parseChangeInventory(table('| `./src/a.ts` | Added | REQ-1.1 |', '| /src/b.ts | Changed | REQ-1.2 |', '| `./docs/` | Changed | REQ-1.3 |'));
		expect(rows.map((r) => r.file)).toEqual(['src/a.ts', 'src/b.ts', 'docs/']);
	});

	it('reduces links, emphasis, entities and escaped pipes to their text', () => {
		const { rows } = parseChangeInventory(table('| [src/d.ts](https://example.com/d) | **Removed** | REQ-2.1 |', '| `src/e.ts` | Changed &amp; moved | REQ-2.2 |', '| src/f\\|g.ts | _Added_ | REQ-2.3 |'));
		expect(rows.map((r) => [r.file, r.change])).toEqual([
			['src/d.ts', 'Removed'],
			['src/e.ts', 'Changed & moved'],
			['src/f|g.ts', 'Added'],
		]);
	});

	it('gives the same rows for a plain table whether or not one cell elsewhere needs parsing', () => {
		const plain = parseChangeInventory(table('| `src/a.ts` | Added | REQ-1.1 |', '| src/b.ts | Changed | REQ-1.2 |'));
		const mixed = parseChangeInventory(table('| `src/a.ts` | Added | REQ-1.1 |', '| src/b.ts | Changed | REQ-1.2 |', '| *src/c.ts* | Added | REQ-1.3 |'));
		expect(mixed.rows.slice(0, 2)).toEqual(plain.rows);
		expect(mixed.rows[2]!.file).toBe('src/c.ts');
	});
});

// `inventory --write` writes the table the check then reads: each file it names must read back as
// exactly its path, or be refused before anything is written.
describe('which table is the inventory', () => {
	// A table in an MDX comment is not published: taken as the inventory, it let the page show
	// another table that git never checked.
	it('skips a table in a comment, and names the line of every table after the first', () => {
		const text = ['{/*', table('| `src/real.ts` | Added | REQ-1.1 |'), '*/}', '', table('| `src/shown.ts` | Added | REQ-1.1 |'), '', 'More files:', '', table('| `src/more.ts` | Added | REQ-1.1 |')].join('\n');
		const inventory = parseChangeInventory(text);
		expect(inventory.rows.map((r) => r.file)).toEqual(['src/shown.ts']);
		expect([inventory.line, inventory.moreTables]).toEqual([7, [13]]);
	});

	it('reads a table after a comment closed on its own line, and one after a one-line comment', () => {
		expect(parseChangeInventory(['{/* a note */}', table('| a.ts | Added | R |')].join('\n')).rows.map((r) => r.file)).toEqual(['a.ts']);
		expect(parseChangeInventory(['{/* a', 'longer note */}', table('| b.ts | Added | R |')].join('\n')).rows.map((r) => r.file)).toEqual(['b.ts']);
		expect(parseChangeInventory(table('| c.ts | Added | R |')).moreTables).toBeUndefined();
	});
});

describe('file cells written by inventory --write', () => {
	const drafted = (path: string): DraftRow => ({ path, category: 'source', status: 'added', added: 1, removed: 0, requirements: ['REQ-1.1'], change: 'Added (+1 −0)' });
	/** The File column as the check reads the drafted table: alone, and beside a cell only the Markdown parser reads. */
	const readBack = (paths: string[]) => {
		const table = inventoryTable(paths.map(drafted));
		return [parseChangeInventory(table), parseChangeInventory(`${table}\n| *src/c.ts* | source | Added | REQ-1.1 |`)].map((t) => t.rows.slice(0, paths.length).map((r) => r.file));
	};

	const awkward = [
		'src/plain.ts',
		'src/back`tick.ts',
		'`src/lead.ts',
		'src/trail.ts`',
		'src/``twice``.ts',
		'` `',
		'src/a|b.ts',
		'src/a||b.ts',
		'src/|lead.ts',
		'src/a\\\\|b.ts',
		'src/back\\slash.ts',
		'src/end\\',
		'src/\\`mixed|`.ts',
		'src/ünïcødé ✓ 日本語.ts',
		'src/inner space.ts',
		'src/two  spaces.ts',
		'src/ lead.ts',
		'src/nbsp\u00a0inside.ts',
		'src/[id]/+page.svelte',
		'src/*emphasis*_and_[link](x).md',
		'src/&amp;.html',
		'src/<b>.html',
		'src/{x}.mdx',
	];

	it('reads every drafted name back as exactly its path, whether or not the table needs a Markdown parser', () => {
		expect(readBack(awkward)).toEqual([awkward, awkward]);
		expect(unwritableRows(awkward.map(drafted))).toEqual([]);
	});

	it('writes a name with backticks as a code span with a longer fence, padded, and a pipe escaped', () => {
		expect(inventoryTable([drafted('src/back`tick.ts'), drafted('`a``b`'), drafted('src/a|b.ts')]).split('\n').slice(2)).toEqual([
			'| `` src/back`tick.ts `` | source | Added (+1 −0) | REQ-1.1 |',
			'| ``` `a``b` ``` | source | Added (+1 −0) | REQ-1.1 |',
			'| `src/a\\|b.ts` | source | Added (+1 −0) | REQ-1.1 |',
		]);
	});

	it('refuses, with the reason, a name no table cell reads back: line breaks, control characters, white space at an end, a backslash before a pipe', () => {
		const refused = ['src/new\nline.ts', 'src/cr\r.ts', 'src/tab\t.ts', 'src/esc\u001b.ts', 'src/nel\u0085.ts', 'src/trail.ts ', ' lead.ts', 'src/nbsp.ts\u00a0', 'src/a\\|b.ts', 'src/a\\\\\\|b.ts', `src/${'`'.repeat(2)}${'x'.repeat(MAX_PARSED_CELL)}.ts`];
		expect(unwritableRows([drafted('src/ok.ts'), ...refused.map(drafted)])).toEqual([
			{ path: 'src/new\nline.ts', reason: 'it holds a line break, which would end the table row' },
			{ path: 'src/cr\r.ts', reason: 'it holds a line break, which would end the table row' },
			{ path: 'src/tab\t.ts', reason: 'it holds a control character' },
			{ path: 'src/esc\u001b.ts', reason: 'it holds a control character' },
			{ path: 'src/nel\u0085.ts', reason: 'it holds a control character' },
			{ path: 'src/trail.ts ', reason: 'it begins or ends with white space, which a table cell drops' },
			{ path: ' lead.ts', reason: 'it begins or ends with white space, which a table cell drops' },
			{ path: 'src/nbsp.ts\u00a0', reason: 'it begins or ends with white space, which a table cell drops' },
			{ path: 'src/a\\|b.ts', reason: 'it holds a backslash right before a pipe, which a GFM table cell cannot hold' },
			{ path: 'src/a\\\\\\|b.ts', reason: 'it holds a backslash right before a pipe, which a GFM table cell cannot hold' },
			{ path: refused.at(-1), reason: 'it does not read back from a Markdown table cell' },
		]);
		// Control characters other than line breaks are refused as a rule (a tab or an escape would read
		// back); the other names would read back as another path, which the check then calls a ghost.
		const misread = refused.filter((path) => !/[\t\u001b\u0085]/.test(path));
		readBack(misread).forEach((files) => files.forEach((file, i) => expect(file).not.toBe(misread[i])));
	});

	it('reads a stray backtick off a hand-written path, never off a code span', () => {
		const { rows } = parseChangeInventory(table('| `src/a.ts | Added | REQ-1.1 |', '| src/b.ts` | Added | REQ-1.1 |', '| `` `src/c.ts` `` | Added | REQ-1.1 |'));
		expect(rows.map((r) => r.file)).toEqual(['src/a.ts', 'src/b.ts', '`src/c.ts`']);
	});
});
