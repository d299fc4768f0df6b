// Cobertura XML (pytest-cov, coverage.py, c8/Istanbul, coverlet, gcovr): lines, branches, methods.
import { join } from 'node:path/posix';
import type { CoverageCount, FileCoverage } from '../schemas/index.ts';
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

function record(figures: FileFigures, line: XmlElement): void {
	const number = Number(line.attrs['number']);
	const hits = Number(line.attrs['hits']) || 0;
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
		for (const line of children(cls, 'lines').flatMap((l) => children(l, 'line')))
			record(figures, line);
		for (const method of children(cls, 'methods').flatMap((m) => children(m, 'method'))) {
			// Istanbul writes the method's hits; others only its lines.
			const lines = descendants(method, 'line').map((l) => Number(l.attrs['hits']) || 0);
			figures.methods.push(Number(method.attrs['hits'] ?? Math.max(0, ...lines)) || 0);
		}
	}
	const files = [...byFile].map(([path, f]) => fileOf(path, f));
	// The root's own totals are the figures the tool printed; the files' sums are the fallback.
	const totals: Totals = totalsOf(files);
	const stated = (covered: string, valid: string): CoverageCount | undefined =>
		statedCount(numberAttr(root, covered), numberAttr(root, valid), options.file, `${covered}/${valid}`);
	totals.lines = stated('lines-covered', 'lines-valid') ?? totals.lines;
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
