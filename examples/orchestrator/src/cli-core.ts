// Commands, their output streams and the dispatcher shared by every CLI command.
export interface Io {
	out(text: string): void;
	err(text: string): void;
	cwd: string;
	env: Record<string, string | undefined>;
}

export interface Command {
	name: string;
	summary: string;
	/** Returns the exit code. */
	run(args: string[], io: Io): Promise<number>;
}

/** A mistake in the command line: printed without a stack trace, exit code 2. */
export class UsageError extends Error {}

export function usage(commands: readonly Command[]): string {
	const width = Math.max(...commands.map((c) => c.name.length));
	const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
	return `Usage: orchestrator <command> [options]\n\nCommands:\n${lines.join('\n')}\n`;
}

export async function runCli(
	argv: readonly string[],
	commands: readonly Command[],
	io: Io,
	version: string,
): Promise<number> {
	const [name, ...args] = argv;
	if (name === '--version' || name === '-v') {
		io.out(`${version}\n`);
		return 0;
	}
	if (name === undefined || name === '--help' || name === '-h') {
		io.out(usage(commands));
		return name === undefined ? 2 : 0;
	}
	const command = commands.find((c) => c.name === name);
	if (!command) {
		io.err(`Unknown command "${name}"\n\n${usage(commands)}`);
		return 2;
	}
	try {
		return await command.run(args, io);
	} catch (error) {
		if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
			io.err(`orchestrator ${name}: ${(error as Error).message}\n`);
			return 2;
		}
		throw error;
	}
}
