// The change inventory's cells as an author writes them: plain paths, code spans, links and emphasis
// all read as their text, whether or not the table needs a Markdown parser.
import { describe, expect, it } from 'vitest';
import { parseChangeInventory } from '../../../src/core/markdown/change-inventory.ts';

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
