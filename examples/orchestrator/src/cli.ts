#!/usr/bin/env node
// The orchestrator CLI entry point.
import { runCli } from './cli-core.ts';
import { commands } from './commands.ts';
import { VERSION } from './version.ts';

const code = await runCli(process.argv.slice(2), commands, {
	out: (text) => process.stdout.write(text),
	err: (text) => process.stderr.write(text),
	cwd: process.cwd(),
	env: process.env,
}, VERSION);
process.exitCode = code;
