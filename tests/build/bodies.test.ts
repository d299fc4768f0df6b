// Document bodies: most are compiled outside Vite and imported by Node; one that imports a component
// stays a Vite module. A reader sees no difference, and the compiled bodies are Phasebook's own cache.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeBody, makeProgram, makeSite, phaseDoc, rcaDoc } from '../helpers/program.ts';

/** Every section of an RCA, with what a body can hold: GFM, raw HTML, an expression, a diagram. */
const BODY = `
## Symptom and impact

The nightly export stopped on 2026-01-09; see [the dashboard](/) and [Astro](https://astro.build).

| Job | Status |
| --- | ------ |
| export | failed |

## Detection path and diagnostics

- [x] read the job's log
- [ ] replay the input

Six times seven is {6 * 7}.

## Root cause analysis

\`\`\`ts
const retries = 0; // "never retried"
\`\`\`

<details><summary>The log</summary>Connection reset &amp; no retry.</details>

## Alternatives considered and trade-offs

\`\`\`mermaid
flowchart LR
  A[Export] --> B[Retry]
\`\`\`

## Selected solution and rationale

Retry three times, with *backoff*.

From the frontmatter: {frontmatter.title}, detected {frontmatter.detected}.

## Regression tests added

A test that drops the connection once.

### Main

A heading whose id the page's own parts had (its main region).

## Preventive guardrails

An alert on a missed export[^alert]. End of the body.

[^alert]: Paged to the on-call engineer.
`;

/** A changelog entry whose ids (a heading, a footnote) every other entry has too. */
const entry = (version: string, date: string) => `---
version: "${version}"
title: Release ${version}
date: ${date}
status: released
owners: ["Ana"]
---

## Added

- The export, retried[^why].

### Notes

Read [the notes](#notes).

[^why]: Asked for by finance in ${version}.
`;

const IMPORT = "import Note from '../../components/Note.astro';\n";

let root: string;
let phasebook: string;

function build() {
	const result = run();
	if (result.status !== 0) throw new Error(`The build failed:\n${result.stdout}\n${result.stderr}`);
}

function run() {
	return spawnSync(process.execPath, [phasebook, 'build', '--root', root, '--out', 'out'], {
		encoding: 'utf8',
		// A cache of this program's own, which no other test's build prunes or adds to.
		env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', PHASEBOOK_CACHE_DIR: '.phasebook/cache' },
	});
}

const page = (slug: string) => readFileSync(join(root, 'out/rcas', slug, 'index.html'), 'utf8');
/** The rendered body: from the prose container to the body's last words. */
function body(slug: string): string {
	const html = page(slug);
	const start = html.indexOf('<div class="prose"');
	const end = html.indexOf('End of the body.');
	expect(start, slug).toBeGreaterThan(-1);
	expect(end, slug).toBeGreaterThan(start);
	// A diagram's element ids are scoped by a digest of the document's path.
	return html.slice(start, end).replace(/\bd[0-9a-f]{8}-/g, 'd-');
}
const modules = () => readdirSync(join(root, '.phasebook/cache/bodies')).filter((name) => /^[0-9a-f]{40}\.mjs$/.test(name));

beforeAll(() => {
	root = makeProgram({
		'components/Note.astro': '<aside class="author-note"><slot /></aside>\n',
		// Compiled outside Vite, and imported by Node.
		'content/rcas/rca-0001.mdx': rcaDoc('RCA-0001', 'status: mitigated\n', BODY),
		// The same body with an import it does not use: a Vite module.
		'content/rcas/rca-0002.mdx': rcaDoc('RCA-0002', 'status: mitigated\n', `${IMPORT}${BODY}`),
		// An author's component: a Vite module.
		'content/rcas/rca-0003.mdx': rcaDoc('RCA-0003', 'status: mitigated\n', `${IMPORT}${BODY.replace('Retry three times', '<Note>Told by a component.</Note>\n\nRetry three times')}`),
		// An image beside the document that shows it: a Vite module, and Astro's image pipeline.
		'content/rcas/rca-0004.mdx': rcaDoc('RCA-0004', 'status: mitigated\n', BODY.replace('Retry three times', '![The export job](./export.png)\n\nRetry three times')),
		// Headings named as the phase page's own parts are named (its panels, its evidence).
		// A section left as the template wrote it, in a body with an import: Vite's module publishes
		// the body without it, as the native compiler does.
		'content/rcas/rca-0005.mdx': rcaDoc(
			'RCA-0005',
			'status: open\n',
			`${IMPORT}${BODY.replace(/```mermaid[^`]*```/, '{/* The fixes weighed and why each was or was not taken. */}')}`,
		).replace('severity: high', 'severity: low'),
		'content/phases/1.mdx': phaseDoc('1', '', `${completeBody('phase')}\n### Requirements\n\nAs agreed.\n\n### Gate results\n\nAs run.\n\n### Related\n\nSee above.\n`),
		'content/changelog/0.1.0.mdx': entry('0.1.0', '2026-01-05'),
		'content/changelog/0.2.0.mdx': entry('0.2.0', '2026-01-12'),
	});
	// A 1x1 PNG.
	writeFileSync(join(root, 'content/rcas/export.png'), Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'));
	phasebook = makeSite(root);
	build();
}, 300_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('document bodies', () => {
	it('renders a body compiled outside Vite as the same body compiled as a Vite module', () => {
		const native = body('rca-0001');
		expect(native).toBe(body('rca-0002'));
		// What the body holds reached the page as HTML, not as escaped text.
		expect(native).toContain('Six times seven is 42.');
		// The body's own frontmatter, as Astro hands it to a Vite module (a date as js-yaml reads it).
		expect(native).toContain('From the frontmatter: Something broke, detected 2026-01-10T00:00:00.000Z.');
		expect(native).toContain('<details><summary>The log</summary>');
		expect(native).toContain('<figure class="diagram');
		expect(native).toMatch(/<h2 id="symptom-and-impact">/);
		expect(native).not.toContain('&lt;p&gt;');
	});

	it('lists no visually hidden "Footnotes" heading on the page or in its contents, and links each footnote', () => {
		const html = page('rca-0001');
		expect(html).toMatch(/<h2 id="footnote-label" class="sr-only">Footnotes<\/h2>/);
		expect(html).not.toContain('href="#footnote-label"');
		expect(html).toMatch(/<a href="#user-content-fn-alert" id="user-content-fnref-alert"/);
	});

	it('gives each changelog entry its own ids on the changelog page, and the feeds link to them', () => {
		const html = readFileSync(join(root, 'out/changelog/index.html'), 'utf8');
		const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!);
		expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
		for (const version of ['0.1.0', '0.2.0']) {
			const v = `v${version}`;
			// Every in-page link of the entry reaches an id of its own entry.
			expect(html).toContain(`<a href="#${v}-user-content-fn-why" id="${v}-user-content-fnref-why"`);
			expect(ids).toContain(`${v}-user-content-fn-why`);
			expect(html).toContain(`<a href="#${v}-notes">the notes</a>`);
			expect(ids).toContain(`${v}-notes`);
			// "## Added" keeps an id under its release; "Footnotes" stays hidden, and labelled.
			expect(html).toMatch(new RegExp(`<h3 class="change-kind" id="${v}-added">Added</h3>`));
			expect(html).toMatch(new RegExp(`<h3 class="change-kind sr-only" id="${v}-footnote-label">Footnotes</h3>`));
			expect(html).toContain(`aria-describedby="${v}-footnote-label"`);
		}
		for (const feed of ['feed.xml', 'rss.xml']) {
			const xml = readFileSync(join(root, 'out/changelog', feed), 'utf8');
			expect(xml, feed).toContain('/changelog/#v0.2.0-user-content-fn-why');
			expect(xml, feed).not.toMatch(/#v0\.[12]\.0#/);
		}
	});

	it('gives no two elements of a page one id, whatever the body’s headings are called', () => {
		for (const file of ['phases/1/index.html', 'rcas/rca-0001/index.html', 'rcas/rca-0002/index.html']) {
			const html = readFileSync(join(root, 'out', file), 'utf8');
			const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!);
			expect(ids.filter((id, i) => ids.indexOf(id) !== i), file).toEqual([]);
			// Every in-page link and reference reaches an element.
			for (const [, target] of html.matchAll(/\s(?:href="#|aria-controls="|aria-labelledby="|aria-describedby=")([^"]+)"/g)) {
				if (target !== '_top') expect(ids, `${file} refers to #${target}`).toContain(target);
			}
		}
		expect(readFileSync(join(root, 'out/phases/1/index.html'), 'utf8')).toContain('<h3 id="requirements">Requirements</h3>');
	});

	it('shows an image kept beside its document, through Astro’s image pipeline', () => {
		const img = /<img [^>]*alt="The export job"[^>]*>/.exec(page('rca-0004'))?.[0];
		expect(img).toMatch(/ src="\/_astro\/export\.[\w-]+\.webp"/);
		expect(existsSync(join(root, 'out', /src="([^"]+)"/.exec(img!)![1]!))).toBe(true);
	});

	it('leaves out a template section nobody wrote from a body Vite compiles, as from one compiled outside it', () => {
		const html = page('rca-0005');
		expect(html).toContain('End of the body.');
		expect(html).toMatch(/<h2 id="selected-solution-and-rationale">/);
		expect(html).not.toContain('Alternatives considered and trade-offs');
		expect(page('rca-0001')).toContain('Alternatives considered and trade-offs');
	});

	it('renders an author’s component in a body that imports it', () => {
		expect(page('rca-0003')).toMatch(/<aside class="author-note"[^>]*>Told by a component\.<\/aside>/);
	});

	it('keeps a module only for the bodies Node imports, and drops an edited body’s old module on the next build', () => {
		// RCA-0001, the phase report and the two changelog entries; the two bodies with an import are Vite's.
		expect(modules()).toHaveLength(4);
		const before = new Set(modules());
		const file = join(root, 'content/rcas/rca-0001.mdx');
		writeFileSync(file, readFileSync(file, 'utf8').replace('End of the body.', 'Edited. End of the body.'));
		build();
		const after = modules();
		expect(after).toHaveLength(4);
		expect(after.filter((name) => !before.has(name))).toHaveLength(1);
		expect(body('rca-0001')).toContain('Edited. ');
		// Only the cache's own files were ever touched.
		expect(existsSync(join(root, 'components/Note.astro'))).toBe(true);
	}, 300_000);

	// An author's attack: `{Symbol()}` passed the check and failed the build with "Cannot convert a
	// Symbol value to a string" and a route, which named no document.
	it('fails the build naming the document and the line of an expression whose value a page cannot show', () => {
		const file = join(root, 'content/rcas/rca-0001.mdx');
		const before = readFileSync(file, 'utf8');
		const published = page('rca-0001');
		const broken = before.replace('Retry three times', 'Retry {Symbol("times")} times');
		writeFileSync(file, broken);
		try {
			const result = run();
			expect(result.status).toBe(1);
			expect(result.stderr).toContain('phasebook build: the build failed; out/ was left as it was.');
			const line = broken.split('\n').findIndex((l) => l.includes('{Symbol(')) + 1;
			expect(result.stderr).toContain(`content/rcas/rca-0001.mdx:${line}: an expression gives the Symbol Symbol(times), which the page cannot show as text; expected text, a number or an element`);
			expect(result.stderr).not.toContain('Cannot convert a Symbol');
			// Astro's guess adds nothing to a message that names the document and the line.
			expect(result.stderr).not.toContain('This issue often occurs');
			expect(`${result.stdout}${result.stderr}`).not.toMatch(/^\s+at /m);
			expect(page('rca-0001')).toBe(published);
			// A promise, and a plain object, were published as "[object Promise]" and "[object Object]".
			for (const [expression, what] of [
				['{Promise.resolve("three")}', 'a Promise'],
				['{frontmatter.window ?? { start: 1 }}', 'an object, which reads "[object Object]"'],
				['{new Set(frontmatter.owners)}', 'a Set, which reads "[object Set]"'],
			] as const) {
				const written = before.replace('Retry three times', `Retry ${expression} times`);
				writeFileSync(file, written);
				const again = run();
				expect(again.status).toBe(1);
				const at = written.split('\n').findIndex((l) => l.includes(expression)) + 1;
				expect(again.stderr).toContain(`content/rcas/rca-0001.mdx:${at}: an expression gives ${what}, which the page cannot show as text; expected text, a number or an element`);
				expect(page('rca-0001')).toBe(published);
			}
		} finally {
			writeFileSync(file, before);
		}
	}, 300_000);

	it('fails the build with one message, no stack, for a body that throws while its page renders, and publishes nothing', () => {
		const file = join(root, 'content/phases/1.mdx');
		const before = readFileSync(file, 'utf8');
		const published = page('rca-0001');
		// A `components` map the check cannot judge, without the component the body uses: the page
		// throws when it renders (once for the page and once for its phase's print version).
		const broken = `${before.replace(/^(---\n[\s\S]*?\n---\n)/, '$1export const components = {};\n\n')}\n<Callout>Not in the map.</Callout>\n`;
		writeFileSync(file, broken);
		try {
			const result = run();
			expect(result.status).toBe(1);
			expect(result.stderr).toContain('phasebook build: the build failed; out/ was left as it was.');
			// The message names the document and the element's line, not a cached module or a chunk of the build.
			expect(result.stderr).toContain(`content/phases/1.mdx:${broken.split('\n').indexOf('<Callout>Not in the map.</Callout>') + 1}: Expected component \`Callout\` to be defined`);
			expect(`${result.stdout}${result.stderr}`).not.toMatch(/^\s+at /m);
			expect(page('rca-0001')).toBe(published);
			expect(readdirSync(join(root, '.phasebook')).filter((name) => name.startsWith('build-'))).toEqual([]);
		} finally {
			writeFileSync(file, before);
		}
	}, 300_000);
});
