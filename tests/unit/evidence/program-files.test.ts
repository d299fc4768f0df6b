// A docs/ program's own files measured by a coverage tool run at the repository's top.
import { describe, expect, it } from 'vitest';
import { ownProgramFolder, withoutProgramFiles } from '../../../src/core/evidence/program-files.ts';

describe('ownProgramFolder', () => {
	it.each([
		['docs', '', 'docs/'],
		['docs/', '', 'docs/'],
		['', '', undefined],
		['docs', 'docs/app', undefined],
		['docs', 'docsite', 'docs/'],
		['site/docs', 'services', 'site/docs/'],
	])('program %j with code %j owns %j', (project, code, expected) => {
		expect(ownProgramFolder(project, code)).toBe(expected);
	});
});

describe('withoutProgramFiles', () => {
	// Vitest at the repository's top: src/math.js 4/4 lines, docs/astro.config.mjs 0/5 (44.44 %).
	const coverage = {
		lines: 44.44,
		functions: 60,
		files: [
			{ path: 'docs/astro.config.mjs', lines: { covered: 0, total: 5 }, functions: { covered: 0, total: 2 } },
			{ path: 'src/math.js', lines: { covered: 4, total: 4 }, functions: { covered: 3, total: 3 } },
			{ path: 'docsite/x.js', lines: { covered: 1, total: 2 }, functions: { covered: 1, total: 1 } },
		],
	};

	it("leaves the program's files out and works the figures out again from the rest", () => {
		const result = withoutProgramFiles(coverage, 'docs/', 'coverage-summary.json');
		expect(result.left).toEqual(['docs/astro.config.mjs']);
		expect(result.coverage).toEqual({
			lines: 83.33,
			functions: 100,
			files: [coverage.files[1], coverage.files[2]],
		});
	});

	it('changes nothing without a program folder or without files under it', () => {
		expect(withoutProgramFiles(coverage, undefined, 'c.json')).toEqual({ coverage, left: [] });
		expect(withoutProgramFiles({ lines: 90 }, 'docs/', 'c.json')).toEqual({ coverage: { lines: 90 }, left: [] });
	});

	it("refuses a report that measured only the program's files", () => {
		expect(() => withoutProgramFiles({ lines: 0, files: [coverage.files[0]!] }, 'docs/', 'c.json')).toThrow(
			"c.json measures only the Phasebook program's own files (docs/), not the code; expected the coverage report of the code under test",
		);
	});
});
