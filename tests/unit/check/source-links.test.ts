// Relative links as authors write them on GitHub: the check accepts what the site can follow, and
// the site follows them to a document's page or to the file in the repository.
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../../src/cli/run-check.ts';
import { markSourceLink, publishedSourceLink, sourceTarget, type SourceLinkTargets } from '../../../src/core/source-links.ts';
import { completeBody, makeProgram, PROJECT_YAML, rcaDoc } from '../../helpers/program.ts';

describe('relative links: where they lead', () => {
	it('names the project path from the document’s folder, with its fragment; leaves other hrefs alone', () => {
		expect(sourceTarget('content/rcas/rca-0002.mdx', './rca-0001.mdx#root-cause-analysis')).toEqual({ path: 'content/rcas/rca-0001.mdx', fragment: '#root-cause-analysis' });
		expect(sourceTarget('content/rcas/rca-0002.mdx', '../../src/my%20file.ts?plain=1#L10')).toEqual({ path: 'src/my file.ts', fragment: '#L10' });
		expect(sourceTarget('content/rcas/rca-0002.mdx', '../../src/')).toEqual({ path: 'src', fragment: '' });
		for (const href of ['https://example.com/x', 'mailto:a@b.c', '/phases/1/', '//cdn.example.com/x', '#symptom', '?q=1', '../../../../etc/passwd', ''])
			expect(sourceTarget('content/rcas/rca-0002.mdx', href), href).toBeUndefined();
	});

	it('turns a marked link into the document’s page, or the file in the repository at the built commit', () => {
		const targets: SourceLinkTargets = {
			routeOf: (path) => ({ 'content/rcas/rca-0001.mdx': '/rcas/rca-0001/', 'content/changelog/0.2.0.mdx': '/changelog/#v0-2-0' })[path],
			repository: 'https://github.com/acme/app/',
			ref: 'a57f61a400b1c0ffee',
			projectPrefix: 'docs/',
			isFolder: (path) => path === 'src',
		};
		const lead = (href: string, to = targets) => publishedSourceLink(markSourceLink('content/rcas/rca-0002.mdx', href)!, to);
		expect(lead('rca-0001.mdx#symptom')).toBe('/rcas/rca-0001/#symptom');
		expect(lead('../changelog/0.2.0.mdx#x')).toBe('/changelog/#v0-2-0');
		expect(lead('../../src/my%20file.ts#L10')).toBe('https://github.com/acme/app/blob/a57f61a400b1c0ffee/docs/src/my%20file.ts#L10');
		expect(lead('../../src/')).toBe('https://github.com/acme/app/tree/a57f61a400b1c0ffee/docs/src');
		// Without a repository a file has nowhere to be shown: no link (the check says so).
		expect(lead('../../src/a.ts', { ...targets, repository: undefined })).toBeUndefined();
		expect(lead('rca-0001.mdx', { ...targets, repository: undefined })).toBe('/rcas/rca-0001/');
		// Anything not marked is left as it is.
		expect(publishedSourceLink('https://example.com/', targets)).toBe('https://example.com/');
	});
});

describe('references/link: relative links', () => {
	const body = (links: string) => `${completeBody('rca')}\n${links}\n`;
	const check = async (links: string, project = PROJECT_YAML) => {
		const root = makeProgram({ 'content/project.yaml': project, 'content/rcas/rca-0001.mdx': rcaDoc('RCA-0001'), 'content/rcas/rca-0002.mdx': rcaDoc('RCA-0002', 'status: mitigated\n', body(links)) });
		const { findings } = await runCheck(root, { diagrams: false });
		return findings.filter((f) => f.ruleId === 'references/link').map((f) => f.message);
	};

	it('ok: a link to another document, by its file as on GitHub, and a footnote', async () => {
		expect(await check('See [the first RCA](./rca-0001.mdx) and [phase 1][p1].[^1]\n\n[p1]: ../phases/1.mdx\n[^1]: A footnote, not a link.')).toEqual([]);
	});

	it('not ok: a link to a code file when no repository is set, so the site could not link it', async () => {
		expect(await check('See [the code](../../src/a.ts) and [again][code].\n\n[code]: ../../src/a.ts')).toEqual([
			'Link "../../src/a.ts" names src/a.ts, a file of the project that the site does not publish, expected a document or, for the site to link the file in the repository\'s web view, repository in content/project.yaml',
			'Link "../../src/a.ts" names src/a.ts, a file of the project that the site does not publish, expected a document or, for the site to link the file in the repository\'s web view, repository in content/project.yaml',
		]);
	});

	it('ok: with a repository, the site links the file there; a definition that leads nowhere is still an error', async () => {
		const project = `${PROJECT_YAML}repository: https://github.com/acme/app\n`;
		expect(await check('See [the code](../../src/a.ts).\n\n[gone]: ../../src/gone.ts', project)).toEqual([
			'Unresolved link "../../src/gone.ts", expected a page of the site (such as /phases/1/) or a file of the project',
		]);
	});
});
