// `phasebook pdf --phase <id> [--out <file>]`: a phase's report, evidence summary, handoff and
// review as one PDF for sign-off, printed from the built site (built first when it is stale).
import { spawn } from 'node:child_process';
import { join, relative, resolve } from 'node:path';
import { parseCliArgs, runCli, UserError } from '../src/cli/args.ts';
import { assertBuildSettings } from '../src/cli/env-settings.ts';
import { phasePdf } from '../src/print/pdf.ts';

const usage = `Usage: phasebook pdf --phase <id> [--out <file>] [--root <dir>]

Prints the sign-off pack of a phase (its report with facts and requirements, the
evidence summary and readiness call, its handoffs and reviews, and the approvals)
to a PDF, phase-<id>.pdf by default. It uses dist/ when it is newer than the
sources and runs \`phasebook build\` first otherwise. Needs Chromium or Chrome (see
PHASEBOOK_BROWSER). The pack is the page /phases/<id>/print/ of the site.`;

/** The build was interrupted, and said so: the command ends with its exit code. */
class Interrupted extends Error {
	readonly code: number;
	constructor(code: number) {
		super('interrupted');
		this.code = code;
	}
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

function build(root: string): Promise<void> {
	return new Promise((done, fail) => {
		const child = spawn(process.execPath, [join(import.meta.dirname, '../bin/phasebook.js'), 'build', '--root', root], { stdio: ['ignore', 'inherit', 'inherit'] });
		// Ctrl-C or a cancelled job reaches this command: the build it started stops too, and says so,
		// instead of going on alone and replacing dist/ after this command had ended.
		let interrupted = false;
		const forward = (signal: NodeJS.Signals) => {
			interrupted = true;
			child.kill(signal);
		};
		for (const signal of SIGNALS) process.on(signal, forward);
		child.on('error', fail);
		child.on('exit', (code) => {
			for (const signal of SIGNALS) process.off(signal, forward);
			if (code === 0) done();
			else if (interrupted) fail(new Interrupted(code ?? 1));
			else fail(new UserError('The build failed (see above), so there is nothing to print; no PDF was written.'));
		});
	});
}

async function main(): Promise<number> {
	const { values } = parseCliArgs(
		{
			options: {
				phase: { type: 'string' },
				out: { type: 'string' },
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
	if (!values.phase) throw new UserError('Missing --phase <id>', usage);
	// The PDF is printed from a site built with these, perhaps by this command.
	assertBuildSettings();
	const root = resolve(values.root);
	const printing = phasePdf({
		root,
		phase: values.phase,
		out: values.out,
		base: process.env.PHASEBOOK_BASE,
		build: () => build(root),
		log: (message) => console.log(`phasebook pdf: ${message}`),
	});
	let result: Awaited<typeof printing>;
	try {
		result = await printing;
	} catch (error) {
		if (error instanceof Interrupted) return error.code;
		throw error;
	}
	const kb = (result.bytes / 1024).toFixed(0);
	console.log(`phasebook pdf: wrote ${relative(process.cwd(), result.out) || result.out} (${kb} KB)`);
	return 0;
}

// Ends once the PDF is written, as the build does: nothing left open keeps the command waiting.
runCli('phasebook pdf', main, { exit: true });
