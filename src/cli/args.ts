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
	let parsed;
	try {
		parsed = parseArgs({ ...config, strict: true, tokens: true });
	} catch (error) {
		// Node's messages run on over several lines ("…is ambiguous.\nDid you forget…"): the first says it.
		const message = (error as Error).message.replace(/\. To specify a positional.*$/s, '').split('\n')[0]!.trim();
		throw new UserError(message, usage);
	}
	// parseArgs keeps the last of a repeated option: `--phase 1 --phase 2` would write phase 2 in silence.
	const seen = new Set<string>();
	for (const token of parsed.tokens ?? []) {
		if (token.kind !== 'option' || config.options?.[token.name]?.multiple) continue;
		if (seen.has(token.name)) throw new UserError(`Option '${token.rawName}' is given more than once, expected it once`, usage);
		seen.add(token.name);
		// `--out ''` named the project's own folder, or a blank file name, in what followed.
		if (token.value !== undefined && token.value.trim() === '') throw new UserError(`Option '${token.rawName}' has an empty value, expected one`, usage);
	}
	return parsed;
}

export interface RunCliOptions {
	/**
	 * Ends the process once the main function settles, with its exit code, rather than when nothing
	 * is left to run. For commands that run a document's code: a timer it starts
	 * (`{setInterval(() => {}, 1000)}`) kept a finished build alive until CI's job limit. What was
	 * printed is not lost (stdout and stderr are synchronous for files, pipes and terminals on
	 * Linux), and the 'exit' handlers the command registered still run.
	 */
	exit?: boolean;
}

/** Runs a CLI main function: exit code 1 for findings that stop it and failed checks, 2 for faults. */
export function runCli(name: string, main: () => Promise<number | void>, options: RunCliOptions = {}): void {
	main()
		.then(
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
		)
		.then(() => {
			if (options.exit) process.exit();
		});
}
