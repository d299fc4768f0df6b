// lcov tracefiles (c8, nyc, Jest, genhtml, gcov, llvm-cov): per-file line, function and branch records.
import type { CoverageCount, FileCoverage } from '../schemas/index.ts';
import { coverageSummary, statedCount, totalsOf } from './coverage-figures.ts';
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
	/** Hits by "<line>,<block>,<branch>". */
	branches: Map<string, number>;
	/** The file had more than one record (tracefiles of shards joined with `cat`). */
	merged: boolean;
}

/**
 * The tool's own total when it wrote one, else the count from the detail records. A file with
 * several records is counted from their details merged, as `lcov -a` merges them: a line two
 * shards ran is covered once, not counted twice. A stated total that is no count (more covered
 * than there is) is refused. Lines are always the record's own DA lines: `LH:4` over one line
 * run of four passed a gate on figures no line gave, and coverage.py 6 writes a DA line for a
 * `def` excluded by `# pragma: no cover` that its LF leaves out. Functions and branches keep the
 * tool's totals, which its details do not always add up to (two functions of one name, branches
 * of a line listed once).
 */
function pick(
	r: Record,
	found: string,
	hit: string,
	detail: number[] | undefined,
	file: string,
): CoverageCount | undefined {
	const fromDetail = detail && detail.length > 0 ? { covered: detail.filter((n) => n > 0).length, total: detail.length } : undefined;
	if (r.merged && fromDetail) return fromDetail;
	if (!r.stated.has(found)) return fromDetail;
	const what = found === 'LF' ? 'lines' : found === 'FNF' ? 'functions' : 'branches';
	const stated = statedCount(r.stated.get(hit), r.stated.get(found), file, `${what} (${hit}/${found}) for ${r.path}`);
	return found === 'LF' && fromDetail ? fromDetail : stated;
}

/** Merges a repeated record's totals without details: at least the best covered record's. */
function mergeStated(into: Map<string, number>, from: Map<string, number>): void {
	for (const [key, value] of from) into.set(key, Math.max(into.get(key) ?? 0, value));
}

function fileOf(r: Record, file: string): FileCoverage {
	const lines = pick(r, 'LF', 'LH', [...r.lines.values()], file) ?? { covered: 0, total: 0 };
	const functions = pick(r, 'FNF', 'FNH', r.functions.size ? [...r.functions.values()] : undefined, file);
	const branches = pick(r, 'BRF', 'BRH', [...r.branches.values()], file);
	return {
		path: r.path,
		lines,
		...(functions ? { functions } : {}),
		...(branches ? { branches } : {}),
	};
}

export function readLcov(text: string, options: ParseOptions): ParsedReport {
	guardText(text, options.file);
	const records = new Map<string, Record>();
	let current: Record | undefined;
	let stated = new Map<string, number>();
	const close = () => {
		if (current) mergeStated(current.stated, stated);
		current = undefined;
	};
	const fail = (line: number, message: string) =>
		new EvidenceError(message, { file: options.file, line, column: 1 });
	text.split('\n').forEach((raw, index) => {
		const line = raw.trim();
		if (line === '' || line.startsWith('#')) return;
		if (line === 'end_of_record') {
			close();
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
			if (value.trim() === '') throw fail(index + 1, 'SF: names no file; expected SF:<path> of the source file the record measures');
			close();
			const path = repoPath(value, options.root, options.known);
			const seen = records.get(path);
			if (seen) seen.merged = true;
			current = seen ?? { path, stated: new Map(), lines: new Map(), functions: new Map(), branches: new Map(), merged: false };
			records.set(path, current);
			stated = new Map();
			return;
		}
		if (key === 'TN' || key === 'VER') return;
		if (!current) throw fail(index + 1, `Unexpected ${key}: before any SF:<path> line`);
		const parts = value.split(',');
		if (key === 'DA') {
			// Read as numbers, "DA:abc,1" and "DA:-1,1" were lines run, and the file 100 % covered.
			const [number, hits] = [Number(parts[0]), Number(parts[1])];
			if (!/^\d+$/.test(parts[0]!) || !Number.isSafeInteger(number) || number < 1 || !/^\d+$/.test(parts[1] ?? '')) {
				throw fail(index + 1, `Unexpected "${line.slice(0, 40)}", expected DA:<line>,<hits> with a line number from 1 and a whole number of hits`);
			}
			current.lines.set(number, Math.max(current.lines.get(number) ?? 0, hits));
		} else if (key === 'FNDA') {
			// Read as 0, "FNDA:x,f" was a function never run, and "LF:ten" no line to run at all.
			const name = parts.slice(1).join(',');
			if (!/^\d+$/.test(parts[0]!) || name === '') throw fail(index + 1, `Unexpected "${line.slice(0, 40)}", expected FNDA:<hits>,<function name> with a whole number of hits`);
			current.functions.set(name, Math.max(current.functions.get(name) ?? 0, Number(parts[0])));
		} else if (key === 'BRDA') {
			// lcov 2 lets the branch be an expression: the count is the last field.
			const where = parts.slice(0, -1).join(',');
			const taken = parts.at(-1)!;
			if (parts.length < 4 || !/^\d+$/.test(parts[0]!) || !/^(?:\d+|-)$/.test(taken)) {
				throw fail(index + 1, `Unexpected "${line.slice(0, 40)}", expected BRDA:<line>,<block>,<branch>,<taken> with a whole number taken, or - for a branch never reached`);
			}
			current.branches.set(where, Math.max(current.branches.get(where) ?? 0, taken === '-' ? 0 : Number(taken)));
		} else if (['LF', 'LH', 'FNF', 'FNH', 'BRF', 'BRH'].includes(key)) {
			if (!/^\d+$/.test(value)) throw fail(index + 1, `Unexpected "${line.slice(0, 40)}", expected ${key}:<count> with a whole number`);
			stated.set(key, Number(value));
		}
	});
	// Every tool ends each record with end_of_record: a last record without one is a file cut off
	// (an upload that stopped), whose missing lines and files would read as covered.
	if (current) {
		const open = current as Record;
		throw new EvidenceError(`${options.file} ends inside the record of ${open.path}, with no end_of_record: the report was cut off, and the files after it are missing; expected the whole tracefile`, { file: options.file, line: text.trimEnd().split('\n').length, column: 1 });
	}
	const files = [...records.values()].map((r) => fileOf(r, options.file));
	if (files.length === 0)
		throw new EvidenceError(`${options.file} has no SF:<path> record; expected an lcov tracefile`);
	return { format: 'lcov', tool: 'lcov', coverage: coverageSummary(totalsOf(files), files, options.file) };
}
