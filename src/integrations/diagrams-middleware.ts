// Build-time middleware: fills in the figures a cold build left as placeholders (see deferral.ts).
import { diagramRegistry } from '../core/diagrams/registry.ts';

type Next = () => Promise<Response>;

export async function onRequest(_context: unknown, next: Next): Promise<Response> {
	const response = await next();
	const { deferral } = diagramRegistry();
	if (!deferral || !response.headers.get('content-type')?.includes('text/html')) return response;
	const html = await response.text();
	return new Response(await deferral.resolve(html), {
		status: response.status,
		statusText: response.statusText,
		headers: response.headers,
	});
}
