// What git says about the code the documents describe: each phase's range, its changes and files,
// the release tags, and what changed after each review. Gathered once per analysis; the rules
// that judge the documents against it are pure functions in src/core/check/.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { inventoryRemovesFiles } from '../check/inventory.ts';
import { codeOf } from '../code-files.ts';
import { foundAfterRelease } from '../incidents.ts';
import { compareSemver } from '../order.ts';
import { findPhase, patchedPhase } from '../relations.ts';
import { anyPattern, topPath, type PathMatcher } from '../path-patterns.ts';
import { CONTENT_DIR, parseDocument, PROJECT_FILE, type Program } from '../load.ts';
import { documentTypes, releaseTag, releaseVersion, type Project } from '../schemas/index.ts';
import type { FileDiff } from './parse.ts';
import { rangeLabel, rangeSpecs, type RangeEnd, type RangeSpec } from './ranges.ts';
import { daysOfInstant } from '../dates.ts';
import type { CommitAge } from '../gate-status.ts';
import type { OpenResult, RangeCommit, Repository } from './repository.ts';

export interface PhaseCode {
	spec: RangeSpec;
	/** `v0.1.0..v0.2.0`, `9e151cb..HEAD`. */
	label: string;
	/** Full commit ids of the ends; `to` is undefined, with `reason`, when the range is unknown. */
	from?: string;
	to?: string;
	reason?: string;
	/** A pinned end git does not know: the check's error. */
	unknownPin?: { field: 'from' | 'to'; ref: string };
	/**
	 * The release tag the range should end at, when git does not have it yet: the range then ends
	 * at HEAD, so the phase's files are still checked against the code as it stands (an untagged
	 * release must not switch the git checks off).
	 */
	untagged?: string;
	/** The commit of the release's tag, when the phase pins range.to instead of ending at the tag. */
	releaseCommit?: string;
	/** Every commit in the range, newest first. */
	commits: RangeCommit[];
	/** The net changes of the code in the range, excluded paths left out. */
	changes: FileDiff[];
	/** Whether a code path is within the phase's `range.paths` (everything when it has none). */
	inScope: PathMatcher;
	filesAtEnd: Set<string>;
	filesAtStart: Set<string>;
	/** Line counts at the range's end of the files that review locations name. */
	lines: Map<string, number>;
	/**
	 * Why a file of the repository is never a code change: it is the program's own (its folder,
	 * or its content/ and templates/) or `code.exclude` names it; undefined for code.
	 */
	notCode: (path: string) => 'own' | 'excluded' | undefined;
}

export interface CodeFacts {
	/** Why the git checks did not run; undefined when they did. */
	reason?: string;
	/** The code folder inside the repository ('' or ending with '/'), for links and SARIF paths. */
	codePrefix: string;
	phases: Map<string, PhaseCode>;
	/** Each release tag looked up, and whether git has it. */
	tags: Map<string, boolean>;
	/** The commit each release tag git has is on. */
	tagCommits?: Map<string, string>;
	/** Release tags git has on a commit HEAD's history does not hold, with that commit. */
	offHistory?: Map<string, string>;
	/** Code files changed on or after the earliest review's date, each with its newest commit date. */
	lastChanged: Map<string, string>;
	/**
	 * Whether a code file (code-relative) is in the working tree now, tracked or not: a file git
	 * stopped tracking (`git rm --cached` of a generated one) may still be there for a report.
	 */
	onDisk?: (path: string) => boolean;
	/**
	 * The text of content/project.yaml at each released phase's release commit, by phase id: the
	 * settings the phase shipped under. Absent where the commit has no such file.
	 */
	settingsAtRelease?: Map<string, string>;
	/** The release commit of each released phase git has one for, by phase id: where its settings were looked for. */
	releaseCommits?: Map<string, string>;
	/** The text of content/project.yaml at each release tag git has, by tag: the settings a patch shipped under. */
	settingsAtTag?: Map<string, string>;
	/** The committer date of each patch release's tag commit (a released changelog entry no phase releases), by tag. */
	patchDates?: Map<string, string>;
	/**
	 * The commits whose runs judge each patch's code, by tag: its tag's commit, then each earlier
	 * one after which no commit up to the tag changed the code (gates ran on the fix, and the
	 * changelog entry was committed on top), back to the phase's release at most.
	 */
	patchCommits?: Map<string, string[]>;
	/**
	 * For each RCA said to be detected after its phase's release, by its path: the files its release
	 * tag held that are it, by its id (in content/rcas/) or by its file's history (renames
	 * followed, the program's folder moved), each with its path (from the program's folder when in
	 * it, else from the repository's top) and the id it gave then. An RCA already there was not
	 * found after the release.
	 */
	rcasAtRelease?: Map<string, { path: string; id: string | undefined }[]>;
}

/**
 * The date a review location's file changed after the review, if it did: such a finding is
 * suspect (as Doorstop marks a link whose target changed), its line may no longer be the one meant.
 */
export function changedSinceReview(facts: CodeFacts, review: { date: string }, location: string): string | undefined {
	const date = facts.lastChanged.get(parseLocation(location).path);
	return date && date.slice(0, 10) > review.date ? date : undefined;
}

/**
 * Whether a finding said to be fixed points at a file of the code (at the end of its phase's
 * range) that no commit changed on or after the review's day: nothing in that file can have fixed
 * it since (the fix may still be elsewhere). False when git was not read.
 */
export function fixedUnchanged(facts: CodeFacts, review: { date: string; phase: string }, finding: { status: string; location: string }): boolean {
	if (finding.status !== 'fixed' || facts.reason) return false;
	const path = parseLocation(finding.location).path;
	if (!facts.phases.get(review.phase)?.filesAtEnd.has(path)) return false;
	const date = facts.lastChanged.get(path);
	// Before the review's day only if before it in every zone (a fix of that evening in UTC−8).
	return !date || daysOfInstant(date).latest < review.date;
}

/**
 * For a finding said to be fixed in a phase whose range ends at its release tag: the date its
 * file changed after the review when no commit of the release changed it since (the fix, if it is
 * one, came after the release, which shipped without it); undefined otherwise.
 */
export function fixedAfterRelease(facts: CodeFacts, review: { date: string; phase: string }, finding: { status: string; location: string }): string | undefined {
	if (finding.status !== 'fixed' || facts.reason) return undefined;
	const code = facts.phases.get(review.phase);
	if (!code || code.to === undefined || code.spec.to.source !== 'tag' || code.untagged) return undefined;
	const path = parseLocation(finding.location).path;
	// A file no commit changed since the review at all is fixedUnchanged's.
	const later = facts.lastChanged.get(path);
	if (!later || daysOfInstant(later).latest < review.date || !code.filesAtEnd.has(path)) return undefined;
	// A review written after the release reviews code the release already shipped.
	const release = code.commits.find((c) => c.sha === code.to);
	if (release && review.date > daysOfInstant(release.date).latest) return undefined;
	const released = code.commits.some((c) => daysOfInstant(c.date).latest >= review.date && c.files.includes(path));
	return released ? undefined : later;
}

/** A review location, `path`, `path:line` or `path:start-end`. */
export function parseLocation(location: string): { path: string; line?: number; end?: number } {
	const match = /^(.*?):(\d+)(?:-(\d+))?$/.exec(location);
	if (!match) return { path: location };
	return { path: match[1]!, line: Number(match[2]), ...(match[3] ? { end: Number(match[3]) } : {}) };
}

/**
 * Where each run's commit sits in its phase's range (gate-status.ts's CommitAge), from git's
 * commits of the range; undefined when git was not read, so runs count in their import order.
 */
export function commitAge(facts: CodeFacts | undefined): CommitAge | undefined {
	if (!facts || facts.reason) return undefined;
	const indexes = new Map<string, Map<string, number>>();
	return (phase, commit) => {
		const range = facts.phases.get(phase);
		if (!range || range.to === undefined) return -1;
		let index = indexes.get(phase);
		if (!index) indexes.set(phase, (index = new Map(range.commits.map((c, i) => [c.sha, i]))));
		const sha = commit.toLowerCase();
		const exact = index.get(sha);
		if (exact !== undefined || sha.length >= 40) return exact ?? -1;
		// An abbreviated id: the newest commit it starts.
		return range.commits.findIndex((c) => c.sha.startsWith(sha));
	};
}

const dayBefore = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

const unavailable = (reason: string): CodeFacts => ({ reason, codePrefix: '', phases: new Map(), tags: new Map(), lastChanged: new Map() });

export interface GatherOptions {
	/** The command line's range for one phase. */
	phase?: string;
	from?: string;
	to?: string;
}

/**
 * A release is a tag: `refs/tags/v0.1.0`, never a branch or another ref that happens to bear its
 * name (`git branch v0.1.0` moves with every commit, so it fixes no point in history).
 */
const tagRef = (tag: string) => `refs/tags/${tag}`;
const gitRef = (end: RangeEnd) => (end.source === 'tag' ? tagRef(end.ref) : end.ref);

export async function gatherCodeFacts(program: Program, project: Project, opened: OpenResult, options: GatherOptions = {}): Promise<CodeFacts> {
	if (!opened.repository) return unavailable(opened.reason);
	const repo = opened.repository;
	const phases = program.documents.phase;
	const specs = rangeSpecs(phases, project.code, options);
	const refs = [...specs.values()].flatMap((s) => [gitRef(s.to), ...(s.from ? [gitRef(s.from)] : [])]);
	// The tags of the phases' releases and of the released changelog entries, each asked once.
	const releases = [
		...new Set([
			...phases.flatMap((p) => (p.data.release ? [releaseTag(p.data.release, project.code.tag)] : [])),
			...program.documents.changelog.flatMap((c) => (c.data.status === 'released' ? [releaseTag(c.data.version, project.code.tag)] : [])),
		]),
	];
	const resolved = await repo.resolve([...new Set([...refs, ...releases.map(tagRef), 'HEAD'])]);
	const own = ownFolders(repo);
	const ownFile = anyPattern(own.map((folder) => `/${folder.slice(repo.codePrefix.length)}/`));
	const excludedFile = anyPattern(project.code.exclude);
	const notCode = (path: string) => (ownFile(path) ? ('own' as const) : excludedFile(path) ? ('excluded' as const) : undefined);
	const excluded = (path: string) => notCode(path) !== undefined;
	const reviewPaths = locationsByPhase(program);
	const codeChanges = new WeakMap<object, FileDiff[]>();
	// Whether a range removes a file: asked once per range, not once per phase that shares it.
	const rangeRemoves = new WeakMap<object, boolean>();

	const entries = await Promise.all(
		phases.map(async (phase): Promise<[string, PhaseCode]> => {
			const spec = specs.get(phase.id)!;
			const base: PhaseCode = {
				spec,
				label: rangeLabel(spec),
				commits: [],
				changes: [],
				inScope: spec.paths.length ? anyPattern(spec.paths) : () => true,
				filesAtEnd: new Set(),
				filesAtStart: new Set(),
				lines: new Map(),
				notCode,
			};
			const from = spec.from && resolved.get(gitRef(spec.from));
			// A release not tagged yet: the range ends at HEAD until it is (release/tag says so).
			const untagged = spec.to.source === 'tag' && !resolved.get(gitRef(spec.to)) && resolved.get('HEAD') ? spec.to.ref : undefined;
			const to = untagged ? resolved.get('HEAD') : resolved.get(gitRef(spec.to));
			if (untagged) base.label = `${base.label.slice(0, base.label.lastIndexOf('..'))}..HEAD`;
			const missing = [spec.from && !from ? (['from', spec.from] as const) : undefined, !to ? (['to', spec.to] as const) : undefined].find(Boolean);
			if (missing) {
				const [field, end] = missing;
				return [phase.id, { ...base, reason: unknownReason(end), ...(end.source === 'pinned' ? { unknownPin: { field, ref: end.ref } } : {}) }];
			}
			const [history, filesAtEnd] = await Promise.all([repo.range(from, to!, own), repo.files(to!)]);
			// The start's files matter only to rows of removed files: most phases never ask git for them.
			let removed = rangeRemoves.get(history);
			if (removed === undefined) rangeRemoves.set(history, (removed = history.changes.some((c) => c.status === 'removed')));
			const removals =
				removed ||
				inventoryRemovesFiles(phase);
			const filesAtStart = from && removals ? await repo.files(from) : new Set<string>();
			// Phases that share a range share one filtered list (a thousand phases ending at HEAD filtered
			// the same twelve thousand changes a thousand times).
			let changes = codeChanges.get(history);
			if (!changes) codeChanges.set(history, (changes = history.changes.filter((c) => !excluded(c.path))));
			// A pinned end of a released phase: the released code is the tag's, whatever range.to says.
			const releaseCommit = phase.data.release && spec.to.source === 'pinned' ? resolved.get(tagRef(releaseTag(phase.data.release, project.code.tag))) : undefined;
			return [phase.id, { ...base, ...(from ? { from } : {}), ...(untagged ? { untagged } : {}), ...(releaseCommit ? { releaseCommit } : {}), to: to!, commits: history.commits, changes, filesAtEnd, filesAtStart }];
		}),
	);
	// The lines of the files reviews point at: one git call per distinct end commit, not one per
	// phase (a hundred phases ending at HEAD made a hundred processes).
	const wanted = new Map<string, Set<string>>();
	for (const [id, code] of entries) {
		if (!code.to) continue;
		const paths = wanted.get(code.to) ?? new Set<string>();
		for (const path of reviewPaths.get(id) ?? []) if (code.filesAtEnd.has(path)) paths.add(path);
		wanted.set(code.to, paths);
	}
	const counted = new Map(await Promise.all([...wanted].map(async ([commit, paths]) => [commit, await repo.lineCounts(commit, [...paths])] as const)));
	for (const [id, code] of entries) {
		if (!code.to) continue;
		const all = counted.get(code.to)!;
		code.lines = new Map([...(reviewPaths.get(id) ?? [])].flatMap((path) => (all.has(path) ? [[path, all.get(path)!] as const] : [])));
	}
	// From the day before the earliest review: a fix committed on a review's own day counts.
	const earliest = program.documents.review.map((r) => r.data.date).sort()[0];
	const lastChanged = earliest ? await repo.changedAfter(dayBefore(earliest)) : new Map<string, string>();
	const tagged = releases.flatMap((t) => (resolved.get(tagRef(t)) ? [[t, resolved.get(tagRef(t))!] as const] : []));
	// The settings each released phase shipped under: its tag's commit, else the commit it pins.
	const shippedAt = new Map(
		entries.flatMap(([id, code], i) => {
			const phase = phases[i]!;
			const at = phase.data.release ? (resolved.get(tagRef(releaseTag(phase.data.release, project.code.tag))) ?? (code.spec.to.source === 'pinned' ? code.to : undefined)) : undefined;
			return at ? [[id, `${at}:${repo.projectPrefix}${PROJECT_FILE}`] as const] : [];
		}),
	);
	const releaseCommits = new Map([...shippedAt].map(([id, spec]) => [id, spec.slice(0, spec.indexOf(':'))] as const));
	const taggedAt = new Map(tagged.map(([tag, commit]) => [tag, `${commit}:${repo.projectPrefix}${PROJECT_FILE}`] as const));
	const [held, settingsTexts] = await Promise.all([repo.inHistory(tagged.map(([, commit]) => commit)), repo.texts([...new Set([...shippedAt.values(), ...taggedAt.values()])])]);
	const textsOf = <K,>(specs: Map<K, string>) => new Map([...specs].flatMap(([key, spec]) => (settingsTexts.has(spec) ? [[key, settingsTexts.get(spec)!] as const] : [])));
	const settingsAtRelease = textsOf(shippedAt);
	const settingsAtTag = textsOf(taggedAt);
	const offHistory = new Map(tagged.filter(([, commit]) => !held.has(commit)));
	// Asked only of releases an RCA says it was found after: most programs never ask. What such an
	// RCA's file held at the tag, and the files there that name its id (renamed since, say).
	const claims = program.documents.rca.flatMap((rca) => {
		const release = foundAfterRelease(program, rca) ? findPhase(program, rca.data.phase)?.data.release : undefined;
		const commit = release && resolved.get(tagRef(releaseTag(release, project.code.tag)));
		return commit ? [{ rca, commit, release }] : [];
	});
	// A patch's tag dates it as a phase's release tag dates the phase's (release/date).
	const phaseReleases = new Set(phases.flatMap((p) => (p.data.release ? [releaseTag(p.data.release, project.code.tag)] : [])));
	const patches = new Map(tagged.filter(([tag]) => !phaseReleases.has(tag)));
	const rcaFolder = `${repo.projectPrefix}${CONTENT_DIR}/${documentTypes.rca.collection}/`;
	// The commits a patch's gates may have judged for its tag's: the tag's own, and each earlier one
	// after which, up to the tag, no commit changed the code (a changelog commit on top of the fix).
	// What code.exclude leaves out of the inventories (generated code, a lock file) is code the
	// gates would judge all the same.
	const judgedCode = codeOf(project.code.categories, ['docs']);
	const changesCode = (c: RangeCommit) => c.files.some((path) => notCode(path) !== 'own' && judgedCode(path));
	const patchCommits = new Map(
		await Promise.all(
			[...patches].map(async ([tag, commit]): Promise<[string, string[]]> => {
				const entry = program.documents.changelog.find((c) => releaseTag(c.data.version, project.code.tag) === tag);
				const id = entry && (entry.data.phase ?? patchedPhase(program, entry.data.version));
				const phase = id === undefined ? undefined : findPhase(program, id);
				const from = phase?.data.release && resolved.get(tagRef(releaseTag(phase.data.release, project.code.tag)));
				if (!from) return [tag, [commit]];
				// Newest first: each commit's parent is as good as it while the commit changed no code.
				const { commits } = await repo.range(from, commit, own);
				const same = [commit];
				for (const [i, c] of commits.entries()) {
					if (changesCode(c) || c.parents.length !== 1) break;
					same.push(commits[i + 1]?.sha ?? from);
				}
				return [tag, same];
			}),
		),
	);
	const [naming, dates, renames] = await Promise.all([
		repo.filesWith(
			claims.map((c) => c.commit),
			rcaFolder,
			claims.map((c) => c.rca.id),
		),
		repo.commitDates([...patches.values()]),
		// From the earliest of those releases: the renames after it hold those after the later ones.
		claims.length ? repo.renamesSince([...claims].sort((a, b) => compareSemver(releaseVersion(a.release), releaseVersion(b.release)))[0]!.commit) : Promise.resolve([]),
	]);
	// The paths an RCA's file had before, newest first: `git mv` since the tag, or the program's folder moved.
	const formerPaths = (path: string) => {
		const paths = [path];
		for (const { from, to } of renames) if (paths.includes(to) && !paths.includes(from)) paths.push(from);
		return paths;
	};
	const pathsOf = new Map(claims.map(({ rca }) => [rca.path, formerPaths(`${repo.projectPrefix}${rca.path}`)] as const));
	const rcaSpecs = [...new Set([...claims.flatMap(({ rca, commit }) => pathsOf.get(rca.path)!.map((path) => `${commit}:${path}`)), ...naming])];
	const rcaTexts = await repo.texts(rcaSpecs);
	// Each file read once, its id as the loader reads it (a quoted key, the value on the next line),
	// or off its line when its YAML no longer reads; by the commit it was read at.
	const shown = (path: string) => (path.startsWith(repo.projectPrefix) ? path.slice(repo.projectPrefix.length) : path);
	const filesAt = new Map<string, { path: string; shown: string; id: string | undefined }[]>();
	for (const [spec, text] of rcaTexts) {
		const at = spec.indexOf(':');
		const [commit, path] = [spec.slice(0, at), spec.slice(at + 1)];
		const read = parseDocument('rca', shown(path), text);
		const files = filesAt.get(commit) ?? [];
		files.push({ path, shown: shown(path), id: read.document?.id ?? read.invalid?.id });
		filesAt.set(commit, files);
	}
	const rcasAtRelease = new Map(
		claims.map(({ rca, commit }) => {
			const own = new Set(pathsOf.get(rca.path)!);
			const held = (filesAt.get(commit) ?? []).filter((file) => file.id === rca.id || own.has(file.path)).map((file) => ({ path: file.shown, id: file.id }));
			return [rca.path, held] as const;
		}),
	);
	const patchDates = new Map([...patches].flatMap(([tag, commit]) => (dates.has(commit) ? [[tag, dates.get(commit)!] as const] : [])));
	return {
		codePrefix: repo.codePrefix,
		onDisk: (path) => existsSync(join(repo.top, repo.codePrefix, path)),
		phases: new Map(entries),
		tags: new Map(releases.map((t) => [t, resolved.get(tagRef(t)) !== undefined])),
		tagCommits: new Map(tagged),
		...(offHistory.size > 0 && { offHistory }),
		lastChanged,
		...(settingsAtRelease.size > 0 && { settingsAtRelease }),
		...(releaseCommits.size > 0 && { releaseCommits }),
		...(settingsAtTag.size > 0 && { settingsAtTag }),
		...(rcasAtRelease.size > 0 && { rcasAtRelease }),
		...(patchDates.size > 0 && { patchDates }),
		...(patchCommits.size > 0 && { patchCommits }),
	};
}

/**
 * The program's own documents and templates, when they sit inside the code: documents that list
 * their own edits as code changes would never be complete.
 */
/**
 * The program's own files, which are never code changes. A program in a folder of its own
 * (`docs/`, as `phasebook init docs` makes one) owns the whole folder: its settings, templates,
 * astro.config.mjs, .gitignore and package files are the program's, not the code's. A program
 * whose folder also holds the code (at the repository's top, or with code.path inside it) owns
 * its content/ and templates/.
 */
function ownFolders(repo: Pick<Repository, 'codePrefix' | 'projectPrefix'>): string[] {
	const folder = repo.projectPrefix.replace(/\/$/, '');
	const ownsFolder = folder !== '' && !repo.codePrefix.startsWith(repo.projectPrefix);
	// Paths from the repository's top, without the trailing slash git's pathspecs do not want.
	const own = ownsFolder ? [folder] : ['content', 'templates'].map((name) => repo.projectPrefix + name);
	return own.filter((path) => `${path}/`.startsWith(repo.codePrefix));
}

function unknownReason(end: RangeEnd): string {
	if (end.source === 'tag') return `tag ${end.ref} (phase ${end.phase}'s release) is not in the repository`;
	if (end.source === 'option') return `"${end.ref}" is not a commit of the repository`;
	if (end.source === 'head') return 'the repository has no commit yet';
	return `the pinned ${end.ref} is not a commit of the repository`;
}

/** The code files each phase's reviews point at, so their lines are counted in one git call. */
function locationsByPhase(program: Program): Map<string, Set<string>> {
	const byPhase = new Map<string, Set<string>>();
	for (const review of program.documents.review) {
		const set = byPhase.get(review.data.phase) ?? new Set<string>();
		for (const f of review.data.findings) set.add(parseLocation(f.location).path);
		byPhase.set(review.data.phase, set);
	}
	return byPhase;
}

/** A list of changes' paths in sorted order, with each one's place in the list; made once per list. */
const sortedChanges = new WeakMap<readonly FileDiff[], { paths: string[]; at: number[]; exact: Map<string, number> }>();
function sortedOf(changes: readonly FileDiff[]) {
	let sorted = sortedChanges.get(changes);
	if (!sorted) {
		const at = changes.map((_, i) => i).sort((a, b) => (changes[a]!.path < changes[b]!.path ? -1 : changes[a]!.path > changes[b]!.path ? 1 : a - b));
		sorted = { paths: at.map((i) => changes[i]!.path), at, exact: new Map(changes.map((c, i) => [c.path, i])) };
		sortedChanges.set(changes, sorted);
	}
	return sorted;
}

/** The first place in sorted `paths` at which `key` would go. */
function lowerBound(paths: readonly string[], key: string): number {
	let low = 0;
	let high = paths.length;
	while (low < high) {
		const mid = (low + high) >>> 1;
		if (paths[mid]! < key) low = mid + 1;
		else high = mid;
	}
	return low;
}

const scopedChanges = new WeakMap<PhaseCode, FileDiff[]>();

/**
 * The range's changes within the phase's `range.paths`, in git's order, once per phase. Paths named
 * from the top are looked up in the sorted list (a thousand phases over the same ten thousand
 * changes tested every change against every phase's paths); globs and bare names are tested.
 */
/** The range's commits that changed code of the phase: a commit of the program's own files alone is not one. */
export function codeCommits(code: PhaseCode): RangeCommit[] {
	return code.commits.filter((c) => c.files.some((path) => code.inScope(path) && code.notCode(path) === undefined));
}

export function changesInScope(code: PhaseCode): FileDiff[] {
	let found = scopedChanges.get(code);
	if (found) return found;
	const tops = code.spec.paths.map(topPath);
	if (tops.length === 0 || tops.includes(undefined)) {
		found = code.changes.filter((c) => code.inScope(c.path));
	} else {
		const { paths, at, exact } = sortedOf(code.changes);
		const hits = new Set<number>();
		for (const top of tops as string[]) {
			const same = exact.get(top);
			if (same !== undefined) hits.add(same);
			const below = `${top}/`;
			for (let i = lowerBound(paths, below); i < paths.length && paths[i]!.startsWith(below); i++) hits.add(at[i]!);
		}
		found = [...hits].sort((a, b) => a - b).map((i) => code.changes[i]!);
	}
	scopedChanges.set(code, found);
	return found;
}
