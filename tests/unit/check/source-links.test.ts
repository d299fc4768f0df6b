// Relative links as authors write them on GitHub: the check accepts what the site can follow, and
// the site follows them to a document's page or to the file in the repository.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../../src/cli/run-check.ts';
import { markSourceLink, publishedSourceLink, sourceTarget, type SourceLinkTargets } from '../../../src/core/source-links.ts';
import { completeBody, makeProgram, PROJECT_YAML, rcaDoc } from '../../helpers/program.ts';

describe('relative links: where they lead', () => {
	it('names the project path from the document’s folder, with its query and fragment; leaves other hrefs alone', () => {
		expect(sourceTarget('content/rcas/rca-0002.mdx', './rca-0001.mdx#root-cause-analysis')).toEqual({ path: 'content/rcas/rca-0001.mdx', query: '', fragment: '#root-cause-analysis' });
		expect(sourceTarget('content/rcas/rca-0002.mdx', '../../src/my%20file.ts?plain=1#L10')).toEqual({ path: 'src/my file.ts', query: '?plain=1', fragment: '#L10' });
		expect(sourceTarget('content/rcas/rca-0002.mdx', '../../src/')).toEqual({ path: 'src', query: '', fragment: '' });
		// Out of the project: the repository's files beside it (a program in docs/).
		expect(sourceTarget('content/rcas/rca-0002.mdx', '../../../src/main.ts')).toEqual({ path: '../src/main.ts', query: '', fragment: '' });
		for (const href of ['https://example.com/x', 'mailto:a@b.c', '/phases/1/', '//cdn.example.com/x', '#symptom', '?q=1', ''])
			expect(sourceTarget('content/rcas/rca-0002.mdx', href), href).toBeUndefined();
	});

	it('turns a marked link into the document’s page, or the file in the repository at the built commit', () => {
		const targets: SourceLinkTargets = {
			routeOf: (path) => ({ 'content/rcas/rca-0001.mdx': '/rcas/rca-0001/', 'content/changelog/0.2.0.mdx': '/changelog/#v0.2.0' })[path],
			repository: 'https://github.com/acme/app/',
			ref: 'a57f61a400b1c0ffee',
			projectPrefix: 'docs/',
			isFolder: (path) => path === 'src' || path === '..',
		};
		const lead = (href: string, to = targets) => publishedSourceLink(markSourceLink('content/rcas/rca-0002.mdx', href)!, to);
		expect(lead('rca-0001.mdx?x=1#symptom')).toBe('/rcas/rca-0001/#symptom');
		// The changelog holds every entry: an entry's own ids are under its anchor.
		expect(lead('../changelog/0.2.0.mdx')).toBe('/changelog/#v0.2.0');
		expect(lead('../changelog/0.2.0.mdx#added')).toBe('/changelog/#v0.2.0-added');
		// Spaces as %20 or as written between <>, both encoded once.
		expect(lead('../../src/my%20file.ts?plain=1#L10')).toBe('https://github.com/acme/app/blob/a57f61a400b1c0ffee/docs/src/my%20file.ts?plain=1#L10');
		expect(lead('../../src/my file.ts')).toBe('https://github.com/acme/app/blob/a57f61a400b1c0ffee/docs/src/my%20file.ts');
		expect(lead('../../src/')).toBe('https://github.com/acme/app/tree/a57f61a400b1c0ffee/docs/src');
		// The code beside the program's folder, and the repository's top; nothing beyond it.
		expect(lead('../../../src/main.ts#L1')).toBe('https://github.com/acme/app/blob/a57f61a400b1c0ffee/src/main.ts#L1');
		expect(lead('../../../')).toBe('https://github.com/acme/app/tree/a57f61a400b1c0ffee/');
		// The program's own folder.
		expect(lead('../../', { ...targets, isFolder: (path) => path === '.' })).toBe('https://github.com/acme/app/tree/a57f61a400b1c0ffee/docs');
		expect(lead('../../../../etc/passwd')).toBeUndefined();
		// Without a repository a file has nowhere to be shown: no link (the check says so).
		expect(lead('../../src/a.ts', { ...targets, repository: undefined })).toBeUndefined();
		expect(lead('rca-0001.mdx', { ...targets, repository: undefined })).toBe('/rcas/rca-0001/');
		// Anything not marked is left as it is.
		expect(publishedSourceLink('https://example.com/', targets)).toBe('https://example.com/');
	});
});

describe('references/link: relative links', () => {
	const body = (links: string) => `${completeBody('rca')}\n${links}\n`;
	const check = async (links: string, project = PROJECT_YAML, files: Record<string, string> = {}) => {
		const root = makeProgram({ 'content/project.yaml': project, 'content/rcas/rca-0001.mdx': rcaDoc('RCA-0001'), 'content/rcas/rca-0002.mdx': rcaDoc('RCA-0002', 'status: mitigated\n', body(links)), ...files });
		const { findings } = await runCheck(root, { diagrams: false });
		return findings.filter((f) => f.ruleId === 'references/link').map((f) => f.message);
	};

	it('ok: a link to another document, by its file as on GitHub, and a footnote', async () => {
		expect(await check('See [the first RCA](./rca-0001.mdx) and [phase 1][p1].[^1]\n\n[p1]: ../phases/1.mdx\n[^1]: A footnote, not a link.')).toEqual([]);
	});

	it('not ok: a link to a code file when no repository is set, so the site could not link it', async () => {
		const message = (href: string, path: string) => `Link "${href}" names ${path}, a file or folder the site does not publish, expected a document or, for the site to link it in the repository's web view, repository in content/project.yaml`;
		expect(await check('See [the code](../../src/a.ts), [again][code] and [the folder](../../src/).\n\n[code]: ../../src/a.ts')).toEqual([
			message('../../src/a.ts', 'src/a.ts'),
			message('../../src/', 'src'),
			message('../../src/a.ts', 'src/a.ts'),
		]);
		// Settings that fail their schema say so themselves: no second error on every link.
		const broken = await check('See [the code](../../src/a.ts).', `${PROJECT_YAML}repository: git@github.com:acme/app.git\n`);
		expect(broken).toEqual([]);
	});

	it('ok: with a repository, the site links the file there, spaces written as %20 included; a definition that leads nowhere is still an error', async () => {
		const project = `${PROJECT_YAML}repository: https://github.com/acme/app\n`;
		expect(await check('See [the code](../../src/a.ts) and [the readme](../../my%20notes.md).\n\n[gone]: ../../src/gone.ts', project, { 'my notes.md': '# Notes\n' })).toEqual([
			'Unresolved link "../../src/gone.ts", expected a page of the site (such as /phases/1/) or a file of the project',
		]);
	});

	it('not ok: a link to a file git ignores (a build’s output), which the repository never has; a new file not yet committed is fine', async () => {
		const project = `${PROJECT_YAML}repository: https://github.com/acme/app\n`;
		const files = { '.gitignore': 'dist/\n', 'dist/index.html': '<p>built</p>\n' };
		const root = makeProgram({ 'content/project.yaml': project, 'content/rcas/rca-0001.mdx': rcaDoc('RCA-0001'), ...files, 'content/rcas/rca-0002.mdx': rcaDoc('RCA-0002', 'status: mitigated\n', body('See [the build](../../dist/index.html), [the code](../../src/a.ts) and [the new file](../../src/new.ts).')) });
		writeFileSync(join(root, 'src/new.ts'), 'export const added = 1;\n');
		const { findings } = await runCheck(root, { diagrams: false });
		expect(findings.filter((f) => f.ruleId === 'references/link').map((f) => f.message)).toEqual([
			'Link "../../dist/index.html" names dist/index.html, which git ignores, so the repository the site links it in does not have it; expected a file git keeps',
		]);
	});

	it('not ok: a relative link written as HTML, which the site publishes as written; an address or a Markdown link is fine', async () => {
		expect(await check('See <a href="./rca-0001.mdx">the first RCA</a>, <a href="/rcas/rca-0001/">its page</a> and [the same](./rca-0001.mdx).')).toEqual([
			'Link "./rca-0001.mdx" is written as HTML, which the site publishes as written, where it leads nowhere from the page; expected a Markdown link [text](./rca-0001.mdx), which the site follows to the document or the file, or a page\'s address such as /phases/1/',
		]);
	});

	// On a line of its own the anchor is an HTML block: it was not looked at, and published broken.
	it('not ok: a relative link written as HTML on a line of its own, or inside a block element', async () => {
		expect(await check('<a href="./rca-0001.mdx">the first RCA</a>\n\n<div><a href="notes/design.html">design</a></div>\n\n<a href="/rcas/rca-0001/">its page</a>')).toEqual([
			'Link "./rca-0001.mdx" is written as HTML, which the site publishes as written, where it leads nowhere from the page; expected a Markdown link [text](./rca-0001.mdx), which the site follows to the document or the file, or a page\'s address such as /phases/1/',
			'Unresolved link "notes/design.html", expected a page of the site (such as /phases/1/) or a file of the project',
		]);
	});

	// An author's attack: [f](../../.git/config) passed and was published as a link that returns 404.
	it('not ok: a link to one of git\'s own files', async () => {
		const project = `${PROJECT_YAML}repository: https://github.com/acme/app\n`;
		expect(await check('See [config](../../.git/config).', project)).toEqual([
			'Link "../../.git/config" names .git/config, one of git\'s own files, which the repository the site links it in does not show; expected a page of the site, a document or a file of the repository',
		]);
	});

	it('not ok: a link out of the repository, whether or not the file is there on this machine', async () => {
		const project = `${PROJECT_YAML}repository: https://github.com/acme/app\n`;
		expect(await check('See [passwd](../../../../../../../../etc/passwd) and [none](../../../../../../../../etc/nothing-here).', project)).toEqual([
			'Link "../../../../../../../../etc/passwd" leads out of the repository, expected a page of the site, a document or a file of the repository',
			'Link "../../../../../../../../etc/nothing-here" leads out of the repository, expected a page of the site, a document or a file of the repository',
		]);
	});
});
