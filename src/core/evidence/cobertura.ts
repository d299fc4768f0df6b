// Cobertura XML (pytest-cov, coverage.py, c8/Istanbul, coverlet, gcovr): lines, branches, methods.
import { join } from 'node:path/posix';
import type { CoverageCount, FileCoverage } from '../schemas/index.ts';
import { figureError } from './cases.ts';
import { coverageSummary, expectOwnLines, statedCount, totalsOf, type Totals } from './coverage-figures.ts';
import { insideRoot, isAbsolutePath, repoPath, type KnownFile } from './paths.ts';
import type { ParsedReport, ParseOptions } from './types.ts';
import { children, descendants, expectRoot, type XmlDocument, type XmlElement } from './xml.ts';

interface FileFigures {
	lines: Map<number, number>;
	/** Per line with a condition, the covered and total outcomes ("50% (1/2)"). */
	branches: Map<number, [number, number]>;
	methods: number[];
}

const CONDITION = /\((\d+)\/(\d+)\)/;

/**
 * Where a class's file lives, relative to the repository. A relative filename is relative to one
 * of the <source> folders: under the repository that folder is kept as a prefix, elsewhere the
 * filename stands as written.
 */
function pathOf(filename: string, sources: readonly string[], root: string | undefined, known: KnownFile | undefined): string {
	if (!isAbsolutePath(filename)) {
		// coverage.py with --cov=alpha --cov=beta writes both folders and each file relative to its
		// own: the folder that holds the file, else the first under the repository.
		const candidates = sources.flatMap((source) => {
			const inside = isAbsolutePath(source) && insideRoot(join(source.replaceAll('\\', '/'), filename), root);
			return inside ? [inside] : [];
		});
		const held = known ? candidates.find((path) => known(path)) : undefined;
		if (held ?? candidates[0]) return (held ?? candidates[0])!;
		// A <source> of another machine's checkout: the repository file the joined path's tail names.
		for (const source of sources) {
			if (!isAbsolutePath(source) || !known) continue;
			const mapped = repoPath(join(source.replaceAll('\\', '/'), filename), root, known);
			if (known(mapped)) return mapped;
		}
	}
	return repoPath(filename, root, known);
}

/**
 * A `<line>`'s `number` (from 1) or `hits` (from 0), whole numbers as every tool writes them.
 * Anything else is refused at its line: `hits="-1"` was a line run, `number="0"` a line of the
 * file, and either could lift a file to 100 %.
 */
function lineAttribute(line: XmlElement, attribute: 'number' | 'hits', file: string): number {
	const value = line.attrs[attribute] ?? '';
	const n = Number(value);
	if (!/^\d+$/.test(value) || (attribute === 'number' && (n < 1 || !Number.isSafeInteger(n)))) {
		throw figureError({ file, line: line.line, field: attribute }, value, attribute === 'number' ? 'a line number (a whole number from 1)' : 'a count of hits (a whole number from 0)');
	}
	return n;
}

/** Records a class's `<line>` in its file's figures; its hits. */
function record(figures: FileFigures, line: XmlElement, file: string): number {
	const number = lineAttribute(line, 'number', file);
	const hits = lineAttribute(line, 'hits', file);
	figures.lines.set(number, Math.max(figures.lines.get(number) ?? 0, hits));
	const condition = CONDITION.exec(line.attrs['condition-coverage'] ?? '');
	if (line.attrs['branch'] === 'true' && condition)
		figures.branches.set(number, [Number(condition[1]), Number(condition[2])]);
	return hits;
}

function fileOf(path: string, f: FileFigures): FileCoverage {
	const hit = (values: Iterable<number>) => [...values].filter((n) => n > 0).length;
	const branches = [...f.branches.values()];
	return {
		path,
		lines: { covered: hit(f.lines.values()), total: f.lines.size },
		...(f.methods.length
			? { functions: { covered: hit(f.methods), total: f.methods.length } }
			: {}),
		...(branches.length
			? {
					branches: {
						covered: branches.reduce((s, b) => s + b[0], 0),
						total: branches.reduce((s, b) => s + b[1], 0),
					},
				}
			: {}),
	};
}

export function readCobertura(doc: XmlDocument, text: string, options: ParseOptions): ParsedReport {
	expectRoot(doc, ['coverage'], 'Cobertura XML', options.file);
	const root = doc.root;
	const sources = descendants(root, 'source')
		.map((s) => s.text.trim())
		.filter(Boolean);
	const byFile = new Map<string, FileFigures>();
	// The classes' <line> elements as written, before a line listed under two classes of one file
	// (the outer and a synthetic class of one Kotlin file) is merged.
	const written = { covered: 0, total: 0 };
	for (const cls of descendants(root, 'class')) {
		const path = pathOf(
			cls.attrs['filename'] ?? cls.attrs['name'] ?? '(unknown)',
			sources,
			options.root,
			options.known,
		);
		const figures: FileFigures = byFile.get(path) ?? {
			lines: new Map(),
			branches: new Map(),
			methods: [],
		};
		byFile.set(path, figures);
		for (const line of children(cls, 'lines').flatMap((l) => children(l, 'line'))) {
			if (record(figures, line, options.file) > 0) written.covered++;
			written.total++;
		}
		for (const method of children(cls, 'methods').flatMap((m) => children(m, 'method'))) {
			// Istanbul writes the method's hits; others only its lines.
			const lines = descendants(method, 'line').map((l) => lineAttribute(l, 'hits', options.file));
			figures.methods.push(Number(method.attrs['hits'] ?? Math.max(0, ...lines)) || 0);
		}
	}
	const files = [...byFile].map(([path, f]) => fileOf(path, f));
	// The root's own totals are the figures the tool printed; the files' sums are the fallback.
	const totals: Totals = totalsOf(files);
	const stated = (covered: string, valid: string): CoverageCount | undefined =>
		statedCount(numberAttr(root, covered), numberAttr(root, valid), options.file, `${covered}/${valid}`);
	const lines = stated('lines-covered', 'lines-valid');
	// Stated totals must be the classes' lines, as written or merged: `lines-valid="2"` over
	// classes with no <line> passed as 100 % over files of no line.
	if (lines && (lines.covered !== written.covered || lines.total !== written.total))
		expectOwnLines(lines, totals.lines, { file: options.file, line: root.line, column: 1 }, ' (lines-covered/lines-valid)', "classes' <line> elements", "a report whose totals are its classes' lines");
	totals.lines = lines ?? totals.lines;
	const branches = stated('branches-covered', 'branches-valid');
	if (branches) totals.branches = branches;
	return {
		format: 'cobertura',
		tool: toolOf(root, text),
		coverage: coverageSummary(totals, files, options.file),
	};
}

function numberAttr(element: XmlElement, name: string): number | undefined {
	const value = element.attrs[name];
	return value === undefined || value.trim() === '' ? undefined : Number(value);
}

/** coverage.py signs its report in a comment, gcovr in its version; the others do not say. */
function toolOf(root: XmlElement, text: string): string {
	if (/Generated by coverage\.py/.test(text.slice(0, 1000))) return 'coverage.py';
	if (/gcovr/i.test(root.attrs['version'] ?? '')) return 'gcovr';
	return 'cobertura';
}
