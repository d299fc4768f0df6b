// The text of a PDF, for assertions: poppler's pdftotext when installed, else a small reader of
// what Chromium (Skia) writes: Flate streams, Type0 fonts with ToUnicode maps, Tj/TJ strings.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';

/** The text of the PDF at `path`, with ligatures (ﬁ, ﬂ, ﬀ) spelt out (NFKC). */
export function pdfText(path: string): string {
	const poppler = spawnSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
	const text = poppler.status === 0 ? poppler.stdout : readPdfText(readFileSync(path));
	return text.normalize('NFKC');
}

interface PdfObject {
	dict: string;
	stream?: Buffer;
}

function objects(pdf: Buffer): Map<number, PdfObject> {
	const text = pdf.toString('latin1');
	const found = new Map<number, PdfObject>();
	for (const match of text.matchAll(/(\d+) 0 obj\b/g)) {
		const start = match.index! + match[0].length;
		const end = text.indexOf('endobj', start);
		const body = text.slice(start, end);
		const at = body.search(/stream\r?\n/);
		if (at === -1) {
			found.set(Number(match[1]), { dict: body });
			continue;
		}
		const dict = body.slice(0, at);
		const dataStart = start + at + body.slice(at).indexOf('\n') + 1;
		const length = /\/Length (\d+)(?! 0 R)/.exec(dict);
		const dataEnd = length ? dataStart + Number(length[1]) : text.indexOf('endstream', dataStart);
		let stream = pdf.subarray(dataStart, dataEnd);
		if (/\/FlateDecode/.test(dict)) {
			try {
				stream = inflateSync(stream);
			} catch {
				// Not a text stream we need (images with other filters chained).
			}
		}
		found.set(Number(match[1]), { dict, stream });
	}
	return found;
}

/** A ToUnicode CMap: hex code → text. */
function cmap(source: string): Map<string, string> {
	const map = new Map<string, string>();
	const utf16 = (hex: string) => String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)));
	for (const block of source.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
		for (const [, code, text] of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) map.set(code!.toUpperCase(), utf16(text!));
	}
	for (const block of source.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
		for (const [, lo, hi, text] of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
			const width = lo!.length;
			for (let code = parseInt(lo!, 16), i = 0; code <= parseInt(hi!, 16); code++, i++) {
				const first = parseInt(text!.slice(0, 4), 16) + i;
				map.set(code.toString(16).toUpperCase().padStart(width, '0'), String.fromCharCode(first) + utf16(text!.slice(4)));
			}
		}
	}
	return map;
}

const ref = (dict: string, key: string) => {
	const match = new RegExp(`/${key}\\s+(\\d+) 0 R`).exec(dict);
	return match ? Number(match[1]) : undefined;
};

export function readPdfText(pdf: Buffer): string {
	const all = objects(pdf);
	const unicode = new Map<number, Map<string, string>>();
	for (const [num, obj] of all) {
		const toUnicode = /\/Type\s*\/Font/.test(obj.dict) ? ref(obj.dict, 'ToUnicode') : undefined;
		const stream = toUnicode !== undefined ? all.get(toUnicode)?.stream : undefined;
		if (stream) unicode.set(num, cmap(stream.toString('latin1')));
	}
	const pages: string[] = [];
	for (const obj of all.values()) {
		if (!/\/Type\s*\/Page\b/.test(obj.dict)) continue;
		let resources = obj.dict;
		const resourcesRef = ref(obj.dict, 'Resources');
		if (resourcesRef !== undefined) resources = all.get(resourcesRef)?.dict ?? '';
		let fontDict = /\/Font\s*<<([\s\S]*?)>>/.exec(resources)?.[1] ?? '';
		const fontRef = ref(resources, 'Font');
		if (fontRef !== undefined) fontDict = all.get(fontRef)?.dict ?? '';
		const fonts = new Map<string, Map<string, string>>();
		for (const [, name, num] of fontDict.matchAll(/\/([\w.+-]+)\s+(\d+) 0 R/g)) fonts.set(name!, unicode.get(Number(num)) ?? new Map());
		const contents = /\/Contents\s*\[([^\]]*)\]/.exec(obj.dict)?.[1] ?? /\/Contents\s+(\d+ 0 R)/.exec(obj.dict)?.[1] ?? '';
		let text = '';
		for (const [, num] of contents.matchAll(/(\d+) 0 R/g)) {
			const content = all.get(Number(num))?.stream?.toString('latin1') ?? '';
			let font = new Map<string, string>();
			for (const [, fontName, hex, op] of content.matchAll(/\/([\w.+-]+)\s+[\d.]+\s+Tf|<([0-9A-Fa-f]*)>|(T[dDm*]|ET|-\d{3,}(?:\.\d+)?)/g)) {
				if (fontName) font = fonts.get(fontName) ?? new Map();
				else if (hex !== undefined) {
					for (const code of hex.match(/.{4}/g) ?? []) text += font.get(code.toUpperCase()) ?? '';
				} else if (op) text += op === 'ET' ? '\n' : ' ';
			}
		}
		pages.push(text);
	}
	return pages.join('\n\f');
}
