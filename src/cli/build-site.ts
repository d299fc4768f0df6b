// The work of `phasebook build`, in the child process scripts/build.ts starts: checks the content,
// refuses to build on errors, builds into a staging folder and swaps it into the output folder only
// when the whole build succeeded.
import { rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { constants } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { assertReplaceable, makeStaging, markOutput, removeLeftovers, swapDirectory, UnsafeOutputError } from '../core/atomic-dir.ts';
import { assertOwnFolder, OWN_FOLDER } from '../core/cache-store.ts';
import { assertProjectRoot } from '../core/project-root.ts';
import { runCheck } from './run-check.ts';
import { handOverAnalysis } from '../integrations/context.ts';
import { setDeploy, setStrict } from '../integrations/phasebook.ts';
import { BUILD_LOG_ENTRYPOINT, buildLog as log } from './build-log.ts';
import { BUILD_PARENT, interrupted, stagingFolder } from './build-process.ts';
import { formatFailure, formatReport, wantsColor } from '../core/findings-format.ts';
import { UserError } from './args.ts';
import { countBySeverity, findingAt } from '../core/findings.ts';
import { plural } from '../lib/labels.ts';

/** The pages that hold a document: `<type>/<id>/index.html`, and the changelog's single page. */
const DOCUMENT_PAGES = '{phases/*,rcas/*,handoffs/*,reviews/*,changelog}/index.html';

/**
 * Indexes the built pages for search with Pagefind, writing `pagefind/` into the staging folder.
 * Only what the layouts mark `data-pagefind-body` (the documents) is indexed.
 */
async function indexForSearch(site: string): Promise<string | undefined> {
	let pagefind: typeof import('pagefind');
	try {
		pagefind = await import('pagefind');
	} catch (error) {
		return `Pagefind could not be loaded (${(error as Error).message}); run npm ci.`;
	}
	try {
		// Heading self-links, mermaid sources and the dark copy of each diagram would repeat text.
		const excludeSelectors = ['.anchor-link', 'pre.mermaid', 'pre[data-language="mermaid"]', '.diagram-dark'];
		const { index, errors } = await pagefind.createIndex({ excludeSelectors });
		if (!index) return `Pagefind could not start: ${errors.join('; ')}`;
		// Only document pages carry data-pagefind-body; reading the others (print copies, gate and
		// index pages) only costs time, about a third of the indexing on a 1,000-document program.
		const added = await index.addDirectory({ path: site, glob: DOCUMENT_PAGES });
		if (added.errors.length) return `Pagefind could not index the site: ${added.errors.join('; ')}`;
		const written = await index.writeFiles({ outputPath: join(site, 'pagefind') });
		if (written.errors.length) return `Pagefind could not write its index: ${written.errors.join('; ')}`;
		return undefined;
	} catch (error) {
		return `Pagefind failed: ${(error as Error).message}. Its binary ships as an optional dependency (@pagefind/<platform>); run npm ci on this platform.`;
	} finally {
		await pagefind.close();
	}
}

/** An output folder Phasebook may not replace is the user's to fix: one line, exit 1. */
async function asUserError(work: Promise<void>): Promise<void> {
	try {
		await work;
	} catch (error) {
		if (error instanceof UnsafeOutputError) throw new UserError(error.message);
		throw error;
	}
}

export interface BuildOptions {
	/** The project's root folder. */
	root: string;
	/** --out as given, relative to the root; dist by default. */
	out: string | undefined;
	/** The output folder as printed: `dist/`. */
	shownOut: string;
	strict: boolean;
	deploy: boolean;
}

/** Builds the site and resolves to the exit code: 0 once it is published, 1 when it was not. */
export async function buildSite({ root, out, shownOut, strict, deploy }: BuildOptions): Promise<number> {
	// Before the output folder is judged: a --root that is a file or no project is one line.
	await assertProjectRoot(root);
	const outDir = resolve(root, out ?? 'dist');
	// Refused before any work: only a missing, empty or Phasebook-written folder is ever replaced.
	await asUserError(assertReplaceable(outDir, root, shownOut));
	// The staging folder is made in .phasebook: through a link out of the project the staged site
	// is away from the project's packages, and the build writes where the link leads.
	assertOwnFolder(root);
	const stagingParent = join(root, OWN_FOLDER);
	for (const path of await removeLeftovers(stagingParent, outDir)) console.log(`phasebook build: removed ${path}, left by an interrupted build`);
	if (strict) setStrict(true);
	setDeploy(deploy);
	// The check renders new diagrams into the shared cache, so the Astro build below finds them warm.
	const { findings, documents, analysis } = await runCheck(root, strict ? { strict: true } : {});
	const { errors } = countBySeverity(findings);
	const color = wantsColor(process.stdout, process.env);
	const github = process.env.GITHUB_ACTIONS === 'true';
	// Warnings only: reported after the build's summary, with the build's own warnings. A diagram left
	// to the reader's browser is not reported once a diagram, as the check does: the build says it
	// once, naming the documents and why (src/integrations/diagrams.ts).
	const reported = errors ? findings : findings.filter((finding) => finding.ruleId !== 'diagrams/no-browser');
	const report = reported.length ? formatReport(reported, { documents, color, github, repositoryPrefix: analysis.projectPrefix }) : '';
	if (errors) {
		console.log(report);
		console.error('\nphasebook build: not building while the content has errors; fix them and run again.');
		return 1;
	}
	process.env.ASTRO_TELEMETRY_DISABLED = '1';
	// The integration's generated diagrams and every page read this analysis instead of making their own.
	handOverAnalysis(analysis);
	const staging = stagingFolder(stagingParent);
	await rm(staging, { recursive: true, force: true, maxRetries: 5 });
	// Marked as Phasebook's before anything is built, so a later build removes it only if it is ours.
	const site = await makeStaging(staging);
	const { build } = await import('astro');
	// PHASEBOOK_LOG_LEVEL=debug streams Astro's own log; otherwise it is collected (src/cli/build-log.ts).
	const debug = process.env.PHASEBOOK_LOG_LEVEL === 'debug';
	log.info(`phasebook build: ${plural(documents, 'document')} checked; building the site`);
	const building = performance.now();
	// Code the build runs (a document's `{process.exit(0)}`) can end the process before the site
	// is built: that exit said 0, nothing was published, and CI deployed the previous site.
	let finished = false;
	const done = (code: number) => ((finished = true), code);
	// Stopped on purpose (a signal, or the parent gone): said as such, not blamed on a document.
	let stopped = false;
	process.on('exit', (code) => {
		if (finished || stopped) return;
		rmSync(staging, { recursive: true, force: true, maxRetries: 5 });
		console.error(`\nphasebook build: the build ended before the site was built (code it ran exited the process with code ${code}: a document's {process.exit()}?); ${shownOut} was left as it was.`);
		process.exitCode = code || 1;
	});
	// Ctrl-C, or a CI job cancelled: the parent passes the signal on (build-process.ts).
	const interrupt = (signal: NodeJS.Signals) => {
		stopped = true;
		rmSync(staging, { recursive: true, force: true, maxRetries: 5 });
		process.stderr.write(interrupted(signal, shownOut));
		process.exit(128 + (constants.signals[signal] ?? 0));
	};
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, interrupt);
	// A parent killed with SIGKILL could pass nothing on, and a build left running would still replace
	// the output folder, perhaps under the next build: the child stops once its parent is gone.
	const parent = Number(process.env[BUILD_PARENT]);
	const orphaned = () => Number.isInteger(parent) && parent > 0 && process.ppid !== parent;
	const leaveIfOrphaned = () => {
		if (!orphaned()) return;
		stopped = true;
		rmSync(staging, { recursive: true, force: true, maxRetries: 5 });
		process.exit(1);
	};
	setInterval(leaveIfOrphaned, 500).unref();
	// A page whose body throws (an expression naming what is not defined) can fail in two renders at once, the
	// page and its print version: Astro reports one, and the other's rejection, handled only later,
	// would end the process with a stack. What is still unhandled when the build ends fails it.
	const unhandled = new Map<Promise<unknown>, unknown>();
	process.on('unhandledRejection', (reason, promise) => void unhandled.set(promise, reason));
	process.on('rejectionHandled', (promise) => void unhandled.delete(promise));
	process.on('uncaughtException', (error) => void unhandled.set(Promise.resolve(), error));
	const stray = () => [...unhandled.values()];
	// The watch on document bodies (src/lib/render-watch.ts) removes this folder if it stops the build.
	process.env.PHASEBOOK_BUILD_STAGING = staging;
	process.env.PHASEBOOK_BUILD_OUT = shownOut;
	let failure: unknown;
	try {
		await build({ root, outDir: site, logLevel: debug ? 'debug' : 'info', ...(!debug && { logger: { entrypoint: BUILD_LOG_ENTRYPOINT } }) });
	} catch (error) {
		failure = error;
	}
	failure ??= stray()[0];
	if (failure !== undefined) {
		const error = failure instanceof Error ? failure : new Error(String(failure));
		// Pages still rendering fail as the staging folder goes (ERR_MODULE_NOT_FOUND): not the cause.
		log.detach();
		log.flushWarnings();
		await rm(staging, { recursive: true, force: true, maxRetries: 5 });
		// A page still rendering may write into the staging folder after it went (a CI run found
		// .phasebook/build-<pid> left behind): removed again once nothing of the build is left to run.
		process.once('exit', () => rmSync(staging, { recursive: true, force: true, maxRetries: 5 }));
		const err = error as Error & { hint?: string; loc?: { file?: string; line?: number; column?: number } };
		// Bundler errors carry their stack in the message; the reader needs the position and the cause.
		const message = err.message.replace(/^\s+at .*$\n?/gm, '').trimEnd();
		const where = { ...err.loc, path: err.loc?.file && relative(root, err.loc.file) };
		// A finding's message is one line; the lines after the first (a code frame) are printed under it.
		const [first = '', ...rest] = message.split(/\r?\n/);
		// A body's error that names its document already (src/lib/content.ts) is not helped by
		// Astro's guess ("This issue often occurs when your MDX component encounters runtime errors").
		const ours = /^content\/\S+\.mdx?[: ]/.test(first);
		const hint = [rest.join('\n').replace(/^\n+/, ''), ours ? undefined : err.hint].filter(Boolean).join('\n') || undefined;
		const failed = findingAt(where, 'error', first, 'build/failed', { hint });
		console.error(`\nphasebook build: the build failed; ${shownOut} was left as it was.`);
		console.error(formatFailure(failed, 'phasebook build'));
		return done(1);
	}
	const seconds = ((performance.now() - building) / 1000).toFixed(1);
	log.info(`phasebook build: ${log.pages ? `${log.pages} pages` : 'the site'} built in ${seconds} s`);
	const started = performance.now();
	const searchError = await indexForSearch(site);
	if (searchError) {
		log.flushWarnings();
		await rm(staging, { recursive: true, force: true, maxRetries: 5 });
		console.error(`\nphasebook build: ${searchError}\n${shownOut} was left as it was.`);
		return done(1);
	}
	log.info(`phasebook build: search index written in ${Math.round(performance.now() - started)} ms`);
	const late = stray()[0];
	if (late !== undefined) {
		await rm(staging, { recursive: true, force: true, maxRetries: 5 });
		console.error(`\nphasebook build: the build failed; ${shownOut} was left as it was.\n${String((late as Error)?.message ?? late)}`);
		return done(1);
	}
	// Nothing is swapped in for a command that is no longer there to say so.
	leaveIfOrphaned();
	// Built: what follows (the swap) fails, if it does, with its own message.
	finished = true;
	await markOutput(site);
	try {
		await asUserError(swapDirectory(site, outDir, root, shownOut));
	} finally {
		await rm(staging, { recursive: true, force: true, maxRetries: 5 });
	}
	log.info(`phasebook build: ${plural(documents, 'document')} published to ${shownOut}`);
	if (report) console.log(`\n${report}`);
	log.flushWarnings();
	return done(0);
}
