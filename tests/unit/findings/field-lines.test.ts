// The line a finding names for a field: read off the text for a top-level key, from the `yaml`
// library's parse otherwise. Both must give the line the parser gives.
import { describe, expect, it } from 'vitest';
import { LineCounter, isMap, isPair, isScalar, parseDocument } from 'yaml';
import { lineFinder, parseYaml, topLevelKeyLines } from '../../../src/core/yaml-source.ts';

/** The parser's line of each top-level key of `text`. */
function parserLines(text: string): Map<string, number> {
	const counter = new LineCounter();
	const doc = parseDocument(text, { lineCounter: counter });
	const lines = new Map<string, number>();
	if (!isMap(doc.contents)) return lines;
	for (const pair of doc.contents.items) {
		if (isPair(pair) && isScalar(pair.key)) lines.set(String(pair.key.value), counter.linePos(pair.key.range![0]).line);
	}
	return lines;
}

const texts: Record<string, string> = {
	plain: 'id: "7"\ntitle: Checkout\nstatus: done\nrelease: 1.2.0\n',
	'block values and comments': '# a comment\nid: 3\nsummary: |\n  status: not a key\n  release: nor this\nowners:\n  - ana\n  - ben\n# status: commented\nstatus: active\n',
	'quoted keys and spaces before the colon': `"id": 4\n'it''s': yes\nstatus : review\nkey with spaces: 1\n`,
	'CRLF line ends': 'id: 5\r\ntitle: Windows\r\nstatus: done\r\n',
	'a byte order mark': '\uFEFFid: 6\nstatus: done\n',
	'nested maps': 'id: 8\nrange:\n  from: abc\n  to: def\nstatus: done\nrelease: 2.0.0\n',
	'folded and multi-line values': 'title: >-\n  a long title\n  status: no\nstatus: draft\ndescription: "a quoted\n  value over lines"\nrelease: 3.0.0\n',
	'anchors and aliases': 'base: &b\n  x: 1\nother: *b\nstatus: done\n',
	'a dash-led key': '-weird: 1\nstatus: done\n',
	'an empty value': 'status:\nrelease: 1.0.0\n',
};

describe('top-level field lines', () => {
	for (const [name, text] of Object.entries(texts)) {
		it(`agree with the parser: ${name}`, () => {
			const expected = parserLines(text);
			expect(expected.size).toBeGreaterThan(1);
			const fast = topLevelKeyLines(text);
			expect(fast).not.toBeNull();
			expect(Object.fromEntries(fast!)).toEqual(Object.fromEntries(expected));
			// And through lineOf, with the lines before the YAML added.
			const lineOf = lineFinder(text, 1);
			for (const [key, line] of expected) expect(lineOf([key])).toBe(line + 1);
		});
	}

	it('a field that is absent names the first line, as the parser does', () => {
		expect(lineFinder('id: 1\nstatus: done\n', 1)(['release'])).toBe(2);
	});

	it('leaves to the parser YAML whose top level it cannot read line by line', () => {
		for (const text of [
			'{id: 1, status: done}\n',
			'- a\n- b\n',
			'id: 1\ntags: [a,\nb]\nstatus: done\n',
			'"st\\u0061tus": done\n',
			'? complex\n: value\n',
			'id: 1\n---\nid: 2\n',
		]) {
			expect(topLevelKeyLines(text), text).toBeNull();
		}
		// Still located, by the parser.
		expect(lineFinder('{id: 1,\n status: done}\n')(['status'])).toBe(2);
		expect(lineFinder('"st\\u0061tus": done\nid: 2\n')(['status'])).toBe(1);
	});

	it('a key written twice is located by the parser, not guessed', () => {
		const keys = topLevelKeyLines('status: a\nid: 1\nstatus: b\n');
		expect(keys!.get('status')).toBeUndefined();
		expect(keys!.get('id')).toBe(2);
	});

	it('nested paths still come from the parser', () => {
		const source = parseYaml('id: 1\nrange:\n  from: abc\n  to: def\n', 'x.mdx', 1);
		expect(source.lineOf(['range', 'to'])).toBe(5);
		expect(source.lineOf(['range'])).toBe(3);
	});
});
