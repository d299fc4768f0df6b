// The orchestrator's HTTP server: compliance, templates, the schema registry, workflow status and the UI pages.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { complianceRoutes } from './compliance/http.ts';
import { contractRoutes } from './contracts/http.ts';
import { Registry } from './contracts/registry.ts';
import { dispatch, HttpError, type Route } from './http.ts';
import { templateRoutes } from './templates/http.ts';
import { VERSION } from './version.ts';
import { workflowRoutes } from './workflow/http.ts';

export const UI_DIR = fileURLToPath(new URL('../assets/ui/', import.meta.url));
const UI_PAGES = new Set(['compliance', 'templates', 'schemas']);

export interface ServerOptions {
	/** The repository whose compliance is reported. */
	repoDir: string;
	/** Run history (runs.jsonl and evidence/); none means an empty status. */
	historyDir?: string | undefined;
	/** Bearer token that may publish schemas. */
	publishToken?: string | undefined;
	schemasDir?: string | undefined;
	templatesDir?: string | undefined;
}

function baseRoutes(): Route[] {
	return [
		{ method: 'GET', path: '/healthz', handle: () => ({ status: 200, body: { status: 'ok', version: VERSION } }) },
		{ method: 'GET', path: '/', handle: () => ({ status: 302, headers: { location: '/ui/compliance' } }) },
		{
			method: 'GET',
			path: '/ui/:page',
			async handle(request) {
				const page = request.params['page']!;
				if (!UI_PAGES.has(page)) throw new HttpError(404, 'not_found', `No page ${page}`);
				const html = await readFile(join(UI_DIR, `${page}.html`), 'utf8');
				return { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: html };
			},
		},
	];
}

export async function createOrchestrator(options: ServerOptions): Promise<Server> {
	const registry = await Registry.load(options.schemasDir);
	const routes = [
		...baseRoutes(),
		...complianceRoutes({ repoDir: options.repoDir }),
		...templateRoutes(options.templatesDir ? { templatesDir: options.templatesDir } : {}),
		...contractRoutes({ registry, publishToken: options.publishToken }),
		...workflowRoutes({ historyDir: options.historyDir }),
	];
	return createServer((req, res) => {
		void dispatch(routes, req, res);
	});
}

/** Starts listening; port 0 picks a free port. Resolves with the address actually bound. */
export function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
	return new Promise((resolvePromise, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => resolvePromise(server.address() as AddressInfo));
	});
}
