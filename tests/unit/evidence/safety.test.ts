// Hostile and broken input: XXE, binary, oversized, malformed and truncated reports.
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeReport, MAX_REPORT_BYTES, parseReport } from '../../../src/core/evidence/index.ts';
import { hasCorpus, reportText } from './helpers.ts';

function failure(text: string, file = 'report.xml') {
	const result = parseReport(text, { file });
	if (result.ok)
		throw new Error(`expected an error, got ${JSON.stringify(result.report).slice(0, 200)}`);
	return result.error;
}

describe('XML external entities', () => {
	afterEach(() => vi.restoreAllMocks());

	const attacks = {
		'file read':
			'<?xml version="1.0"?>\n<!DOCTYPE t [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<testsuite><testcase name="&xxe;"/></testsuite>',
		'URL fetch':
			'<!DOCTYPE t [<!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd"> %remote;]>\n<testsuite/>',
		'billion laughs': `<!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('')}]>\n<testsuite><testcase name="&lol9;"/></testsuite>`,
		'internal entity':
			'<!DOCTYPE t [<!ENTITY secret "LEAKED-VALUE">]><testsuite><testcase name="&secret;"/></testsuite>',
	};

	it.each(Object.entries(attacks))(
		'refuses a DTD (%s) with a located error, without touching the network',
		(_, xml) => {
			const fetchSpy = vi.spyOn(globalThis, 'fetch');
			const spies = [
				vi.spyOn(http, 'request'),
				vi.spyOn(http, 'get'),
				vi.spyOn(https, 'request'),
				vi.spyOn(https, 'get'),
				vi.spyOn(net, 'connect'),
				vi.spyOn(net, 'createConnection'),
			];
			const error = failure(xml);
			expect(error.message).toMatch(
				/^Unexpected <!DOCTYPE declaration: DTDs and entity declarations are not allowed/,
			);
			expect(error.location?.line).toBeGreaterThanOrEqual(1);
			expect(error.message).not.toContain('root:');
			expect(error.message).not.toContain('LEAKED-VALUE');
			expect(fetchSpy).not.toHaveBeenCalled();
			for (const spy of spies) expect(spy).not.toHaveBeenCalled();
		},
	);

	it("ignores the DOCTYPE of c8's real Cobertura report, which only names an external DTD", () => {
		const fetchSpy = vi.spyOn(globalThis, 'fetch');
		const spies = [vi.spyOn(http, 'get'), vi.spyOn(http, 'request'), vi.spyOn(net, 'connect')];
		const text = reportText('fixture:c8/cobertura-coverage.xml');
		expect(text.split('\n')[1]).toBe(
			'<!DOCTYPE coverage SYSTEM "http://cobertura.sourceforge.net/xml/coverage-04.dtd">',
		);
		const result = parseReport(text, { file: 'cobertura-coverage.xml' });
		expect(result.ok && result.report.coverage?.lines).toBe(88.88);
		expect(fetchSpy).not.toHaveBeenCalled();
		for (const spy of spies) expect(spy).not.toHaveBeenCalled();
	});

	it('keeps line numbers after an ignored DOCTYPE', () => {
		const xml = '<!DOCTYPE testsuite SYSTEM "junit.dtd">\n<testsuite>\n  <testcase name="a">\n</testsuite>';
		expect(failure(xml).location).toEqual({ file: 'report.xml', line: 4, column: 1 });
	});

	it.each([
		['with an internal subset, even without entities', '<!DOCTYPE t SYSTEM "t.dtd" [<!ELEMENT t ANY>]><testsuite/>', 1, 1],
		['after the root element starts', '<testsuite>\n<!DOCTYPE t SYSTEM "t.dtd">\n</testsuite>', 2, 1],
		['a second time', '<!DOCTYPE t SYSTEM "a.dtd">\n<!DOCTYPE t SYSTEM "b.dtd"><testsuite/>', 2, 1],
	])('refuses a DOCTYPE %s', (_, xml, line, column) => {
		const error = failure(xml);
		expect(error.message).toMatch(/^Unexpected <!DOCTYPE declaration: DTDs and entity declarations are not allowed/);
		expect(error.location).toEqual({ file: 'report.xml', line, column });
	});

	/** The error an XML report is refused with, located, or 'accepted'. */
	const refused = (xml: string) => {
		const result = parseReport(xml, { file: 'r.xml' });
		return result.ok ? 'accepted' : { message: result.error.message, ...result.error.location };
	};

	// An attacker's report: `&xxe;` named no entity, and was stored as the test's name. A reference
	// to an entity XML does not define, or a bare &, is a document that is not well-formed.
	it('refuses, located, a reference to an undeclared entity or a bare &, never expanding either', () => {
		expect(refused('<testsuite>\n<testcase name="&xxe; and &amp;"/></testsuite>')).toEqual({
			message: 'A reference to the entity &xxe;, which XML does not define (no DTD is read), so the report is not well-formed XML',
			file: 'r.xml',
			line: 2,
			column: 17,
		});
		expect(refused('<testsuite><testcase name="salt & pepper"/></testsuite>')).toMatchObject({ message: 'An & that starts no reference (written as &amp; in XML), so the report is not well-formed XML', column: 33 });
		// In CDATA and comments an & is text.
		expect(refused('<!-- a & b --><testsuite><testcase name="x"><failure><![CDATA[a && b &xxe;]]></failure></testcase></testsuite>')).toBe('accepted');
	});

	// An attack: each was accepted, stored as written or as half a character (a lone surrogate).
	it('refuses, located, a < in an attribute value and a character reference to no XML character', () => {
		expect(refused('<testsuite>\n<testcase name="a<b"/></testsuite>')).toEqual({
			message: 'A < inside the value of an attribute (written as &lt; in XML), so the report is not well-formed XML',
			file: 'r.xml',
			line: 2,
			column: 18,
		});
		expect(refused("<testsuite><testcase name='a' classname='x<y'/></testsuite>")).toMatchObject({ column: 43 });
		for (const reference of ['&#0;', '&#xD800;', '&#99999999;', '&#x1B;', '&#xFFFE;']) {
			expect(refused(`<testsuite>\n<testcase name="a"><failure message="x ${reference}"/></testcase>\n</testsuite>`)).toEqual({
				message: `The character reference ${reference} names no character XML allows, so the report is not well-formed XML`,
				file: 'r.xml',
				line: 2,
				column: 40,
			});
			expect(refused(`<testsuite><testcase name="a">${reference}</testcase></testsuite>`)).not.toBe('accepted');
		}
		// Tabs, line ends and characters beyond the BMP are XML characters; comments and CDATA hold text.
		expect(refused('<testsuite><!-- a<b &#0; --><testcase name="&#9;&#xA;&#x1F600;"><system-out><![CDATA[<x a="<"> &#0;]]></system-out></testcase></testsuite>')).toBe('accepted');
	});

	// An attack: elements 3,000 deep were refused at 1:1, where JSON this deep is refused at its place.
	it('refuses elements nested too deep at the first one past the limit', () => {
		const xml = `<?xml version="1.0"?>\n<testsuites>\n${'<testsuite name="a">\n'.repeat(3000)}<testcase name="x"/>\n${'</testsuite>\n'.repeat(3000)}</testsuites>\n`;
		const result = parseReport(xml, { file: 'deep.xml' });
		expect(result.ok ? 'accepted' : { message: result.error.message, ...result.error.location }).toEqual({
			message: 'Elements nested deeper than 100 levels, so the report is not read (a test report nests a few)',
			file: 'deep.xml',
			line: 102,
			column: 1,
		});
	});

	it('allows the text "<!DOCTYPE" inside CDATA and comments', () => {
		const xml =
			'<!-- <!DOCTYPE in a comment --><testsuite><testcase name="html"><failure><![CDATA[got <!DOCTYPE html><html>]]></failure></testcase></testsuite>';
		const result = parseReport(xml, { file: 'r.xml' });
		expect(result.ok && result.report.cases![0]!.message).toBe('got <!DOCTYPE html><html>');
	});

	it.skipIf(!hasCorpus)('resolves nothing from the corpus attack files', () => {
		for (const name of ['junit/testXxe-xxe.xml', 'junit/testXxe-oob.xml']) {
			const error = failure(reportText(`corpus:${name}`), name);
			expect(error.message).not.toMatch(/root:|\$TARGET_URL\$|\$OOB_LINK\$/);
			expect(error.location).toMatchObject({ file: name, column: 1 });
		}
	});
});

describe('binary, oversized and badly encoded input', () => {
	it('refuses NUL bytes as binary', () => {
		const bytes = new Uint8Array([0x3c, 0x61, 0x00, 0x3e]);
		expect(() => decodeReport(bytes, 'report.xml')).toThrow(
			'report.xml contains a NUL byte at offset 2: this looks like a binary file, not a text report',
		);
		expect(failure('<a>\u0000</a>').message).toBe(
			'Unexpected NUL character: this looks like a binary file, not a text report',
		);
	});

	// `mocha --reporter json > out.json` with a test that logs: the list of every format did not say why.
	it('names other output before the report, and where the report starts', () => {
		const polluted = 'hello from test\n{\n  "stats": { "tests": 1 },\n  "tests": []\n}\n';
		const message = 'out.json has a line of other output before what looks like the report at line 2 (line 1: "hello from test"); have the tool write its report to a file of its own (mocha --reporter-option output=<file>, jest --outputFile <file>, vitest --outputFile <file>), or remove those lines';
		expect(failure(polluted, 'out.json').message).toBe(message);
		const forced = parseReport(polluted, { file: 'out.json', format: 'mocha' });
		expect(forced.ok ? '' : forced.error.message).toBe(message);
		// Prose that merely contains a brace is not taken for a report.
		expect(failure('just some words\nand a { brace\n', 'notes.txt').message).toMatch(/^Could not tell the format of notes\.txt/);
	});

	// A gzip'd report was only "binary"; its magic bytes say what it is and what to do.
	it('says a compressed report is compressed, and how to open it', () => {
		const gzipped = new Uint8Array(gzipSync('<testsuite/>'));
		expect(() => decodeReport(gzipped, 'junit.xml.gz')).toThrow('junit.xml.gz is gzip-compressed; decompress it first (gunzip -k junit.xml.gz) and import the report inside');
		const zipped = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00]);
		expect(() => decodeReport(zipped, 'reports.zip')).toThrow('reports.zip is a zip archive; extract it first (unzip reports.zip) and import the reports inside');
	});

	it('refuses invalid UTF-8', () => {
		expect(() =>
			decodeReport(new Uint8Array([0x3c, 0x61, 0xff, 0xfe, 0x2f, 0x3e]), 'r.xml'),
		).toThrow('r.xml is not valid UTF-8 text; expected a text report');
	});

	it('states the size limit', () => {
		expect(MAX_REPORT_BYTES).toBe(50 * 1024 * 1024);
		const big = { byteLength: MAX_REPORT_BYTES + 1 } as Uint8Array;
		expect(() => decodeReport(big, 'huge.xml')).toThrow(
			'huge.xml is 50.0 MB; reports over 50.0 MB are refused',
		);
	});

	it('honours a UTF-16 byte-order mark and a declared single-byte encoding', () => {
		const utf16 = new Uint8Array([0xff, 0xfe, ...[...'<a/>'].flatMap((c) => [c.charCodeAt(0), 0])]);
		expect(decodeReport(utf16, 'r.xml')).toBe('<a/>');
		const latin1 = new Uint8Array([
			...Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><a n="'),
			0xe9,
			...Buffer.from('"/>'),
		]);
		expect(decodeReport(latin1, 'r.xml')).toContain('n="é"');
	});

	// A real-tools attack: pytest's UTF-8 bytes under a .NET-style encoding="utf-16" declaration were
	// "neither XML nor JSON" or "not valid UTF-16 text", by the parity of the file's length.
	it('says a UTF-16 declaration over one-byte text contradicts the bytes, whatever their length', () => {
		for (const pad of ['', ' ']) {
			const bytes = Buffer.from(`<?xml version="1.0" encoding="utf-16"?>${pad}<testsuites><testsuite name="a"/></testsuites>\n`);
			expect(() => decodeReport(bytes, 'r.xml')).toThrow(
				'r.xml declares encoding="utf-16" in its XML declaration, but its bytes are one-byte text (UTF-8 or ASCII) with no UTF-16 byte-order mark; expected encoding="utf-8" there (a tool that writes a UTF-16 string to a UTF-8 file does this), or the file saved as the UTF-16 it declares',
			);
		}
		// With its byte-order mark, UTF-16 is read as declared.
		const real = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<?xml version="1.0" encoding="utf-16"?><a/>', 'utf16le')]);
		expect(decodeReport(real, 'r.xml')).toBe('<?xml version="1.0" encoding="utf-16"?><a/>');
	});

	it('refuses an empty report', () => {
		expect(failure('  \n').message).toBe(
			'report.xml is empty; expected a test, coverage or security report',
		);
	});
});

describe('malformed and truncated reports', () => {
	it('locates a mismatched closing tag', () => {
		const error = failure(
			'<testsuites>\n  <testsuite name="a">\n    <testcase name="x"/>\n  </testsuites>\n',
		);
		expect(error.location).toEqual({ file: 'report.xml', line: 4, column: 3 });
		expect(error.message).toBe(
			"Expected closing tag 'testsuite' (opened in line 2, col 3) instead of closing tag 'testsuites'.",
		);
	});

	it('reports a truncated XML report at its end, naming the unclosed elements', () => {
		const full = reportText('fixture:vitest-junit.xml');
		const cut = full.slice(0, full.indexOf('<testcase', full.indexOf('checkout')));
		const error = failure(cut, 'vitest-junit.xml');
		const lines = cut.trimEnd().split('\n');
		expect(error.location).toEqual({
			file: 'vitest-junit.xml',
			line: lines.length,
			column: lines.at(-1)!.length + 1,
		});
		expect(error.message).toBe(
			'Unexpected end of file, expected </testsuite>, </testsuites> (the report looks truncated)',
		);
	});

	it('locates a bad attribute and more than one root', () => {
		expect(
			failure('<testsuite>\n<testcase name="a></testcase></testsuite>').location,
		).toMatchObject({ line: 2 });
		expect(failure('<testsuite/><testsuite/>').message).toBe(
			'Expected one root element, found <testsuite>, <testsuite>',
		);
	});

	it('locates JSON syntax errors that V8 reports without a position', () => {
		const trailing = failure('{\n  "total": {\n    "lines": 1,\n  }\n}', 'summary.json');
		expect(trailing.location).toEqual({ file: 'summary.json', line: 4, column: 3 });
		expect(trailing.message).toBe('Expected a property name in double quotes');
		const bare = failure('{\n  "runs": [1, 2 3]\n}', 'x.sarif');
		expect(bare.location).toEqual({ file: 'x.sarif', line: 2, column: 17 });
		expect(bare.message).toBe("Expected ',' or ']'");
	});

	// An attack: JSON.parse kept the second "runs", so a log whose first listed an error passed as
	// a log with no runs, or with none of the results the scanner wrote.
	it('refuses a key repeated in a JSON object at the second one, with or without a format named', () => {
		const log = '{"version": "2.1.0",\n "runs": [{"tool": {"driver": {"name": "t"}}, "results": [{"ruleId": "r", "level": "error", "message": {"text": "m"}}]}],\n "runs": []}';
		const message = 'Duplicate key "runs" in a JSON object: JSON.parse would keep only its last value, and other tools its first; expected each key once';
		expect(failure(log, 'scan.sarif')).toMatchObject({ message, location: { file: 'scan.sarif', line: 3, column: 2 } });
		const named = parseReport(log, { file: 'scan.sarif', format: 'sarif' });
		expect(!named.ok && named.error).toMatchObject({ message, location: { file: 'scan.sarif', line: 3, column: 2 } });
		// Written with an escape, the key is the same key; the same key in another object is not.
		expect(failure('{"version": "2.1.0", "runs": [], "\\u0072uns": []}', 'scan.sarif').message).toBe(message);
		const stream = '{"Action":"run","Package":"p","Test":"T"}\n{"Action":"fail","Package":"p","Test":"T","Action":"pass"}\n';
		expect(failure(stream, 'go.json')).toMatchObject({ message: message.replace('"runs"', '"Action"'), location: { file: 'go.json', line: 2, column: 43 } });
		const go = parseReport(stream, { file: 'go.json', format: 'go-test' });
		expect(!go.ok && go.error).toMatchObject({ message: message.replace('"runs"', '"Action"') + ' (a go test -json event)', location: { file: 'go.json', line: 2, column: 43 } });
	});

	it('reports truncated JSON at its end', () => {
		const full = reportText('fixture:c8-coverage-summary.json');
		const cut = full.slice(0, 120);
		const error = failure(cut, 'coverage-summary.json');
		expect(error.message).toBe('Unexpected end of JSON input');
		expect(error.location).toEqual({ file: 'coverage-summary.json', line: 1, column: 121 });
	});
});
