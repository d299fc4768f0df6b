// The local template API: list templates and POST /api/v1/templates/{name}/render.
import { HttpError, json, type Route } from '../http.ts';
import { loadCatalog, renderTemplate, type Catalog } from './catalog.ts';
import { formatPosition, TemplateContextError, TemplateSecurityError } from './errors.ts';

export function templateRoutes(options: { templatesDir?: string } = {}): Route[] {
	let catalog: Promise<Catalog> | undefined;
	const load = () => (catalog ??= loadCatalog(options.templatesDir));
	return [
		{
			method: 'GET',
			path: '/api/v1/templates',
			async handle() {
				const c = await load();
				return json(200, {
					templates: c.entries.map((e) => ({ name: e.name, output: e.output, description: e.description, example: e.example })),
				});
			},
		},
		{
			method: 'POST',
			// The name carries a slash, so clients URL-encode it (github%2Fsecurity_policy); REV-000 F-3.
			path: '/api/v1/templates/:name/render',
			async handle(request) {
				const c = await load();
				const name = request.params['name']!;
				if (!c.get(name)) throw new HttpError(404, 'unknown_template', `Unknown template '${name}'`);
				const body = (await request.json()) as { context?: unknown } | null;
				const context = body?.context;
				if (typeof context !== 'object' || context === null || Array.isArray(context)) {
					throw new HttpError(400, 'invalid_request', 'Expected a JSON body {"context": {...}}');
				}
				try {
					return json(200, await renderTemplate(c, name, context as Record<string, unknown>));
				} catch (error) {
					if (error instanceof TemplateContextError || error instanceof TemplateSecurityError) {
						const kind = error instanceof TemplateSecurityError ? 'template_security' : 'template_context';
						return json(422, {
							error: kind,
							template: name,
							...(error.position ? { location: formatPosition(error.position) } : {}),
							message: error.message,
						});
					}
					throw error;
				}
			},
		},
	];
}
