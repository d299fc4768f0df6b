import { join } from 'node:path';
import { chromium } from 'playwright';
import { beforeAll, describe, expect, it } from 'vitest';
import { mermaidBundlePath } from '../../../src/diagrams/keys.ts';
import {
	browserLaunches,
	LAUNCH_ARGS,
	renderDiagrams,
	type RenderJob,
} from '../../../src/diagrams/renderer.ts';
import { slimSvg } from '../../../src/diagrams/slim.ts';
import { instantiateSvg, templateSvg } from '../../../src/diagrams/svg.ts';
import { requireBrowser } from './browser-required.ts';

const REPO = join(import.meta.dirname, '../../..');
const SOURCES = {
	flowchart:
		'flowchart LR\n  A[Client] --> B{Gate}\n  B -->|pass| C[(Store)]\n  B -->|fail| D[Reject]',
	sequence: 'sequenceDiagram\n  accTitle: Order\n  User->>API: POST /orders\n  API-->>User: 201',
	class: 'classDiagram\n  class Gate {\n    +run() bool\n  }\n  Gate <|-- UnitGate',
	broken: 'flowchart LR\n  A --> B\n  B -->> C',
};

describe('renderDiagrams (Chromium)', () => {
	let executablePath = '';
	beforeAll(async () => {
		executablePath = await requireBrowser();
	});

	it('renders a batch in one browser session, light and dark, reporting errors per diagram', async () => {
		const jobs: RenderJob[] = Object.entries(SOURCES).flatMap(([name, source]) =>
			(['default', 'dark'] as const).map((theme) => ({ key: `${name}-${theme}`, source, theme })),
		);
		const launches = browserLaunches();
		const outcomes = await renderDiagrams(jobs, {
			executablePath,
			mermaidScript: mermaidBundlePath(REPO),
			batchSize: 3,
		});
		expect(browserLaunches() - launches).toBe(1);
		expect(outcomes.map((outcome) => outcome.key).sort()).toEqual(
			jobs.map((job) => job.key).sort(),
		);
		const byKey = new Map(outcomes.map((outcome) => [outcome.key, outcome]));
		expect(byKey.get('broken-default')).toMatchObject({
			error: { message: expect.stringMatching(/^Parse error on line 3:/) },
		});
		const light = byKey.get('flowchart-default');
		const dark = byKey.get('flowchart-dark');
		expect(light && 'svg' in light && light.svg).toMatch(/^<svg id="pbsvg"/);
		expect(light && 'svg' in light && dark && 'svg' in dark && light.svg !== dark.svg).toBe(true);
	}, 60_000);

	// A reader's attack: the light theme's gantt bars wrote white labels on light violet (2.95:1).
	it('labels the light theme’s gantt bars in dark text, legible on their fill', async () => {
		const source = 'gantt\n  dateFormat YYYY-MM-DD\n  section Phases\n  Planned work :p1, 2026-01-01, 30d';
		const [outcome] = await renderDiagrams([{ key: 'gantt', source, theme: 'default' }], { executablePath, mermaidScript: mermaidBundlePath(REPO) });
		const svg = outcome && 'svg' in outcome ? outcome.svg : '';
		expect(svg).toMatch(/\.taskText[^{]*\{[^}]*fill:\s*#1a1d23/);
		expect(svg).not.toMatch(/\.taskText[^{]*\{[^}]*fill:\s*(?:white|#fff)\b/i);
	}, 60_000);

	it('slims and templates SVGs without changing a pixel of what they draw', async () => {
		const jobs: RenderJob[] = ['flowchart', 'sequence', 'class'].map((name) => ({
			key: name,
			source: SOURCES[name as keyof typeof SOURCES],
			theme: 'default',
		}));
		const outcomes = await renderDiagrams(jobs, {
			executablePath,
			mermaidScript: mermaidBundlePath(REPO),
		});
		const browser = await chromium.launch({ executablePath, args: LAUNCH_ARGS });
		try {
			const page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
			const shot = async (svg: string) => {
				await page.setContent(`<!doctype html><body style="margin:0">${svg}</body>`);
				return page.screenshot({ fullPage: true });
			};
			for (const outcome of outcomes) {
				if (!('svg' in outcome)) throw new Error(`${outcome.key} did not render`);
				const processed = instantiateSvg(templateSvg(slimSvg(outcome.svg)), {
					prefix: 'd0-0l-',
					alt: 'Diagram',
				});
				expect(processed.length).toBeLessThan(outcome.svg.length);
				expect((await shot(processed)).equals(await shot(outcome.svg)), outcome.key).toBe(true);
			}
		} finally {
			await browser.close();
		}
	}, 60_000);
});
