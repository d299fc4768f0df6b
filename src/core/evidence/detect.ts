// Telling a report's format from its content when the user does not name it: every signature here.
import { evidenceFormats } from '../schemas/index.ts';
import { EvidenceError } from './errors.ts';
import { expectPlainJson, parseJson } from './json.ts';
import { guardText } from './text.ts';
import type { EvidenceFormat } from './types.ts';
import { children, parseXml, type XmlDocument, type XmlElement } from './xml.ts';

export const xmlFormats = ['junit', 'trx', 'nunit', 'xunit', 'cobertura', 'jacoco'] as const;
/** Line-oriented text: lcov records, Go's coverprofile, and JSON event streams (one per line). */
export const lineFormats = ['lcov', 'go-cover', 'go-test', 'dart'] as const;
export type XmlFormat = (typeof xmlFormats)[number];
export type LineFormat = (typeof lineFormats)[number];
export type JsonFormat = Exclude<EvidenceFormat, XmlFormat | LineFormat>;

export type Sniffed =
	| { format: XmlFormat; xml: XmlDocument }
	| { format: JsonFormat; json: unknown }
	| { format: LineFormat; text: string };

/** How each format is recognised, in the words used when none matches. */
export const formatSignatures: Record<EvidenceFormat, string> = {
	junit: 'junit (XML with a <testsuites> or <testsuite> root)',
	playwright: 'playwright (JSON with "suites" and "config")',
	trx: 'trx (XML with a <TestRun> root, from dotnet test --logger trx or xUnit v3)',
	nunit: 'nunit (NUnit 3 XML with a <test-run> root)',
	xunit: 'xunit (xUnit.net v2 XML with an <assemblies> root)',
	'go-test': 'go-test (go test -json: one JSON event with "Action" per line)',
	jest: 'jest (Jest or Vitest JSON with "numTotalTests" and "testResults")',
	mocha: 'mocha (JSON with "stats" and "tests")',
	rspec: 'rspec (JSON with "examples" and "summary")',
	dart: 'dart (dart test or flutter test --machine: one JSON event with "type" per line)',
	istanbul: 'istanbul (coverage-summary.json: JSON with "total.lines.pct")',
	'istanbul-final': 'istanbul-final (coverage-final.json: JSON of files with "statementMap")',
	lcov: 'lcov (text starting with TN: or SF:)',
	cobertura: 'cobertura (XML with a <coverage line-rate="…"> root)',
	jacoco: 'jacoco (XML with a <report> root holding <counter> or <package>)',
	'go-cover': 'go-cover (text starting with "mode: set|count|atomic")',
	'coverage-py': 'coverage-py (coverage.py JSON with "meta", "files" and "totals")',
	sarif: 'sarif (JSON with "version": "2.1.0" or a SARIF "$schema", and "runs")',
	'npm-audit': 'npm-audit (npm 7+ audit JSON with "auditReportVersion": 2)',
	trivy: 'trivy (JSON with "SchemaVersion" and "Results")',
	k6: 'k6 (end-of-test summary JSON with "metrics" and "root_group" or "state")',
};

type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const xmlSignatures: [XmlFormat, (root: XmlElement) => boolean][] = [
	['junit', (root) => root.name === 'testsuites' || root.name === 'testsuite'],
	['trx', (root) => root.name === 'TestRun'],
	['nunit', (root) => root.name === 'test-run'],
	['xunit', (root) => root.name === 'assemblies' || root.name === 'assembly'],
	// Clover also has a <coverage> root; Cobertura's carries line-rate or <packages>.
	[
		'cobertura',
		(root) =>
			root.name === 'coverage' &&
			('line-rate' in root.attrs || children(root, 'packages').length > 0),
	],
	[
		'jacoco',
		(root) =>
			root.name === 'report' &&
			root.children.some((c) => ['counter', 'package', 'group', 'sessioninfo'].includes(c.name)),
	],
];

const jsonSignatures: [JsonFormat, (json: Json) => boolean][] = [
	[
		'sarif',
		(json) =>
			Array.isArray(json['runs']) &&
			(json['version'] === '2.1.0' || /sarif/i.test(String(json['$schema'] ?? ''))),
	],
	[
		'istanbul',
		(json) =>
			isObject(json['total']) &&
			isObject(json['total']['lines']) &&
			'pct' in json['total']['lines'],
	],
	[
		'istanbul-final',
		(json) => {
			const first = Object.values(json)[0];
			return isObject(first) && isObject(first['statementMap']) && isObject(first['s']);
		},
	],
	['playwright', (json) => Array.isArray(json['suites']) && isObject(json['config'])],
	[
		'jest',
		(json) => typeof json['numTotalTests'] === 'number' && Array.isArray(json['testResults']),
	],
	['mocha', (json) => isObject(json['stats']) && Array.isArray(json['tests'])],
	['rspec', (json) => Array.isArray(json['examples']) && isObject(json['summary'])],
	[
		'coverage-py',
		(json) => isObject(json['meta']) && isObject(json['files']) && isObject(json['totals']),
	],
	['npm-audit', (json) => json['auditReportVersion'] === 2 && isObject(json['vulnerabilities'])],
	[
		'trivy',
		(json) =>
			typeof json['SchemaVersion'] === 'number' && ('Results' in json || 'ArtifactName' in json),
	],
	[
		'k6',
		(json) =>
			isObject(json['metrics']) && (isObject(json['root_group']) || isObject(json['state'])),
	],
];

/** The JSON format a parsed value has the signature of, if any. */
export function detectJsonFormat(json: unknown): JsonFormat | undefined {
	if (!isObject(json)) return undefined;
	return jsonSignatures.find(([, matches]) => matches(json))?.[0];
}

function firstJsonLine(lines: readonly string[]): Json | undefined {
	const line = lines.find((l) => l.startsWith('{'));
	try {
		const value: unknown = line ? JSON.parse(line) : undefined;
		return isObject(value) ? value : undefined;
	} catch {
		return undefined;
	}
}

/** The line format of a text, from its first lines. */
export function detectLineFormat(text: string): LineFormat | undefined {
	const lines = text
		.split(/\r?\n/, 20)
		.map((l) => l.trim())
		.filter(Boolean);
	const first = lines[0] ?? '';
	if (/^(?:TN|SF):/.test(first)) return 'lcov';
	if (/^mode: (?:set|count|atomic)$/.test(first)) return 'go-cover';
	const event = firstJsonLine(lines);
	if (!event) return undefined;
	if (typeof event['Action'] === 'string' && ('Package' in event || 'ImportPath' in event))
		return 'go-test';
	if (typeof event['type'] === 'string' && ('protocolVersion' in event || 'time' in event))
		return 'dart';
	return undefined;
}

/** Whether the text is XML or JSON, by its first character. */
export function syntaxOf(text: string): 'xml' | 'json' | undefined {
	const first = /^[\s\uFEFF]*(.)/.exec(text)?.[1];
	if (first === '<') return 'xml';
	if (first === '{' || first === '[') return 'json';
	return undefined;
}

/**
 * A report with other output before it: a test that logs while the reporter writes to stdout
 * (`mocha --reporter json > out.json`), or a tool's banner. Named, with where the report starts.
 */
export function strayOutput(text: string, file: string): EvidenceError | undefined {
	const lines = text.split(/\r?\n/, 200);
	const start = lines.findIndex((line, i) => i > 0 && /^\s*(?:[{[]\s*(?:"|$|\{|\[)|<\?xml|<test)/.test(line));
	if (start <= 0) return undefined;
	const first = lines.find((line) => line.trim() !== '')!.trim();
	const shown = first.length > 60 ? `${first.slice(0, 59)}…` : first;
	return new EvidenceError(
		`${file} has ${start === 1 ? 'a line' : `${start} lines`} of other output before what looks like the report at line ${start + 1} (line 1: "${shown}"); have the tool write its report to a file of its own (mocha --reporter-option output=<file>, jest --outputFile <file>, vitest --outputFile <file>), or remove those lines`,
	);
}

function undetectable(file: string, found: string): EvidenceError {
	const tried = evidenceFormats.map((f) => formatSignatures[f]).join('; ');
	return new EvidenceError(
		`Could not tell the format of ${file} (${found}). Tried ${tried}. Name the format explicitly (--format).`,
	);
}

/** Parses the text as XML, JSON or lines and recognises the format; throws a located error if it cannot. */
export function sniffReport(text: string, file: string): Sniffed {
	guardText(text, file);
	const syntax = syntaxOf(text);
	if (syntax === 'xml') {
		const xml = parseXml(text, file);
		const format = xmlSignatures.find(([, matches]) => matches(xml.root))?.[0];
		if (format) return { format, xml };
		throw undetectable(file, `XML whose root is <${xml.rootName}>`);
	}
	if (syntax === 'json') {
		// As with a format given on the command line: the readers walk the value recursively, and a
		// repeated key would be read as its last value.
		expectPlainJson(text, file);
		let json: unknown;
		try {
			json = JSON.parse(text);
		} catch {
			// One JSON event per line is not one JSON value; anything else gets a located syntax error.
			const lines = detectLineFormat(text);
			if (lines) return { format: lines, text };
			json = parseJson(text, file);
		}
		const format = detectJsonFormat(json);
		if (format) return { format, json };
		throw undetectable(file, 'JSON without a known signature');
	}
	const lines = detectLineFormat(text);
	if (lines) return { format: lines, text };
	const scalar = jsonScalar(text);
	if (scalar) throw undetectable(file, `JSON ${scalar} alone, where a report is an object: did the tool fail before it wrote one?`);
	throw strayOutput(text, file) ?? undetectable(file, 'neither XML nor JSON nor a known text format');
}

/** The text when it is one JSON value that is neither object nor array (`null`, `"…"`, `0`), shortened. */
export function jsonScalar(text: string): string | undefined {
	const trimmed = text.trim();
	if (trimmed.length === 0 || trimmed.length > 200) return undefined;
	try {
		JSON.parse(trimmed);
	} catch {
		return undefined;
	}
	return trimmed.length > 40 ? `${trimmed.slice(0, 39)}…` : trimmed;
}

/** The report's format, or undefined when it is unreadable or matches none. */
export function detectFormat(text: string, file = 'report'): EvidenceFormat | undefined {
	try {
		return sniffReport(text, file).format;
	} catch (error) {
		if (error instanceof EvidenceError) return undefined;
		throw error;
	}
}
