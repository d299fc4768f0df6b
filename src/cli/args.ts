// Shared plumbing for the thin CLI entry points in scripts/: argument errors and exit codes.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { FindingError, findingAt } from '../core/findings.ts';
import { formatFailure } from '../core/findings-format.ts';

/** A mistake the user can fix: a finding of rule `cli/usage`, printed as one line, exit code 1. */
export class UserError extends FindingError {
	constructor(message: string, hint?: string) {
		super(findingAt({}, 'error', message, 'cli/usage', { hint }));
		this.name = 'UserError';
	}
}

export function parseCliArgs<T extends ParseArgsConfig>(config: T, usage: string) {
	try {
		return parseArgs({ ...config, strict: true });
	} catch (error) {
		throw new UserError((error as Error).message.replace(/\. To specify a positional.*$/s, ''), usage);
	}
}

/** Runs a CLI main function: exit code 1 for findings that stop it and failed checks, 2 for faults. */
export function runCli(name: string, main: () => Promise<number | void>): void {
	main().then(
		(code) => {
			process.exitCode = code ?? 0;
		},
		(error: unknown) => {
			if (error instanceof FindingError) {
				console.error(formatFailure(error.finding, name));
				process.exitCode = 1;
				return;
			}
			const err = error as Error;
			console.error(`${name}: unexpected internal error: ${err?.message ?? String(error)}`);
			if (process.env.PHASEBOOK_DEBUG) console.error(err?.stack);
			else console.error('Set PHASEBOOK_DEBUG=1 to see the stack trace, and please report it.');
			process.exitCode = 2;
		},
	);
}
