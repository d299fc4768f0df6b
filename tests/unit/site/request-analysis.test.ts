// The dev server renders each request against one analysis (src/integrations/context.ts): an edit
// reported while a page renders shows on the next request, never in half of the page.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analysisOf, invalidateAnalyses, withRequestAnalysis } from '../../../src/integrations/context.ts';
import { makeProgram, phaseDoc, rcaDoc } from '../../helpers/program.ts';

describe('one analysis per dev-server request', () => {
	it('keeps the analysis a request started with when an edit is reported; the next request gets a new one', async () => {
		const root = makeProgram({}, { git: false });
		const before = await analysisOf(root);
		const during: unknown[] = [];
		await withRequestAnalysis(root, async () => {
			during.push(await analysisOf(root));
			invalidateAnalyses();
			// Components rendered after the edit, in this request.
			during.push(await analysisOf(root));
			await new Promise((done) => setTimeout(done, 10));
			during.push(await analysisOf(root));
		});
		expect(during.every((a) => a === before)).toBe(true);
		const next = await withRequestAnalysis(root, () => analysisOf(root));
		expect(next).not.toBe(before);
		expect(await analysisOf(root)).toBe(next);
	});

	// An edit in `phasebook dev` made the next request read and check all 1,000 documents again
	// (0.40 s in-process; an edit took 1.7–2.8 s to show): the check's document cache reads only
	// the edited one, and its edit shows.
	it('reads again only the document an edit changed, and shows the edit', async () => {
		const root = makeProgram({ 'content/phases/2.mdx': phaseDoc('2'), 'content/rcas/rca-0001.mdx': rcaDoc('RCA-0001') }, { git: false });
		// Written a while before, as an author's files are: a file changed in the last two seconds is
		// never kept (git's racy-clean rule), and its change time cannot be set back.
		await new Promise((done) => setTimeout(done, 2100));
		const first = await analysisOf(root);
		const documents = first.program.documents.phase.length + first.program.documents.rca.length + first.program.documents.handoff.length + first.program.documents.review.length + first.program.documents.changelog.length;
		expect(documents).toBeGreaterThan(1);
		const file = join(root, 'content/phases/1.mdx');
		writeFileSync(file, readFileSync(file, 'utf8').replace(/^title: .*$/m, 'title: Edited in dev'));
		invalidateAnalyses();
		const next = await analysisOf(root);
		expect(next.program.documents.phase.find((p) => p.id === '1')!.data.title).toBe('Edited in dev');
		expect(next.cached).toEqual(expect.objectContaining({ read: 1, reused: documents - 1 }));
	});

	it('keeps concurrent requests apart: one begun before an edit and one after it', async () => {
		const root = makeProgram({}, { git: false });
		let release = () => {};
		const paused = new Promise<void>((done) => (release = done));
		const early = withRequestAnalysis(root, async () => {
			const first = await analysisOf(root);
			await paused;
			return [first, await analysisOf(root)];
		});
		await new Promise((done) => setTimeout(done, 10));
		invalidateAnalyses();
		const late = await withRequestAnalysis(root, () => analysisOf(root));
		release();
		const [first, last] = await early;
		expect(last).toBe(first);
		expect(late).not.toBe(first);
	});
});
