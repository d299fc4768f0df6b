// Each evidence run as a JSON file at evidenceFileRoute(), so a gate page that lists part of a
// large run (FINDINGS_PER_PAGE) can link the whole of it. What is published is the run as the
// schema validated it, written the way the importer writes run files.
import type { APIRoute, GetStaticPaths } from 'astro';
import type { StoredRun } from '../../core/gate-status.ts';
import { evidenceFileRoute } from '../../core/routes.ts';
import { getAnalysis } from '../../lib/program.ts';

export const getStaticPaths = (async () => {
	const { runs } = await getAnalysis();
	return runs.flatMap((run) => {
		const route = evidenceFileRoute(run.path);
		return route ? [{ params: { run: route.slice('/evidence/'.length) }, props: { run } }] : [];
	});
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ run: StoredRun }> = ({ props }) => {
	const { path: _path, ...run } = props.run;
	return new Response(`${JSON.stringify(run, null, '\t')}\n`, { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
