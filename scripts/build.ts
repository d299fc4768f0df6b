// `npm run build`: checks the content, refuses to build on errors, builds into a staging folder
// and swaps it into dist/ only when the whole build succeeded.
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { swapDirectory } from '../src/core/atomic-dir.ts';
import { runCheck } from '../src/core/check/index.ts';
import { formatGithub, formatText } from '../src/core/check/format.ts';
import { parseCliArgs, runCli } from '../src/core/cli.ts';
import { countBySeverity } from '../src/core/findings.ts';

const usage = `Usage: npm run build -- [--root <dir>] [--out <dir>] [--strict]

Runs the same checks as \`npm run check\`, refuses to build when there is an error,
then builds the site into dist/ (or --out). A failed build leaves the previous
output untouched. --strict (or CI=true) also makes missing diagram renders an error.`;

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
	const { findings, documents } = await runCheck(root);
	const { errors } = countBySeverity(findings);
	if (findings.length) console.log(formatText(findings, documents, process.stdout.isTTY));
	if (process.env.GITHUB_ACTIONS === 'true' && findings.length) console.log(formatGithub(findings));
	if (errors) {
		console.error('\nphasebook build: not building while the content has errors; fix them and run again.');
		return 1;
	}
	if (values.strict) process.env.PHASEBOOK_STRICT = '1';
	process.env.ASTRO_TELEMETRY_DISABLED = '1';
	const staging = join(root, '.phasebook', `build-${process.pid}`);
	await rm(staging, { recursive: true, force: true });
	const { build } = await import('astro');
	try {
		await build({ root, outDir: staging, logLevel: process.env.PHASEBOOK_LOG_LEVEL === 'debug' ? 'debug' : 'info' });
	} catch (error) {
		await rm(staging, { recursive: true, force: true });
		const err = error as Error & { hint?: string; loc?: { file?: string; line?: number; column?: number } };
		const where = err.loc?.file ? `${err.loc.file}:${err.loc.line ?? 1}:${err.loc.column ?? 1}  ` : '';
		console.error(`\nphasebook build: the build failed; ${values.out ?? 'dist'}/ was left as it was.\n${where}${err.message}`);
		if (err.hint) console.error(`Hint: ${err.hint}`);
		return 1;
	}
	await swapDirectory(staging, outDir);
	console.log(`\nphasebook build: ${documents} documents published to ${values.out ?? 'dist'}/`);
	return 0;
});
