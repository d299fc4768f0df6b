// `check --changed`: the documents a commit would change, and those whose findings depend on them,
// so a pre-commit hook checks what the author touched instead of the whole program.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CORE_SCHEMA, load as loadYaml } from 'js-yaml';
import { isDocumentPath, programWide } from './changed-files.ts';
import { runGit, type RunGit } from './git/repository.ts';
import { parseBatch } from './git/versions.ts';
import { frontmatterYaml, type Program, type SourceDocument } from './load.ts';
import { documentTypeNames, releaseVersion } from './schemas/index.ts';

/** What `--changed` limits the check to; `all` when a change can affect every document. */
export type ChangedScope = { all: true; reason: string } | { all: false; changed: string[]; paths: Set<string> };

/** Whether a document at `path` is checked: always without a scope or with a program-wide one. */
export function inScope(scope: ChangedScope | undefined, path: string): boolean {
	return !scope || scope.all || scope.paths.has(path);
}

/**
 * The documents to check for a set of changed files: each changed document, the documents of the
 * phases they belong to (a phase's readiness reads its RCAs and reviews; theirs read the phase),
 * the phases that depend on a changed phase, and the changelog entries of their releases. Settings,
 * templates, evidence or a removed document can change anything: then the whole program.
 */
export function changedScope(program: Program, root: string, files: readonly string[], idsAtHead?: ReadonlyMap<string, string>): ChangedScope {
	const wide = files.find(programWide);
	if (wide) return { all: true, reason: `${wide} changed` };
	const documents = documentTypeNames.flatMap((type) => program.documents[type] as SourceDocument<Record<string, unknown>>[]);
	const byPath = new Map(documents.map((d) => [d.path, d]));
	const changed = files.filter(isDocumentPath);
	const removed = changed.find((f) => !byPath.has(f) && !existsSync(join(root, f)));
	if (removed) return { all: true, reason: `${removed} was removed` };
	// Any document may name another by id (a phase's dependsOn, a gate's requiredFor, a task, a link):
	// a new id leaves the old one's references dangling wherever they are.
	for (const path of changed) {
		const was = idsAtHead?.get(path);
		const now = byPath.get(path)?.id;
		if (was !== undefined && now !== undefined && was !== now) return { all: true, reason: `${path} changed its id from "${was}" to "${now}"` };
	}
	const phases = new Set<string>();
	for (const path of changed) {
		const doc = byPath.get(path);
		if (!doc) continue;
		if (doc.type === 'phase') phases.add(doc.id);
		else if (typeof doc.data['phase'] === 'string') phases.add(doc.data['phase']);
	}
	// Phases that depend on a changed phase: their schedule rule reads its window.
	for (const phase of program.documents.phase) if (phase.data.dependsOn.some((id) => phases.has(id))) phases.add(phase.id);
	const releases = new Set(program.documents.phase.flatMap((p) => (phases.has(p.id) && p.data.release ? [releaseVersion(p.data.release)] : [])));
	const paths = new Set(changed);
	for (const doc of documents) {
		const phase = doc.type === 'phase' ? doc.id : doc.data['phase'];
		if (typeof phase === 'string' && phases.has(phase)) paths.add(doc.path);
		if (doc.type === 'changelog' && releases.has(releaseVersion(String(doc.data['version'])))) paths.add(doc.path);
	}
	return { all: false, changed, paths };
}

/**
 * The id each of these documents had at HEAD (its `version` for a changelog entry), by path, for
 * the documents git has there. One `git cat-file --batch`; a file it cannot read has no entry.
 */
export async function idsAtHead(root: string, paths: readonly string[], git: RunGit = runGit): Promise<Map<string, string>> {
	const ids = new Map<string, string>();
	const documents = paths.filter(isDocumentPath);
	if (!documents.length) return ids;
	// `HEAD:./path` is the path from the folder git runs in, the project root.
	const specs = documents.map((path) => `HEAD:./${path}`);
	const texts = parseBatch(await git(['cat-file', '--batch'], root, `${specs.join('\n')}\n`), specs);
	documents.forEach((path, i) => {
		const text = texts.get(specs[i]!);
		const yaml = text === undefined ? undefined : frontmatterYaml(text);
		if (yaml === undefined) return;
		try {
			const data = loadYaml(yaml, { schema: CORE_SCHEMA }) as Record<string, unknown> | null;
			const id = data?.[path.startsWith('content/changelog/') ? 'version' : 'id'];
			if (typeof id === 'string' || typeof id === 'number') ids.set(path, String(id));
		} catch {
			// Not YAML at HEAD: nothing to compare with.
		}
	});
	return ids;
}
