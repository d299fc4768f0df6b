// Starts the orchestrator in-process on a free port for a test file.
import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { createOrchestrator, listen, type ServerOptions } from '../../src/server.ts';

export const SAMPLE_REPO = fileURLToPath(new URL('../fixtures/sample-repo/', import.meta.url));

export interface Running {
	url: string;
	close(): Promise<void>;
}

export async function startServer(options: Partial<ServerOptions> = {}): Promise<Running> {
	const server: Server = await createOrchestrator({ repoDir: SAMPLE_REPO, ...options });
	const address = await listen(server, 0, '127.0.0.1');
	return {
		url: `http://127.0.0.1:${address.port}`,
		close: () => new Promise((done) => server.close(() => done())),
	};
}
