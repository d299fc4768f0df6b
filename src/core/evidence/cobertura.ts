// Cobertura XML (pytest-cov, coverage.py, c8/Istanbul, coverlet, gcovr): lines, branches, methods.
import { join } from 'node:path/posix';
import type { FileCoverage } from '../schemas/index.ts';
import { figureError } from './cases.ts';
import { coverageSummary, statedCount, totalsOf, type Totals } from './coverage-figures.ts';
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

/** Records a class's `<line>` in its file's figures. */
function record(figures: FileFigures, line: XmlElement, file: string): void {
	const number = lineAttribute(line, 'number', file);
	const hits = lineAttribute(line, 'hits', file);
	figures.lines.set(number, Math.max(figures.lines.get(number) ?? 0, hits));
	const condition = CONDITION.exec(line.attrs['condition-coverage'] ?? '');
	if (line.attrs['branch'] === 'true' && condition)
		figures.branches.set(number, [Number(condition[1]), Number(condition[2])]);
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
			record(figures, line, options.file);
		}
		for (const method of children(cls, 'methods').flatMap((m) => children(m, 'method'))) {
			// Istanbul writes the method's hits; others only its lines.
			const lines = descendants(method, 'line').map((l) => lineAttribute(l, 'hits', options.file));
			figures.methods.push(Number(method.attrs['hits'] ?? Math.max(0, ...lines)) || 0);
		}
	}
	let files = [...byFile].map(([path, f]) => fileOf(path, f));
	// Lines are the classes' <line> elements: a root's totals over classes of no line passed as
	// 100 % of nothing, and real roots disagree with their classes (coverage.py writes one class of
	// two files both named __init__.py, and counts both).
	const totals: Totals = totalsOf(files);
	// Their figures are not taken, but a root that no tool writes (a negative count, more covered
	// than valid) is no report to read at all.
	statedCount(numberAttr(root, 'lines-covered'), numberAttr(root, 'lines-valid'), options.file, 'lines-covered/lines-valid');
	// Branches are the root's, which the tool printed: Istanbul counts a default argument's branch
	// and an ignored one in them, on no <line>. Files whose branches do not add up to it keep none.
	const branches = statedCount(numberAttr(root, 'branches-covered'), numberAttr(root, 'branches-valid'), options.file, 'branches-covered/branches-valid');
	if (branches) {
		if (totals.branches && (totals.branches.covered !== branches.covered || totals.branches.total !== branches.total)) files = files.map(({ branches: _, ...file }) => file);
		totals.branches = branches;
	}
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
