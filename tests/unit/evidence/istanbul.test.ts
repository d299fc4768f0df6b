// Istanbul/c8 coverage-summary.json: the total's percentages; a summary that measured nothing is refused.
import { describe, expect, it } from 'vitest';
import { parseIstanbul } from '../../../src/core/evidence/index.ts';
import { parsed, reportText } from './helpers.ts';

describe('Istanbul/c8 coverage summary', () => {
	it("reads the total of c8's json-summary", () => {
		expect(parsed('fixture:c8-coverage-summary.json')).toEqual({
			format: 'istanbul',
			tool: 'istanbul',
			coverage: {
				lines: 58.82,
				statements: 58.82,
				functions: 66.66,
				branches: 80,
				// c8 wrote the file's absolute path on the machine that ran it: only its name is kept.
				files: [
					{
						path: 'cart.js',
						lines: { covered: 10, total: 17 },
						statements: { covered: 10, total: 17 },
						functions: { covered: 2, total: 3 },
						branches: { covered: 4, total: 5 },
					},
				],
			},
		});
	});

	it('refuses a summary that measured nothing (every pct "Unknown"): an include that matched no file is no coverage', () => {
		const result = parseIstanbul(reportText('fixture:c8-coverage-summary-empty.json'), { file: 'coverage-summary.json' });
		expect(!result.ok && result.error.message).toBe(
			'coverage-summary.json measures no lines of code (no file, or no line in any file); expected the coverage report of the code under test',
		);
	});

	it('computes a missing pct from covered and total', () => {
		const metric = (covered: number, total: number) => ({ covered, total });
		const text = JSON.stringify({
			total: {
				lines: metric(3, 4),
				statements: metric(1, 3),
				functions: metric(0, 0),
				branches: metric(2, 2),
			},
		});
		const result = parseIstanbul(text, { file: 'summary.json' });
		expect(result.ok && result.report.coverage).toEqual({
			lines: 75,
			statements: 33.33,
			functions: 100,
			branches: 100,
		});
	});

	it('locates a summary without a total', () => {
		const result = parseIstanbul('{\n  "src/a.js": {}\n}', { file: 'summary.json' });
		expect(result.ok).toBe(false);
		if (!result.ok) {
			expect(result.error.location).toEqual({ file: 'summary.json', line: 1, column: 1 });
			expect(result.error.message).toMatch(/^Not a valid coverage summary at total: /);
		}
	});

	it.each([
		['a pct of 150', { pct: 150 }, '6:14', 'pct: expected a percentage from 0 to 100, or "Unknown"'],
		['a negative pct', { pct: -5 }, '6:14', 'pct: expected a percentage from 0 to 100, or "Unknown"'],
		['a pct of "NaN"', { pct: 'NaN' }, '6:14', 'pct: expected a percentage from 0 to 100, or "Unknown"'],
		['a pct too large to be a number (1e999)', { pct: 1e999 }, '6:14', 'pct: expected a percentage from 0 to 100, or "Unknown"'],
		['more covered than there is', { covered: 11 }, '5:18', 'covered: expected covered to be at most total'],
		['a negative total', { total: -10 }, '4:16', 'total: Too small: expected number to be >=0'],
	])('refuses impossible figures: %s, located', (_, change, where, message) => {
		const lines = { total: 10, covered: 5, pct: 50, ...change };
		const text = JSON.stringify({ total: { lines, statements: { pct: 50 }, functions: { pct: 50 }, branches: { pct: 50 } } }, null, 2).replace('null', '1e999');
		const result = parseIstanbul(text, { file: 'summary.json' });
		expect(result.ok).toBe(false);
		if (!result.ok) {
			const { line, column } = result.error.location!;
			expect(`${line}:${column} ${result.error.message}`).toBe(`${where} Not a valid coverage summary at total.lines.${message}`);
		}
	});
});
