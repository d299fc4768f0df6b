// RSpec's --format json: examples with status, run time and exception, and errors outside them.
import * as z from 'zod';
import type { TestCase } from '../schemas/index.ts';
import { countCases, durationField, EVERY_TEST, messageField, roundMs } from './cases.ts';
import { checkShape, expectListed, onlyOrNone } from './json.ts';
import { requirementScanner } from './requirements.ts';
import type { ParsedReport, ParseOptions } from './types.ts';

const example = z.looseObject({
	description: z.string(),
	full_description: z.string(),
	status: z.string(),
	run_time: durationField('seconds').nullish(),
	pending_message: z.string().nullish(),
	exception: z
		.looseObject({ class: z.string().optional(), message: z.string().optional() })
		.nullish(),
});
export const rspecReport = z.looseObject({
	examples: z.array(example),
	summary: z.looseObject({
		example_count: z.number().optional(),
		failure_count: z.number().optional(),
		errors_outside_of_examples_count: z.number().default(0),
	}),
	messages: z.array(z.string()).default([]),
});

export function readRspec(json: unknown, text: string, options: ParseOptions): ParsedReport {
	const report = checkShape(rspecReport, json, text, options.file, 'RSpec JSON report');
	statedTotals(report, { text, file: options.file });
	const scan = requirementScanner(options.requirementPattern);
	const cases: TestCase[] = report.examples.map((e) => {
		const status = e.status === 'passed' ? 'passed' : e.status === 'pending' ? 'skipped' : 'failed';
		const group = e.full_description.endsWith(e.description)
			? e.full_description.slice(0, -e.description.length).trim()
			: '';
		const message =
			status === 'failed'
				? e.exception?.message
				: status === 'skipped'
					? e.pending_message
					: undefined;
		return {
			name: e.description,
			suite: group,
			status,
			durationMs: roundMs((e.run_time ?? 0) * 1000),
			...messageField(message ?? undefined),
			requirements: scan([e.full_description]),
		};
	});
	// A spec file that fails to load is an error outside examples: nothing of it ran.
	const outside = report.summary.errors_outside_of_examples_count;
	for (let i = 0; i < outside; i++) {
		cases.push({
			name: '(error outside examples)',
			suite: '',
			status: 'failed',
			durationMs: 0,
			...messageField(report.messages[i]),
			requirements: [],
		});
	}
	return { format: 'rspec', tool: 'rspec', tests: countCases(cases), cases };
}

/**
 * RSpec counts in example_count and failure_count exactly the examples it lists and those of them
 * that failed (errors outside examples apart): a report stating more was cut or edited.
 */
function statedTotals({ examples, summary }: z.output<typeof rspecReport>, json: { text: string; file: string }): void {
	const failed = examples.filter((e) => e.status === 'failed').length;
	expectListed(json, ['summary', 'example_count'], summary.example_count, examples.length, (stated, n) => `${stated} examples (summary.example_count), but its examples list ${n}; ${EVERY_TEST}`);
	expectListed(json, ['summary', 'failure_count'], summary.failure_count, failed, (stated, n) => `${stated} failed examples (summary.failure_count), but ${onlyOrNone(n)} of the examples it lists failed; ${EVERY_TEST}`);
}
