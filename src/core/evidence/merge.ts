// Several reports of one gate as one run: Surefire's TEST-<class>.xml files, shards, packages.
// A gate is judged on its latest run, so reports imported one by one would hide each other's
// failures; merged, every case, file and finding counts.
import type { FileCoverage } from '../schemas/index.ts';
import { countCases, roundMs } from './cases.ts';
import { coverageSummary, totalsOf } from './coverage-figures.ts';
import { EvidenceError } from './errors.ts';
import type { ParsedReport } from './types.ts';

export interface ReportPart {
	report: ParsedReport;
	/** The report's name as errors give it (relative to the repository, or as the user named it). */
	file: string;
}

/** Tools that merge their own coverage data, for the message that refuses an overlap. */
const COVERAGE_MERGERS = 'lcov -a, nyc merge, coverage combine, go tool covdata merge or jacococli merge';

/**
 * The reports as one: cases, coverage files, findings and thresholds in argument order. One part
 * is returned unchanged. Throws an EvidenceError naming the report when coverage cannot be added
 * up (a report with totals only, or a file two reports measured).
 */
export function mergeReports(parts: readonly ReportPart[]): ParsedReport {
	if (parts.length === 0) throw new EvidenceError('No report to import; expected at least one report file');
	if (parts.length === 1) return parts[0]!.report;
	const tools = [...new Set(parts.map((p) => p.report.tool))];
	const merged: ParsedReport = {
		// A run has one format: when the reports disagree, the first names it, and the tools say the rest.
		format: parts[0]!.report.format,
		tool: tools.join(', '),
	};
	const tested = parts.filter((p) => p.report.tests);
	if (tested.length) {
		const cases = tested.flatMap((p) => p.report.cases ?? []);
		// Each report's own duration (JUnit's and Playwright's are wall-clock, beyond their cases'
		// sum), added up: right for reports that ran one after another, as Surefire's classes do;
		// shards that ran side by side read as long as they would have taken in a row.
		const durationMs = roundMs(tested.reduce((sum, p) => sum + p.report.tests!.durationMs, 0));
		merged.tests = { ...countCases(cases), durationMs };
		merged.cases = cases;
	}
	const covered = parts.filter((p) => p.report.coverage);
	if (covered.length === 1) merged.coverage = covered[0]!.report.coverage!;
	else if (covered.length > 1) merged.coverage = mergeCoverage(covered);
	const findings = parts.filter((p) => p.report.findings);
	if (findings.length) merged.findings = findings.flatMap((p) => p.report.findings!);
	const thresholds = parts.filter((p) => p.report.thresholds);
	if (thresholds.length) merged.thresholds = thresholds.flatMap((p) => p.report.thresholds!);
	return merged;
}

/**
 * The reports' coverage files together, the totals their sums. Only disjoint per-file figures
 * add up: a report with totals alone cannot be told apart from the others, and a file two
 * reports measured (two shards running the same module) would need its lines' hits merged,
 * which only the tool's own data has.
 */
function mergeCoverage(parts: readonly ReportPart[]): NonNullable<ParsedReport['coverage']> {
	const files: FileCoverage[] = [];
	const measuredBy = new Map<string, ReportPart>();
	for (const part of parts) {
		const { report, file } = part;
		const own = report.coverage!.files;
		if (!own?.length) {
			throw new EvidenceError(
				`${file} gives coverage totals only, so it cannot be added to another report; import it alone or merge the reports with the tool first`,
			);
		}
		for (const figures of own) {
			const first = measuredBy.get(figures.path);
			if (first !== undefined && first !== part) {
				throw new EvidenceError(
					`${figures.path} is measured by both ${first.file} and ${file}, and its lines cannot be added up from the reports; merge them with the tool that wrote them first (${COVERAGE_MERGERS}) and import the result`,
				);
			}
			measuredBy.set(figures.path, part);
			files.push(figures);
		}
	}
	return coverageSummary(totalsOf(files), files, parts.map((p) => p.file).join(', '));
}
