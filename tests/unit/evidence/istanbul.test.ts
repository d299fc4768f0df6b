// Istanbul/c8 coverage-summary.json: the total's percentages, "Unknown" as 100.
import { describe, expect, it } from 'vitest';
import { parseIstanbul } from '../../../src/core/evidence/index.ts';
import { parsed } from './helpers.ts';

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

	it('treats "Unknown" (nothing to cover) as 100 %', () => {
		expect(parsed('fixture:c8-coverage-summary-empty.json').coverage).toEqual({
			lines: 100,
			statements: 100,
			functions: 100,
			branches: 100,
		});
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
});
