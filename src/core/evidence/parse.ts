// One entry point for every report format: detect (or check) the format, then parse.
import { outcome } from './cases.ts';
import { readCobertura } from './cobertura.ts';
import { readCoveragePy } from './coverage-py.ts';
import { readDart } from './dart.ts';
import {
	jsonScalar,
	lineFormats,
	sniffReport,
	strayOutput,
	syntaxOf,
	xmlFormats,
	type JsonFormat,
	type LineFormat,
	type Sniffed,
	type XmlFormat,
} from './detect.ts';
import { EvidenceError } from './errors.ts';
import { readGoCover } from './go-cover.ts';
import { readGoTest } from './go-test.ts';
import { readIstanbulFinal } from './istanbul-final.ts';
import { readIstanbul } from './istanbul.ts';
import { readJacoco } from './jacoco.ts';
import { readJest } from './jest.ts';
import { parseJson } from './json.ts';
import { readJunit } from './junit.ts';
import { readK6 } from './k6.ts';
import { readLcov } from './lcov.ts';
import { readMocha } from './mocha.ts';
import { readNpmAudit } from './npm-audit.ts';
import { readNunit } from './nunit.ts';
import { readPlaywright } from './playwright.ts';
import { readRspec } from './rspec.ts';
import { readSarif } from './sarif.ts';
import { guardText } from './text.ts';
import { readTrivy } from './trivy.ts';
import { readTrx } from './trx.ts';
import type { EvidenceFormat, ParsedReport, ParseOptions, ParseOutcome } from './types.ts';
import { parseXml, type XmlDocument } from './xml.ts';
import { readXunit } from './xunit.ts';

export interface ParseReportOptions extends ParseOptions {
	/** Skip detection and read the report as this format. */
	format?: EvidenceFormat | undefined;
}

type Reader<T> = (input: T, text: string, options: ParseOptions) => ParsedReport;

const xmlReaders: Record<XmlFormat, Reader<XmlDocument>> = {
	junit: readJunit,
	trx: readTrx,
	nunit: readNunit,
	xunit: readXunit,
	cobertura: readCobertura,
	jacoco: readJacoco,
};
const jsonReaders: Record<JsonFormat, Reader<unknown>> = {
	playwright: readPlaywright,
	jest: readJest,
	mocha: readMocha,
	rspec: readRspec,
	istanbul: readIstanbul,
	'istanbul-final': readIstanbulFinal,
	'coverage-py': readCoveragePy,
	sarif: readSarif,
	'npm-audit': readNpmAudit,
	trivy: readTrivy,
	k6: readK6,
};
const lineReaders: Record<LineFormat, (text: string, options: ParseOptions) => ParsedReport> = {
	lcov: readLcov,
	'go-cover': readGoCover,
	'go-test': readGoTest,
	dart: readDart,
};

/** Parses a report of any supported format. */
export function parseReport(text: string, options: ParseReportOptions): ParseOutcome {
	return outcome(() =>
		read(
			options.format
				? parseAs(options.format, text, options.file)
				: sniffReport(text, options.file),
			text,
			options,
		),
	);
}

const isXmlFormat = (f: EvidenceFormat): f is XmlFormat =>
	(xmlFormats as readonly string[]).includes(f);
const isLineFormat = (f: EvidenceFormat): f is LineFormat =>
	(lineFormats as readonly string[]).includes(f);

/** Parses as the named format, saying so plainly when the file is the other syntax. */
function parseAs(format: EvidenceFormat, text: string, file: string): Sniffed {
	guardText(text, file);
	if (isLineFormat(format)) return { format, text };
	const expected = isXmlFormat(format) ? 'xml' : 'json';
	const actual = syntaxOf(text);
	if (actual !== expected) {
		const stray = actual === undefined ? strayOutput(text, file) : undefined;
		if (stray) throw stray;
		const scalar = actual === undefined ? jsonScalar(text) : undefined;
		if (scalar && expected === 'json') throw new EvidenceError(`${file} holds JSON ${scalar} alone, where a ${format} report is an object: did the tool fail before it wrote one?`);
		const found = actual ? actual.toUpperCase() : scalar ? `JSON ${scalar} alone` : 'neither XML nor JSON';
		throw new EvidenceError(
			`${file} is ${found}, but the ${format} format is ${expected.toUpperCase()}`,
		);
	}
	if (isXmlFormat(format)) return { format, xml: parseXml(text, file) };
	return { format: format as JsonFormat, json: parseJson(text, file) };
}

function read(sniffed: Sniffed, text: string, options: ParseOptions): ParsedReport {
	if ('xml' in sniffed) return xmlReaders[sniffed.format](sniffed.xml, text, options);
	if ('json' in sniffed) return jsonReaders[sniffed.format](sniffed.json, text, options);
	return lineReaders[sniffed.format](text, options);
}
