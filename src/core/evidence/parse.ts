// One entry point for every report format: detect (or check) the format, then parse.
import { outcome } from './cases.ts';
import { sniffReport, syntaxOf, type Sniffed } from './detect.ts';
import { EvidenceError } from './errors.ts';
import { readIstanbul } from './istanbul.ts';
import { parseJson } from './json.ts';
import { readJunit } from './junit.ts';
import { readPlaywright } from './playwright.ts';
import { readSarif } from './sarif.ts';
import { guardText } from './text.ts';
import type { EvidenceFormat, ParsedReport, ParseOptions, ParseOutcome } from './types.ts';
import { parseXml } from './xml.ts';

export interface ParseReportOptions extends ParseOptions {
	/** Skip detection and read the report as this format. */
	format?: EvidenceFormat | undefined;
}

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

/** Parses as the named format, saying so plainly when the file is the other syntax. */
function parseAs(format: EvidenceFormat, text: string, file: string): Sniffed {
	guardText(text, file);
	const expected = format === 'junit' ? 'xml' : 'json';
	const actual = syntaxOf(text);
	if (actual !== expected) {
		const found = actual ? actual.toUpperCase() : 'neither XML nor JSON';
		throw new EvidenceError(
			`${file} is ${found}, but the ${format} format is ${expected.toUpperCase()}`,
		);
	}
	if (format === 'junit') return { format, xml: parseXml(text, file) };
	return { format, json: parseJson(text, file) };
}

function read(sniffed: Sniffed, text: string, options: ParseOptions): ParsedReport {
	switch (sniffed.format) {
		case 'junit':
			return readJunit(sniffed.xml, text, options);
		case 'playwright':
			return readPlaywright(sniffed.json, text, options);
		case 'istanbul':
			return readIstanbul(sniffed.json, text, options);
		case 'sarif':
			return readSarif(sniffed.json, text, options);
	}
}
