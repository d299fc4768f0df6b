// Builds throwaway programs on disk for tests: the real templates plus the files a test names.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export const REPO = resolve(import.meta.dirname, '../..');

/**
 * Makes `root` a Phasebook checkout of its own around a test program: the package's files beside
 * the program, sharing this checkout's node_modules. Astro resolves injected routes relative to the
 * project root, so they must live inside it (or in node_modules, as for an installed package).
 * Returns the copy's `phasebook` command, so the command and the site share one integration.
 */
export function makeSite(root: string): string {
	for (const entry of ['astro.config.mjs', 'package.json', 'index.js', 'bin', 'scripts', 'src', 'public']) {
		cpSync(join(REPO, entry), join(root, entry), { recursive: true });
	}
	symlinkSync(join(REPO, 'node_modules'), join(root, 'node_modules'), 'dir');
	return join(root, 'bin/phasebook.js');
}

export const PROJECT_YAML = `name: Test program
description: A program made up by a test.
coverageThreshold: 85
gates:
  - { id: build, title: Clean build, layer: build }
  - { id: unit, title: Unit tests, layer: unit }
`;

export const TASKS_YAML = `tasks:
  - { id: T-001, phase: "1", title: Follow up, status: open, owner: ana }
`;

/** The template's body with every section filled in, as an author would leave it. */
export function completeBody(type: string): string {
	const template = readFileSync(join(REPO, 'templates', `${type}.mdx`), 'utf8');
	const body = template.replace(/^---\n[\s\S]*?\n---\n/, '');
	return body
		.replace(/\{\/\*[\s\S]*?\*\/\}/g, 'Written by the author with real detail.')
		.replace(/\| ---- \| ------ \| ----------- \|/, '| ---- | ------ | ----------- |\n| `src/a.ts` | Added | REQ-1.1 |')
		.replace(/```mermaid\n(\w+)(.*)\n```/g, (_, kind: string, rest: string) =>
			kind === 'sequenceDiagram' ? '```mermaid\nsequenceDiagram\n  A->>B: hello\n```' : `\`\`\`mermaid\n${kind}${rest}\n  A --> B\n\`\`\``,
		);
}

export function phaseDoc(id: string, fields = '', body = completeBody('phase').replace('REQ-1.1', `REQ-${id}.1`)): string {
	return `---
id: "${id}"
title: Phase ${id}
goal: Deliver phase ${id}.
status: in-review
owners: [ana]
window: { start: 2026-01-01, end: 2026-02-01 }
risk: low
priority: high
requirements:
  - { id: REQ-${id}.1, title: First requirement }
${fields}---
${body}`;
}

export function rcaDoc(id: string, fields = 'status: mitigated\n', body = completeBody('rca')): string {
	return `---
id: ${id}
title: Something broke
phase: "1"
severity: high
detected: 2026-01-10
owners: [ana]
${fields}---
${body}`;
}

/**
 * Writes a program into a fresh temp folder and returns its root. The folder is a git repository
 * with one commit holding everything, including `src/a.ts`, the file the default inventory names,
 * so the git checks run as they do in a real repository (`git: false` leaves git out).
 */
export function makeProgram(files: Record<string, string>, options: { templates?: boolean; git?: boolean } = {}): string {
	const root = mkdtempSync(join(tmpdir(), 'phasebook-test-'));
	if (options.templates !== false) cpSync(join(REPO, 'templates'), join(root, 'templates'), { recursive: true });
	const all = {
		'content/project.yaml': PROJECT_YAML,
		'content/tasks.yaml': TASKS_YAML,
		'content/phases/1.mdx': phaseDoc('1'),
		...files,
	};
	for (const [path, text] of Object.entries(all)) {
		mkdirSync(dirname(join(root, path)), { recursive: true });
		writeFileSync(join(root, path), text);
	}
	if (options.git !== false) {
		mkdirSync(join(root, 'src'), { recursive: true });
		writeFileSync(join(root, 'src', 'a.ts'), 'export const a = 1;\n');
		const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 'Ana', GIT_AUTHOR_EMAIL: 'ana@example.com', GIT_COMMITTER_NAME: 'Ana', GIT_COMMITTER_EMAIL: 'ana@example.com' };
		execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: root, env });
		execFileSync('git', ['add', '-A'], { cwd: root, env });
		execFileSync('git', ['commit', '-q', '-m', 'Start (REQ-1.1)'], { cwd: root, env });
	}
	return root;
}

export interface RunSpec {
	phase?: string;
	gate: string;
	commit?: string;
	recordedAt?: string;
	/** Cases as [name, status, requirements]. */
	cases?: [string, 'passed' | 'failed', string[]?][];
	coverage?: number;
	findings?: { ruleId: string; severity: 'critical' | 'high' | 'medium'; location?: string }[];
}

/** One imported evidence run, as `[path, json]` for makeProgram. */
export function evidenceRun(spec: RunSpec): [string, string] {
	const phase = spec.phase ?? '1';
	const recordedAt = spec.recordedAt ?? '2026-07-01T10:00:00.000Z';
	const cases = (spec.cases ?? [['works', 'passed']]).map(([name, status, requirements = []]) => ({ name, suite: 'suite.test.ts', status, durationMs: 1, requirements }));
	const failed = cases.filter((c) => c.status === 'failed').length;
	const run = {
		schemaVersion: 1,
		phase,
		gate: spec.gate,
		status: 'pass',
		recordedAt,
		...(spec.commit ? { commit: spec.commit } : {}),
		source: { format: spec.coverage !== undefined ? 'istanbul' : spec.findings ? 'sarif' : 'junit', tool: 'test', file: 'report' },
		...(spec.coverage !== undefined
			? { coverage: { lines: spec.coverage, statements: spec.coverage, functions: spec.coverage, branches: spec.coverage } }
			: spec.findings
				? { findings: spec.findings.map((f) => ({ message: 'found', ...f })) }
				: { tests: { total: cases.length, passed: cases.length - failed, failed, skipped: 0, durationMs: 1 }, cases }),
		reasons: [],
	};
	return [`content/evidence/${phase}/${spec.gate}/${recordedAt.replace(/\.\d+Z$/, 'Z').replaceAll(':', '-')}-${spec.gate}.json`, JSON.stringify(run, null, 2)];
}

export function handoffDoc(fields: string, status = 'final'): string {
	const body = completeBody('handoff');
	return `---\nid: HO-001\ntitle: Phase 1 handoff\nphase: "1"\ndate: 2026-02-01\nstatus: ${status}\nowners: [ana]\ncommitMessage: "feat: phase 1"\n${fields}---\n${body}`;
}

export function reviewDoc(fields: string, status = 'final'): string {
	return `---\nid: REV-001\ntitle: Phase 1 review\nphase: "1"\ndate: 2026-02-01\nstatus: ${status}\nowners: [ana]\nreviewers: [ben]\n${fields}---\n${completeBody('review')}`;
}
