// Telling a report's format from its content when the user does not name it.
import { evidenceFormats } from '../schemas/index.ts';
import { EvidenceError } from './errors.ts';
import { parseJson } from './json.ts';
import { guardText } from './text.ts';
import type { EvidenceFormat } from './types.ts';
import { parseXml, type XmlDocument } from './xml.ts';

/** How each format is recognised, in the words used when none matches. */
export const formatSignatures: Record<EvidenceFormat, string> = {
	junit: 'junit (XML with a <testsuites> or <testsuite> root)',
	playwright: 'playwright (JSON with "suites" and "config")',
	istanbul: 'istanbul (JSON with "total.lines.pct")',
	sarif: 'sarif (JSON with "version": "2.1.0" or a SARIF "$schema", and "runs")',
};

export type Sniffed =
	| { format: 'junit'; xml: XmlDocument }
	| { format: Exclude<EvidenceFormat, 'junit'>; json: unknown };

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The JSON format a parsed value has the signature of, if any. */
export function detectJsonFormat(json: unknown): Exclude<EvidenceFormat, 'junit'> | undefined {
	if (!isObject(json)) return undefined;
	const schema = typeof json['$schema'] === 'string' ? json['$schema'] : '';
	if (Array.isArray(json['runs']) && (json['version'] === '2.1.0' || /sarif/i.test(schema)))
		return 'sarif';
	const total = json['total'];
	if (isObject(total) && isObject(total['lines']) && 'pct' in total['lines']) return 'istanbul';
	if (Array.isArray(json['suites']) && isObject(json['config'])) return 'playwright';
	return undefined;
}

/** Whether the text is XML or JSON, by its first character. */
export function syntaxOf(text: string): 'xml' | 'json' | undefined {
	const first = /^[\s\uFEFF]*(.)/.exec(text)?.[1];
	if (first === '<') return 'xml';
	if (first === '{' || first === '[') return 'json';
	return undefined;
}

function undetectable(file: string, found: string): EvidenceError {
	const tried = evidenceFormats.map((f) => formatSignatures[f]).join('; ');
	return new EvidenceError(
		`Could not tell the format of ${file} (${found}). Tried ${tried}. Name the format explicitly (--format).`,
	);
}

/** Parses the text as XML or JSON and recognises the format; throws a located error if it cannot. */
export function sniffReport(text: string, file: string): Sniffed {
	guardText(text, file);
	const syntax = syntaxOf(text);
	if (syntax === 'xml') {
		const xml = parseXml(text, file);
		if (xml.rootName === 'testsuites' || xml.rootName === 'testsuite')
			return { format: 'junit', xml };
		throw undetectable(file, `XML whose root is <${xml.rootName}>`);
	}
	if (syntax === 'json') {
		const json = parseJson(text, file);
		const format = detectJsonFormat(json);
		if (format) return { format, json };
		throw undetectable(file, 'JSON without a known signature');
	}
	throw undetectable(file, 'neither XML nor JSON');
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
