// NUnit 3 console XML (<test-run>): test cases in nested suites, with labels for errors and ignores.
import type { TestCase } from '../schemas/index.ts';
import { countCases, messageField, secondsToMs } from './cases.ts';
import { isRequirementProperty, requirementScanner } from './requirements.ts';
import type { ParsedReport, ParseOptions } from './types.ts';
import { children, expectRoot, type XmlDocument, type XmlElement } from './xml.ts';

function statusOf(result: string | undefined): TestCase['status'] {
	if (result === 'Passed' || result === 'Warning') return 'passed';
	// Skipped covers Ignored and Explicit; Inconclusive never reached a verdict.
	if (result === 'Skipped' || result === 'Inconclusive') return 'skipped';
	return 'failed';
}

/** The failure's message, else a skip's reason. */
function messageOf(node: XmlElement): string | undefined {
	for (const tag of ['failure', 'reason']) {
		const message = children(node, tag).flatMap((n) => children(n, 'message'))[0]?.text;
		if (message) return message;
	}
	return undefined;
}

/** Values of `<property name="Category|requirement">` on a node. */
function properties(node: XmlElement): string[] {
	return children(node, 'properties')
		.flatMap((p) => children(p, 'property'))
		.filter((p) => p.attrs['name'] === 'Category' || isRequirementProperty(p.attrs['name']))
		.map((p) => p.attrs['value'] ?? '');
}

export function readNunit(doc: XmlDocument, _text: string, options: ParseOptions): ParsedReport {
	expectRoot(doc, ['test-run'], 'NUnit 3 XML', options.file);
	const scan = requirementScanner(options.requirementPattern);
	const cases: TestCase[] = [];
	const visit = (suite: XmlElement, inherited: string[]) => {
		const own = [...inherited, ...properties(suite)];
		const tests = children(suite, 'test-case');
		const suites = children(suite, 'test-suite');
		// A fixture or assembly that failed before any case ran (a load or setup error) has no cases:
		// count it as one failed case, or the run would pass with nothing run.
		if (tests.length === 0 && suites.length === 0 && statusOf(suite.attrs['result']) === 'failed') {
			cases.push({
				name: '(suite error)',
				suite: suite.attrs['fullname'] ?? suite.attrs['name'] ?? '',
				status: 'failed',
				durationMs: secondsToMs(suite, 'duration', options.file),
				...messageField(messageOf(suite)),
				requirements: scan(own),
			});
		}
		for (const test of tests) {
			const status = statusOf(test.attrs['result']);
			const className = test.attrs['classname'] ?? suite.attrs['fullname'] ?? '';
			cases.push({
				name: test.attrs['name']?.trim() || '(unnamed)',
				suite: className,
				status,
				durationMs: secondsToMs(test, 'duration', options.file),
				...(status === 'passed' ? {} : messageField(messageOf(test))),
				requirements: scan([test.attrs['fullname'], className, ...own, ...properties(test)]),
			});
		}
		for (const child of suites) visit(child, own);
	};
	for (const suite of children(doc.root, 'test-suite')) visit(suite, []);
	return { format: 'nunit', tool: 'nunit', tests: countCases(cases), cases };
}
