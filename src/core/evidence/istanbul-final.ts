// Istanbul's coverage-final.json (c8, nyc, Jest, Vitest --coverage.reporter=json): raw hit maps per file.
import * as z from 'zod';
import type { FileCoverage } from '../schemas/index.ts';
import { coverageSummary, totalsOf } from './coverage-figures.ts';
import { checkShape } from './json.ts';
import { repoPath } from './paths.ts';
import type { ParsedReport, ParseOptions } from './types.ts';

const position = z.looseObject({ line: z.number() });
const hits = z.record(z.string(), z.number());
const fileData = z.looseObject({
	path: z.string().optional(),
	statementMap: z.record(z.string(), z.looseObject({ start: position })),
	s: hits,
	f: hits.default({}),
	b: z.record(z.string(), z.array(z.number())).default({}),
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
