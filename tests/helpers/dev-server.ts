// A `phasebook dev` server for tests: started on a copy of a program, polled until a page says
// what a test waits for, its log kept to explain a failure.
import { spawn, type ChildProcess } from 'node:child_process';

// Vitest also sets NODE_ENV=test, in which Vite's dev server sends the browser no reload.
const withoutVitest = (env: NodeJS.ProcessEnv) =>
	Object.fromEntries(Object.entries(env).filter(([k]) => !k.startsWith('VITEST') && k !== 'NODE_ENV'));

export interface DevServer {
	/** Everything the server printed so far. */
	log(): string;
	get(path: string): Promise<{ status: number; text: string }>;
	/** Polls `path` until `test` accepts its text, or fails after `ms` with what the page last said. */
	until(path: string, test: (text: string) => boolean, ms: number): Promise<string>;
	stop(): void;
}

/** Starts `<bin> dev` for `root` on `port`, with `env` added (and the test runner's own left out). */
export function startDevServer(bin: string, root: string, port: number, env: NodeJS.ProcessEnv = {}): DevServer {
	const base = `http://127.0.0.1:${port}`;
	let log = '';
	const server: ChildProcess = spawn(process.execPath, [bin, 'dev', '--root', root, '--port', String(port), '--host', '127.0.0.1'], {
		cwd: root,
		// Without the test runner's own variables: Astro's dev server serves no pages when VITEST is set.
		env: { ...withoutVitest(process.env), ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', ...env },
	});
	server.stdout?.on('data', (d) => (log += d));
	server.stderr?.on('data', (d) => (log += d));
	const get = async (path: string) => {
		const response = await fetch(`${base}${path}`);
		return { status: response.status, text: await response.text() };
	};
	return {
		log: () => log,
		get,
		async until(path, test, ms) {
			const deadline = Date.now() + ms;
			let last = '';
			while (Date.now() < deadline) {
				try {
					const page = await get(path);
					last = `${page.status} ${page.text.slice(0, 300)}`;
					if (page.status === 200 && test(page.text)) return page.text;
				} catch (error) {
					last = String(error);
				}
				await new Promise((r) => setTimeout(r, 200));
			}
			throw new Error(`${path} did not answer as expected within ${ms} ms (last: ${last})\n${log.slice(-3000)}`);
		},
		stop: () => void server.kill('SIGTERM'),
	};
}
