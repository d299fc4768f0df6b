// `phasebook new`: scaffolds a document from its template.
import { execFileSync } from 'node:child_process';
import { join, relative, resolve, sep } from 'node:path';
import { parseCliArgs, runCli, UserError } from '../src/cli/args.ts';
import { today } from '../src/core/dates.ts';
import { assertProjectRoot, loadProgram, PROJECT_FILE } from '../src/core/load.ts';
import { FindingError } from '../src/core/findings.ts';
import { scaffold } from '../src/core/scaffold.ts';
import { documentTypeNames } from '../src/core/schemas/index.ts';
import { loadTemplates } from '../src/core/templates.ts';

const usage = `Usage: phasebook new <type> "<title>" [--phase <id>] [--version <semver>]

Types: ${documentTypeNames.join(', ')}
Creates content/<folder>/<id>.mdx from templates/<type>.mdx with the next free id,
today's date, status draft and the phase link, and prints its path.`;

function gitUser(): string | undefined {
	try {
		return execFileSync('git', ['config', 'user.name'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || undefined;
	} catch {
		return undefined;
	}
}

runCli('phasebook new', async () => {
	const { values, positionals } = parseCliArgs(
		{
			allowPositionals: true,
			options: {
				phase: { type: 'string' },
				version: { type: 'string' },
				root: { type: 'string', default: '.' },
				help: { type: 'boolean' },
			},
		},
		usage,
	);
	if (values.help) {
		console.log(usage);
		return 0;
	}
	const [type, title, ...rest] = positionals;
	if (!type || title === undefined || rest.length) throw new UserError('Expected a type and a quoted title', usage);
	const root = resolve(values.root);
	await assertProjectRoot(root);
	const [{ program, findings }, templates] = await Promise.all([loadProgram(root), loadTemplates(root)]);
	// Like every other command, new does not write into a program whose settings do not load.
	if (!program.project) {
		const problem = findings.find((f) => f.path === PROJECT_FILE);
		const hint = 'Run `phasebook check` and fix it first.';
		throw problem ? new FindingError({ ...problem, hint }) : new UserError(`${PROJECT_FILE} is invalid; ${hint}`);
	}
	const { path } = await scaffold(root, program, templates, {
		type,
		title,
		phase: values.phase,
		version: values.version,
		owner: gitUser() ?? process.env.USER ?? 'unassigned',
		today: today(),
	});
	// From where the command was run, so `$EDITOR "$(npx phasebook new … --root docs)"` opens the new file.
	console.log(relative(process.cwd(), join(root, path)).split(sep).join('/') || path);
	return 0;
});
