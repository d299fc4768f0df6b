// GET /api/v1/compliance: the compliance verdict of the repository the orchestrator serves.
import { json, type Route } from '../http.ts';
import { complianceReport } from './report.ts';

export function complianceRoutes(options: { repoDir: string }): Route[] {
	return [
		{
			method: 'GET',
			path: '/api/v1/compliance',
			async handle() {
				const report = await complianceReport(options.repoDir);
				return json(200, report, { 'cache-control': 'no-store' });
			},
		},
	];
}
