// The evidence importer's public surface: parsers, detection, import, the store and summaries.
export { detectFormat, detectJsonFormat, detectLineFormat, formatSignatures } from './detect.ts';
export { EvidenceError, type SourceLocation } from './errors.ts';
export { importEvidence, type ImportOptions, type ImportResult } from './import.ts';
export { parseIstanbul } from './istanbul.ts';
export { parseJunit } from './junit.ts';
export { mergeReports, type ReportPart } from './merge.ts';
export { parsePlaywright } from './playwright.ts';
export { parseReport, type ParseReportOptions } from './parse.ts';
export { requirementScanner, type RequirementScanner } from './requirements.ts';
export { repoPath } from './paths.ts';
export { parseSarif } from './sarif.ts';
export {
	compareRuns,
	EVIDENCE_DIR,
	latestRun,
	loadEvidence,
	runFileName,
	type StoredRun,
} from './store.ts';
export { describeMeasures, describeRun } from './summary.ts';
export { decodeReport, MAX_REPORT_BYTES, readReport } from './text.ts';
export type {
	EvidenceFormat,
	ParsedReport,
	ParseOptions,
	ParseOutcome,
	TestCounts,
} from './types.ts';
