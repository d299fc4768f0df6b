import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { coverageGate, linesFromSummary, runCoverageGate } from '../../../src/compliance/coverage-gate.ts';
import { tempDir } from '../../helpers/tmp.ts';

function summary(lines: number): string {
	const m = { total: 100, covered: lines, skipped: 0, pct: lines };
	return JSON.stringify({ total: { lines: m, statements: m, functions: m, branches: m } });
}

// Regression tests of RCA-0001: top level, so their names are exactly the ones the RCA lists.
test('REQ-1.3 coverage gate fails when the coverage report is missing', async () => {
	const empty = await tempDir();
	const verdict = await runCoverageGate([join(empty, 'coverage-summary.json')]);
	expect(verdict.status).toBe('fail');
	expect(verdict.exitCode).toBe(2);
	expect(verdict.reports).toBe(0);
	expect(verdict.message).toMatch(/^Coverage report missing .*fails closed$/);
	// And with no report named at all: the old gate started at 100 % and passed here.
	expect(coverageGate([]).exitCode).toBe(2);
});

test('REQ-1.3 coverage gate fails when line coverage is below the threshold', () => {
	expect(coverageGate([{ file: 'a.json', text: summary(84.99) }]).status).toBe('fail');
	expect(coverageGate([{ file: 'a.json', text: summary(84.99) }]).exitCode).toBe(1);
	expect(coverageGate([{ file: 'a.json', text: summary(85) }]).status).toBe('pass');
	// Two reports: the worse one decides, in either order.
	const matrix = [
		{ file: 'unit.json', text: summary(92.5) },
		{ file: 'integration.json', text: summary(84.99) },
	];
	expect(coverageGate(matrix)).toMatchObject({ status: 'fail', lines: 84.99, reports: 2 });
	expect(coverageGate([...matrix].reverse())).toMatchObject({ status: 'fail', lines: 84.99, reports: 2 });
});

describe('coverage gate', () => {
	test('REQ-1.3 passes at exactly the threshold and says how many reports it read', () => {
		const verdict = coverageGate([{ file: 'a.json', text: summary(85) }]);
		expect(verdict).toMatchObject({ status: 'pass', exitCode: 0, lines: 85, reports: 1 });
		expect(verdict.message).toBe('Line coverage 85.00 % meets the 85 % threshold (1 report)');
	});

	test('REQ-1.3 honours a custom threshold', () => {
		expect(coverageGate([{ file: 'a.json', text: summary(80) }], 75).status).toBe('pass');
		expect(coverageGate([{ file: 'a.json', text: summary(80) }], 90).message).toContain('below the 90 % threshold (1 report)');
	});

	test('REQ-1.3 fails closed on an unreadable report', () => {
		expect(coverageGate([{ file: 'a.json', text: 'not json' }])).toMatchObject({ status: 'fail', exitCode: 2 });
		expect(coverageGate([{ file: 'a.json', text: '{"total":{}}' }]).message).toContain('has no total.lines.pct');
	});

	test('REQ-1.3 a missing report next to a present one is ignored only when another report exists', async () => {
		const dir = await tempDir();
		await writeFile(join(dir, 'unit.json'), summary(90));
		const verdict = await runCoverageGate([join(dir, 'unit.json'), join(dir, 'absent.json')]);
		expect(verdict).toMatchObject({ status: 'pass', reports: 1 });
	});

	test('REQ-1.3 reads the total line percentage of an Istanbul summary', () => {
		expect(linesFromSummary(summary(86.9), 'x.json')).toBe(86.9);
		expect(() => linesFromSummary('{"total":{"lines":{"pct":101}}}', 'x.json')).toThrow('between 0 and 100');
	});
});
