// GET /api/v1/workflows/status: each phase's gates and last run, and a page of recent runs.
import { HttpError, json, type Route } from '../http.ts';
import { loadAll, statusDocument, MAX_LIMIT } from './history.ts';

export function workflowRoutes(options: { historyDir?: string | undefined }): Route[] {
	return [
		{
			method: 'GET',
			path: '/api/v1/workflows/status',
			handle(request) {
				const q = request.url.searchParams;
				const limitText = q.get('limit');
				const limit = limitText === null ? undefined : Number(limitText);
				if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) {
					throw new HttpError(400, 'invalid_limit', `limit must be a whole number from 1 to ${MAX_LIMIT}`);
				}
				const runs = options.historyDir ? loadAll(options.historyDir) : [];
				return json(200, statusDocument(runs, { phase: q.get('phase') ?? undefined, limit, cursor: q.get('cursor') ?? undefined }));
			},
		},
	];
}
