// Dev-server middleware: every component of a request renders against the same analysis, even when
// a file is edited while the page renders (see withRequestAnalysis). The next request sees the edit.
import { root } from 'astro:config/server';
import { fileURLToPath } from 'node:url';
import { withRequestAnalysis } from 'virtual:phasebook/context';

type Next = () => Promise<Response>;

const dir = fileURLToPath(root).replace(/\/+$/, '');

export function onRequest(_context: unknown, next: Next): Promise<Response> {
	return withRequestAnalysis(dir, next);
}
