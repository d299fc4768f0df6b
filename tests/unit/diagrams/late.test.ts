// Diagrams rendered after the start (a dev server's edits): with `keep`, in one browser and page
// kept between renders, giving what a fresh session gives.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LateRenderer } from '../../../src/diagrams/late.ts';
import { browserLaunches } from '../../../src/diagrams/renderer.ts';
import { DiagramStore } from '../../../src/diagrams/store.ts';
import { requireBrowser } from './browser-required.ts';

const REPO = join(import.meta.dirname, '../../..');
const WHERE = { path: 'content/phases/1.mdx', line: 12, column: 1 };
const folders: string[] = [];
const renderers: LateRenderer[] = [];

function setup(options: { keep?: boolean; idleMs?: number }) {
	const cacheDir = mkdtempSync(join(tmpdir(), 'phasebook-late-'));
	folders.push(cacheDir);
	const store = new DiagramStore({ root: REPO, cacheDir });
	const warnings: string[] = [];
	const late = new LateRenderer(store, false, new Set(), { warn: (m) => warnings.push(m) }, options);
	renderers.push(late);
	return { store, late, warnings };
}

const flowchart = (label: string) => `flowchart LR\n  A[Client] --> B[${label}]`;

describe('LateRenderer (Chromium)', () => {
	beforeAll(async () => {
		await requireBrowser();
	});
	afterEach(async () => {
		for (const late of renderers.splice(0)) await late.close();
		for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
	});

	it('with keep, renders edit after edit in the one browser it started, as a fresh session would', async () => {
		const { store, late, warnings } = setup({ keep: true });
		const launches = browserLaunches();
		await late.warm();
		for (const label of ['Gate', 'Gate edited', 'Gate edited again']) {
			await late.render(flowchart(label), WHERE);
			expect(store.isCached(flowchart(label))).toBe(true);
			expect(store.template(flowchart(label), 'dark')).toContain(label);
		}
		expect(browserLaunches() - launches).toBe(1);
		expect(warnings).toEqual([]);

		// The same source rendered in a session of its own gives the same SVG, light and dark.
		const fresh = setup({});
		await fresh.late.render(flowchart('Gate edited'), WHERE);
		for (const theme of ['default', 'dark'] as const) {
			expect(fresh.store.template(flowchart('Gate edited'), theme)).toBe(store.template(flowchart('Gate edited'), theme));
		}
	}, 120_000);

	it('with keep, a syntax error is the diagram’s error at its line, and the next edit renders in the same browser', async () => {
		const { store, late } = setup({ keep: true });
		const launches = browserLaunches();
		await expect(late.render('flowchart LR\n  A --> B\n  B -->> C', WHERE)).rejects.toThrow(/content\/phases\/1\.mdx:15:\d+ +error +Mermaid syntax error in line 3 of the diagram at line 12/);
		await late.render(flowchart('Fixed'), WHERE);
		expect(store.isCached(flowchart('Fixed'))).toBe(true);
		expect(browserLaunches() - launches).toBe(1);
	}, 120_000);

	it('closes the kept browser when told and after its idle time; the next edit starts another', async () => {
		const { store, late } = setup({ keep: true, idleMs: 300 });
		const launches = browserLaunches();
		await late.render(flowchart('One'), WHERE);
		await late.close();
		await late.render(flowchart('Two'), WHERE);
		expect(browserLaunches() - launches).toBe(2);
		await new Promise((resolve) => setTimeout(resolve, 1_000));
		await late.render(flowchart('Three'), WHERE);
		expect(browserLaunches() - launches).toBe(3);
		expect(store.isCached(flowchart('Three'))).toBe(true);
	}, 120_000);

	it('without keep (a build), each late render starts and closes a browser of its own', async () => {
		const { store, late } = setup({});
		const launches = browserLaunches();
		await late.warm();
		expect(browserLaunches() - launches).toBe(0);
		await late.render(flowchart('One'), WHERE);
		await late.render(flowchart('Two'), WHERE);
		expect(browserLaunches() - launches).toBe(2);
		expect(store.isCached(flowchart('Two'))).toBe(true);
	}, 120_000);
});
