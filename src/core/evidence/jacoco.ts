// JaCoCo XML (Maven, Gradle, jacococli): counters per source file and for the whole report.
import type { CoverageCount, FileCoverage } from '../schemas/index.ts';
import { countOf, coverageSummary, statedCount, totalsOf, type Totals } from './coverage-figures.ts';
import type { ParsedReport, ParseOptions } from './types.ts';
import { children, expectRoot, type XmlDocument, type XmlElement } from './xml.ts';

/** A `<counter type="…" missed covered>` directly under `node`, as covered of total. */
function counter(node: XmlElement, type: string): CoverageCount | undefined {
	const c = children(node, 'counter').find((x) => x.attrs['type'] === type);
	if (!c) return undefined;
	const covered = Number(c.attrs['covered']) || 0;
	return countOf(covered, covered + (Number(c.attrs['missed']) || 0));
}

/**
 * JaCoCo's LINE, METHOD and BRANCH counters. Its INSTRUCTION counter counts bytecode, not
 * statements, so no statements figure is given.
 */
function figures(node: XmlElement): Omit<FileCoverage, 'path'> {
	const functions = counter(node, 'METHOD');
	const branches = counter(node, 'BRANCH');
	return {
		lines: counter(node, 'LINE') ?? { covered: 0, total: 0 },
		...(functions ? { functions } : {}),
		...(branches ? { branches } : {}),
	};
}

/** Packages, also inside the <group>s of a multi-module report. */
function packages(node: XmlElement): XmlElement[] {
	return [...children(node, 'package'), ...children(node, 'group').flatMap(packages)];
}

export function readJacoco(doc: XmlDocument, _text: string, options: ParseOptions): ParsedReport {
	expectRoot(doc, ['report'], 'JaCoCo XML', options.file);
	const files: FileCoverage[] = [];
	for (const pkg of packages(doc.root)) {
		// Package names use slashes (com/example), so package + file is the path under a source root.
		const prefix = pkg.attrs['name'] ? `${pkg.attrs['name']}/` : '';
		for (const source of children(pkg, 'sourcefile')) {
			files.push({ path: `${prefix}${source.attrs['name'] ?? '(unknown)'}`, ...figures(source) });
		}
	}
	// The report's own counters are the totals JaCoCo shows; without them, the files' sums.
	const own = figures(doc.root);
	const line = children(doc.root, 'counter').find((x) => x.attrs['type'] === 'LINE');
	if (line) {
		// The report's own LINE counter is what JaCoCo printed: it must be a count.
		const [covered, missed] = [Number(line.attrs['covered']), Number(line.attrs['missed'])];
		statedCount(covered, covered + missed, options.file, 'its LINE counter (covered, covered + missed)');
	}
	const totals: Totals = line ? (own as Totals) : totalsOf(files);
	return { format: 'jacoco', tool: 'jacoco', coverage: coverageSummary(totals, files, options.file) };
}
