// `phasebook dev` and `phasebook preview`: Astro's dev server and its preview of the built site.
import { statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { assertOwnFolder } from '../core/cache-store.ts';
import { assertProjectRoot } from '../core/project-root.ts';
import { parseCliArgs, runCli, UserError } from './args.ts';
import { assertBuildSettings } from './env-settings.ts';

export function serve(mode: 'dev' | 'preview'): void {
	const usage = `Usage: phasebook ${mode} [--root <dir>] [--port <n>] [--host <addr>]

${mode === 'dev' ? 'Serves the site with live reload: edits to content/ show on the next request.' : 'Serves the site that phasebook build wrote to dist/.'}`;
	runCli(`phasebook ${mode}`, async () => {
		const { values } = parseCliArgs(
			{
				options: {
					root: { type: 'string', default: '.' },
					port: { type: 'string' },
					host: { type: 'string' },
					help: { type: 'boolean' },
				},
			},
			usage,
		);
		if (values.help) {
			console.log(usage);
			return 0;
		}
		// Decimal digits only: Number() reads `0x50` as port 80, and `1e3` as 1000.
		const port = values.port === undefined ? undefined : /^\d+$/.test(values.port) ? Number(values.port) : NaN;
		if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) {
			throw new UserError(`Unexpected port "${values.port}", expected a number from 1 to 65535`, usage);
		}
		// Refused before Astro starts: its dev server made the folder a mistyped --root named.
		const root = resolve(values.root);
		await assertProjectRoot(root);
		if (mode === 'preview' && !statSync(join(root, 'dist'), { throwIfNoEntry: false })?.isDirectory()) {
			throw new UserError(`No built site in ${join(values.root, 'dist')}/ to serve; run phasebook build first`);
		}
		assertBuildSettings();
		// Before Astro: its integrations would fail on it one by one, each with its own error.
		assertOwnFolder(root);
		if (values.host !== undefined) await assertHost(values.host);
		process.env.ASTRO_TELEMETRY_DISABLED = '1';
		const astro = await import('astro');
		const server = { ...(port !== undefined && { port }), ...(values.host !== undefined && { host: values.host }) };
		await astro[mode]({ root, server });
		// The server runs until the process is stopped.
		return new Promise<number>(() => {});
		// A server that fails after all ends the process: the dev server's file watchers kept it
		// running, silent, after its "unexpected internal error".
	}, { exit: true });
}

/**
 * Refuses a --host this machine cannot listen on, before Astro starts: one that no name server
 * knows (999.1.1.1) stopped preview with a stack trace and left dev running after its error.
 * A server opened on it for a moment, on a free port, is the one test that says so.
 */
async function assertHost(host: string): Promise<void> {
	const probe = createServer();
	const problem = await new Promise<NodeJS.ErrnoException | undefined>((done) => {
		probe.once('error', done);
		probe.listen(0, host, () => probe.close(() => done(undefined)));
	});
	if (!problem) return;
	const why =
		problem.code === 'ENOTFOUND' || problem.code === 'EAI_AGAIN' || problem.code === 'EAI_NONAME'
			? 'no address has that name'
			: problem.code === 'EADDRNOTAVAIL'
				? 'it is not an address of this machine'
				: problem.message;
	throw new UserError(`Unexpected --host "${host}": ${why}; expected a name or address of this machine (localhost, 127.0.0.1, 0.0.0.0)`);
}
