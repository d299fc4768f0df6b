// RSpec's --format json: examples with status, run time and exception, and errors outside them.
import * as z from 'zod';
import type { TestCase } from '../schemas/index.ts';
import { countCases, messageField, roundMs } from './cases.ts';
import { checkShape } from './json.ts';
import { requirementScanner } from './requirements.ts';
import type { ParsedReport, ParseOptions } from './types.ts';

const example = z.looseObject({
	description: z.string(),
	full_description: z.string(),
	status: z.string(),
	run_time: z.number().nullish(),
	pending_message: z.string().nullish(),
	exception: z
		.looseObject({ class: z.string().optional(), message: z.string().optional() })
		.nullish(),
});
export const rspecReport = z.looseObject({
	examples: z.array(example),
	summary: z.looseObject({ errors_outside_of_examples_count: z.number().default(0) }),
	messages: z.array(z.string()).default([]),
});

export function readRspec(json: unknown, text: string, options: ParseOptions): ParsedReport {
	const report = checkShape(rspecReport, json, text, options.file, 'RSpec JSON report');
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
