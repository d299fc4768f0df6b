// `npm run build`: checks the content, refuses to build on errors, builds into a staging folder
// and swaps it into dist/ only when the whole build succeeded.
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { swapDirectory } from '../src/core/atomic-dir.ts';
import { runCheck } from '../src/core/check/index.ts';
import { shareAnalysis } from '../src/core/shared-analysis.ts';
import { formatGithub, formatText } from '../src/core/check/format.ts';
import { parseCliArgs, runCli } from '../src/core/cli.ts';
import { countBySeverity } from '../src/core/findings.ts';

const usage = `Usage: npm run build -- [--root <dir>] [--out <dir>] [--strict]

Runs the same checks as \`npm run check\`, refuses to build when there is an error,
then builds the site into dist/ (or --out) and indexes it for search. A failed build
leaves the previous output untouched. --strict (or CI=true) also makes missing diagram
renders an error; --strict also makes a release whose tag is missing from git one.`;

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

runCli('phasebook build', async () => {
	const { values } = parseCliArgs(
		{
			options: {
				root: { type: 'string', default: '.' },
				out: { type: 'string' },
				strict: { type: 'boolean', default: false },
				help: { type: 'boolean' },
			},
		},
		usage,
	);
	if (values.help) {
		console.log(usage);
		return 0;
	}
	const root = resolve(values.root);
	const outDir = resolve(root, values.out ?? 'dist');
	if (values.strict) process.env.PHASEBOOK_STRICT = '1';
	// The check renders new diagrams into the shared cache, so the Astro build below finds them warm.
	const { findings, documents, analysis } = await runCheck(root, values.strict ? { strict: true } : {});
	const { errors } = countBySeverity(findings);
	if (findings.length) console.log(formatText(findings, documents, process.stdout.isTTY));
	if (process.env.GITHUB_ACTIONS === 'true' && findings.length) console.log(formatGithub(findings));
	if (errors) {
		console.error('\nphasebook build: not building while the content has errors; fix them and run again.');
		return 1;
	}
	process.env.ASTRO_TELEMETRY_DISABLED = '1';
	// The config's generated diagrams and every page read this analysis instead of making their own.
	shareAnalysis(analysis);
	const staging = join(root, '.phasebook', `build-${process.pid}`);
	await rm(staging, { recursive: true, force: true });
	const { build } = await import('astro');
	try {
		await build({ root, outDir: staging, logLevel: process.env.PHASEBOOK_LOG_LEVEL === 'debug' ? 'debug' : 'info' });
	} catch (error) {
		await rm(staging, { recursive: true, force: true });
		const err = error as Error & { hint?: string; loc?: { file?: string; line?: number; column?: number } };
		const where = err.loc?.file ? `${err.loc.file}:${err.loc.line ?? 1}:${err.loc.column ?? 1}  ` : '';
		// Bundler errors carry their stack in the message; the reader needs the position and the cause.
		const message = err.message.replace(/^\s+at .*$\n?/gm, '').trimEnd();
		console.error(`\nphasebook build: the build failed; ${values.out ?? 'dist'}/ was left as it was.\n${where}${message}`);
		if (err.hint) console.error(`Hint: ${err.hint}`);
		return 1;
	}
	const started = performance.now();
	const searchError = await indexForSearch(staging);
	if (searchError) {
		await rm(staging, { recursive: true, force: true });
		console.error(`\nphasebook build: ${searchError}\n${values.out ?? 'dist'}/ was left as it was.`);
		return 1;
	}
	console.log(`phasebook build: search index written in ${Math.round(performance.now() - started)} ms`);
	await swapDirectory(staging, outDir);
	console.log(`\nphasebook build: ${documents} documents published to ${values.out ?? 'dist'}/`);
	return 0;
});
