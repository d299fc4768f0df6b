// lcov tracefiles (c8, nyc, Jest, genhtml, gcov, llvm-cov): per-file line, function and branch records.
import type { CoverageCount, FileCoverage } from '../schemas/index.ts';
import { countOf, coverageSummary, totalsOf } from './coverage-figures.ts';
import { EvidenceError } from './errors.ts';
import { repoPath } from './paths.ts';
import { guardText } from './text.ts';
import type { ParsedReport, ParseOptions } from './types.ts';

interface Record {
	path: string;
	/** Totals the tool wrote (LF/LH, FNF/FNH, BRF/BRH), by the key of the found figure. */
	stated: Map<string, number>;
	lines: Map<number, number>;
	functions: Map<string, number>;
	branches: number[];
}

/** The tool's own total when it wrote one, else the count from the detail records. */
function pick(
	r: Record,
	found: string,
	hit: string,
	detail: number[] | undefined,
): CoverageCount | undefined {
	if (r.stated.has(found)) return countOf(r.stated.get(hit), r.stated.get(found));
	if (!detail || detail.length === 0) return undefined;
	return { covered: detail.filter((n) => n > 0).length, total: detail.length };
}

function fileOf(r: Record): FileCoverage {
	const lines = pick(r, 'LF', 'LH', [...r.lines.values()]) ?? { covered: 0, total: 0 };
	const functions = pick(r, 'FNF', 'FNH', r.functions.size ? [...r.functions.values()] : undefined);
	const branches = pick(r, 'BRF', 'BRH', r.branches);
	return {
		path: r.path,
		lines,
		...(functions ? { functions } : {}),
		...(branches ? { branches } : {}),
	};
}

export function readLcov(text: string, options: ParseOptions): ParsedReport {
	guardText(text, options.file);
	const files: FileCoverage[] = [];
	let current: Record | undefined;
	const fail = (line: number, message: string) =>
		new EvidenceError(message, { file: options.file, line, column: 1 });
	text.split('\n').forEach((raw, index) => {
		const line = raw.trim();
		if (line === '' || line.startsWith('#')) return;
		if (line === 'end_of_record') {
			if (current) files.push(fileOf(current));
			current = undefined;
			return;
		}
		const colon = line.indexOf(':');
		if (colon < 1)
			throw fail(
				index + 1,
				`Unexpected "${line.slice(0, 40)}", expected an lcov record line such as SF:<path> or DA:<line>,<count>`,
			);
		const key = line.slice(0, colon);
		const value = line.slice(colon + 1);
		if (key === 'SF') {
			current = {
				path: repoPath(value, options.root),
				stated: new Map(),
				lines: new Map(),
				functions: new Map(),
				branches: [],
			};
			return;
		}
		if (key === 'TN' || key === 'VER') return;
		if (!current) throw fail(index + 1, `Unexpected ${key}: before any SF:<path> line`);
		const parts = value.split(',');
		if (key === 'DA')
			current.lines.set(
				Number(parts[0]),
				Math.max(current.lines.get(Number(parts[0])) ?? 0, Number(parts[1]) || 0),
			);
		else if (key === 'FNDA') current.functions.set(parts.slice(1).join(','), Number(parts[0]) || 0);
		else if (key === 'BRDA') current.branches.push(parts[3] === '-' ? 0 : Number(parts[3]) || 0);
		else if (['LF', 'LH', 'FNF', 'FNH', 'BRF', 'BRH'].includes(key))
			current.stated.set(key, Number(value) || 0);
	});
	if (current) files.push(fileOf(current)); // a last record without end_of_record
	if (files.length === 0)
		throw new EvidenceError(`${options.file} has no SF:<path> record; expected an lcov tracefile`);
	return { format: 'lcov', tool: 'lcov', coverage: coverageSummary(totalsOf(files), files, options.file) };
}
