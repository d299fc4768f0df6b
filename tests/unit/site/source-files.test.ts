// What a gate page shows as a run's source: its report, or every report of a run made from several.
import { describe, expect, it } from 'vitest';
import { sourceFiles } from '../../../src/lib/evidence.ts';

describe('sourceFiles', () => {
	it('names the one report of a run, as runs stored before several reports could be imported', () => {
		expect(sourceFiles({ file: 'reports/junit.xml' })).toBe('reports/junit.xml');
	});

	it('counts and names every report of a run made from several', () => {
		const files = ['a.xml', 'b.xml', 'c.xml'];
		expect(sourceFiles({ file: 'a.xml', files })).toBe('3 reports: a.xml, b.xml, c.xml');
	});

	it('names the first ones of very many and counts the rest', () => {
		const files = Array.from({ length: 300 }, (_, i) => `TEST-Class${i + 1}.xml`);
		expect(sourceFiles({ file: files[0]!, files }, 3)).toBe('300 reports: TEST-Class1.xml, TEST-Class2.xml, TEST-Class3.xml and 297 more');
		expect(sourceFiles({ file: files[0]!, files })).toMatch(/^300 reports: TEST-Class1\.xml, .*, TEST-Class10\.xml and 290 more$/);
	});
});
