// What differs between JUnit XML producers: which tool wrote it and what a case's suite is.
import type { SecurityFinding, TestCase } from '../schemas/index.ts';
import { levelFromLabel } from './severity.ts';
import { children, type XmlDocument } from './xml.ts';

/** The producer's name as far as the report tells; `junit` when it does not. */
export function detectJunitTool(doc: XmlDocument, text: string): string {
	const rootAttrs = doc.root.attrs;
	const first = doc.rootName === 'testsuite' ? doc.root : children(doc.root, 'testsuite')[0];
	const suiteAttrs = first?.attrs ?? {};
	if (doc.rootName === 'testsuites') {
		const byName: Record<string, string> = {
			trivy: 'trivy',
			'vitest tests': 'vitest',
			'jest tests': 'jest',
			'pytest tests': 'pytest',
		};
		const named = byName[rootAttrs['name'] ?? ''];
		if (named) return named;
		// Playwright's root carries an (empty) id and a skipped count; no other producer writes both.
		if ('id' in rootAttrs && 'skipped' in rootAttrs) return 'playwright';
	}
	if (suiteAttrs['name'] === 'pytest') return 'pytest';
	// Node's test runner ends its report with summary comments such as <!-- tests 7 -->.
	if (/<!--\s*tests \d+\s*-->/.test(text.slice(-4000))) return 'node:test';
	if ((suiteAttrs['xsi:noNamespaceSchemaLocation'] ?? '').includes('surefire'))
		return 'maven-surefire';
	if ('package' in suiteAttrs && 'hostname' in suiteAttrs) return 'ant';
	return 'junit';
}

/**
 * The suite shown for a case. `classname` is the test's own grouping in most dialects (the Java
 * class, the pytest module, the vitest or Playwright file); jest-junit repeats the test name in it
 * and Node's runner writes the literal "test" for top-level tests, so those use the suite path.
 */
export function caseSuite(
	tool: string,
	suitePath: readonly string[],
	classname: string,
	name: string,
	file: string | undefined,
): string {
	const path = suitePath.join(' › ');
	if (tool === 'node:test') return path || (file?.split(/[\\/]/).pop() ?? '');
	if (tool === 'jest' || !classname || classname === name) return path || classname;
	return classname;
}

const TRIVY_NAME = /^\[([A-Za-z]+)\]\s+(\S+)/;

/**
 * Trivy's JUnit template writes each vulnerability as a failing case named "[SEVERITY] ID" with
 * the package as classname; read them back as findings so a findings gate can use that report.
 */
export function trivyFindings(cases: readonly TestCase[]): SecurityFinding[] {
	const findings: SecurityFinding[] = [];
	for (const c of cases) {
		const match = TRIVY_NAME.exec(c.name);
		const severity = match && levelFromLabel(match[1]!);
		if (c.status !== 'failed' || !match || !severity) continue;
		findings.push({
			ruleId: match[2]!,
			severity,
			message: c.message ?? c.name,
			...(c.suite ? { location: c.suite } : {}),
		});
	}
	return findings;
}
