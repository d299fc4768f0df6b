// The links plugin's images: a root-relative one, a file of public/, goes under the base path as a
// link does (the prose Link component), since Astro leaves it as written.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { satteri } from '@astrojs/markdown-satteri';
import { describe, expect, it } from 'vitest';
import { BodyCompiler, type BodySource } from '../../../src/integrations/bodies.ts';
import { satteriLinks } from '../../../src/integrations/satteri-links.ts';

/** The compiled module of a body written at `path`, for a site under `base`. */
async function compiled(base: string, path: string, body: string): Promise<string> {
	const root = mkdtempSync(join(tmpdir(), 'phasebook-links-'));
	const processor = satteri({ mdastPlugins: [satteriLinks({ root, contentDir: 'content', base })] });
	const config = { markdown: { processor, syntaxHighlight: false, shikiConfig: {}, gfm: true, smartypants: true }, srcDir: new URL('file:///nowhere/src/') };
	const compiler = new BodyCompiler({ root, config: config as unknown as ConstructorParameters<typeof BodyCompiler>[0]['config'], optimize: {}, cacheDir: join(root, 'bodies') });
	const doc: BodySource = { path, body, bodyLine: 5 };
	const result = await compiler.compile(doc);
	return 'file' in result ? readFileSync(result.file, 'utf8') : '';
}

const BODY = '![A chart](/files/chart.png) ![Remote](https://example.com/a.png) ![Protocol-relative](//example.com/b.png)\n';

describe('satteriLinks: images', () => {
	it('puts a document’s root-relative image under the base path, and leaves other images as written', async () => {
		const code = await compiled('/docs/', 'content/rcas/rca-0001.mdx', BODY);
		expect(code).toContain('src=\\"/docs/files/chart.png\\"');
		expect(code).toContain('src=\\"https://example.com/a.png\\"');
		expect(code).toContain('src=\\"//example.com/b.png\\"');
	});

	it('leaves a root-relative image as written at the site’s root, and in a file that is no document', async () => {
		expect(await compiled('/', 'content/rcas/rca-0001.mdx', BODY)).toContain('src=\\"/files/chart.png\\"');
		expect(await compiled('/docs/', 'src/pages/about.mdx', BODY)).toContain('src=\\"/files/chart.png\\"');
	});
});
