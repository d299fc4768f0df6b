// The orchestrator's tiny HTTP layer: routes with :params, JSON replies and problem documents.
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface Reply {
	status: number;
	headers?: Record<string, string>;
	/** A string or Buffer is sent as is; anything else as JSON. */
	body?: unknown;
}

export interface RouteRequest {
	method: string;
	url: URL;
	params: Record<string, string>;
	headers: IncomingMessage['headers'];
	/** The parsed JSON body; throws HttpError(400) when it is not JSON. */
	json(): Promise<unknown>;
}

export interface Route {
	method: string;
	/** `/v1/schemas/:id`: each `:name` matches one path segment, URL-decoded. */
	path: string;
	handle(request: RouteRequest): Reply | Promise<Reply>;
}

/** An error that becomes a problem reply instead of a 500. */
export class HttpError extends Error {
	readonly status: number;
	readonly body: Record<string, unknown>;
	constructor(status: number, error: string, message: string, extra: Record<string, unknown> = {}) {
		super(message);
		this.status = status;
		this.body = { error, message, ...extra };
	}
}

const MAX_BODY = 1024 * 1024;

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
	return { status, body, headers };
}

/** Matches a path against a route pattern; returns the decoded params or undefined. */
export function matchPath(pattern: string, pathname: string): Record<string, string> | undefined {
	const want = pattern.split('/');
	const got = pathname.split('/');
	if (want.length !== got.length) return undefined;
	const params: Record<string, string> = {};
	for (let i = 0; i < want.length; i++) {
		const w = want[i]!;
		const g = got[i]!;
		if (w.startsWith(':')) {
			if (g === '') return undefined;
			try {
				params[w.slice(1)] = decodeURIComponent(g);
			} catch {
				return undefined;
			}
		} else if (w !== g) return undefined;
	}
	return params;
}

async function readBody(req: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req) {
		size += (chunk as Buffer).length;
		if (size > MAX_BODY) throw new HttpError(413, 'payload_too_large', 'Request body exceeds 1 MB');
		chunks.push(chunk as Buffer);
	}
	return Buffer.concat(chunks).toString('utf8');
}

/** Dispatches a request to the first matching route and writes its reply. */
export async function dispatch(
	routes: readonly Route[],
	req: IncomingMessage,
	res: ServerResponse,
): Promise<void> {
	const url = new URL(req.url ?? '/', 'http://localhost');
	const method = req.method ?? 'GET';
	let reply: Reply;
	try {
		reply = await route(routes, method, url, req);
	} catch (error) {
		if (error instanceof HttpError) reply = json(error.status, error.body);
		else {
			// Unexpected: log it for the operator, answer without internals.
			console.error(error);
			reply = json(500, { error: 'internal', message: 'Internal server error' });
		}
	}
	send(res, reply);
}

async function route(
	routes: readonly Route[],
	method: string,
	url: URL,
	req: IncomingMessage,
): Promise<Reply> {
	let pathMatched = false;
	for (const r of routes) {
		const params = matchPath(r.path, url.pathname);
		if (!params) continue;
		pathMatched = true;
		if (r.method !== method) continue;
		let cached: unknown;
		let parsed = false;
		return r.handle({
			method,
			url,
			params,
			headers: req.headers,
			async json() {
				if (parsed) return cached;
				const text = await readBody(req);
				try {
					cached = JSON.parse(text);
				} catch {
					throw new HttpError(400, 'invalid_json', 'Request body is not valid JSON');
				}
				parsed = true;
				return cached;
			},
		});
	}
	if (pathMatched) throw new HttpError(405, 'method_not_allowed', `${method} is not allowed here`);
	throw new HttpError(404, 'not_found', `No route for ${url.pathname}`);
}

function send(res: ServerResponse, reply: Reply): void {
	const headers = { ...reply.headers };
	let payload: string | Buffer | undefined;
	if (reply.body === undefined) payload = undefined;
	else if (typeof reply.body === 'string' || Buffer.isBuffer(reply.body)) payload = reply.body;
	else {
		payload = `${JSON.stringify(reply.body, null, 2)}\n`;
		headers['content-type'] ??= 'application/json; charset=utf-8';
	}
	res.writeHead(reply.status, headers);
	res.end(payload);
}
