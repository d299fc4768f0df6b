// `check --changed`: the documents a commit would change, and those whose findings depend on them,
// so a pre-commit hook checks what the author touched instead of the whole program.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CORE_SCHEMA, load as loadYaml } from 'js-yaml';
import { isDocumentPath, programWide } from './changed-files.ts';
import { runGit, type RunGit } from './git/repository.ts';
import { rangeSpecs, type PhaseLike } from './git/ranges.ts';
import { parseBatch } from './git/parse.ts';
import { claimedIdentity, frontmatterYaml, splitBody, type Program, type SourceDocument } from './load.ts';
import { bodyAnchors } from './markdown/anchors.ts';
import { parseBody, parsedBodyOf } from './markdown/sections.ts';
import { CONTENT_DIR } from './project-root.ts';
import { documentTypeNames, documentTypes, releaseVersion, type DocumentTypeName } from './schemas/index.ts';

/** What `--changed` limits the check to; `all` when a change can affect every document. */
export type ChangedScope = { all: true; reason: string } | { all: false; changed: string[]; paths: Set<string> };

/** Whether a document at `path` is checked: always without a scope or with a program-wide one. */
export function inScope(scope: ChangedScope | undefined, path: string): boolean {
	return !scope || scope.all || scope.paths.has(path);
}

/** What a changed document defined at HEAD that other documents may name, or define as well. */
export interface DefinedAtHead {
	/** Its id (a changelog entry's version). */
	id: string;
	/** A phase's requirement ids. */
	requirements: string[];
	/** A phase's release: where the git ranges of the phases after it started. */
	release?: string;
	/** Its headings' anchors, which links in other documents may name; absent when they cannot be told. */
	anchors?: string[];
}

/** The type of the document at `path`, by the collection folder it is in. */
export function typeOfPath(path: string): DocumentTypeName | undefined {
	return documentTypeNames.find((type) => path.startsWith(`${CONTENT_DIR}/${documentTypes[type].collection}/`));
}

/**
 * The documents to check for a set of changed files: each changed document, the documents of the
 * phases they belong to (a phase's readiness reads its RCAs and reviews; theirs read the phase),
 * the phases that depend on a changed phase (its window, or its release where their git range
 * starts), the changelog entries of their releases, and the documents whose references or
 * duplicates the change can break: those that name a requirement id, or a changelog version, a
 * changed document defines now or defined at HEAD, and those that define the same id. Settings,
 * templates, evidence, a removed document, a new id or a heading gone can change anything: then
 * the whole program.
 */
export function changedScope(program: Program, root: string, files: readonly string[], atHead?: ReadonlyMap<string, DefinedAtHead>): ChangedScope {
	const wide = files.find(programWide);
	if (wide) return { all: true, reason: `${wide} changed` };
	const documents = documentTypeNames.flatMap((type) => program.documents[type] as SourceDocument<Record<string, unknown>>[]);
	const byPath = new Map(documents.map((d) => [d.path, d]));
	const changed = files.filter(isDocumentPath);
	const removed = changed.find((f) => !byPath.has(f) && !existsSync(join(root, f)));
	if (removed) return { all: true, reason: `${removed} was removed` };
	// An image or a file of the code removed or renamed breaks the links to it (references/link),
	// wherever they are: rare in a commit, so the whole program rather than a search for them.
	const gone = files.find((f) => !isDocumentPath(f) && !existsSync(join(root, f)));
	if (gone) return { all: true, reason: `${gone} was removed, which a document may link` };
	// Any document may name another by id (a phase's dependsOn, a gate's requiredFor, a task, a link):
	// a new id leaves the old one's references dangling wherever they are.
	for (const path of changed) {
		const was = atHead?.get(path)?.id;
		const now = byPath.get(path)?.id;
		if (was !== undefined && now !== undefined && was !== now) return { all: true, reason: `${path} changed its id from "${was}" to "${now}"` };
	}
	// A link in any document may name a heading's anchor (references/anchor): one no longer there
	// breaks links the change did not touch. Rare, so the whole program rather than a search for them.
	for (const path of changed) {
		const was = atHead?.get(path)?.anchors;
		const doc = byPath.get(path);
		const now = was && doc && bodyAnchors(parsedBodyOf(doc));
		const lost = now && was.find((anchor) => !now.includes(anchor));
		if (lost !== undefined) return { all: true, reason: `${path} no longer has the heading #${lost}, which links elsewhere may name` };
	}
	const phases = new Set<string>();
	for (const path of changed) {
		const doc = byPath.get(path);
		if (doc) {
			if (doc.type === 'phase') phases.add(doc.id);
			else if (typeof doc.data['phase'] === 'string') phases.add(doc.data['phase']);
			continue;
		}
		// Left out for its own errors (a schema's typo): its phase's readiness, and so the phase's
		// other documents' claims, change with it as the whole check sees them.
		const invalid = program.invalid?.find((d) => d.path === path);
		if (invalid?.type === 'phase') phases.add(invalid.id);
		else if (invalid?.phase) phases.add(invalid.phase.id);
	}
	// The phases a changed phase report's dependants and cycles reach: the schedule rule of each
	// phase that depends on it reads its window, and a cycle its dependsOn closes is reported on
	// whichever phase of the cycle sorts first, a phase that both depends on it, through others,
	// and that it depends on. An RCA or a handoff changes no window: its phase's dependants stay out.
	const byId = new Map(program.documents.phase.map((p) => [p.id, p]));
	const dependants = new Map<string, string[]>();
	for (const phase of program.documents.phase) {
		for (const id of phase.data.dependsOn) {
			const list = dependants.get(id);
			if (list) list.push(phase.id);
			else dependants.set(id, [phase.id]);
		}
	}
	const reach = (from: string, next: (id: string) => readonly string[]) => {
		const seen = new Set<string>();
		const queue = [...next(from)];
		for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
			if (seen.has(id)) continue;
			seen.add(id);
			queue.push(...next(id));
		}
		return seen;
	};
	for (const path of changed) {
		const doc = byPath.get(path);
		if (doc?.type !== 'phase') continue;
		for (const id of dependants.get(doc.id) ?? []) phases.add(id);
		const above = reach(doc.id, (id) => byId.get(id)?.data.dependsOn ?? []);
		for (const id of reach(doc.id, (id) => dependants.get(id) ?? [])) if (above.has(id)) phases.add(id);
	}
	// And those whose git range starts at a changed phase's release: their inventories are judged
	// against another range.
	for (const id of rangesStartingAt(program, changed, atHead)) phases.add(id);
	const releases = new Set(program.documents.phase.flatMap((p) => (phases.has(p.id) && p.data.release ? [releaseVersion(p.data.release)] : [])));
	// What the changed documents define, now and at HEAD: an id defined once more is a duplicate
	// (reported on either document), one no longer defined is unknown wherever it is named.
	const ids = new Map(documentTypeNames.map((type) => [type, new Set<string>()]));
	const requirements = new Set<string>();
	const define = (type: DocumentTypeName, id: string, reqs: readonly string[]) => {
		ids.get(type)!.add(id);
		for (const req of reqs) requirements.add(req);
	};
	for (const path of changed) {
		const type = typeOfPath(path);
		if (!type) continue;
		const doc = byPath.get(path);
		if (doc) define(type, doc.id, doc.type === 'phase' ? (doc.data['requirements'] as { id: string }[]).map((r) => r.id) : []);
		// A document left out for its own errors still claims its id and requirements (load.ts).
		const invalid = doc ? undefined : program.invalid?.find((d) => d.path === path);
		if (invalid) define(type, invalid.id, invalid.requirements);
		const was = atHead?.get(path);
		if (was) {
			define(type, was.id, was.requirements);
			// The changelog entry of the release it recorded was judged with it.
			if (was.release) releases.add(releaseVersion(was.release));
		}
	}
	const paths = new Set(changed);
	for (const doc of documents) {
		const phase = doc.type === 'phase' ? doc.id : doc.data['phase'];
		if (typeof phase === 'string' && phases.has(phase)) paths.add(doc.path);
		if (doc.type === 'changelog' && releases.has(releaseVersion(String(doc.data['version'])))) paths.add(doc.path);
		if (ids.get(doc.type)!.has(doc.id)) paths.add(doc.path);
	}
	// The phases that define one of those requirement ids too, or release a changed changelog
	// entry's version, or the version a phase in scope releases (release/duplicate is reported on
	// the later of the two).
	const versions = ids.get('changelog')!;
	for (const phase of program.documents.phase) {
		const release = phase.data.release && releaseVersion(phase.data.release);
		if (phase.data.requirements.some((r) => requirements.has(r.id)) || (release && (versions.has(release) || releases.has(release)))) paths.add(phase.path);
	}
	// The RCAs that name one of them.
	if (requirements.size) for (const rca of program.documents.rca) if (rca.data.requirements.some((id) => requirements.has(id))) paths.add(rca.path);
	return { all: false, changed, paths };
}

/**
 * The phases whose git range starts at the release of a changed phase (rangeSpecs: the nearest
 * earlier released phase), as the documents are now and as they were at HEAD: releasing a phase,
 * or taking its release back, moves the start of the next phases' ranges.
 */
function rangesStartingAt(program: Program, changed: readonly string[], atHead?: ReadonlyMap<string, DefinedAtHead>): Set<string> {
	const starting = new Set<string>();
	const code = program.project?.code;
	const edited = changed.filter((path) => typeOfPath(path) === 'phase');
	if (!code || !edited.length) return starting;
	const current = program.documents.phase;
	const ids = new Set(edited.flatMap((path) => current.find((p) => p.path === path)?.id ?? atHead?.get(path)?.id ?? []));
	const startingAt = (phases: readonly PhaseLike[]) => {
		for (const [id, spec] of rangeSpecs(phases, code)) if (spec.from?.phase !== undefined && ids.has(spec.from.phase)) starting.add(id);
	};
	startingAt(current);
	// Who starts where hangs on which phases are released, not on the ends' refs: where each edited
	// phase was there and released (or not) at HEAD as now, HEAD's ranges start where these do.
	const same = (path: string) => {
		const now = current.find((p) => p.path === path);
		const was = atHead?.get(path);
		return now !== undefined && was !== undefined && !now.data.release === !was.release;
	};
	if (atHead && !edited.every(same)) {
		// The unchanged phases as they are, the changed ones as they were (a new one was not there).
		const before: PhaseLike[] = current.filter((p) => !edited.includes(p.path));
		for (const path of edited) {
			const was = atHead.get(path);
			if (was) before.push({ id: was.id, data: was.release ? { release: was.release } : {} });
		}
		startingAt(before);
	}
	return starting;
}

/**
 * What each of these documents defined at HEAD (its id, a changelog entry's version; a phase's
 * requirement ids and release), by path, for the documents git has there. One `git cat-file
 * --batch`; a file it cannot read, or whose frontmatter says no id, has no entry.
 */
export async function definedAtHead(root: string, paths: readonly string[], git: RunGit = runGit): Promise<Map<string, DefinedAtHead>> {
	const defined = new Map<string, DefinedAtHead>();
	const documents = paths.filter((path) => isDocumentPath(path) && typeOfPath(path));
	if (!documents.length) return defined;
	// `HEAD:./path` is the path from the folder git runs in, the project root.
	const specs = documents.map((path) => `HEAD:./${path}`);
	const texts = parseBatch(await git(['cat-file', '--batch'], root, `${specs.join('\n')}\n`), specs);
	documents.forEach((path, i) => {
		const text = texts.get(specs[i]!);
		const yaml = text === undefined ? undefined : frontmatterYaml(text);
		if (yaml === undefined) return;
		let data: unknown;
		try {
			data = loadYaml(yaml, { schema: CORE_SCHEMA });
		} catch {
			// Not YAML at HEAD: nothing to compare with.
			return;
		}
		const type = typeOfPath(path)!;
		// Read as the loader reads a document that fails its schema: what it says it is.
		const claimed = claimedIdentity(type, data);
		if (!claimed) return;
		const release = type === 'phase' ? (data as Record<string, unknown>)['release'] : undefined;
		const body = splitBody(text!)?.body;
		const anchors = body === undefined ? undefined : bodyAnchors(parseBody(body));
		defined.set(path, { ...claimed, ...(typeof release === 'string' && release && { release }), ...(anchors && { anchors }) });
	});
	return defined;
}
