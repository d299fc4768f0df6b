// The program and its analysis for this build: computed once by the core and shared by every page.
import { root } from 'astro:config/server';
import { AstroError } from 'astro/errors';
import { fileURLToPath } from 'node:url';
import { analysisOf } from 'virtual:phasebook/context';
import type { Analysis } from '../core/analysis.ts';
import { phaseCaveats } from '../core/caveats.ts';
import type { Finding } from '../core/findings.ts';
import { formatFinding } from '../core/findings-format.ts';
import { gateReports, type GateReport } from '../core/gate-reports.ts';
import type { Program, SourceDocument } from '../core/load.ts';
import type { Project } from '../core/schemas/index.ts';
import type { Traceability } from '../core/traceability.ts';
import { sortedPhases } from '../core/relations.ts';

/** A program whose project settings loaded, which is all a page may rely on. */
export type SiteProgram = Program & { project: Project };

/** An analysis without errors: the project loaded, so readiness and traceability exist. */
export type SiteAnalysis = Analysis & { program: SiteProgram; project: Project; traceability: Traceability };

const loaded = new WeakMap<Analysis, Promise<SiteAnalysis>>();

async function load(analysis: Analysis, dir: string): Promise<SiteAnalysis> {
	const errors = analysis.findings.filter((f) => f.severity === 'error');
	if (errors.length > 0 || !analysis.project || !analysis.traceability) {
		const count = errors.length === 1 ? '1 error' : `${errors.length} errors`;
		// Each distinct hint of the findings once, after the general one.
		const hints = new Set(errors.flatMap((f) => (f.hint ? [f.hint] : [])));
		const error = new AstroError(
			`The content in ${dir}/content has ${count}, so the site cannot be built:\n${errors.map((f) => formatFinding(f)).join('\n')}`,
			['Fix the files named above; `phasebook check` lists every problem with its position.', ...hints].join(' '),
		);
		// The findings name the files; where Phasebook threw is no help to an author. The dev server
		// printed it as a stack frame with the project's path glued to the package's
		// (`/repo/docs/repo/node_modules/phasebook/…`), and Astro prints none for an empty stack.
		error.stack = '';
		throw error;
	}
	return analysis as SiteAnalysis;
}

/**
 * Analyses content/ and the evidence once per build (the promise is memoised, so concurrent pages
 * share it). The project root is Astro's, not the working directory: `npm run build -- --root`.
 */
export async function getAnalysis(): Promise<SiteAnalysis> {
	const dir = fileURLToPath(root).replace(/\/+$/, '');
	// The context hands out one analysis per state of the files (the dev server renews it on an edit).
	const analysis = await analysisOf(dir);
	let site = loaded.get(analysis);
	if (!site) loaded.set(analysis, (site = load(analysis, dir)));
	return site;
}

/** The loaded documents and settings of the analysis. */
export async function getProgram(): Promise<SiteProgram> {
	return (await getAnalysis()).program;
}

/**
 * A page's document as this request's analysis has it. Astro keeps the props of getStaticPaths
 * until it notices a change itself, while the dev server renews the analysis on every edit: a page
 * that used its props would show the old title in its heading and the new one in its sidebar.
 * In a build both are the same analysis.
 */
export async function current<T>(doc: SourceDocument<T>): Promise<SourceDocument<T>> {
	const analysis = await getAnalysis();
	let byPath = documentsByPath.get(analysis);
	if (!byPath) documentsByPath.set(analysis, (byPath = new Map(Object.values(analysis.program.documents).flat().map((d: SourceDocument) => [d.path, d]))));
	return (byPath.get(doc.path) as SourceDocument<T> | undefined) ?? doc;
}

const documentsByPath = new WeakMap<Analysis, Map<string, SourceDocument>>();

/** A gate page's report as this request's analysis has it (see current). */
export async function currentReport(report: GateReport): Promise<GateReport> {
	const analysis = await getAnalysis();
	let byGate = reportsByGate.get(analysis);
	if (!byGate) reportsByGate.set(analysis, (byGate = new Map((await getGateReports()).map((r) => [`${r.phase}\0${r.gate.id}`, r]))));
	return byGate.get(`${report.phase}\0${report.gate.id}`) ?? report;
}

const reportsByGate = new WeakMap<Analysis, Map<string, GateReport>>();

const reports = new WeakMap<Analysis, GateReport[]>();

/** Every gate page's report (required gates and gates with evidence), once per analysis. */
export async function getGateReports(): Promise<GateReport[]> {
	const a = await getAnalysis();
	let found = reports.get(a);
	if (!found) {
		found = gateReports({ phases: sortedPhases(a.program).map((p) => p.id), project: a.project, runs: a.runs, readiness: a.readiness, today: a.today, commitAge: a.commitAge });
		reports.set(a, found);
	}
	return found;
}

const caveats = new WeakMap<Analysis, Map<string, Finding[]>>();

/** The check's warnings about a phase's claims (phaseCaveats), shown beside its verdict; once per analysis. */
export async function getPhaseCaveats(phase: string): Promise<Finding[]> {
	const a = await getAnalysis();
	let found = caveats.get(a);
	if (!found) caveats.set(a, (found = phaseCaveats(a.program, a.findings, true)));
	return found.get(phase) ?? [];
}
