// Importing CI reports, one or several as one run: validate ids, parse, merge, evaluate the gate,
// write a new run file atomically.
import { createHash } from 'node:crypto';
import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { leadsOut, readTextFile } from '../files.ts';
import { runGit } from '../git/repository.ts';
import { basename, dirname, isAbsolute, join, posix, relative, resolve, sep } from 'node:path';
import { evaluateGate } from '../gates.ts';
import {
	evidenceRunSchema,
	EVIDENCE_SCHEMA_VERSION,
	type EvidenceRun,
	type Gate,
	type Project,
} from '../schemas/index.ts';
import { COMMIT_ID } from '../schemas/common.ts';
import { EvidenceError } from './errors.ts';
import { coverageContradiction } from './coverage-figures.ts';
import type { KnownFile } from './paths.ts';
import { mergeReports, type ReportPart } from './merge.ts';
import { ownProgramFolder, withoutProgramFiles } from './program-files.ts';
import { parseReport } from './parse.ts';
import { EVIDENCE_DIR, runFileName } from './store.ts';
import { ownPlace, OWN_PLACE_TEXT } from '../own-places.ts';
import { MIN_CASE_BYTES, runTooLarge, testcaseElements } from './run-size.ts';
import { MAX_REPORT_BYTES, readReport } from './text.ts';
import type { EvidenceFormat, ParsedReport } from './types.ts';
import { exists, FileExistsError, unwritableTarget, writeNewFile } from './write.ts';

export { latestRun, loadEvidence } from './store.ts';

export interface ImportOptions {
	/** The project root (holds content/). */
	root: string;
	/**
	 * The reports to import as one run (Surefire's TEST-<class>.xml files, one per shard); relative
	 * paths are resolved against the root.
	 */
	files: readonly string[];
	phase: string;
	gate: string;
	/** Skip format detection. */
	format?: EvidenceFormat | undefined;
	commit?: string | undefined;
	/** Code files changed and not committed when `commit` is HEAD (uncommittedCode): recorded in the run. */
	uncommitted?: readonly string[] | undefined;
	env?: string | undefined;
	/** Write exactly here instead of content/evidence/<phase>/<gate>/ (relative to the root). */
	out?: string | undefined;
	/**
	 * The folder the tool ran in (absolute): the reports' relative paths are relative to it. Left
	 * out, a relative path is placed by the report's own folder and those above it.
	 */
	ranIn?: string | undefined;
	project: Project;
	phaseIds: readonly string[];
	/** Phase documents left out for their own errors, which still say their id (load.ts). */
	invalidPhases?: ReadonlyArray<{ id: string; path: string }>;
	/** When the run is recorded. */
	now: Date;
	/** YYYY-MM-DD for allow-list expiry; defaults to the local calendar date of `now`. */
	today?: string | undefined;
	/** The largest run written, in bytes: the size the check reads a stored run up to (smaller in tests). */
	maxRunBytes?: number | undefined;
}

export interface ImportResult {
	/** Absolute path of the run file written. */
	path: string;
	run: EvidenceRun;
	/** Coverage files left out as the Phasebook program's own (`docs/astro.config.mjs`). */
	leftOut: string[];
}

/** What each gate rule needs from a report, and which formats provide it. */
const needs: Record<
	Gate['rule'],
	{ field: 'tests' | 'coverage' | 'findings' | 'thresholds'; what: string; from: string }
> = {
	tests: {
		field: 'tests',
		what: 'test results',
		from: 'a test report (JUnit, Playwright, TRX, NUnit, xUnit, go test -json, Jest, Vitest, Mocha, RSpec or Dart)',
	},
	coverage: {
		field: 'coverage',
		what: 'coverage figures',
		from: 'a coverage report (Istanbul, lcov, Cobertura, JaCoCo, Go coverprofile or coverage.py)',
	},
	findings: {
		field: 'findings',
		what: 'security findings',
		from: 'a SARIF 2.1.0 log, npm audit JSON, Trivy JSON or Trivy JUnit',
	},
	thresholds: {
		field: 'thresholds',
		what: 'k6 thresholds',
		from: "k6's end-of-test summary (handleSummary or --summary-export)",
	},
};

function localDate(now: Date): string {
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function listIds(ids: readonly string[]): string {
	return ids.length ? ids.join(', ') : '(none defined)';
}

function checkIds(options: ImportOptions): Gate {
	const { phase, gate: gateId, project, phaseIds } = options;
	if (!phaseIds.includes(phase)) {
		// Its document is there but has errors: the phase is not unknown, and the fix is there.
		const broken = options.invalidPhases?.find((p) => p.id === phase);
		if (broken) throw new EvidenceError(`Phase ${phase} (${broken.path}) has errors, so no run can be recorded for it yet; run npx phasebook check and fix them first`);
		throw new EvidenceError(`Unknown phase "${phase}"; expected one of: ${listIds(phaseIds)}`);
	}
	const gate = project.gates.find((g) => g.id === gateId);
	if (!gate) {
		throw new EvidenceError(
			`Unknown gate "${gateId}"; expected one of: ${listIds(project.gates.map((g) => g.id))}`,
		);
	}
	if (options.commit !== undefined && !COMMIT_ID.test(options.commit)) {
		throw new EvidenceError(
			`Invalid commit "${options.commit}"; expected a git commit id of 7 to 64 hex digits (SHA-1 or SHA-256)`,
		);
	}
	if (options.env !== undefined && options.env.trim() === '') {
		throw new EvidenceError('Invalid environment: expected a non-empty name');
	}
	return gate;
}

/** A path relative to `base` when inside it, with forward slashes; else undefined. */
function inside(base: string, absolute: string): string | undefined {
	const rel = relative(base, absolute);
	return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split(sep).join('/') : undefined;
}

/**
 * The repository the project lives in: the nearest folder up from the root that holds `.git`
 * (a folder, or a file in a worktree or submodule), else the project root itself. Paths are
 * published relative to it, so a site built anywhere shows the same ones.
 */
async function repositoryRoot(root: string): Promise<string> {
	for (let dir = root; ; dir = dirname(dir)) {
		if (await exists(join(dir, '.git'))) return dir;
		if (dirname(dir) === dir) return root;
	}
}

/** A go test coverage profile (its first line): only then are the repository's go.mod files read. */
const isGoCoverage = (text: string) => /^mode: (set|count|atomic)\s/.test(text);

/**
 * The repository's Go modules from its go.mod files (`module example.com/checksum` in
 * tools/checksum/go.mod): module path to folder. git lists them; outside git, none. A go.mod that
 * is no regular file of the repository (a link out, a FIFO) is not read.
 */
async function goModules(repository: string): Promise<Map<string, string>> {
	const modules = new Map<string, string>();
	let listed: string;
	try {
		listed = await runGit(['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', 'go.mod', ':(glob)**/go.mod'], repository);
	} catch {
		return modules;
	}
	for (const path of listed.split('\0').filter(Boolean)) {
		const { text } = readTextFile(join(repository, path), path, repository);
		const module = text && /^module\s+"?([^\s"]+)"?\s*$/m.exec(text)?.[1];
		if (module) modules.set(module, path === 'go.mod' ? '' : path.slice(0, -'go.mod'.length));
	}
	return modules;
}

/**
 * Whether a path relative to the repository is a regular file of it (asked only of foreign
 * paths), and where a relative path of a report in `folder` (relative to the repository, or
 * undefined outside it) lies: the tool that wrote it ran in the report's folder or one above it
 * (a package's `coverage/lcov.info` names `src/index.js` of the package).
 */
function knownIn(repository: string, folder?: string, ranIn?: string): KnownFile {
	const isFile = Object.assign((relative: string) => statSync(join(repository, relative), { throwIfNoEntry: false })?.isFile() === true, { caseless: caselessIn(repository), foreign: new Map<string, string>() });
	// Told where the tool ran (reports gathered into one folder say nothing of it): that folder's.
	if (ranIn !== undefined) {
		const place = (written: string) => {
			const candidate = posix.normalize(posix.join(ranIn, written));
			// A path that climbs out of the repository from there is kept as written.
			return ranIn === '' || candidate.startsWith('../') ? undefined : candidate;
		};
		return Object.assign(isFile, { place });
	}
	const folders: string[] = [];
	for (let at = folder; at !== undefined && at !== '.' && at !== ''; at = posix.dirname(at) === '.' ? undefined : posix.dirname(at)) folders.push(at);
	const place = (written: string) => {
		for (const base of folders) {
			const candidate = posix.normalize(posix.join(base, written));
			if (!candidate.startsWith('../') && isFile(candidate)) return candidate;
		}
		return undefined;
	};
	return Object.assign(isFile, { place });
}

/**
 * The file of the repository a relative path names when letter case is ignored, as on Windows:
 * each segment the one entry of its folder that matches it (none when two do, or a folder is
 * git's, or a link). Folders are read once each.
 */
function caselessIn(repository: string): (relative: string) => string | undefined {
	const listings = new Map<string, Dirent[]>();
	const entries = (folder: string) => {
		let listed = listings.get(folder);
		if (!listed) {
			try {
				listed = readdirSync(join(repository, folder), { withFileTypes: true });
			} catch {
				listed = [];
			}
			listings.set(folder, listed);
		}
		return listed;
	};
	return (relative) => {
		const parts = relative.split('/');
		let at = '';
		for (const [i, part] of parts.entries()) {
			const last = i === parts.length - 1;
			const lower = part.toLowerCase();
			const matches = entries(at).filter((e) => e.name.toLowerCase() === lower && e.name !== '.git' && (last ? e.isFile() : e.isDirectory()));
			if (matches.length !== 1) return undefined;
			at = at === '' ? matches[0]!.name : `${at}/${matches[0]!.name}`;
		}
		return at;
	};
}

function checkFitsGate(report: ParsedReport, gate: Gate, file: string): void {
	const need = needs[gate.rule];
	if (report[need.field]) return;
	throw new EvidenceError(
		`Gate "${gate.id}" (rule ${gate.rule}) needs ${need.what}, but ${file} (${report.format}) has none; ` +
			`import ${need.from}`,
	);
}

/** The real place of a file, or its resolved path when it has none (missing: the read says so). */
function realPlace(path: string): string {
	try {
		return realpathSync(path);
	} catch {
		return path;
	}
}

/**
 * Refuses a report named twice, under one name or two (a link, `./`): it would count its tests
 * twice, and its coverage would overlap itself.
 */
function checkDistinct(sources: readonly { absolute: string; file: string }[]): void {
	const seen = new Map<string, string>();
	for (const { absolute, file } of sources) {
		const real = realPlace(absolute);
		const first = seen.get(real);
		if (first === undefined) {
			seen.set(real, file);
			continue;
		}
		const named = first === file ? `${file} is named twice` : `${first} and ${file} are the same file`;
		throw new EvidenceError(`${named}; a run counts each report once, so name it once`);
	}
}

/** `--ran-in` relative to the repository, with forward slashes ('' for its top); refused outside it. */
function ranInFolder(repository: string, ranIn: string | undefined): string | undefined {
	if (ranIn === undefined) return undefined;
	const folder = inside(repository, ranIn) ?? (resolve(ranIn) === resolve(repository) ? '' : undefined);
	if (folder === undefined) throw new EvidenceError(`--ran-in ${ranIn} is not a folder of the repository at ${repository}; expected the folder the tool ran in`);
	if (!statSync(ranIn, { throwIfNoEntry: false })?.isDirectory()) throw new EvidenceError(`--ran-in ${ranIn} is not a folder; expected the folder the tool ran in`);
	return folder.split(sep).join('/');
}

/** Reads, parses and fits to the gate one report, with the safety every report gets. */
async function readPart(
	source: { absolute: string; file: string; named: boolean },
	repository: string,
	gate: Gate,
	options: ImportOptions,
	seen: { digests: Map<string, string>; elements: number },
	refuseElements: (elements: number) => void,
): Promise<ReportPart> {
	const { absolute, file } = source;
	const text = await readReport(absolute, file, source.named ? repository : undefined);
	// Parsing is what costs (2.5 GB for 2.5 million cases): a run that would be too large is refused before.
	refuseElements((seen.elements += testcaseElements(text)));
	// A copy of one report under two names (CI downloaded an artifact into two folders) would count
	// every test twice, as naming one file twice would.
	const digest = createHash('sha256').update(text).digest('hex');
	const twin = seen.digests.get(digest);
	if (twin !== undefined) throw new EvidenceError(`${twin} and ${file} hold the same report, byte for byte; a run counts each report once, so name it once`);
	seen.digests.set(digest, file);
	const parsed = parseReport(text, {
		file,
		format: options.format,
		requirementPattern: options.project.requirementPattern,
		root: repository,
		known: knownIn(repository, source.named ? posix.dirname(file) : undefined, ranInFolder(repository, options.ranIn)),
		...(isGoCoverage(text) && { goModules: await goModules(repository) }),
	});
	if (!parsed.ok) throw parsed.error;
	checkFitsGate(parsed.report, gate, file);
	return { report: parsed.report, file };
}

/** What a run was made from, for a message: `reports/a.xml`, or `reports/a.xml and 2 more reports`. */
function madeFrom(files: readonly string[]): string {
	return files.length === 1 ? files[0]! : `${files[0]} and ${files.length - 1} more report${files.length > 2 ? 's' : ''}`;
}

/**
 * Imports one or more reports as one new evidence run and returns where it was written. Every
 * report is read and checked before anything is written; on any error, nothing is.
 */
export async function importEvidence(options: ImportOptions): Promise<ImportResult> {
	const root = resolve(options.root);
	const gate = checkIds(options);
	const repository = await repositoryRoot(root);
	const sources = options.files.map((name) => {
		const absolute = resolve(root, name);
		// Errors name the file as the user can find it; the run stores no absolute machine path.
		const named = inside(repository, absolute);
		return { absolute, file: named ?? absolute, stored: named ?? basename(absolute), named: named !== undefined };
	});
	if (sources.length === 0) throw new EvidenceError('No report to import; expected at least one report file');
	checkDistinct(sources);
	const parts: ReportPart[] = [];
	// The check reads a stored run under the limit a report has: a larger one would be written,
	// then refused by every check after.
	const limit = options.maxRunBytes ?? MAX_REPORT_BYTES;
	// One at a time: a report can be 50 MB, and the first bad one stops the import.
	const seen = { digests: new Map<string, string>(), elements: 0 };
	const refuseElements = (elements: number) => {
		if (elements * MIN_CASE_BYTES > limit) throw runTooLarge(madeFrom(sources.map((s) => s.file)), sources.length, limit, { elements });
	};
	for (const source of sources) parts.push(await readPart(source, repository, gate, options, seen, refuseElements));
	const report = mergeReports(parts);
	const stored = sources.map((s) => s.stored);
	// A docs/ program is not code: a coverage tool run at the repository's top measured its files.
	const codeDir = options.project.code.path === undefined ? repository : resolve(root, options.project.code.path);
	const own = ownProgramFolder(inside(repository, root) ?? '', inside(repository, codeDir) ?? '');
	let leftOut: string[] = [];
	if (report.coverage) {
		const kept = withoutProgramFiles(report.coverage, own, madeFrom(sources.map((s) => s.file)));
		report.coverage = kept.coverage;
		leftOut = kept.left;
		// What the check would refuse is never written: a report whose totals are not its files'.
		const contradiction = coverageContradiction(report.coverage);
		if (contradiction) {
			const { metric, stated, files } = contradiction;
			throw new EvidenceError(`${madeFrom(sources.map((s) => s.file))} states ${metric} coverage of ${stated} %, but its files add up to ${files} %; expected a report whose totals are the sums of its files (regenerate it with the tool)`);
		}
	}

	const recordedAt = options.now.toISOString();
	const measured = {
		...(report.tests ? { tests: report.tests } : {}),
		...(report.cases ? { cases: report.cases } : {}),
		...(report.coverage ? { coverage: report.coverage } : {}),
		...(report.findings ? { findings: report.findings } : {}),
		...(report.thresholds ? { thresholds: report.thresholds } : {}),
	};
	const today = options.today ?? localDate(options.now);
	const verdict = evaluateGate({ phase: options.phase, ...measured }, gate, options.project, today);
	const candidate = {
		schemaVersion: EVIDENCE_SCHEMA_VERSION,
		phase: options.phase,
		gate: gate.id,
		status: verdict.status,
		recordedAt,
		...(options.commit ? { commit: options.commit.toLowerCase() } : {}),
		...(options.env ? { environment: options.env.trim() } : {}),
		...(options.commit && options.uncommitted?.length ? { uncommitted: options.uncommitted.slice(0, 20) } : {}),
		// 30,003 untracked files kept 20 names and no total, and the check said "and 17 more".
		...(options.commit && options.uncommitted && options.uncommitted.length > 20 ? { uncommittedCount: options.uncommitted.length } : {}),
		source: {
			format: report.format,
			tool: report.tool,
			file: stored[0]!,
			...(stored.length > 1 ? { files: stored } : {}),
		},
		...measured,
		reasons: verdict.reasons,
	};
	const checked = evidenceRunSchema.safeParse(candidate);
	if (!checked.success) {
		const issue = checked.error.issues[0]!;
		throw new EvidenceError(
			`The imported run does not match the evidence schema at ${issue.path.join('.')}: ${issue.message}`,
		);
	}
	const run = checked.data;
	const content = `${JSON.stringify(run, null, '\t')}\n`;
	const bytes = Buffer.byteLength(content);
	if (bytes > limit) throw runTooLarge(madeFrom(sources.map((s) => s.file)), sources.length, limit, { bytes });
	return { path: await writeRun(root, options, run, content), run, leftOut };
}

/** A file-system error while writing (a file where a folder belongs, no permission) as one line. */
function writeFailure(where: string, error: unknown): unknown {
	const code = (error as NodeJS.ErrnoException | undefined)?.code;
	if (!code) return error;
	return new EvidenceError(`Cannot write the run to ${where}: ${(error as Error).message}`);
}

async function writeRun(
	root: string,
	options: ImportOptions,
	run: EvidenceRun,
	content: string,
): Promise<string> {
	if (options.out !== undefined) {
		const target = resolve(root, options.out);
		// Inside content/ only the evidence folder holds runs: a run in content/phases/ would be read
		// as a phase document, and fail the next check.
		// The same places `phasebook pdf --out` refuses (own-places.ts), but for the evidence folder and
		// public/ (a run there is published, and harms no check).
		const place = await ownPlace(root, target);
		const inEvidence = inside(join(root, EVIDENCE_DIR), target);
		if (place === 'content' && inEvidence === undefined) {
			throw new EvidenceError(`--out ${options.out} is in content/ but not in ${EVIDENCE_DIR}/, where the documents are; write the run in ${EVIDENCE_DIR}/ or outside content/`);
		}
		// In the evidence folder a run is read only as a .json file right in its phase's and gate's
		// folder: anywhere else (a folder below it too) it fails the next check, or is never read and
		// the gate stays missing.
		const home = `${EVIDENCE_DIR}/${run.phase}/${run.gate}/`;
		const parts = inEvidence?.split(/[\\/]/) ?? [];
		if (inEvidence !== undefined && (parts[0] !== run.phase || parts[1] !== run.gate || parts.length !== 3 || !inEvidence.endsWith('.json') || parts.some((part) => part.startsWith('.')))) {
			throw new EvidenceError(`--out ${options.out} is in ${EVIDENCE_DIR}/ but is not a .json file in ${home}, where the runs of phase ${run.phase}'s ${run.gate} gate are read; write it there, or leave --out out`);
		}
		// Nor among the templates, or in a git folder (a hook is a file git runs).
		if (place === '.git' || place === 'templates') {
			throw new EvidenceError(`--out ${options.out} is in ${OWN_PLACE_TEXT[place]}; write the run in ${home} or in a folder of its own`);
		}
		// --out may name a file anywhere, but one it names in the project is written in the project,
		// not through a link on the way that leads out of it (`linkdir/x.json`, linkdir a link elsewhere).
		const away = inside(root, target) === undefined ? undefined : await leadsOut(root, dirname(target));
		if (away) throw new EvidenceError(`--out ${options.out}: ${inside(root, away.path)} leads out of the project (to ${away.target}), so the run was not written there; name the folder it leads to with --out if the run belongs there`);
		const refused = await unwritableTarget(target);
		if (refused) throw new EvidenceError(`--out ${options.out} ${refused}; choose a new file`);
		try {
			await writeNewFile(target, content);
		} catch (error) {
			if (error instanceof FileExistsError) {
				throw new EvidenceError(
					`${options.out} already exists; every import is a new run, so choose a new --out path`,
				);
			}
			throw writeFailure(options.out, error);
		}
		return target;
	}
	const folder = join(root, EVIDENCE_DIR, run.phase, run.gate);
	// The evidence belongs to the project: a link on the way that leads out of it is not followed.
	const away = await leadsOut(root, folder);
	if (away) throw new EvidenceError(`${inside(root, away.path) ?? away.path} leads out of the project (to ${away.target}), so the run was not written there; make it a folder of the project`);
	for (let attempt = 1; attempt <= 100; attempt++) {
		const target = join(folder, runFileName(run.recordedAt, run.commit, attempt));
		try {
			await writeNewFile(target, content);
			return target;
		} catch (error) {
			if (!(error instanceof FileExistsError)) throw writeFailure(inside(root, target) ?? target, error);
		}
	}
	throw new EvidenceError(
		`Could not find a free run file name in ${inside(root, folder) ?? folder}`,
	);
}
