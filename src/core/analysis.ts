// The whole picture of a program, computed once: what the checker reports, the CLI prints and
// the site renders. Nothing downstream recomputes readiness, gate status or traceability.
import { changedScope, inScope, type ChangedScope, type DefinedAtHead } from './changed.ts';
import { checkClaims } from './check/claims.ts';
import { checkCodeArtifacts } from './check/code-artifacts.ts';
import { checkCodeInventory, inventoryStatuses, type InventoryStatus } from './check/code-inventory.ts';
import { checkConsistency } from './check/consistency.ts';
import { checkActualStartAgainstCode, checkSignOffsAgainstCode } from './check/sign-off-code.ts';
import { checkImports } from './check/imports.ts';
import { checkProjectPlaceholders } from './check/sections.ts';
import { checkPublicFolder } from './check/public-files.ts';
import { checkCoverageFiles, checkGateCommits } from './check/gate-commits.ts';
import { checkLinks, linkedFiles } from './check/links.ts';
import { publishedBody } from './published-body.ts';
import { checkDroppedGateRuns, checkReferences } from './check/references.ts';
import { checkIncidents, checkReleases } from './check/release.ts';
import { checkRoutes } from './check/routes.ts';
import { today as localToday } from './dates.ts';
import { DocumentCache } from './document-cache.ts';
import { containingFolder } from './files.ts';
import { applyKeptFacts, documentFacts, factsContext, type DocumentFacts } from './document-facts.ts';
import { loadEvidence } from './evidence/store.ts';
import { commitAge, gatherCodeFacts, type CodeFacts, type GatherOptions } from './git/code-facts.ts';
import { ignoredPaths } from './git/ignored.ts';
import { gitCacheDir, locateRepository, openRepository, type Located, type RunGit } from './git/repository.ts';
import { finding, sortFindings, type Finding } from './findings.ts';
import type { CommitAge, StoredRun } from './gate-status.ts';
import { coverageJudgedAt } from './evidence-at.ts';
import { measureKpis, type MeasuredKpi } from './kpis.ts';
import { assertProjectRoot, knownIds, loadProgram, parseProject, PROJECT_FILE, type Program, type SourceDocument } from './load.ts';
import { phaseReadiness, type Readiness } from './readiness.ts';
import { judgedOn } from './incidents.ts';
import { checkFutureDates, checkSchedule } from './schedule.ts';
import { documentTypeNames, type Phase, type Project } from './schemas/index.ts';
import { loadTemplates, type TemplateContract } from './templates.ts';
import { traceability, type Traceability } from './traceability.ts';

export interface Analysis {
	root: string;
	today: string;
	program: Program;
	project: Project | undefined;
	templates: Map<string, TemplateContract>;
	runs: StoredRun[];
	findings: Finding[];
	documents: number;
	/** By phase id; empty when project.yaml is invalid. */
	readiness: Map<string, Readiness>;
	traceability: Traceability | undefined;
	/** What git says about the code; undefined when project.yaml is invalid. */
	code: CodeFacts | undefined;
	/** Where git places a run's commit in its phase's range (undefined without git): which run a gate is judged on. */
	commitAge: CommitAge | undefined;
	/** The dashboard's KPIs, measured from evidence where project.yaml says so. */
	kpis: MeasuredKpi[];
	/** Each phase's change inventory against git, by phase id (empty without git; with `changedFiles`, the phases in scope). */
	inventories: Map<string, InventoryStatus>;
	/** With `changedFiles`: the documents checked, or why the whole program was. */
	scope?: ChangedScope;
	/** The project's folder in its git repository ('' or ending with '/'), when git can say: where relative links to the repository's files lead. */
	projectPrefix?: string;
	/** Each checked document's own facts (document-facts.ts), by path. */
	facts: Map<string, DocumentFacts>;
	/** With `cache`: how many documents were taken from it and how many read, and how many of the
	 * former had their text read after all (a template changed, say). */
	cached?: DocumentCache['counts'];
}

export interface AnalyseOptions {
	today?: string;
	/** Runs git; replaceable in tests. */
	git?: RunGit;
	/**
	 * Where git's answers are kept between runs (default `<cache>/git`, see gitCacheDir), or false
	 * for nowhere. With a replaced `git` nothing is kept unless this names a folder: its answers
	 * are not git's.
	 */
	gitCache?: string | false;
	/** The command line's range for one phase (`--phase --from --to`). */
	range?: GatherOptions;
	/** A release tag missing from git, and git checks that could not run, are errors, not warnings. */
	strict?: boolean;
	/**
	 * `check --changed`: the files that differ from HEAD. Only the documents they touch (see
	 * changedScope) get the per-document rules, and only their findings are reported. A promise
	 * lets git answer while the documents load; undefined from it means the whole program.
	 */
	changedFiles?: readonly string[] | Promise<readonly string[] | undefined>;
	/**
	 * With `changedFiles`: what the changed documents defined at HEAD (`definedAtHead`). A changed id
	 * checks everything; a requirement or release no longer there checks what depended on it.
	 */
	definedAtHead?: ReadonlyMap<string, DefinedAtHead> | Promise<ReadonlyMap<string, DefinedAtHead> | undefined>;
	/**
	 * Keep each document's parse and facts in the project's cache folder, and take those of the
	 * documents unchanged since (document-cache.ts): what `phasebook check` does.
	 */
	cache?: boolean;
	/** Where git places the project, when the caller asked already (`check --changed` asks with HEAD). */
	located?: Promise<Located>;
}

/**
 * Runs of phases and gates the program does not have. A released phase's runs are read against
 * the gates it shipped under: a gate removed since leaves its evidence of the release standing.
 */
function evidenceReferences(runs: readonly StoredRun[], program: Program, project: Project, shippedUnder: ReadonlyMap<string, Project>): Finding[] {
	const phases = knownIds(program, 'phase');
	const gates = new Set(project.gates.map((g) => g.id));
	return runs.flatMap((run) => {
		const problems: string[] = [];
		if (!phases.has(run.phase)) problems.push(`Unknown phase "${run.phase}", expected one of ${[...phases].join(', ')}`);
		if (!gates.has(run.gate) && !shippedUnder.get(run.phase)?.gates.some((g) => g.id === run.gate)) problems.push(`Unknown gate "${run.gate}", expected one of ${[...gates].join(', ')}`);
		return problems.map((m) => finding(run.path, 1, 'error', m, 'evidence/reference'));
	});
}

/** Settings read from git: by released phase, and by release tag. */
interface ShippedSettings {
	byPhase: Map<string, Project>;
	byTag: Map<string, Project>;
}

/**
 * The settings each released phase shipped under, read from its release commit: its verdict stands
 * as it shipped when a later phase raises the coverage threshold or adds a gate; and those each
 * release tag's commit holds, which a patch of a released phase is judged by. A commit without a
 * project.yaml that reads as valid now leaves the phase to today's settings.
 */
function shippedSettings(code: CodeFacts | undefined): ShippedSettings {
	// Releases whose project.yaml did not change between them share one parse.
	const parsed = new Map<string, Project | undefined>();
	const parse = (texts: Map<string, string> | undefined) => {
		const settings = new Map<string, Project>();
		for (const [key, text] of texts ?? []) {
			if (!parsed.has(text)) parsed.set(text, parseProject(text));
			const project = parsed.get(text);
			if (project) settings.set(key, project);
		}
		return settings;
	};
	return { byPhase: parse(code?.settingsAtRelease), byTag: parse(code?.settingsAtTag) };
}

/**
 * A released phase whose release commit holds a project.yaml that no longer reads as valid is
 * judged by today's settings: said, since a threshold raised since would fail it for what it
 * shipped under other rules. A commit without the file (the release came before Phasebook) is not:
 * there were no settings to ship under.
 */
function checkSettingsAtRelease(program: Program, code: CodeFacts | undefined, shippedUnder: ReadonlyMap<string, Project>, strict = false): Finding[] {
	return program.documents.phase.flatMap((phase) => {
		const commit = code?.releaseCommits?.get(phase.id);
		if (!commit || shippedUnder.has(phase.id) || !code?.settingsAtRelease?.has(phase.id)) return [];
		return [finding(phase.path, phase.lineOf(['release']), strict ? 'error' : 'warning', `Release ${phase.data.release} of phase ${phase.id} is on commit ${commit.slice(0, 7)}, whose ${PROJECT_FILE} no longer reads as valid, so phase ${phase.id} is judged by today's settings, not those it shipped under`, 'release/settings')];
	});
}

function answersFolder(root: string, options: AnalyseOptions): string | undefined {
	const folder = options.gitCache ?? (options.git ? false : gitCacheDir(root));
	return folder === false ? undefined : folder;
}

export async function analyse(root: string, options: AnalyseOptions = {}): Promise<Analysis> {
	const day = options.today ?? localToday();
	// Before anything is read: a wrong --root is one line, not a missing template.
	await assertProjectRoot(root);
	// Git says where the project is while the documents load: it needs only the folder.
	const located = options.located ?? locateRepository(root, options.git);
	const cache = options.cache ? new DocumentCache(root) : undefined;
	const [{ program, findings }, templates, evidence] = await Promise.all([
		loadProgram(root, cache ? { cache } : {}),
		loadTemplates(root),
		loadEvidence(root),
	]);
	const project = program.project;
	const mdx = { code: project?.rules['mdx/code'] !== 'off' };
	const contexts = new Map(documentTypeNames.map((type) => [type, factsContext(templates.get(type)!, mdx)]));
	const keptFacts = (doc: SourceDocument) => cache?.factsOf(doc, contexts.get(doc.type)!);
	// Before git's facts are gathered: they read phases' inventories, which a kept phase has already.
	for (const phase of program.documents.phase) {
		const kept = keptFacts(phase);
		if (kept) applyKeptFacts(phase, kept);
	}
	// Git is read once, here; every rule below is a pure function of what it returned.
	const code = project ? await gatherCodeFacts(program, project, await openRepository(root, project.code.path, options.git, answersFolder(root, options), located), options.range) : undefined;
	const runs = evidence.runs;
	const age = commitAge(code);
	const shipped = shippedSettings(code);
	const shippedUnder = shipped.byPhase;
	if (project) findings.push(...checkSettingsAtRelease(program, code, shippedUnder, options.strict));
	findings.push(...evidence.errors);
	for (const contract of templates.values()) for (const found of contract.findings) findings.push(found);
	const changed = await options.changedFiles;
	const scope = changed ? changedScope(program, root, changed, await options.definedAtHead) : undefined;
	let documents = 0;
	// Each checked document's facts, and every phase's: its readiness reads them.
	const facts = new Map<string, DocumentFacts>();
	const phaseFacts = new Map<string, DocumentFacts>();
	for (const type of documentTypeNames) {
		for (const doc of program.documents[type] as SourceDocument[]) {
			const checked = inScope(scope, doc.path);
			if (!checked && type !== 'phase') continue;
			let known = keptFacts(doc);
			if (!known) {
				known = documentFacts(doc, templates.get(type)!, mdx);
				cache?.keepFacts(doc, contexts.get(type)!, known);
			}
			if (type === 'phase') phaseFacts.set(doc.path, known);
			if (!checked) continue;
			facts.set(doc.path, known);
			documents++;
			findings.push(...known.findings);
		}
	}
	// Imports only where mdx/code found module code: the body of a kept document is read only then.
	for (const type of documentTypeNames) {
		for (const doc of program.documents[type] as SourceDocument[]) {
			const known = facts.get(doc.path);
			if (known?.findings.some((f) => f.ruleId === 'mdx/code' && f.message.startsWith('Unexpected import/export'))) findings.push(...checkImports(doc, root));
		}
	}
	// A document its own errors left out was checked as far as it could be: the count says so.
	for (const path of program.unloaded ?? []) if (inScope(scope, path)) documents++;
	const projectPrefix = (await located).prefix;
	const checksLinks = (path: string) => inScope(scope, path);
	const linksOf = (doc: SourceDocument) => facts.get(doc.path)!.links;
	// Asked only when documents link files of the repository: most programs never ask.
	const ignored = await ignoredPaths(root, linkedFiles(program, checksLinks, linksOf, projectPrefix), options.git);
	findings.push(...checkPublicFolder(root, containingFolder(root, projectPrefix)));
	findings.push(...checkReferences(program, shippedUnder), ...checkRoutes(program), ...checkLinks(program, checksLinks, linksOf, projectPrefix, ignored, (doc) => publishedBody(doc.body, templates.get(doc.type))), ...checkConsistency(program), ...checkSchedule(program), ...checkFutureDates(program, day, options.strict), ...checkProjectPlaceholders(program));

	const readiness = new Map<string, Readiness>();
	const inventories = code && !code.reason ? inventoryStatuses(program, code, (path) => inScope(scope, path)) : new Map<string, InventoryStatus>();
	if (code) findings.push(...checkCodeInventory(program, code, inventories, options.strict), ...checkCodeArtifacts(program, code, options.strict), ...checkSignOffsAgainstCode(program, code, options.strict), ...checkActualStartAgainstCode(program, code, options.strict));
	if (project) {
		findings.push(...evidenceReferences(runs, program, project, shippedUnder), ...checkDroppedGateRuns(program, project, runs, day, age, options.strict, shippedUnder));
		const reportGaps = (p: SourceDocument<Phase>) => phaseFacts.get(p.path)!.complete!;
		for (const phase of program.documents.phase) {
			// A released phase is judged as it shipped: under its settings then, and on its release day,
			// so an allow-list entry that expired since does not reopen it.
			const verdict = phaseReadiness(phase, { program, project: shippedUnder.get(phase.id) ?? project, templates, runs, today: judgedOn(program, phase.id, day), codePrefix: code?.codePrefix ?? '', reportGaps, evidenceErrors: evidence.errors, commitAge: age });
			readiness.set(phase.id, verdict);
			if (phase.data.status === 'done' && !verdict.ready) {
				const first = verdict.blockers[0]!;
				const more = verdict.blockers.length > 1 ? ` (and ${verdict.blockers.length - 1} more; see phasebook readiness --phase ${phase.id})` : '';
				const hint = '`phasebook readiness` lists what blocks each phase; a phase can only be done once it is ready.';
				findings.push(finding(phase.path, phase.lineOf(['status']), 'error', `Phase ${phase.id} is done but not ready: ${first.message}${more}`, 'consistency/not-ready', 1, { hint }));
			}
		}
	}
	const kpis = project ? measureKpis(project, runs, age) : [];
	const trace = project ? traceability(program, project, runs, code) : undefined;
	if (project && trace) {
		// Hand-written claims, releases and gate commits, reconciled with what was computed above.
		findings.push(
			...checkClaims(program, {
				readiness,
				traceability: trace,
				kpis,
				today: day,
				// Evidence imported after the fact (none of the phase's runs recorded by the handoff's day)
				// leaves the handoff to be judged on the evidence there is.
				coverageAt: (phase, date) => coverageJudgedAt(program, project, runs, phase, date).requirements,
			}),
			...checkReleases(program, project, readiness, code, day, options.strict, shipped.byTag),
			...checkIncidents(program, runs, readiness, code),
			...checkGateCommits(program, readiness, code, options.strict),
			...checkCoverageFiles(program, readiness, code, age),
		);
	}
	cache?.save();
	return {
		root,
		today: day,
		program,
		project,
		templates,
		runs,
		findings: sortFindings(findings.filter((f) => inScope(scope, f.path))),
		documents,
		...(scope && { scope }),
		...(projectPrefix !== undefined && { projectPrefix }),
		readiness,
		traceability: trace,
		code,
		commitAge: age,
		kpis,
		inventories,
		facts,
		...(cache && { cached: cache.counts }),
	};
}
