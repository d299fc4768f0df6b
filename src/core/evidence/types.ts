// What every report parser returns: the measured part of an evidence run, or a located error.
import type { z } from 'zod';
import type {
	CoverageSummary,
	SecurityFinding,
	TestCase,
	evidenceFormats,
	testCounts,
} from '../schemas/index.ts';
import type { EvidenceError } from './errors.ts';

export type EvidenceFormat = (typeof evidenceFormats)[number];
export type TestCounts = z.output<typeof testCounts>;

/** The part of an evidence run a report provides; the importer adds phase, gate and verdict. */
export interface ParsedReport {
	format: EvidenceFormat;
	/** The producing tool as far as the report tells (vitest, maven-surefire, Trivy, ...). */
	tool: string;
	tests?: TestCounts;
	cases?: TestCase[];
	coverage?: CoverageSummary;
	findings?: SecurityFinding[];
}

export interface ParseOptions {
	/** The report's name, used in error locations. */
	file: string;
	/** The project's requirement pattern (unanchored source); defaults to REQ-<n>[.<n>...]. */
	requirementPattern?: string;
	/** The project root: absolute file:// URIs under it (ESLint's SARIF) are made relative. */
	root?: string;
}

export type ParseOutcome = { ok: true; report: ParsedReport } | { ok: false; error: EvidenceError };
