// The site's answers to a document's relative links (core/source-links.ts): each document's page
// by its path, and the repository the project's other files are shown in, at the commit the site
// is built from. Git is asked for that commit once per analysis, and needs no history: a shallow
// clone (CI's checkout) links its files at its commit too.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { runGit } from '../core/git/repository.ts';
import type { SourceDocument } from '../core/load.ts';
import { documentRoute } from '../core/routes.ts';
import { documentTypeNames } from '../core/schemas/index.ts';
import { publishedSourceLink, SOURCE_LINK, type SourceLinkTargets } from '../core/source-links.ts';
import type { SiteAnalysis } from './program.ts';

const made = new WeakMap<SiteAnalysis, Promise<SourceLinkTargets>>();

/** The commit HEAD names, or `HEAD` itself without git or a commit. */
async function headCommit(root: string): Promise<string> {
	const head = await runGit(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], root).then((out) => out.trim(), () => '');
	return /^[0-9a-f]{40,64}$/.test(head) ? head : 'HEAD';
}

export function sourceLinkTargets(analysis: SiteAnalysis): Promise<SourceLinkTargets> {
	let targets = made.get(analysis);
	if (!targets) {
		targets = headCommit(analysis.root).then((ref) => {
			const routes = new Map<string, string>();
			for (const type of documentTypeNames) {
				for (const doc of analysis.program.documents[type] as SourceDocument[]) routes.set(doc.path, documentRoute(type, doc.id));
			}
			return {
				routeOf: (path) => routes.get(path),
				repository: analysis.project.repository,
				ref,
				// Where the check placed the project (locateRepository): the site and the check agree.
				projectPrefix: analysis.projectPrefix ?? '',
				isFolder: (path) => statSync(join(analysis.root, path), { throwIfNoEntry: false })?.isDirectory() ?? false,
			};
		});
		made.set(analysis, targets);
	}
	return targets;
}

/**
 * Rendered HTML (a feed's entry, rendered without the site's components) with its marked links
 * turned into where they lead; one that leads nowhere loses its href and stays text.
 */
export function resolveSourceLinks(html: string, targets: SourceLinkTargets): string {
	if (!html.includes(SOURCE_LINK)) return html;
	return html.replace(/\shref="(phasebook-source:[^"]*)"/g, (_, marked: string) => {
		const published = publishedSourceLink(marked.replaceAll('&amp;', '&'), targets);
		return published === undefined ? '' : ` href="${published.replaceAll('&', '&amp;').replaceAll('"', '&quot;')}"`;
	});
}
