// mergeReports on real reports: several files of one gate as one run (Surefire's TEST-*.xml, shards).
import { describe, expect, it } from 'vitest';
import { EvidenceError, parseReport, type ParsedReport } from '../../../src/core/evidence/index.ts';
import { mergeReports } from '../../../src/core/evidence/merge.ts';
import { parsed, reportText } from './helpers.ts';

/** A part as the importer hands it over: the parsed report and the name errors give it. */
function part(name: string): { report: ParsedReport; file: string } {
	return { report: parsed(`fixture:${name}`, { root: '/tmp/phasebook-evidence-formats' }), file: `reports/${name}` };
}

function refusal(run: () => unknown): string {
	try {
		run();
	} catch (error) {
		expect(error).toBeInstanceOf(EvidenceError);
		return (error as EvidenceError).message;
	}
	throw new Error('expected mergeReports to refuse');
}

describe('mergeReports', () => {
	it('returns one report unchanged', () => {
		const only = part('junit-parts/TEST-orders.xml');
		expect(mergeReports([only])).toBe(only.report);
	});

	it('concatenates the cases in argument order, counts them again and adds up each report’s duration', () => {
		const orders = part('junit-parts/TEST-orders.xml');
		const stock = part('junit-parts/TEST-stock.xml');
		const merged = mergeReports([stock, orders]);
		expect(merged.format).toBe('junit');
		expect(merged.tool).toBe('pytest');
		// pytest's own suite times (0.020 s and 0.107 s), not the sum of the cases' rounded times.
		expect(merged.tests).toEqual({ total: 5, passed: 4, failed: 1, skipped: 0, durationMs: 127 });
		expect(merged.cases?.map((c) => `${c.suite} | ${c.name} | ${c.status}`)).toEqual([
			'tests.test_stock | test_reserve_takes_from_stock | passed',
			'tests.test_stock | test_reserve_refuses_more_than_stock | passed',
			'tests.test_orders | test_sums_price_times_quantity | passed',
			'tests.test_orders | test_rounds_to_cents | failed',
			'tests.test_orders | test_empty_order_is_zero | passed',
		]);
		expect(merged.coverage).toBeUndefined();
		expect(merged.findings).toBeUndefined();
	});

	it('adds up the coverage of disjoint files, truncating the percentages, and names every tool', () => {
		const lcov = part('c8/lcov.info');
		const jacoco = part('jacoco/jacoco.xml');
		const go = part('go/cover.out');
		const merged = mergeReports([lcov, jacoco, go]);
		// The tools disagree: the first report's format, every tool once.
		expect(merged.format).toBe('lcov');
		expect(merged.tool).toBe('lcov, jacoco, go test');
		expect(merged.coverage?.files?.map((f) => f.path)).toEqual([
			'src/ingest.js',
			'src/units.js',
			'meter/Ingest.java',
			'meter/Main.java',
			'example.com/meter/ingest.go',
		]);
		// Lines 32 + 14 + 15 = 61 of 36 + 19 + 19 = 74: 82.432… %, truncated. Branches where measured:
		// 10 + 5 of 14 + 8 (Go measures none); functions 4 + 3 of 5 + 5; statements only from Go.
		expect(merged.coverage).toMatchObject({ lines: 82.43, branches: 68.18, functions: 70, statements: 84.61 });
		expect(merged.tests).toBeUndefined();
	});

	it('refuses a file two reports measured, naming it and both reports', () => {
		const message = refusal(() => mergeReports([part('c8/lcov.info'), part('c8/cobertura-coverage.xml')]));
		expect(message).toBe(
			'src/ingest.js is measured by both reports/c8/lcov.info and reports/c8/cobertura-coverage.xml, and its lines cannot be added up from the reports; merge them with the tool that wrote them first (lcov -a, nyc merge, coverage combine, go tool covdata merge or jacococli merge) and import the result',
		);
	});

	it('refuses a report with coverage totals only', () => {
		// c8's json-summary with its one file left out: what an include that lists no file writes.
		const summary = JSON.parse(reportText('fixture:c8-coverage-summary.json')) as Record<string, unknown>;
		const outcome = parseReport(JSON.stringify({ total: summary['total'] }), { file: 'reports/coverage-summary.json' });
		if (!outcome.ok) throw outcome.error;
		expect(outcome.report.coverage?.files).toBeUndefined();
		const message = refusal(() => mergeReports([part('c8/lcov.info'), { report: outcome.report, file: 'reports/coverage-summary.json' }]));
		expect(message).toBe(
			'reports/coverage-summary.json gives coverage totals only, so it cannot be added to another report; import it alone or merge the reports with the tool first',
		);
	});

	it('concatenates findings and thresholds', () => {
		const sarif = part('eslint.sarif');
		const merged = mergeReports([sarif, { ...sarif, file: 'reports/eslint-2.sarif' }]);
		expect(merged.findings).toHaveLength(2 * sarif.report.findings!.length);
		expect(merged.tool).toBe(sarif.report.tool);
		const k6: ParsedReport = { format: 'k6', tool: 'k6', thresholds: [{ metric: 'http_req_duration', expression: 'p(95)<500', ok: true, value: 420 }] };
		const slow: ParsedReport = { ...k6, thresholds: [{ metric: 'http_req_failed', expression: 'rate<0.01', ok: false, value: 0.02 }] };
		expect(mergeReports([{ report: k6, file: 'a.json' }, { report: slow, file: 'b.json' }]).thresholds?.map((t) => t.ok)).toEqual([true, false]);
	});
});
