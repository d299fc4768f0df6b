// `phasebook dev` on a cold diagram cache answers at once (an adopter's attack: it answered nothing
// for 17–28 s while every uncached diagram rendered). A browser that never starts holds the first
// render for its one-minute launch timeout: the pages answer long before it ends.
import { chmodSync, cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevServer, type DevServer } from '../helpers/dev-server.ts';
import { makeSite, REPO } from '../helpers/program.ts';

const port = 4500 + (process.pid % 200);
let root: string;
let dev: DevServer;

beforeAll(() => {
	root = mkdtempSync(join(tmpdir(), 'phasebook-dev-cold-'));
	for (const entry of ['content', 'templates']) cpSync(join(REPO, entry), join(root, entry), { recursive: true });
	const browser = join(root, 'hanging-browser');
	writeFileSync(browser, '#!/bin/sh\nsleep 600\n');
	chmodSync(browser, 0o755);
	// A cache of its own, empty: not the one the test run shares.
	dev = startDevServer(makeSite(root), root, port, { PHASEBOOK_BROWSER: browser, PHASEBOOK_CACHE_DIR: '.phasebook/cold' });
});

afterAll(() => {
	dev?.stop();
	if (root) rmSync(root, { recursive: true, force: true });
});

describe('phasebook dev, diagrams not rendered yet', () => {
	it('answers the dashboard while the first render waits for its browser, its diagrams drawn in the reader’s browser', async () => {
		const page = await dev.until('/', (text) => text.includes('Baseline and compliance gates'), 120_000);
		// The browser's launch timeout has not passed: the render that waits for it has not ended.
		expect(dev.log()).not.toMatch(/did not start|no browser|Rendered \d+ diagrams/i);
		expect(page).toContain('<pre class="mermaid"');
		// A diagram still rendering is no missing registration.
		expect(dev.log()).not.toContain('was not rendered at build start');
	}, 150_000);

	it('answers a document page at once, its diagrams drawn in the reader’s browser until they are rendered', async () => {
		// It waited for the browser's one-minute launch timeout, its body compiled only once its
		// diagrams were in.
		const page = await dev.until('/phases/1/', (text) => text.includes('<pre class="mermaid"'), 120_000);
		expect(dev.log()).not.toMatch(/did not start|no browser|Rendered \d+ diagrams/i);
		expect(page).not.toContain('<!--phasebook-diagram:');
	}, 150_000);
});
