// k6's end-of-test summary and the thresholds gate rule. k6 is in neither registry this machine
// reaches, so both summaries are written from k6's documentation: the handleSummary() data object
// ("Custom summary") and the older --summary-export file ("Summary export"), where a threshold's
// boolean is true when it FAILED.
import { describe, expect, it } from 'vitest';
import { describeRun, detectFormat, parseReport } from '../../../src/core/evidence/index.ts';
import { evaluateGate } from '../../../src/core/gates.ts';
import { gate as gateSchema } from '../../../src/core/schemas/index.ts';
import { testProject } from './helpers.ts';

const HANDLE_SUMMARY = JSON.stringify({
	root_group: {
		name: '',
		path: '',
		id: 'd41d8cd98f00b204e9800998ecf8427e',
		groups: [],
		checks: [],
	},
	options: {
		summaryTrendStats: ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)'],
		summaryTimeUnit: '',
		noColor: false,
	},
	state: { isStdOutTTY: false, isStdErrTTY: false, testRunDurationMs: 30012.5 },
	metrics: {
		http_req_duration: {
			type: 'trend',
			contains: 'time',
			values: { avg: 182.4, min: 98.1, med: 170.2, max: 912.7, 'p(90)': 301.5, 'p(95)': 612.33 },
			thresholds: { 'p(95)<500': { ok: false }, 'avg<300': { ok: true } },
		},
		http_req_failed: {
			type: 'rate',
			contains: 'default',
			values: { rate: 0.004, passes: 4, fails: 996 },
			thresholds: { 'rate<0.01': { ok: true } },
		},
		checks: { type: 'rate', contains: 'default', values: { rate: 1, passes: 1000, fails: 0 } },
		http_reqs: { type: 'counter', contains: 'default', values: { count: 1000, rate: 33.32 } },
	},
});

const SUMMARY_EXPORT = JSON.stringify({
	root_group: {
		name: '',
		path: '',
		id: 'd41d8cd98f00b204e9800998ecf8427e',
		groups: {},
		checks: {},
	},
	metrics: {
		http_req_duration: {
			avg: 120.5,
			min: 80,
			med: 110,
			max: 300,
			'p(90)': 190,
			'p(95)': 240.25,
			thresholds: { 'p(95)<500': false },
		},
		checks: { passes: 99, fails: 1, value: 0.99, thresholds: { 'rate>0.995': true } },
	},
});

const thresholdsGate = gateSchema.parse({
	id: 'load',
	title: 'Load test',
	layer: 'performance',
	rule: 'thresholds',
});

function read(text: string) {
	const result = parseReport(text, { file: 'summary.json' });
	if (!result.ok) throw result.error;
	return result.report;
}

describe('k6 summaries', () => {
	it("reads handleSummary's data: each threshold, whether it held and the value it tested", () => {
		expect(detectFormat(HANDLE_SUMMARY)).toBe('k6');
		expect(read(HANDLE_SUMMARY)).toEqual({
			format: 'k6',
			tool: 'k6',
			thresholds: [
				{ metric: 'http_req_duration', expression: 'p(95)<500', ok: false, value: 612.33 },
				{ metric: 'http_req_duration', expression: 'avg<300', ok: true, value: 182.4 },
				{ metric: 'http_req_failed', expression: 'rate<0.01', ok: true, value: 0.004 },
			],
		});
	});

	it('reads --summary-export, where true means the threshold failed and a rate is "value"', () => {
		expect(detectFormat(SUMMARY_EXPORT)).toBe('k6');
		expect(read(SUMMARY_EXPORT).thresholds).toEqual([
			{ metric: 'http_req_duration', expression: 'p(95)<500', ok: true, value: 240.25 },
			{ metric: 'checks', expression: 'rate>0.995', ok: false, value: 0.99 },
		]);
	});
});

// A hostile edit: "p(95)<500" marked ok over a p(95) of 1800 passed the thresholds gate.
describe('k6 thresholds against their own figures', () => {
	const refused = (text: string) => {
		const result = parseReport(text, { file: 'summary.json' });
		return result.ok ? 'accepted' : `${result.error.location?.file}:${result.error.location?.line} ${result.error.message}`;
	};
	const edited = (text: string, edit: (metrics: Record<string, Record<string, any>>) => void) => {
		const summary = JSON.parse(text) as { metrics: Record<string, Record<string, any>> };
		edit(summary.metrics);
		return JSON.stringify(summary, null, 1);
	};

	it('refuses a threshold marked as held whose value in the summary does not meet it, at its verdict', () => {
		const lie = edited(HANDLE_SUMMARY, (m) => (m['http_req_duration']!['thresholds']['p(95)<500'] = { ok: true }));
		expect(refused(lie)).toBe(`summary.json:${lie.split('\n').findIndex((l) => l.includes('"p(95)<500"')) + 2} The threshold "p(95)<500" of http_req_duration is marked as held, but the summary's own p(95) is 612.33, which does not meet it; expected the summary as k6 wrote it`);
		const exported = edited(SUMMARY_EXPORT, (m) => (m['checks']!['thresholds']['rate>0.995'] = false));
		expect(refused(exported)).toBe(`summary.json:${exported.split('\n').findIndex((l) => l.includes('"rate>0.995"')) + 1} The threshold "rate>0.995" of checks is marked as held, but the summary's own rate is 0.99, which does not meet it; expected the summary as k6 wrote it`);
	});

	it('reads held thresholds the figures meet, failed ones whatever they say, and a counter rate as k6 judged it', () => {
		expect(refused(HANDLE_SUMMARY)).toBe('accepted');
		expect(refused(SUMMARY_EXPORT)).toBe('accepted');
		expect(refused(edited(HANDLE_SUMMARY, (m) => (m['http_req_duration']!['thresholds']['avg<300'] = { ok: false })))).toBe('accepted');
		expect(refused(edited(HANDLE_SUMMARY, (m) => (m['http_reqs']!['thresholds'] = { 'rate>40': { ok: true } })))).toBe('accepted');
	});
});

describe('the thresholds gate rule', () => {
	const project = testProject({
		gates: [{ id: 'load', title: 'Load test', layer: 'performance', rule: 'thresholds' }],
	});
	const judge = (thresholds: ReturnType<typeof read>['thresholds']) =>
		evaluateGate(
			{ phase: '1', ...(thresholds ? { thresholds } : {}) },
			thresholdsGate,
			project,
			'2026-11-29',
		);

	it('fails on each threshold that did not hold, naming it and its value', () => {
		expect(judge(read(HANDLE_SUMMARY).thresholds)).toEqual({
			status: 'fail',
			reasons: ['k6 threshold http_req_duration p(95)<500 failed (was 612.33)'],
		});
	});

	it('passes when every threshold held', () => {
		const held = read(HANDLE_SUMMARY).thresholds!.filter((t) => t.ok);
		expect(judge(held)).toEqual({ status: 'pass', reasons: [] });
		expect(describeRun({ gate: 'load', status: 'pass', thresholds: held })).toBe(
			'load: pass — 2 of 2 thresholds passed',
		);
	});

	it('fails when the summary has no thresholds, or the run has no k6 summary', () => {
		expect(judge([]).reasons).toEqual(['The k6 summary defines no thresholds']);
		expect(judge(undefined).reasons).toEqual(['No k6 thresholds were recorded']);
	});
});
