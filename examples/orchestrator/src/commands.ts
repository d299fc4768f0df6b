// Every CLI command, including serve; cli.ts only runs them.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError, type Command } from './cli-core.ts';
import { complianceCommands } from './compliance/commands.ts';
import { contractCommands } from './contracts/commands.ts';
import { createOrchestrator, listen } from './server.ts';
import { templateCommands } from './templates/commands.ts';
import { workflowCommands } from './workflow/commands.ts';

const serve: Command = {
	name: 'serve',
	summary: 'Start the orchestrator API: serve [--port 8420] [--host 127.0.0.1] [--repo DIR] [--history DIR]',
	async run(args, io) {
		const { values } = parseArgs({
			args,
			options: { port: { type: 'string' }, host: { type: 'string' }, repo: { type: 'string' }, history: { type: 'string' } },
		});
		const port = Number(values.port ?? io.env['PORT'] ?? 8420);
		if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be 0-65535, got "${values.port}"`);
		const server = await createOrchestrator({
			repoDir: resolve(io.cwd, values.repo ?? '.'),
			historyDir: values.history ? resolve(io.cwd, values.history) : undefined,
			publishToken: io.env['ORCH_PUBLISH_TOKEN'],
		});
		const address = await listen(server, port, values.host ?? '127.0.0.1');
		io.out(`listening on http://${address.address}:${address.port}\n`);
		await new Promise<void>((done) => {
			const stop = () => server.close(() => done());
			process.once('SIGTERM', stop);
			process.once('SIGINT', stop);
		});
		return 0;
	},
};

export const commands: Command[] = [serve, ...complianceCommands, ...templateCommands, ...contractCommands, ...workflowCommands];
