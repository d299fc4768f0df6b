// Relative links in documents, as authors write them on GitHub: `[RCA-0001](./rca-0001.mdx)` or
// `[the parser](../../src/parse.ts)`. GitHub follows them from the file; the site serves the page at
// /rcas/rca-0002/, where the same href leads nowhere. So the compiler marks each relative link with
// the project path it names (a pure function of the document's path and text, so a compiled body
// stays valid), and the page, when it renders, turns the mark into the document's page, or into the
// file in the repository's web view at the commit the site is built from.
import { posix } from 'node:path';

/** The scheme of a marked link: what the compiler writes, and the page reads back. */
export const SOURCE_LINK = 'phasebook-source:';

/** An href with a scheme (https:, mailto:), a site route (/phases/1/), a protocol-relative address, a fragment or a query. */
const notRelative = (href: string) => /^[a-z][a-z0-9+.-]*:/i.test(href) || /^[/#?]/.test(href) || href === '';

/**
 * The path (from the project's root, forward slashes, normalised) a relative href names from the
 * document at `documentPath`, with the query and fragment it carries; undefined for any other href.
 * The path starts with `../` when it leaves the project: in a repository whose documents live in
 * `docs/`, `../src/cart.ts` is the repository's `src/cart.ts`.
 */
export function sourceTarget(documentPath: string, href: string): { path: string; query: string; fragment: string } | undefined {
	if (notRelative(href)) return undefined;
	const hash = href.indexOf('#');
	const fragment = hash === -1 ? '' : href.slice(hash);
	const beforeHash = hash === -1 ? href : href.slice(0, hash);
	const ask = beforeHash.indexOf('?');
	const query = ask === -1 ? '' : beforeHash.slice(ask);
	const written = ask === -1 ? beforeHash : beforeHash.slice(0, ask);
	const path = posix.normalize(posix.join(posix.dirname(documentPath), decoded(written))).replace(/\/$/, '');
	if (posix.isAbsolute(path)) return undefined;
	return { path, query, fragment };
}

/** `%20` read as the space it stands for, as GitHub reads a link; a malformed escape stays as written. */
function decoded(text: string): string {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
}

/** Whether a project path leaves the project (`../…`). */
export const leavesProject = (path: string): boolean => path === '..' || path.startsWith('../');

/**
 * The path from the repository's top of a project path, given the project's folder in it ('' or
 * ending with '/'); undefined when it leaves the repository.
 */
export function repositoryPath(path: string, projectPrefix: string): string | undefined {
	const inRepository = posix.normalize(`${projectPrefix}${path}`).replace(/\/$/, '');
	return inRepository === '..' || inRepository.startsWith('../') || posix.isAbsolute(inRepository) ? undefined : inRepository === '.' ? '' : inRepository;
}

/**
 * What the compiler writes for a relative href: the path it names, marked (encoded, so the
 * pipeline after it has nothing left to encode); undefined to leave the href alone.
 */
export function markSourceLink(documentPath: string, href: string): string | undefined {
	const target = sourceTarget(documentPath, href);
	return target && `${SOURCE_LINK}${encodeURI(target.path)}${target.query}${target.fragment}`;
}

/** A file (`blob`) or folder (`tree`) of the repository in its web view at `ref`, GitHub's and GitLab's shape. */
export function repositoryView(repository: string, ref: string, pathInRepository: string, folder: boolean): string {
	const parts = pathInRepository.split('/').filter(Boolean).map(encodeURIComponent);
	return `${repository.replace(/\/+$/, '')}/${folder ? 'tree' : 'blob'}/${ref}/${parts.join('/')}`;
}

export interface SourceLinkTargets {
	/** The site route of the document at a project path, if it is one. */
	routeOf(path: string): string | undefined;
	/** The repository's web address (project.yaml `repository`), if set. */
	repository?: string | undefined;
	/** The commit (or ref) the files are shown at. */
	ref: string;
	/** The project's folder inside the repository ('' or ending with '/'). */
	projectPrefix: string;
	/** Whether a project path is a folder (shown as a tree, not a file). */
	isFolder(path: string): boolean;
}

/**
 * Where a marked link leads on the site: the document's page (a site route, with its fragment), or
 * the file in the repository at `ref` (with its query, such as GitHub's `?plain=1`); undefined
 * when it names a file and no repository is set, or a path outside the repository, since the site
 * publishes only documents (the check reports such a link). Anything not marked is returned as it is.
 */
export function publishedSourceLink(marked: string, targets: SourceLinkTargets): string | undefined {
	if (!marked.startsWith(SOURCE_LINK)) return marked;
	const rest = marked.slice(SOURCE_LINK.length);
	const hash = rest.indexOf('#');
	const fragment = hash === -1 ? '' : rest.slice(hash);
	const beforeHash = hash === -1 ? rest : rest.slice(0, hash);
	const ask = beforeHash.indexOf('?');
	const query = ask === -1 ? '' : beforeHash.slice(ask);
	const path = decoded(ask === -1 ? beforeHash : beforeHash.slice(0, ask));
	const route = targets.routeOf(path);
	if (route) {
		// A page holding several documents (the changelog) gives each an anchor and keeps each one's
		// ids under it (scope-ids.ts): `#added` of entry 0.1.0 is `#v0.1.0-added` there.
		if (route.includes('#')) return fragment.length > 1 ? `${route}-${fragment.slice(1)}` : route;
		return `${route}${fragment}`;
	}
	if (!targets.repository) return undefined;
	const inRepository = repositoryPath(path, targets.projectPrefix);
	if (inRepository === undefined) return undefined;
	return `${repositoryView(targets.repository, targets.ref, inRepository, targets.isFolder(path))}${query}${fragment}`;
}
