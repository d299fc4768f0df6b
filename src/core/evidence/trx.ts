// Visual Studio TRX (dotnet test --logger trx, xUnit v3's -trx): results joined to their definitions.
import type { TestCase } from '../schemas/index.ts';
import { countCases, messageField, roundMs } from './cases.ts';
import { requirementScanner } from './requirements.ts';
import type { ParsedReport, ParseOptions } from './types.ts';
import { children, descendants, expectRoot, type XmlDocument, type XmlElement } from './xml.ts';

interface Definition {
	className: string;
	categories: string[];
	adapter: string;
}

// NotExecuted is how VSTest writes a skipped test; Inconclusive and Pending never ran to a verdict.
const SKIPPED = new Set(['NotExecuted', 'Inconclusive', 'Pending', 'NotRunnable', 'Disconnected']);
const PASSED = new Set(['Passed', 'PassedButRunAborted', 'Completed', 'Warning']);

/** "00:00:01.5000000" (hours:minutes:seconds) in milliseconds. */
export function timeSpanMs(value: string | undefined): number {
	const match = /^(?:(\d+)\.)?(\d+):(\d+):(\d+(?:\.\d+)?)$/.exec(value?.trim() ?? '');
	if (!match) return 0;
	const [, days, h, m, s] = match;
	return roundMs(((Number(days ?? 0) * 24 + Number(h)) * 3600 + Number(m) * 60 + Number(s)) * 1000);
}

function definitions(doc: XmlDocument): Map<string, Definition> {
	const byId = new Map<string, Definition>();
	for (const test of descendants(doc.root, 'UnitTest')) {
		const method = children(test, 'TestMethod')[0];
		byId.set(test.attrs['id'] ?? '', {
			className: method?.attrs['className'] ?? '',
			categories: descendants(test, 'TestCategoryItem').map((c) => c.attrs['TestCategory'] ?? ''),
			adapter: method?.attrs['adapterTypeName'] ?? '',
		});
	}
	return byId;
}

/** The runner behind the TRX, from the adapter that ran its tests. */
function toolOf(defs: Iterable<Definition>): string {
	for (const { adapter } of defs) {
		if (/xunit/i.test(adapter)) return 'xunit';
		if (/nunit/i.test(adapter)) return 'nunit';
		if (/mstest/i.test(adapter)) return 'mstest';
	}
	return 'vstest';
}

export function readTrx(doc: XmlDocument, _text: string, options: ParseOptions): ParsedReport {
	expectRoot(doc, ['TestRun'], 'TRX', options.file);
	const defs = definitions(doc);
	const scan = requirementScanner(options.requirementPattern);
	const cases: TestCase[] = [];
	const visit = (result: XmlElement) => {
		// A data-driven test's own result only sums up its rows: count the rows.
		const inner = children(result, 'InnerResults').flatMap((r) => children(r, 'UnitTestResult'));
		if (inner.length > 0) return inner.forEach(visit);
		const def = defs.get(result.attrs['testId'] ?? '');
		const className = def?.className ?? '';
		const fullName = result.attrs['testName']?.trim() || '(unnamed)';
		const name =
			className && fullName.startsWith(`${className}.`)
				? fullName.slice(className.length + 1)
				: fullName;
		const outcome = result.attrs['outcome'] ?? '';
		const status = PASSED.has(outcome) ? 'passed' : SKIPPED.has(outcome) ? 'skipped' : 'failed';
		const output = children(result, 'Output')[0];
		const message =
			descendants(output ?? result, 'Message')[0]?.text ??
			(status === 'skipped' ? children(output ?? result, 'StdOut')[0]?.text : undefined);
		cases.push({
			name,
			suite: className,
			status,
			durationMs: timeSpanMs(result.attrs['duration']),
			...(status === 'passed' ? {} : messageField(message)),
			requirements: scan([fullName, className, ...(def?.categories ?? [])]),
		});
	};
	for (const results of children(doc.root, 'Results'))
		children(results, 'UnitTestResult').forEach(visit);
	return { format: 'trx', tool: toolOf(defs.values()), tests: countCases(cases), cases };
}
