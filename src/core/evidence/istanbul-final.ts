// Istanbul's coverage-final.json (c8, nyc, Jest, Vitest --coverage.reporter=json): raw hit maps per file.
import * as z from 'zod';
import type { FileCoverage } from '../schemas/index.ts';
import { coverageSummary, totalsOf } from './coverage-figures.ts';
import { checkShape } from './json.ts';
import { repoPath } from './paths.ts';
import type { ParsedReport, ParseOptions } from './types.ts';

const position = z.looseObject({ line: z.number() });
// A count of -3 or 0.5 is no count Istanbul writes; read as one, it moved the file's figures.
const count = z.int({ error: 'expected a hit count (a whole number from 0)' }).nonnegative({ error: 'expected a hit count (a whole number from 0)' });
const hits = z.record(z.string(), count);

/**
 * Each map's counts must be its entries': a statementMap of two statements with `"s": {"0": 1}`
 * passed at 100 %, and counts of statements the map does not have skewed the figure.
 */
function sameKeys(ctx: z.core.$RefinementCtx, counts: Record<string, unknown>, map: Record<string, unknown>, key: string, mapKey: string): void {
	for (const id of Object.keys(counts)) {
		if (!(id in map)) ctx.addIssue({ code: 'custom', path: [key, id], message: `expected the count of an entry of ${mapKey}, which has no "${id}"` });
	}
	for (const id of Object.keys(map)) {
		if (!(id in counts)) ctx.addIssue({ code: 'custom', path: [key], message: `expected a count for each entry of ${mapKey}, and "${id}" has none` });
	}
}

const fileData = z
	.looseObject({
		path: z.string().optional(),
		statementMap: z.record(z.string(), z.looseObject({ start: position })),
		fnMap: z.record(z.string(), z.unknown()).default({}),
		branchMap: z.record(z.string(), z.looseObject({ locations: z.array(z.unknown()) })).default({}),
		s: hits,
		f: hits.default({}),
		b: z.record(z.string(), z.array(count)).default({}),
	})
	.superRefine((data, ctx) => {
		sameKeys(ctx, data.s, data.statementMap, 's', 'statementMap');
		sameKeys(ctx, data.f, data.fnMap, 'f', 'fnMap');
		sameKeys(ctx, data.b, data.branchMap, 'b', 'branchMap');
		for (const [id, taken] of Object.entries(data.b)) {
			const paths = data.branchMap[id]?.locations.length;
			if (paths !== undefined && taken.length !== paths) ctx.addIssue({ code: 'custom', path: ['b', id], message: `expected a count for each of the ${paths} locations of branchMap's "${id}", not ${taken.length}` });
		}
	});
export const coverageFinalReport = z.record(z.string(), fileData);
type FileData = z.output<typeof fileData>;

const countHits = (values: readonly number[]) => ({
	covered: values.filter((n) => n > 0).length,
	total: values.length,
});

/**
 * One file's counts as Istanbul computes them: a line's count is the highest count of the
 * statements that start on it, so a line is covered when any of its statements ran.
 */
function fileCounts(path: string, data: FileData): FileCoverage {
	const lines = new Map<number, number>();
	for (const [id, count] of Object.entries(data.s)) {
		const line = data.statementMap[id]?.start.line;
		if (line !== undefined) lines.set(line, Math.max(lines.get(line) ?? 0, count));
	}
	return {
		path,
		lines: countHits([...lines.values()]),
		statements: countHits(Object.values(data.s)),
		functions: countHits(Object.values(data.f)),
		branches: countHits(Object.values(data.b).flat()),
	};
}

export function readIstanbulFinal(
	json: unknown,
	text: string,
	options: ParseOptions,
): ParsedReport {
	const report = checkShape(
		coverageFinalReport,
		json,
		text,
		options.file,
		'Istanbul coverage-final.json',
	);
	const files = Object.entries(report).map(([key, data]) =>
		fileCounts(repoPath(data.path ?? key, options.root, options.known), data),
	);
	const coverage = coverageSummary(totalsOf(files), files, options.file);
	return { format: 'istanbul-final', tool: 'istanbul', coverage };
}
