// A cold build's placeholders: each page waits for its own diagrams and gets the cached figure.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Deferral } from '../../../src/diagrams/deferral.ts';
import { clientFigure, diagramFigure, figureHtml } from '../../../src/diagrams/figure.ts';
import { THEMES } from '../../../src/diagrams/keys.ts';
import { DiagramStore } from '../../../src/diagrams/store.ts';
import { templateSvg } from '../../../src/diagrams/svg.ts';

const REPO = join(import.meta.dirname, '../../..');
const FIRST = 'flowchart LR\n  A --> B';
const SECOND = 'sequenceDiagram\n  A->>B: hi';

function storeWith(): DiagramStore {
	const store = new DiagramStore({
		root: REPO,
		cacheDir: mkdtempSync(join(tmpdir(), 'pb-deferral-')),
	});
	store.expect([FIRST, SECOND]);
	return store;
}

/** What a render session does when a diagram arrives: caches both variants, then settles it. */
function deliver(store: DiagramStore, source: string) {
	for (const theme of THEMES) {
		const svg = `<svg id="pbsvg" aria-roledescription="${theme}"><g id="pbsvg-n"></g></svg>`;
		store.cache.set(store.key(source, theme), templateSvg(svg));
	}
}

describe('Deferral', () => {
	it('fills each placeholder with the figure the cached path gives, once the diagram is in', async () => {
		const store = storeWith();
		let finish = () => {};
		const finished = new Promise<void>((resolve) => (finish = resolve));
		const deferral = new Deferral(store, [FIRST, SECOND], finished, async () => new Error('no'));
		const place = { scope: 'content/a.mdx', index: 0, heading: 'Architecture' };
		const parts = deferral.figure(FIRST, place);
		expect(parts).toMatchObject({ className: 'diagram', kind: 'Flowchart' });
		const page = `<main>${figureHtml(parts)}</main>`;

		let done = false;
		const resolved = deferral.resolve(page).then((html) => {
			done = true;
			return html;
		});
		await new Promise((resolve) => setTimeout(resolve, 20));
		expect(done).toBe(false); // still waiting for FIRST

		deliver(store, FIRST);
		finish(); // the session is over

		const html = await resolved;
		expect(html).toBe(`<main>${figureHtml(diagramFigure(store, FIRST, place)!)}</main>`);
		expect(html).not.toContain('<!--phasebook-diagram');
	});

	it('leaves text without placeholders, and placeholders of another build, as they are', async () => {
		const store = storeWith();
		const deferral = new Deferral(store, [FIRST], Promise.resolve(), async () => new Error('no'));
		const text = '<p>No diagrams</p><!--phasebook-diagram:another-build:0-->';
		expect(await deferral.resolve(text)).toBe(text);
		expect(deferral.has(FIRST)).toBe(true);
		expect(deferral.has(SECOND)).toBe(false);
	});

	it("fails with the build's diagram error when a diagram did not render", async () => {
		const store = storeWith();
		const deferral = new Deferral(store, [SECOND], Promise.resolve(), async () => {
			return new Error('1 mermaid diagram failed to render');
		});
		const html = figureHtml(deferral.figure(SECOND, { scope: 'content/b.mdx', index: 0 }));
		await expect(deferral.resolve(html)).rejects.toThrow('1 mermaid diagram failed to render');
	});

	it('gives a diagram the browser stopped rendering the client-side fallback, when the build leaves it to the reader', async () => {
		const store = storeWith();
		const asked: string[] = [];
		const deferral = new Deferral(store, [FIRST, SECOND], Promise.resolve(), async (source) => {
			asked.push(source);
			return undefined;
		});
		const first = { scope: 'content/a.mdx', index: 0, base: '/docs/' };
		const second = { scope: 'content/a.mdx', index: 1, base: '/docs/' };
		deliver(store, FIRST); // rendered before the browser stopped
		const page = `<main>${figureHtml(deferral.figure(FIRST, first))}${figureHtml(deferral.figure(SECOND, second))}</main>`;
		const html = await deferral.resolve(page);
		expect(asked).toEqual([SECOND]);
		expect(html).toBe(
			`<main>${figureHtml(diagramFigure(store, FIRST, first)!)}<figure class="diagram" data-diagram="Sequence diagram">${clientFigure(SECOND, second, '/docs/').inner}</figure></main>`,
		);
		expect(html).toContain('/docs/_phasebook/mermaid.min.js');
	});

	it('in a dev server, draws a diagram no render has taken yet in the reader’s browser rather than wait for the session', async () => {
		// No expect(): the browser is still starting, so nothing says the session will deliver it.
		const store = new DiagramStore({ root: REPO, cacheDir: mkdtempSync(join(tmpdir(), 'pb-deferral-')) });
		const never = new Promise<void>(() => {});
		const place = { scope: 'content/a.mdx', index: 0 };
		const impatient = new Deferral(store, [FIRST], never, async () => new Error('no'), { patient: false });
		const page = figureHtml(impatient.figure(FIRST, place));
		expect(await impatient.resolve(page)).toBe(`<figure class="diagram" data-diagram="Flowchart">${clientFigure(FIRST, place, '/').inner}</figure>`);
		// Once it is in, the same placeholder (the body stays compiled) gets the drawn figure.
		deliver(store, FIRST);
		expect(await impatient.resolve(page)).toBe(figureHtml(diagramFigure(store, FIRST, place)!));

		// A build waits for its session instead.
		const patient = new Deferral(store, [SECOND], never, async () => new Error('no'));
		let done = false;
		void patient.resolve(figureHtml(patient.figure(SECOND, place))).then(() => (done = true));
		await new Promise((resolve) => setTimeout(resolve, 30));
		expect(done).toBe(false);
	});

	it('asks the session to render the diagrams a page waits for next', async () => {
		const store = storeWith();
		const hurried: string[][] = [];
		store.hurry = (sources) => (hurried.push([...sources]), true);
		const deferral = new Deferral(store, [FIRST, SECOND], Promise.resolve(), async () => undefined);
		await deferral.resolve(figureHtml(deferral.figure(SECOND, { scope: 'content/b.mdx', index: 0 })));
		expect(hurried).toEqual([[SECOND]]);
	});
});
