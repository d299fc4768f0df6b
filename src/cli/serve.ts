// `phasebook dev` and `phasebook preview`: Astro's dev server and its preview of the built site.
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { assertProjectRoot } from '../core/project-root.ts';
import { parseCliArgs, runCli, UserError } from './args.ts';

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
		const port = values.port === undefined ? undefined : Number(values.port);
		if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) {
			throw new UserError(`Unexpected port "${values.port}", expected a number from 1 to 65535`, usage);
		}
		// Refused before Astro starts: its dev server made the folder a mistyped --root named.
		const root = resolve(values.root);
		await assertProjectRoot(root);
		if (mode === 'preview' && !statSync(join(root, 'dist'), { throwIfNoEntry: false })?.isDirectory()) {
			throw new UserError(`No built site in ${join(values.root, 'dist')}/ to serve; run phasebook build first`);
		}
		process.env.ASTRO_TELEMETRY_DISABLED = '1';
		const astro = await import('astro');
		const server = { ...(port !== undefined && { port }), ...(values.host !== undefined && { host: values.host }) };
		await astro[mode]({ root, server });
		// The server runs until the process is stopped.
		return new Promise<number>(() => {});
	});
}
