// The `phasebook` command line: finds the command and runs its entry point in scripts/.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { findingAt } from '../core/findings.ts';
import { formatFailure } from '../core/findings-format.ts';

interface Command {
	/**
	 * Runs the entry point under scripts/ (also runnable as `node scripts/<file>.ts`). A literal
	 * import, so that scripts/bundle-cli.ts can bundle it into the package's cli/ folder.
	 */
	run: () => Promise<unknown>;
	summary: string;
	/** A command whose first word picks a sub-command: `evidence import`. */
	args?: string;
}

const commands: Record<string, Command> = {
	init: { run: () => import('../../scripts/init.ts'), args: '[<folder>] [--sample] [--workflow]', summary: 'create a program folder: settings, templates, a first phase, astro.config.mjs' },
	new: { run: () => import('../../scripts/new.ts'), args: '<type> "<title>" [--phase <id>] [--version <semver>]', summary: 'scaffold a phase, RCA, handoff, review or changelog entry from its template' },
	check: { run: () => import('../../scripts/check.ts'), args: '[--format text|json] [--strict] [--changed]', summary: 'check every document (or those a change affects); exit 1 on errors' },
	build: { run: () => import('../../scripts/build.ts'), args: '[--out <dir>] [--strict] [--deploy]', summary: 'check, then build the site into dist/' },
	dev: { run: () => import('../../scripts/dev.ts'), args: '[--port <n>] [--host <addr>]', summary: 'serve the site with live reload while you write' },
	preview: { run: () => import('../../scripts/preview.ts'), args: '[--port <n>] [--host <addr>]', summary: 'serve the built site from dist/' },
	evidence: { run: () => import('../../scripts/evidence.ts'), args: 'import <report>... --phase <id> --gate <id> [--format <name>] [--commit <sha>] [--env <name>] [--out <file>]', summary: 'record CI reports as one run of gate evidence' },
	readiness: { run: () => import('../../scripts/readiness.ts'), args: '[--phase <id>] [--format text|json]', summary: 'print each phase’s verdict and what blocks it' },
	inventory: { run: () => import('../../scripts/inventory.ts'), args: '--phase <id> [--from <ref>] [--to <ref>] [--write]', summary: 'draft a phase’s change inventory from git' },
	pdf: { run: () => import('../../scripts/pdf.ts'), args: '--phase <id> [--out <file>]', summary: 'print a phase’s sign-off pack to PDF' },
};

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

const usage = `Usage: phasebook <command> [options]

Commands:
${Object.entries(commands)
	.map(([name, c]) => `  ${name} ${c.args ?? ''}\n      ${c.summary}`)
	.join('\n')}

Every command but init (which takes the folder to create) takes --root <dir>
(default: the current folder); every command takes --help.
phasebook --version prints the version.`;

const [name, ...rest] = process.argv.slice(2);
if (name === '--help' || name === '-h' || name === 'help') {
	console.log(usage);
} else if (name === undefined) {
	// No command is a mistake, as a missing argument is (cli/usage): a script that runs
	// `phasebook $CMD` with CMD unset must not pass.
	const missing = findingAt({}, 'error', 'Missing the command', 'cli/usage', { hint: usage });
	console.error(formatFailure(missing, 'phasebook'));
	process.exitCode = 1;
} else if (name === '--version' || name === '-v') {
	console.log(pkg.version);
} else if (!Object.hasOwn(commands, name)) {
	const unknown = findingAt({}, 'error', `unknown command "${name}"`, 'cli/usage', { hint: usage });
	console.error(formatFailure(unknown, 'phasebook'));
	process.exitCode = 1;
} else {
	// The entry points read their options from process.argv, as when run with node directly.
	process.argv = [process.argv[0]!, fileURLToPath(new URL(`../../scripts/${name}.ts`, import.meta.url)), ...rest];
	await commands[name]!.run();
}
