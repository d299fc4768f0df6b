// What every report parser returns: the measured part of an evidence run, or a located error.
import type * as z from 'zod';
import type {
	CoverageSummary,
	SecurityFinding,
	TestCase,
	Threshold,
	evidenceFormats,
	testCounts,
} from '../schemas/index.ts';
import type { EvidenceError } from './errors.ts';
import type { KnownFile } from './paths.ts';

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
	thresholds?: Threshold[];
}

export interface ParseOptions {
	/** The report's name, used in error locations. */
	file: string;
	/** The project's requirement pattern (unanchored source); defaults to REQ-<n>[.<n>...]. */
	requirementPattern?: string;
	/**
	 * The repository root: absolute paths in the report (SARIF locations, coverage files, test
	 * files) under it are made relative to it, and absolute paths elsewhere become base names.
	 */
	root?: string;
	/**
	 * Whether a path relative to the repository is one of its files: an absolute path written on
	 * another machine is mapped to the repository file its tail names (paths.ts).
	 */
	known?: KnownFile;
	/**
	 * The repository's Go modules, module path to folder ('' at the top, else ending in '/'): go
	 * test writes a file as its import path (`example.com/checksum/sum.go`), not where it is.
	 */
	goModules?: ReadonlyMap<string, string>;
}

export type ParseOutcome = { ok: true; report: ParsedReport } | { ok: false; error: EvidenceError };
