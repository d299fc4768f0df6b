// The dev server renders each request against one analysis (src/integrations/context.ts): an edit
// reported while a page renders shows on the next request, never in half of the page.
import { describe, expect, it } from 'vitest';
import { analysisOf, invalidateAnalyses, withRequestAnalysis } from '../../../src/integrations/context.ts';
import { makeProgram } from '../../helpers/program.ts';

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
