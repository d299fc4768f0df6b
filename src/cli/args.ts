// Shared plumbing for the thin CLI entry points in scripts/: argument errors and exit codes.
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A mistake the user can fix: printed as one line, no stack trace, exit code 1. */
export class UserError extends Error {
	readonly hint: string | undefined;
	constructor(message: string, hint?: string) {
		super(message);
		this.name = 'UserError';
		this.hint = hint;
	}
}

export function parseCliArgs<T extends ParseArgsConfig>(config: T, usage: string) {
	try {
		return parseArgs({ ...config, strict: true });
	} catch (error) {
		throw new UserError((error as Error).message.replace(/\. To specify a positional.*$/s, ''), usage);
	}
}

/** Runs a CLI main function: exit code 1 for user errors and failed checks, 2 for internal faults. */
export function runCli(name: string, main: () => Promise<number | void>): void {
	main().then(
		(code) => {
			process.exitCode = code ?? 0;
		},
		(error: unknown) => {
			if (error instanceof UserError) {
				console.error(`${name}: ${error.message}`);
				if (error.hint) console.error(error.hint);
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
