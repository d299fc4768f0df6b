// The site's answers to a document's relative links (core/source-links.ts): each document's page
// by its path, and the repository the project's other files are shown in, at the built commit.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { SourceDocument } from '../core/load.ts';
import { documentRoute } from '../core/routes.ts';
import { documentTypeNames } from '../core/schemas/index.ts';
import type { SourceLinkTargets } from '../core/source-links.ts';
import type { SiteAnalysis } from './program.ts';

const made = new WeakMap<SiteAnalysis, SourceLinkTargets>();

export function sourceLinkTargets(analysis: SiteAnalysis): SourceLinkTargets {
	let targets = made.get(analysis);
	if (targets) return targets;
	const routes = new Map<string, string>();
	for (const type of documentTypeNames) {
		for (const doc of analysis.program.documents[type] as SourceDocument[]) routes.set(doc.path, documentRoute(type, doc.id));
	}
	const code = analysis.code?.reason ? undefined : analysis.code;
	targets = {
		routeOf: (path) => routes.get(path),
		repository: analysis.project.repository,
		ref: code?.head ?? 'HEAD',
		projectPrefix: code?.projectPrefix ?? '',
		isFolder: (path) => statSync(join(analysis.root, path), { throwIfNoEntry: false })?.isDirectory() ?? false,
	};
	made.set(analysis, targets);
	return targets;
}
