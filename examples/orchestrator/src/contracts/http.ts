// The registry API: list, fetch (strong ETag), publish after the compatibility check, validate payloads.
import { HttpError, json, type Route } from '../http.ts';
import { PublishError, Registry, UnknownSchemaError } from './registry.ts';
import { validatePayload } from './validate.ts';

export interface ContractRouteOptions {
	registry: Registry;
	/** Bearer token with the contracts:publish scope; without one, publishing is disabled. */
	publishToken?: string | undefined;
}

function entryOr404(registry: Registry, id: string) {
	try {
		return registry.get(id);
	} catch (error) {
		if (error instanceof UnknownSchemaError) throw new HttpError(404, 'unknown_schema', error.message);
		throw error;
	}
}

export function contractRoutes({ registry, publishToken }: ContractRouteOptions): Route[] {
	return [
		{
			method: 'GET',
			path: '/v1/schemas',
			handle() {
				const entries = registry.entries();
				return json(200, {
					schemas: entries.map((e) => ({
						id: e.id.id,
						name: e.id.name,
						version: e.id.version,
						latest: registry.latest(e.id.name)?.id.id === e.id.id,
						description: e.schema.description ?? '',
					})),
				});
			},
		},
		{
			method: 'GET',
			path: '/v1/schemas/:id',
			handle(request) {
				const entry = entryOr404(registry, request.params['id']!);
				const etag = `"sha256-${entry.hash}"`;
				if (request.headers['if-none-match'] === etag) return { status: 304, headers: { etag } };
				return {
					status: 200,
					headers: { etag, 'content-type': 'application/schema+json' },
					body: `${JSON.stringify(entry.schema, null, 2)}\n`,
				};
			},
		},
		{
			method: 'POST',
			path: '/v1/schemas',
			async handle(request) {
				const auth = request.headers['authorization'];
				if (!publishToken || auth !== `Bearer ${publishToken}`) {
					throw new HttpError(401, 'unauthorized', 'Publishing needs a bearer token with the contracts:publish scope');
				}
				try {
					const entry = registry.publish(await request.json());
					return json(201, { id: entry.id.id, hash: entry.hash }, { location: `/v1/schemas/${entry.id.id}` });
				} catch (error) {
					if (error instanceof PublishError) return json(error.status, error.body);
					throw error;
				}
			},
		},
		{
			method: 'POST',
			path: '/v1/validate/:id',
			async handle(request) {
				const entry = entryOr404(registry, request.params['id']!);
				const violations = validatePayload(entry.schema, await request.json());
				return violations.length === 0
					? json(200, { valid: true, schema: entry.id.id })
					: json(422, { valid: false, schema: entry.id.id, violations });
			},
		},
	];
}
