// Build-time middleware: fills in the figures a cold build left as placeholders (see deferral.ts).
import { resolveDeferredDiagrams } from 'virtual:phasebook/context';

type Next = () => Promise<Response>;

export async function onRequest(_context: unknown, next: Next): Promise<Response> {
	const response = await next();
	if (!response.headers.get('content-type')?.includes('text/html')) return response;
	const html = await response.text();
	return new Response(await resolveDeferredDiagrams(html), {
		status: response.status,
		statusText: response.statusText,
		headers: response.headers,
	});
}
