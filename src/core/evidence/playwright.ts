// Playwright's JSON reporter: nested suites, specs, one test per project, results per retry.
import * as z from 'zod';
import type { TestCase } from '../schemas/index.ts';
import { countCases, messageField, outcome, roundMs } from './cases.ts';
import { checkShape, parseJson } from './json.ts';
import {
	isRequirementProperty,
	requirementScanner,
	type RequirementScanner,
} from './requirements.ts';
import type { ParsedReport, ParseOptions, ParseOutcome } from './types.ts';

const errorShape = z.looseObject({
	message: z.string().optional(),
	location: z.looseObject({ file: z.string().optional() }).optional(),
});
const annotation = z.looseObject({ type: z.string(), description: z.string().optional() });
const result = z.looseObject({ duration: z.number().optional(), error: errorShape.nullish() });
const test = z.looseObject({
	status: z.string(),
	projectName: z.string().optional(),
	annotations: z.array(annotation).default([]),
	results: z.array(result).default([]),
});
const spec = z.looseObject({
	title: z.string(),
	tags: z.array(z.string()).default([]),
	tests: z.array(test),
});
const suite = z.looseObject({
	title: z.string(),
	specs: z.array(spec).default([]),
	get suites() {
		return z.array(suite).default([]);
	},
});
export const playwrightReport = z.looseObject({
	config: z.looseObject({}),
	suites: z.array(suite),
	errors: z.array(errorShape).default([]),
	/** The run's wall-clock time, as Playwright prints it ("6 passed (6.7s)"). */
	stats: z.looseObject({ duration: z.number().nonnegative().optional() }).optional(),
});

type Suite = z.output<typeof suite>;
type Spec = z.output<typeof spec>;
type Test = z.output<typeof test>;

/** Parses a Playwright JSON report. */
export function parsePlaywright(text: string, options: ParseOptions): ParseOutcome {
	return outcome(() => readPlaywright(parseJson(text, options.file), text, options));
}

export function readPlaywright(json: unknown, text: string, options: ParseOptions): ParsedReport {
	const report = checkShape(playwrightReport, json, text, options.file, 'Playwright JSON report');
	const scan = requirementScanner(options.requirementPattern);
	const cases: TestCase[] = [];
	const visit = (node: Suite, titles: string[]) => {
		const path = node.title ? [...titles, node.title] : titles;
		for (const s of node.specs) for (const t of s.tests) cases.push(readTest(s, t, path, scan));
		for (const child of node.suites) visit(child, path);
	};
	for (const root of report.suites) visit(root, []);
	// Errors outside any test (a spec file that fails to load, global setup) stop tests from
	// running without failing one; count each as a failed case so the gate cannot pass on them.
	for (const error of report.errors) {
		cases.push({
			name: '(error outside tests)',
			// Playwright reports "<anonymous>" when the error has no file of its own.
			suite: error.location?.file?.startsWith('<')
				? ''
				: (error.location?.file?.split(/[\\/]/).pop() ?? ''),
			status: 'failed',
			durationMs: 0,
			...messageField(error.message),
			requirements: [],
		});
	}
	// Tests run in parallel workers: the run took what Playwright timed, not the sum of its tests.
	const counts = countCases(cases);
	const wall = report.stats?.duration;
	return { format: 'playwright', tool: 'playwright', tests: wall === undefined ? counts : { ...counts, durationMs: roundMs(wall) }, cases };
}

function readTest(s: Spec, t: Test, titles: string[], scan: RequirementScanner): TestCase {
	const suitePath = t.projectName ? [t.projectName, ...titles] : titles;
	const retries = Math.max(0, t.results.length - 1);
	// expected: passed as intended (test.fail() included); flaky: passed on a retry.
	const status: TestCase['status'] =
		t.status === 'expected' || t.status === 'flaky'
			? 'passed'
			: t.status === 'skipped'
				? 'skipped'
				: 'failed';
	const last = t.results.at(-1);
	const skipNote = t.annotations.find((a) => a.type === 'skip' || a.type === 'fixme')?.description;
	const message =
		status === 'failed' ? last?.error?.message : status === 'skipped' ? skipNote : undefined;
	return {
		name: s.title,
		suite: suitePath.join(' › '),
		status,
		durationMs: roundMs(t.results.reduce((sum, r) => sum + (r.duration ?? 0), 0)),
		...messageField(message),
		requirements: scan([
			s.title,
			...titles,
			...s.tags,
			...t.annotations.filter((a) => isRequirementProperty(a.type)).map((a) => a.description),
		]),
		...(retries > 0 && status !== 'skipped' ? { retries } : {}),
	};
}
