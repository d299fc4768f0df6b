// xUnit.net v2 XML (<assemblies>): tests per collection, traits, and errors outside any test.
import type { TestCase } from '../schemas/index.ts';
import { countCases, firstLine, messageField, secondsToMs } from './cases.ts';
import { repoPath } from './paths.ts';
import { isRequirementProperty, requirementScanner } from './requirements.ts';
import type { ParsedReport, ParseOptions } from './types.ts';
import { children, descendants, expectRoot, type XmlDocument, type XmlElement } from './xml.ts';

function statusOf(result: string | undefined): TestCase['status'] {
	if (result === 'Pass') return 'passed';
	if (result === 'Skip' || result === 'NotRun') return 'skipped';
	return 'failed';
}

function messageOf(node: XmlElement): string | undefined {
	const failure = descendants(node, 'failure')[0];
	if (failure) return children(failure, 'message')[0]?.text ?? firstLine(failure.text);
	return children(node, 'reason')[0]?.text;
}

export function readXunit(doc: XmlDocument, _text: string, options: ParseOptions): ParsedReport {
	expectRoot(doc, ['assemblies', 'assembly'], 'xUnit.net v2 XML', options.file);
	const scan = requirementScanner(options.requirementPattern);
	const cases: TestCase[] = [];
	const assemblies = doc.rootName === 'assembly' ? [doc.root] : children(doc.root, 'assembly');
	for (const assembly of assemblies) {
		for (const test of descendants(assembly, 'test')) {
			const type = test.attrs['type'] ?? '';
			const full = test.attrs['name']?.trim() || '(unnamed)';
			const status = statusOf(test.attrs['result']);
			const traits = descendants(test, 'trait')
				.filter((t) => t.attrs['name'] === 'Category' || isRequirementProperty(t.attrs['name']))
				.map((t) => t.attrs['value']);
			cases.push({
				// The display name repeats the class unless a test sets its own.
				name: type && full.startsWith(`${type}.`) ? full.slice(type.length + 1) : full,
				suite: type,
				status,
				durationMs: secondsToMs(test, 'time', options.file),
				...(status === 'passed' ? {} : messageField(messageOf(test))),
				requirements: scan([full, type, ...traits]),
			});
		}
		// Fixture and cleanup failures sit outside any test; each would otherwise go unseen.
		for (const error of descendants(assembly, 'error')) {
			cases.push({
				name: `(${error.attrs['type'] ?? 'error'}${error.attrs['name'] ? `: ${error.attrs['name']}` : ''})`,
				suite: repoPath(assembly.attrs['name'] ?? '', options.root, options.known),
				status: 'failed',
				durationMs: 0,
				...messageField(messageOf(error)),
				requirements: [],
			});
		}
	}
	return { format: 'xunit', tool: 'xunit', tests: countCases(cases), cases };
}
