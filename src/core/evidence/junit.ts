// JUnit XML as real tools write it: Surefire, Ant, pytest, vitest, jest, node:test, Playwright, Trivy.
import type { TestCase } from '../schemas/index.ts';
import { countCases, figureError, firstLine, messageField, outcome, secondsToMs, withoutStack } from './cases.ts';
import { EvidenceError } from './errors.ts';
import { caseSuite, detectJunitTool, trivyFindings } from './junit-dialect.ts';
import {
	isRequirementProperty,
	requirementScanner,
	type RequirementScanner,
} from './requirements.ts';
import type { ParsedReport, ParseOptions, ParseOutcome } from './types.ts';
import { children, parseXml, type XmlDocument, type XmlElement } from './xml.ts';

interface SuiteContext {
	/** Names of the enclosing named <testsuite> elements, outermost first. */
	names: string[];
	/** Values of requirement properties on the enclosing suites. */
	requirements: string[];
	/** Playwright's project, which its reporter writes as the suite's hostname. */
	project?: string | undefined;
}

interface Walk {
	tool: string;
	file: string;
	scan: RequirementScanner;
	cases: TestCase[];
}

/** Parses a JUnit XML report. */
export function parseJunit(text: string, options: ParseOptions): ParseOutcome {
	return outcome(() => readJunit(parseXml(text, options.file), text, options));
}

/** Reads an already parsed JUnit document (the importer parses once to detect the format). */
export function readJunit(doc: XmlDocument, text: string, options: ParseOptions): ParsedReport {
	if (doc.rootName !== 'testsuites' && doc.rootName !== 'testsuite') {
		throw new EvidenceError(
			`Unexpected root element <${doc.rootName}>, expected <testsuites> or <testsuite> (JUnit XML)`,
			{ file: options.file, line: 1, column: 1 },
		);
	}
	const walk: Walk = {
		tool: detectJunitTool(doc, text),
		file: options.file,
		scan: requirementScanner(options.requirementPattern),
		cases: [],
	};
	const top: SuiteContext = { names: [], requirements: [] };
	// The <testsuites> wrapper's name ("vitest tests", "trivy") names the run, not a suite.
	if (doc.rootName === 'testsuites') visitChildren(doc.root, top, walk);
	else visitSuite(doc.root, top, walk);

	unlistedFailures(doc, options.file);
	const counts = countCases(walk.cases);
	const wall = runTime(doc, options.file);
	const report: ParsedReport = {
		format: 'junit',
		tool: walk.tool,
		tests: wall === undefined ? counts : { ...counts, durationMs: wall },
		cases: walk.cases,
	};
	if (walk.tool === 'trivy') report.findings = trivyFindings(walk.cases);
	return report;
}

/**
 * A report whose totals say tests failed that none of its cases shows (`failures="3"` over one
 * passing <testcase>) would pass its gate on the cases alone: refused. Counted as the tool
 * counts, element by element (pytest's teardown error is a second <testcase>, Surefire's reruns
 * count), with a suite's own <error> as one; a todo's failure fails nothing.
 */
function unlistedFailures(doc: XmlDocument, file: string): void {
	const stated = (node: XmlElement): number | undefined => {
		const values = ['failures', 'errors'].map((name) => total(node, name, file)).filter((v) => v !== undefined);
		return values.length ? values.reduce((sum, v) => sum + v, 0) : undefined;
	};
	const top = doc.rootName === 'testsuite' ? [doc.root] : children(doc.root, 'testsuite');
	const claimed = stated(doc.root) ?? (top.length && top.every((suite) => stated(suite) !== undefined) ? top.reduce((sum, suite) => sum + stated(suite)!, 0) : undefined);
	let shown = 0;
	const count = (node: XmlElement): void => {
		stated(node); // every suite's totals are counts, nested ones too
		if (node.name === 'testsuite' && failedToLoad(node)) shown++;
		for (const child of node.children) {
			if (child.name === 'testcase') {
				const todo = children(child, 'skipped').some((skip) => skip.attrs['type'] === 'todo');
				if (!todo && (children(child, 'failure').length > 0 || children(child, 'error').length > 0)) shown++;
				// Surefire counts each failed run of a test it ran again among the suite's failures.
				for (const rerun of ['flakyFailure', 'flakyError', 'rerunFailure', 'rerunError']) shown += children(child, rerun).length;
			} else if (child.name === 'testsuite' || child.name === 'testsuites') count(child);
		}
	};
	count(doc.root);
	if (claimed && claimed > shown) {
		throw new EvidenceError(`The report states ${claimed} failed or errored test${claimed === 1 ? '' : 's'} (failures and errors of <${doc.rootName}>), but ${shown === 0 ? 'none' : `only ${shown}`} of its test cases ${shown <= 1 ? 'shows' : 'show'} a failure or an error; expected the report with every case the run had`, { file, line: 1, column: 1 });
	}
}

/** A suite's `failures` or `errors`: a whole number from 0, refused at its line ("-5" was read as 0). */
function total(suite: XmlElement, name: string, file: string): number | undefined {
	const value = suite.attrs[name];
	if (value === undefined) return undefined;
	if (!/^\s*\d+\s*$/.test(value)) throw figureError({ file, line: suite.line, field: name }, value, 'a number of tests (a whole number from 0)');
	return Number(value);
}

/** How a <testcase> says it ended, as JUnit's writers spell it. */
const RESULTS = new Map(['failure', 'error', 'skipped', 'flakyFailure', 'flakyError', 'rerunFailure', 'rerunError'].map((name) => [name.toLowerCase(), name]));

/**
 * A test case holds no tests, and its result in JUnit's own spelling: the <failure> of a <testcase>
 * nested in another, an <x:failure> or a <Failure> was read as no result, and the case passed. No
 * writer is known to produce them; each is refused at its line rather than guessed at.
 */
function expectCaseChildren(testcase: XmlElement, file: string): void {
	for (const child of testcase.children) {
		const at = { file, line: child.line, column: 1 };
		if (child.name === 'testcase' || child.name === 'testsuite' || child.name === 'testsuites') {
			throw new EvidenceError(`Unexpected <${child.name}> inside the <testcase> of line ${testcase.line}: a test case holds no tests, so its results would not be counted; expected the report as the tool wrote it`, at);
		}
		const meant = RESULTS.get(child.name.slice(child.name.indexOf(':') + 1).toLowerCase());
		if (meant && child.name !== meant) {
			throw new EvidenceError(`Unexpected <${child.name}> in a <testcase>, expected <${meant}>: JUnit XML writes its results so, without a prefix, and any other spelling would be read as no result`, at);
		}
	}
}

/** A suite with an <error> or <failure> of its own and no cases: its class or file failed to load. */
function failedToLoad(suite: XmlElement): boolean {
	return children(suite, 'testcase').length === 0 && (children(suite, 'error').length > 0 || children(suite, 'failure').length > 0);
}

/** Cases and suites in document order (Node's runner puts top-level cases under <testsuites>). */
function visitChildren(node: XmlElement, context: SuiteContext, walk: Walk): void {
	for (const child of node.children) {
		if (child.name === 'testcase') addCase(readCase(child, context, walk), walk);
		else if (child.name === 'testsuite') visitSuite(child, context, walk);
		else if (child.name === 'testsuites') visitChildren(child, context, walk);
	}
}

/**
 * pytest writes a test whose teardown failed after the test itself had as a second <testcase> of
 * the same name, right after the first (its summary counts one test, "1 failed, 1 error"): the two
 * are one case, failed, with both messages.
 */
function addCase(testCase: TestCase, walk: Walk): void {
	const last = walk.cases.at(-1);
	if (walk.tool !== 'pytest' || !last || last.suite !== testCase.suite || last.name !== testCase.name) {
		walk.cases.push(testCase);
		return;
	}
	const failed = last.status === 'failed' || testCase.status === 'failed';
	const messages = [last.message, testCase.message].filter((m): m is string => Boolean(m));
	walk.cases[walk.cases.length - 1] = {
		...last,
		status: failed ? 'failed' : last.status,
		durationMs: last.durationMs + testCase.durationMs,
		...(messages.length ? { message: messages.join('\n') } : {}),
		requirements: [...new Set([...last.requirements, ...testCase.requirements])],
	};
}

/**
 * How long the run took by its own clock: the root's `time` (Vitest, Jest, Surefire's single
 * suite), else that of a lone suite under an untimed wrapper (pytest). Cases run in parallel and
 * between them run fixtures, so their sum is neither; it stands in only when no clock is written.
 */
function runTime(doc: XmlDocument, file: string): number | undefined {
	// A clock of 0 or one that is not a number is no clock (secondsToMs reads both as 0).
	const timed = (node: XmlElement) => secondsToMs(node, 'time', file) || undefined;
	const own = timed(doc.root);
	if (own !== undefined || doc.rootName === 'testsuite') return own;
	const suites = children(doc.root, 'testsuite');
	// node:test puts top-level cases beside its describe blocks' suites: a suite there is not the run.
	return suites.length === 1 && children(doc.root, 'testcase').length === 0 ? timed(suites[0]!) : undefined;
}

function visitSuite(suite: XmlElement, parent: SuiteContext, walk: Walk): void {
	const name = suite.attrs['name']?.trim();
	const context: SuiteContext = {
		names: name ? [...parent.names, name] : parent.names,
		requirements: [...parent.requirements, ...requirementValues(suite)],
		project: (walk.tool === 'playwright' && suite.attrs['hostname']?.trim()) || parent.project,
	};
	// A suite-level <error> without cases: the class or file failed to load. Like Jenkins, count
	// it as one failed case, or a report whose every suite crashed would pass its gate.
	if (failedToLoad(suite)) {
		const problems = [...children(suite, 'error'), ...children(suite, 'failure')];
		walk.cases.push({
			name: '(suite error)',
			suite: context.names.join(' › '),
			status: 'failed',
			durationMs: secondsToMs(suite, 'time', walk.file),
			...messageOf(problems[0]!),
			requirements: walk.scan([...context.names, ...context.requirements]),
		});
	}
	visitChildren(suite, context, walk);
}

function readCase(testcase: XmlElement, context: SuiteContext, walk: Walk): TestCase {
	expectCaseChildren(testcase, walk.file);
	const name = testcase.attrs['name']?.trim() || '(unnamed)';
	const classname = testcase.attrs['classname']?.trim() ?? '';
	const failures = [...children(testcase, 'failure'), ...children(testcase, 'error')];
	const skips = children(testcase, 'skipped');
	// Surefire's reruns: flaky* when a later run passed, rerun* alongside a failure that stayed.
	const flaky = [...children(testcase, 'flakyFailure'), ...children(testcase, 'flakyError')];
	const reruns = [...children(testcase, 'rerunFailure'), ...children(testcase, 'rerunError')];

	let status: TestCase['status'] = 'passed';
	let retries = flaky.length + reruns.length;
	let detail: XmlElement | undefined;
	// Node's runner marks a todo test <skipped type="todo"/>, and keeps its failure beside it when
	// it threw: a todo's failure does not fail the run (node --test exits 0 and prints "fail 0").
	const todo = skips.find((s) => s.attrs['type'] === 'todo');
	if (todo) {
		status = 'skipped';
		detail = todo;
	} else if (failures.length > 0) {
		status = 'failed';
		retries = reruns.length;
		detail = failures[0];
	} else if (skips.length > 0) {
		status = 'skipped';
		detail = skips[0];
	} else if (notRun(testcase)) {
		status = 'skipped';
	}
	return {
		name,
		// One test per project: "chromium › cart.spec.mjs", as Playwright's JSON reporter names it.
		suite: [context.project, caseSuite(walk.tool, context.names, classname, name, testcase.attrs['file'])].filter(Boolean).join(' › '),
		status,
		durationMs: secondsToMs(testcase, 'time', walk.file),
		...(detail ? messageOf(detail, classname, name) : {}),
		requirements: walk.scan([
			name,
			classname,
			...context.names,
			...context.requirements,
			...requirementValues(testcase),
		]),
		...(retries > 0 ? { retries } : {}),
	};
}

/**
 * GoogleTest writes a disabled test (`DISABLED_…`) as a case with no child, `status="notrun"` and
 * `result="suppressed"` (or `"skipped"`): it did not run, and must not count as passed.
 */
function notRun(testcase: XmlElement): boolean {
	const status = testcase.attrs['status']?.trim().toLowerCase();
	const result = testcase.attrs['result']?.trim().toLowerCase();
	return status === 'notrun' || result === 'suppressed' || result === 'skipped';
}

/** A line that only says where: an absolute `path:line` (PHPUnit's trace), as the machine had it. */
const TRACE_LINE = /^(?:[A-Za-z]:)?[\\/]\S*:\d+$/;

/**
 * The message attribute; else the body up to its stack trace, as the tool wrote it (jest-junit's
 * Expected and Received lines). PHPUnit's body opens with the test's own `Class::method` name and
 * ends with the file and line it failed at: the reason is what lies between.
 */
function messageOf(node: XmlElement, classname = '', name = ''): { message?: string } {
	const attribute = node.attrs['message']?.trim();
	if (attribute) return messageField(attribute);
	const lines = (withoutStack(node.text) ?? '').split(/\r?\n/);
	const first = lines.findIndex((line) => line.trim() !== '');
	const opening = lines[first]?.trim() ?? '';
	const ownName = opening === name || (classname !== '' && opening.startsWith(`${classname}::`));
	const rest = ownName ? lines.slice(first + 1) : lines;
	while (rest.length && (rest.at(-1)!.trim() === '' || TRACE_LINE.test(rest.at(-1)!.trim()))) rest.pop();
	const text = rest.join('\n').trim();
	// PHPUnit 9 writes nothing between for a data set's failed assertion: its exception's type says most.
	return messageField(text || node.attrs['type']?.trim() || firstLine(node.text));
}

/** Values of <property name="requirement(s)" value="..."> (or text) under a node's <properties>. */
function requirementValues(node: XmlElement): string[] {
	return children(node, 'properties')
		.flatMap((properties) => children(properties, 'property'))
		.filter((property) => isRequirementProperty(property.attrs['name']))
		.map((property) => property.attrs['value'] ?? property.text);
}
