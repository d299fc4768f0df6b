// JaCoCo XML (Maven, Gradle, jacococli): counters per source file and for the whole report.
import type { CoverageCount, FileCoverage } from '../schemas/index.ts';
import { figureError } from './cases.ts';
import { countOf, coverageSummary, expectOwnLines, totalsOf, type Totals } from './coverage-figures.ts';
import type { ParsedReport, ParseOptions } from './types.ts';
import { children, expectRoot, type XmlDocument, type XmlElement } from './xml.ts';

/**
 * A counter's `covered` or `missed`, or a line's `mi` or `ci`: JaCoCo writes a whole number.
 * Anything else is refused at its line: read as 0, `missed="x"` made a file fully covered, and a
 * count past 2^53 was refused only by the run's schema, with no file or attribute named.
 */
function countAttribute(c: XmlElement, attribute: string, file: string, of = `the ${c.attrs['type']} counter`): number {
	const value = c.attrs[attribute] ?? '';
	const count = Number(value);
	if (!/^\d+$/.test(value) || !Number.isSafeInteger(count)) {
		throw figureError({ file, line: c.line, field: attribute }, value, `a count of ${of} (a whole number up to ${Number.MAX_SAFE_INTEGER})`);
	}
	return count;
}

/** A `<counter type="…" missed covered>` directly under `node`, as covered of total. */
function counter(node: XmlElement, type: string, file: string): CoverageCount | undefined {
	const c = children(node, 'counter').find((x) => x.attrs['type'] === type);
	if (!c) return undefined;
	const covered = countAttribute(c, 'covered', file);
	const total = covered + countAttribute(c, 'missed', file);
	if (!Number.isSafeInteger(total)) throw figureError({ file, line: c.line, field: 'missed' }, c.attrs['missed']!, `a count that, with covered, makes a total up to ${Number.MAX_SAFE_INTEGER}`);
	return countOf(covered, total);
}

/**
 * A source file's LINE counter must be its own `<line>` elements, where it has them: JaCoCo
 * counts a line with an instruction run (`ci`) as covered and one with only missed ones (`mi`)
 * as missed. A LINE counter of 2 covered over a line whose instructions all missed passed as 100 %.
 */
function expectCounterOfLines(source: XmlElement, path: string, file: string): void {
	const lines = children(source, 'line');
	const stated = counter(source, 'LINE', file);
	if (!stated || lines.length === 0) return;
	const given = { covered: 0, total: 0 };
	for (const line of lines) {
		const covered = countAttribute(line, 'ci', file, `instructions covered on line ${line.attrs['nr']}`);
		if (covered + countAttribute(line, 'mi', file, `instructions missed on line ${line.attrs['nr']}`) === 0) continue;
		given.total++;
		if (covered > 0) given.covered++;
	}
	const at = children(source, 'counter').find((x) => x.attrs['type'] === 'LINE')!;
	expectOwnLines(stated, given, { file, line: at.line, column: 1 }, ` for ${path} (its LINE counter)`, '<line> elements', "a report whose counters are its lines'");
}

/**
 * JaCoCo's LINE, METHOD and BRANCH counters. Its INSTRUCTION counter counts bytecode, not
 * statements, so no statements figure is given.
 */
function figures(node: XmlElement, file: string): Omit<FileCoverage, 'path'> {
	const functions = counter(node, 'METHOD', file);
	const branches = counter(node, 'BRANCH', file);
	return {
		lines: counter(node, 'LINE', file) ?? { covered: 0, total: 0 },
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
			const path = `${prefix}${source.attrs['name'] ?? '(unknown)'}`;
			expectCounterOfLines(source, path, options.file);
			files.push({ path, ...figures(source, options.file) });
		}
	}
	// The report's own counters are the totals JaCoCo shows; without them, the files' sums.
	const own = figures(doc.root, options.file);
	// Its counters' figures are whole numbers (countAttribute), so the report's LINE counter, what
	// JaCoCo printed, is a count.
	const line = children(doc.root, 'counter').find((x) => x.attrs['type'] === 'LINE');
	const totals: Totals = line ? (own as Totals) : totalsOf(files);
	return { format: 'jacoco', tool: 'jacoco', coverage: coverageSummary(totals, files, options.file) };
}
