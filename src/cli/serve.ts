// `phasebook dev` and `phasebook preview`: Astro's dev server and its preview of the built site.
import { resolve } from 'node:path';
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
		process.env.ASTRO_TELEMETRY_DISABLED = '1';
		const astro = await import('astro');
		const server = { ...(port !== undefined && { port }), ...(values.host !== undefined && { host: values.host }) };
		await astro[mode]({ root: resolve(values.root), server });
		// The server runs until the process is stopped.
		return new Promise<number>(() => {});
	});
}
