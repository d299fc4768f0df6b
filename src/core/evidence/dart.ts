// dart test --reporter json and flutter test --machine: testStart/testDone/error events per test.
import type { TestCase } from '../schemas/index.ts';
import { countCases, messageField, roundMs } from './cases.ts';
import { readJsonLines } from './json-lines.ts';
import { repoPath } from './paths.ts';
import { requirementScanner } from './requirements.ts';
import type { ParsedReport, ParseOptions } from './types.ts';

interface DartTest {
	name: string;
	suiteId: number;
	start: number;
	end?: number;
	result?: string | undefined;
	skipped: boolean;
	hidden: boolean;
	error?: string | undefined;
}

type Event = Record<string, unknown>;
const num = (v: unknown) => (typeof v === 'number' ? v : 0);
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

export function readDart(source: string, options: ParseOptions): ParsedReport {
	const events = readJsonLines(source, options.file, 'dart test --reporter json', { isEvent: (e) => typeof e['type'] === 'string' });
	const suites = new Map<number, string>();
	const tests = new Map<number, DartTest>();
	for (const { value: event } of events) {
		const type = str(event['type']);
		if (type === 'suite') {
			const suite = event['suite'] as Event | undefined;
			suites.set(num(suite?.['id']), repoPath(str(suite?.['path']) ?? '', options.root, options.known));
		} else if (type === 'testStart') {
			const test = (event['test'] ?? {}) as Event;
			const metadata = (test['metadata'] ?? {}) as Event;
			tests.set(num(test['id']), {
				name: str(test['name']) ?? '(unnamed)',
				suiteId: num(test['suiteID']),
				start: num(event['time']),
				skipped: metadata['skip'] === true,
				hidden: false,
			});
		} else if (type === 'testDone') {
			const test = tests.get(num(event['testID']));
			if (!test) continue;
			test.end = num(event['time']);
			test.result = str(event['result']);
			test.skipped = event['skipped'] === true;
			test.hidden = event['hidden'] === true;
		} else if (type === 'error') {
			const test = tests.get(num(event['testID']));
			if (test && test.error === undefined) test.error = str(event['error']);
		}
	}
	const scan = requirementScanner(options.requirementPattern);
	const cases: TestCase[] = [];
	for (const test of tests.values()) {
		// Hidden tests are the runner's own "loading <file>" steps, shown only when loading fails.
		if (test.hidden) continue;
		const status: TestCase['status'] =
			test.result === undefined
				? 'failed'
				: test.skipped
					? 'skipped'
					: test.result === 'success'
						? 'passed'
						: 'failed';
		const suite = suites.get(test.suiteId) ?? '';
		cases.push({
			name: test.name,
			suite,
			status,
			durationMs: roundMs(Math.max(0, (test.end ?? test.start) - test.start)),
			...(status === 'failed'
				? messageField(test.error ?? (test.result === undefined ? 'did not finish' : undefined))
				: {}),
			requirements: scan([test.name, suite]),
		});
	}
	return { format: 'dart', tool: 'dart test', tests: countCases(cases), cases };
}
