// Deliverable and task artifacts and review locations against the files at the end of the range.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheck } from '../../../src/cli/run-check.ts';
import { bodyWithInventory, commit, git, lineOf, makeGitFixture, write, writeContent } from '../../helpers/git-repo.ts';
import { phaseDoc } from '../../helpers/program.ts';

let root: string;
let head: string;
beforeAll(() => {
	root = makeGitFixture().root;
	head = git(root, ['rev-parse', '--short=7', 'HEAD']).trim();
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const ROWS = ['| `src/` | Changed | REQ-2.1 |', '| `README.md` | Removed | REQ-2.1 |', '| `tests/b.test.ts` | New | REQ-2.1 |'];

function phase2(deliverables: string): string {
	return phaseDoc('2', `deliverables:\n${deliverables}`, bodyWithInventory(ROWS));
}

function review(findings: string, status = 'final'): string {
	return `---
id: REV-001
title: Phase 2 review
phase: "2"
date: 2026-07-10
status: ${status}
owners: [ana]
reviewers: [ben]
findings:
${findings}readiness: not-ready
---

## Summary

Reviewed.

## Findings and disposition

Listed above.

## Cleanup manifest

Nothing.

## Next-phase readiness

Not yet.
`;
}

async function check(files: Record<string, string>, strict = false) {
	writeContent(root, { 'content/phases/1.mdx': phaseDoc('1', 'release: v0.1.0\nstatus: planned\n').replace('status: in-review\n', ''), ...files });
	const { findings } = await runCheck(root, { diagrams: false, strict });
	return findings.filter((f) => /^(artifacts|reviews)\//.test(f.ruleId)).map((f) => `${f.path}:${f.line}:${f.column}  ${f.severity}  ${f.message}  ${f.ruleId}`);
}

describe('artifacts/missing', () => {
	it('ok: artifacts name a file, a folder and a glob of the code at the end of the range', async () => {
		const doc = phase2('  - { title: B module, done: true, artifact: src/b.ts }\n  - { title: Tests, done: true, artifact: tests/ }\n  - { title: Sources, done: false, artifact: "src/*.ts" }\n');
		const tasks = 'tasks:\n  - { id: T-1, phase: "2", title: B, status: done, owner: ana, artifacts: [src/new.ts, "https://example.com/x"] }\n';
		expect(await check({ 'content/phases/2.mdx': doc, 'content/tasks.yaml': tasks })).toEqual([]);
	});

	it('not ok: a done deliverable or task whose artifact does not exist is an error, an unfinished one a warning', async () => {
		const doc = phase2('  - { title: Old module, done: true, artifact: src/old.ts }\n  - { title: Docs, done: false, artifact: docs/guide.md }\n');
		const tasks = 'tasks:\n  - id: T-1\n    phase: "2"\n    title: B\n    status: done\n    owner: ana\n    artifacts: [src/b.ts, src/gone.ts]\n';
		expect(await check({ 'content/phases/2.mdx': doc, 'content/tasks.yaml': tasks })).toEqual([
			`content/phases/2.mdx:${lineOf(doc, 'src/old.ts')}:1  error  Unexpected artifact "src/old.ts": it does not exist at ${head} (end of v0.1.0..HEAD), yet the deliverable is done  artifacts/missing`,
			`content/phases/2.mdx:${lineOf(doc, 'docs/guide.md')}:1  warning  Unexpected artifact "docs/guide.md": it does not exist at ${head} (end of v0.1.0..HEAD)  artifacts/missing`,
			`content/tasks.yaml:7:1  error  Unexpected artifact of T-1 "src/gone.ts": it does not exist at ${head} (end of v0.1.0..HEAD), yet the task is done  artifacts/missing`,
		]);
	});
});

// A deliverable marked done whose file the phase never touched was published as "Done".
describe('artifacts/unchanged', () => {
	it('warns of a done deliverable whose artifact the range did not change; a folder with one changed file, an unfinished one and a non-code file pass', async () => {
		const doc = phase2('  - { title: Stable, done: true, artifact: src/stable.ts }\n  - { title: Sources, done: true, artifact: src/ }\n  - { title: Later, done: false, artifact: src/stable.ts }\n  - { title: Lock, done: true, artifact: package-lock.json }\n');
		expect(await check({ 'content/phases/2.mdx': doc })).toEqual([
			`content/phases/2.mdx:${lineOf(doc, 'title: Stable')}:1  warning  Deliverable "Stable" is done, but its artifact src/stable.ts did not change in v0.1.0..HEAD: no commit of the phase delivered it  artifacts/unchanged`,
		]);
	});
});

describe('reviews/location', () => {
	const finding = (id: string, location: string) => `  - { id: ${id}, severity: high, title: Problem ${id}, location: "${location}", status: open, owner: ana }\n`;

	it('ok: locations inside files of the code, with and without a line or a line range', async () => {
		const doc = review(finding('F-1', 'src/a.ts:12') + finding('F-2', 'src/new.ts:3-20') + finding('F-3', 'src/b.ts'));
		expect(await check({ 'content/phases/2.mdx': phase2('  - { title: B, done: true }\n'), 'content/reviews/rev-001.mdx': doc })).toEqual([]);
	});

	it('not ok: a location in a file that does not exist, or past the end of the file', async () => {
		const doc = review(finding('F-1', 'src/old.ts:3') + finding('F-2', 'src/a.ts:13') + finding('F-3', 'src/new.ts:19-21'));
		expect(await check({ 'content/phases/2.mdx': phase2('  - { title: B, done: true }\n'), 'content/reviews/rev-001.mdx': doc })).toEqual([
			`content/reviews/rev-001.mdx:${lineOf(doc, 'src/old.ts:3')}:1  error  Unexpected location of F-1 "src/old.ts:3": it does not exist at ${head} (end of v0.1.0..HEAD), expected path:line of a file of the code  reviews/location`,
			`content/reviews/rev-001.mdx:${lineOf(doc, 'src/a.ts:13')}:1  error  Unexpected location "src/a.ts:13" for F-2: src/a.ts has 12 lines at ${head} (end of v0.1.0..HEAD)  reviews/location`,
			`content/reviews/rev-001.mdx:${lineOf(doc, 'src/new.ts:19-21')}:1  error  Unexpected location "src/new.ts:19-21" for F-3: src/new.ts has 20 lines at ${head} (end of v0.1.0..HEAD)  reviews/location`,
		]);
	});

	// F7 of the attack: "Fixed" published for a file nothing changed after the review.
	it('warns of a finding marked fixed whose file no commit changed since the review\'s day', async () => {
		const fixed = (id: string, location: string, status = 'fixed') => `  - { id: ${id}, severity: high, title: Problem ${id}, location: "${location}", status: ${status}, owner: ana }\n`;
		// Reviewed on 3 July: new.ts changed that day (a fix the same day counts), stable.ts never after 1 July.
		const doc = review(fixed('F-1', 'src/new.ts:3') + fixed('F-2', 'src/stable.ts:2') + fixed('F-3', 'src/stable.ts:1', 'open') + fixed('F-4', 'tests/b.test.ts')).replace('date: 2026-07-10', 'date: 2026-07-03');
		expect(await check({ 'content/phases/2.mdx': phase2('  - { title: B, done: true }\n'), 'content/reviews/rev-001.mdx': doc })).toEqual([
			`content/reviews/rev-001.mdx:${lineOf(doc, 'F-2')}:1  warning  F-2 is marked fixed, but no commit has changed src/stable.ts since review REV-001 (2026-07-03); expected the commit that fixed it, or a location in the file it changed  reviews/fixed`,
		]);
	});

	// A fix committed after the release tag read as fixed, and the released phase as ready.
	it('warns of a finding marked fixed whose file changed only after its phase was released', async () => {
		const head = git(root, ['rev-parse', 'HEAD']).trim();
		const rename = git(root, ['rev-list', '-1', '--grep', 'Rename old', 'HEAD']).trim();
		// Phase 2 is released at v0.2.0, on the rename of 3 July; src/b.ts (added 2 July) changes
		// again on 6 July, after the tag.
		git(root, ['tag', 'v0.2.0', rename]);
		write(root, { 'app/src/b.ts': 'export const b = 2;\n' });
		commit(root, 'Fix b', '2026-07-06T09:00:00+00:00');
		try {
			const fixed = (id: string, location: string) => `  - { id: ${id}, severity: blocking, title: Problem ${id}, location: "${location}", status: fixed, owner: ana }\n`;
			const doc = review(fixed('F-1', 'src/b.ts:1')).replace('date: 2026-07-10', 'date: 2026-07-03');
			const phase = phaseDoc('2', 'dependsOn: ["1"]\nrelease: v0.2.0\n', bodyWithInventory(['| `src/` | Changed | REQ-2.1 |']));
			const files = { 'content/phases/2.mdx': phase, 'content/reviews/rev-001.mdx': doc };
			const message = 'F-1 is marked fixed, but no commit of release v0.2.0 changed src/b.ts since review REV-001 (2026-07-03); only commits the release does not hold did (the newest of 2026-07-06), so it shipped without that change';
			expect(await check(files)).toEqual([`content/reviews/rev-001.mdx:${lineOf(doc, 'F-1')}:1  warning  ${message}  reviews/fixed`]);
			expect(await check(files, true)).toEqual([`content/reviews/rev-001.mdx:${lineOf(doc, 'F-1')}:1  error  ${message} (a blocking finding: its phase reads ready on this claim)  reviews/fixed`]);
			// Reviewed two days after the release, the finding is of code the release had already shipped.
			expect(await check({ ...files, 'content/reviews/rev-001.mdx': doc.replace('date: 2026-07-03', 'date: 2026-07-05') })).toEqual([]);
			// Without the release, the range runs to HEAD, which holds the fix.
			expect(await check({ ...files, 'content/phases/2.mdx': phase.replace('release: v0.2.0\n', '') })).toEqual([]);
		} finally {
			git(root, ['tag', '-d', 'v0.2.0']);
			git(root, ['reset', '-q', '--hard', head]);
		}
	});

	// A blocking finding marked fixed with nothing changed let its phase read ready, and CI passed.
	it('with --strict a blocking finding marked fixed whose file no commit changed is an error', async () => {
		const fixed = (id: string, severity: string) => `  - { id: ${id}, severity: ${severity}, title: Problem ${id}, location: "src/stable.ts:2", status: fixed, owner: ana }\n`;
		const doc = review(fixed('F-1', 'blocking') + fixed('F-2', 'high')).replace('date: 2026-07-10', 'date: 2026-07-03');
		const files = { 'content/phases/2.mdx': phase2('  - { title: B, done: true }\n'), 'content/reviews/rev-001.mdx': doc };
		const message = (id: string) => `${id} is marked fixed, but no commit has changed src/stable.ts since review REV-001 (2026-07-03); expected the commit that fixed it, or a location in the file it changed`;
		expect(await check(files, true)).toEqual([
			`content/reviews/rev-001.mdx:${lineOf(doc, 'F-1')}:1  error  ${message('F-1')} (a blocking finding: its phase reads ready on this claim)  reviews/fixed`,
			`content/reviews/rev-001.mdx:${lineOf(doc, 'F-2')}:1  warning  ${message('F-2')}  reviews/fixed`,
		]);
		expect((await check(files)).map((line) => line.split('  ')[1])).toEqual(['warning', 'warning']);
	});

	it('not ok: in a draft review the same problem is a warning', async () => {
		const doc = review(finding('F-1', 'src/a.ts:99'), 'draft');
		const out = await check({ 'content/phases/2.mdx': phase2('  - { title: B, done: true }\n'), 'content/reviews/rev-001.mdx': doc });
		expect(out).toEqual([expect.stringMatching(new RegExp(`^content/reviews/rev-001.mdx:${lineOf(doc, 'src/a.ts:99')}:1  warning  Unexpected location "src/a.ts:99"`))]);
	});
});
