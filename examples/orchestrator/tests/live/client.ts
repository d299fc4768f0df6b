// The live tests talk to an orchestrator that is already running: ORCH_URL says where.
import assert from 'node:assert/strict';

export const BASE = process.env['ORCH_URL'] ?? 'http://127.0.0.1:8420';
assert.ok(/^https?:\/\//.test(BASE), `ORCH_URL must be an http(s) URL, got ${BASE}`);

export function url(path: string): string {
	return `${BASE}${path}`;
}

export async function json(res: Response): Promise<any> {
	assert.match(res.headers.get('content-type') ?? '', /json/);
	return res.json();
}
