// coverage.py's JSON report (coverage json): statements and, with --branch, branches per file.
import * as z from 'zod';
import type { FileCoverage } from '../schemas/index.ts';
import { countOf, coverageSummary, statedCount, type Totals } from './coverage-figures.ts';
import { checkShape } from './json.ts';
import { repoPath } from './paths.ts';
import type { ParsedReport, ParseOptions } from './types.ts';

const summary = z.looseObject({
	covered_lines: z.number(),
	num_statements: z.number(),
	num_branches: z.number().optional(),
	covered_branches: z.number().optional(),
});
export const coveragePyReport = z.looseObject({
	meta: z.looseObject({ branch_coverage: z.boolean().optional() }),
	files: z.record(z.string(), z.looseObject({ summary })),
	totals: summary,
});
type Summary = z.output<typeof summary>;

/**
 * coverage.py measures executable lines, which it calls statements: they are the lines figure.
 * Its printed "Cover" mixes lines and branches when --branch is on; the two are kept apart here.
 */
function figures(s: Summary, branch: boolean): Omit<FileCoverage, 'path'> {
	const branches = branch ? countOf(s.covered_branches, s.num_branches) : undefined;
	return {
		lines: countOf(s.covered_lines, s.num_statements) ?? { covered: 0, total: 0 },
		...(branches ? { branches } : {}),
	};
}

export function readCoveragePy(json: unknown, text: string, options: ParseOptions): ParsedReport {
	const report = checkShape(coveragePyReport, json, text, options.file, 'coverage.py JSON report');
	const branch = report.meta.branch_coverage === true;
	const files = Object.entries(report.files).map(([path, f]) => ({
		path: repoPath(path, options.root, options.known),
		...figures(f.summary, branch),
	}));
	const totals = figures(report.totals, branch) as Totals;
	statedCount(report.totals.covered_lines, report.totals.num_statements, options.file, 'totals.covered_lines/num_statements');
	return { format: 'coverage-py', tool: 'coverage.py', coverage: coverageSummary(totals, files, options.file) };
}
