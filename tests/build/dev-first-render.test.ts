// `phasebook dev` on a cold diagram cache: a page waits for its own diagrams only, which go to the
// front of the first render's queue, not for the whole program's. Every document body compiled
// while that render went on (the first document page compiles them all) waited for every diagram:
// at 1,000 documents the first phase page took 36 s, the whole render's time.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevServer, type DevServer } from '../helpers/dev-server.ts';
import { makeSite, REPO } from '../helpers/program.ts';

const port = 4700 + (process.pid % 200);
/** Enough diagrams that rendering them all takes several times as long as one page. */
const MANY = 400;
const RENDERED = /Rendered \d+ diagrams/;
let root: string;
let dev: DevServer;

/** The figures of a page: the rendered ones, the placeholders left in, and those left to the reader's browser. */
function figures(html: string) {
	return {
		svg: (html.match(/<div class="diagram-light"><svg /g) ?? []).length,
		placeholders: (html.match(/<!--phasebook-diagram:/g) ?? []).length,
		client: (html.match(/<pre class="mermaid"/g) ?? []).length,
	};
}

beforeAll(() => {
	root = mkdtempSync(join(tmpdir(), 'phasebook-dev-first-'));
	for (const entry of ['content', 'templates']) cpSync(join(REPO, entry), join(root, entry), { recursive: true });
	// Phase 1 gets many diagrams; the RCA one of its own, which a render in order would reach last.
	const phase = join(root, 'content/phases/1.mdx');
	const many = Array.from({ length: MANY }, (_, i) => `\`\`\`mermaid\nflowchart LR\n  A${i}[Client ${i}] --> B${i}[Service ${i}]\n\`\`\``).join('\n\n');
	writeFileSync(phase, readFileSync(phase, 'utf8').replace('## Test strategy and coverage deltas', `### Many\n\n${many}\n\n## Test strategy and coverage deltas`));
	const rca = join(root, 'content/rcas/rca-0004.mdx');
	writeFileSync(rca, readFileSync(rca, 'utf8').replace('## Root cause analysis', '```mermaid\nflowchart LR\n  Z[The RCA’s own] --> Y[diagram]\n```\n\n## Root cause analysis'));
	// A cache of its own, empty: not the one the test run shares.
	dev = startDevServer(makeSite(root), root, port, { PHASEBOOK_CACHE_DIR: '.phasebook/cold' });
});

afterAll(() => {
	dev?.stop();
	if (root) rmSync(root, { recursive: true, force: true });
});

describe('phasebook dev, the first render of a cold cache', () => {
	it('answers a page with its own diagram drawn while the program’s still render', async () => {
		// The first request may come while the browser is still starting: its diagram is then left to
		// the reader's browser, and the next request finds it drawn.
		const page = await dev.until('/rcas/rca-0004/', (text) => figures(text).svg === 1, 240_000);
		expect(dev.log()).not.toMatch(RENDERED);
		expect(figures(page)).toEqual({ svg: 1, placeholders: 0, client: 0 });
		expect(page).toContain('The RCA’s own');
	}, 300_000);

	it('fills in every figure of a page compiled while they rendered, once they are in', async () => {
		await dev.until('/', () => RENDERED.test(dev.log()), 240_000);
		const { text } = await dev.get('/phases/1/');
		expect(figures(text)).toMatchObject({ placeholders: 0, client: 0 });
		expect(figures(text).svg).toBeGreaterThanOrEqual(MANY);
	}, 300_000);
});
