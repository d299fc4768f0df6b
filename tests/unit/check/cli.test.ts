import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { completeBody, makeProgram, phaseDoc, rcaDoc, REPO } from '../../helpers/program.ts';

function run(script: string, args: string[], env: Record<string, string> = {}, cwd?: string) {
	const result = spawnSync(process.execPath, [join(REPO, 'scripts', script), ...args], {
		...(cwd && { cwd }),
		encoding: 'utf8',
		env: { ...process.env, GITHUB_ACTIONS: '', NO_COLOR: '1', ...env },
	});
	return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function snapshot(dir: string): string {
	return readdirSync(dir, { recursive: true })
		.map(String)
		.sort()
		.map((p) => `${p}:${statSync(join(dir, p)).isFile() ? readFileSync(join(dir, p), 'utf8').length : 'dir'}`)
		.join('\n');
}

describe('npm run check', () => {
	it('exits 0 on a clean program and prints a summary', () => {
		const root = makeProgram({});
		const { code, stdout } = run('check.ts', ['--root', root]);
		expect(stdout.trim()).toBe('✔ 1 document checked: no problems');
		expect(code).toBe(0);
	});

	it('exits 0 when there are warnings only', () => {
		const root = makeProgram({ 'content/rcas/a.mdx': rcaDoc('RCA-0001', 'status: open\n', '## Symptom and impact\n\nTBD\n') });
		const { code, stdout } = run('check.ts', ['--root', root]);
		expect(stdout).toMatch(/⚠ 7 problems \(0 errors, 7 warnings\) in 1 file; 2 documents checked/);
		expect(code).toBe(0);
	});

	it('exits 1 on an error, grouped by file, in path:line:col form, and never writes to content/', () => {
		const root = makeProgram({ 'content/rcas/a.mdx': rcaDoc('RCA-0001', 'status: finished\n') });
		const before = snapshot(join(root, 'content'));
		const { code, stdout, stderr } = run('check.ts', ['--root', root]);
		expect(stdout).toContain('content/rcas/a.mdx\ncontent/rcas/a.mdx:8:1  error  Unexpected string "finished" in "status"');
		expect(stdout).toContain('frontmatter/schema');
		// The RCA its own error left out was checked too, with the phase beside it.
		expect(stdout).toMatch(/✖ 1 problem \(1 error, 0 warnings\) in 1 file; 2 documents checked/);
		expect(stderr).toBe('');
		expect(code).toBe(1);
		expect(snapshot(join(root, 'content'))).toBe(before);
	});

	it('--format json prints the same findings as JSON', () => {
		const root = makeProgram({ 'content/rcas/a.mdx': rcaDoc('RCA-0001', 'status: finished\n') });
		const { code, stdout } = run('check.ts', ['--root', root, '--format', 'json']);
		const report = JSON.parse(stdout);
		expect(report.summary).toEqual({ errors: 1, warnings: 0, documents: 2 });
		expect(report.findings[0]).toMatchObject({ path: 'content/rcas/a.mdx', line: 8, column: 1, severity: 'error', ruleId: 'frontmatter/schema' });
		expect(report.findings[0].url).toMatch(/#frontmatter-rules$/);
		expect(code).toBe(1);
	});

	it('prints GitHub annotations when GITHUB_ACTIONS=true', () => {
		const root = makeProgram({ 'content/rcas/a.mdx': rcaDoc('RCA-0001', 'status: finished\n') });
		const { stdout } = run('check.ts', ['--root', root], { GITHUB_ACTIONS: 'true' });
		expect(stdout).toContain('::error file=content/rcas/a.mdx,line=8,col=1,title=frontmatter/schema::Unexpected string "finished" in "status"');
	});

	it('gives annotations the path from the repository\'s root, where GitHub places them on the diff, for a program in docs/', () => {
		const program = makeProgram({ 'content/rcas/a.mdx': rcaDoc('RCA-0001', 'status: finished\n') }, { git: false });
		const repository = mkdtempSync(join(tmpdir(), 'phasebook-repo-'));
		renameSync(program, join(repository, 'docs'));
		spawnSync('git', ['init', '-q'], { cwd: repository });
		const { stdout } = run('check.ts', ['--root', join(repository, 'docs')], { GITHUB_ACTIONS: 'true' });
		expect(stdout).toContain('::error file=docs/content/rcas/a.mdx,line=8,col=1,title=frontmatter/schema::');
		// The text report keeps the paths the author runs the command with.
		expect(stdout).toContain('\ncontent/rcas/a.mdx:8:1  error');
	});

	it('fails on a mermaid syntax error with the document, the line and mermaid\'s message', () => {
		const body = completeBody('phase').replace('flowchart LR\n  A --> B', 'flowchart LR\n  A --> B\n  B -->> ??');
		const root = makeProgram({ 'content/phases/1.mdx': phaseDoc('1', '', body) });
		const { code, stdout } = run('check.ts', ['--root', root]);
		const line = phaseDoc('1', '', body).split('\n').indexOf('  B -->> ??') + 1;
		expect(stdout).toMatch(new RegExp(`content/phases/1.mdx:${line}:\\d+  error  .*  diagrams/syntax`));
		expect(stdout).not.toMatch(/\n\s+at /);
		expect(code).toBe(1);
	}, 60_000);

	// An author's attack: both passed the check; the build published a picture of mermaid's error in
	// place of the first, and a diagram that loaded a third party's image for the second.
	it('fails on a diagram longer than mermaid draws, and on one whose CSS loads from another site', () => {
		const huge = `flowchart LR\n${Array.from({ length: 2500 }, (_, i) => `  N${i}[Node ${i}] --> N${i + 1}`).join('\n')}`;
		const remote = '%%{init: {"themeCSS": ".node rect { fill: url(https://evil.example/t.svg#p) }"}}%%\nflowchart LR\n  A --> B';
		const body = completeBody('phase').replace('flowchart LR\n  A --> B', huge).replace('## Risks', `\`\`\`mermaid\n${remote}\n\`\`\`\n\n## Risks`);
		const doc = phaseDoc('1', '', body);
		const root = makeProgram({ 'content/phases/1.mdx': doc });
		const { code, stdout } = run('check.ts', ['--root', root]);
		const lines = doc.split('\n');
		const hugeLine = lines.indexOf('  N0[Node 0] --> N1') - 1;
		const remoteLine = lines.indexOf(remote.split('\n')[0]!);
		expect(stdout).toContain(`content/phases/1.mdx:${hugeLine}:1  error  The diagram at line ${hugeLine} cannot be published: mermaid drew "Maximum text size in diagram exceeded" in its place: its ${huge.length.toLocaleString('en')} characters are more than mermaid's maxTextSize (50,000 unless configured); split the diagram  diagrams/too-large`);
		expect(stdout).toContain(`content/phases/1.mdx:${remoteLine}:1  error  The diagram at line ${remoteLine} cannot be published: its CSS loads a url() from outside the diagram (a themeCSS, style or classDef of the diagram's source); expected a diagram that loads nothing from elsewhere  diagrams/unsafe`);
		expect(code).toBe(1);
	}, 120_000);

	it('refuses an option given twice rather than keeping the last in silence, and writes nothing', () => {
		const root = makeProgram({});
		const before = snapshot(join(root, 'content'));
		const { code, stderr } = run('new.ts', ['handoff', 'Hand over', '--phase', '1', '--phase', '2', '--root', root]);
		expect(stderr).toMatch(/^phasebook new: Option '--phase' is given more than once, expected it once\n/);
		expect(code).toBe(1);
		expect(snapshot(join(root, 'content'))).toBe(before);
		expect(run('check.ts', ['--root', root, '--root', root]).stderr).toMatch(/^phasebook check: Option '--root' is given more than once/);
	});

	// `build --out ''` said "refusing to write the site to /", `pdf --out ''` named a blank file, and
	// `build --out --strict` printed Node's three-line message with literal \n between its lines.
	it('refuses an empty option value, and a flag where a value belongs, in one line', () => {
		const root = makeProgram({});
		const empty = run('build.ts', ['--root', root, '--out', '']);
		expect([empty.code, empty.stderr.split('\n')[0]]).toEqual([1, "phasebook build: Option '--out' has an empty value, expected one"]);
		const flag = run('build.ts', ['--root', root, '--out', '--strict']);
		expect(flag.code).toBe(1);
		expect(flag.stderr.split('\n')[0]).toBe("phasebook build: Option '--out' argument is ambiguous.");
		expect(flag.stderr).not.toContain('\\n');
	});

	// new wrote content/rcas/rca-0001.mdx and exited 0 beside a project.yaml every other command refused;
	// inventory called a phase whose YAML is broken "Unknown phase", expected one of (none).
	it('new refuses a program whose project.yaml does not load, naming its line; inventory names a phase file that has errors', () => {
		const root = makeProgram({ 'content/project.yaml': 'name: "Test\n' });
		const before = snapshot(join(root, 'content'));
		const created = run('new.ts', ['rca', 'Data loss', '--phase', '1', '--root', root]);
		expect(created.code).toBe(1);
		expect(created.stderr).toMatch(/^content\/project\.yaml:\d+:\d+  error  Invalid YAML/);
		expect(created.stderr).toContain('Run `phasebook check` and fix it first.');
		expect(snapshot(join(root, 'content'))).toBe(before);
		const broken = makeProgram({ 'content/phases/1.mdx': phaseDoc('1').replace('risk: low', 'risk: enormous') });
		const inventory = run('inventory.ts', ['--phase', '1', '--root', broken]);
		expect(inventory.code).toBe(1);
		expect(inventory.stderr).toContain('Phase 1 (content/phases/1.mdx) has errors; run npx phasebook check and fix them first');
	});

	it('refuses a PHASEBOOK_TODAY that is not a calendar day, naming it, instead of ignoring it or blaming the template', () => {
		const root = makeProgram({});
		for (const [script, args] of [['check.ts', []], ['new.ts', ['phase', 'Next']]] as const) {
			for (const value of ['yesterday', '2026-13-45']) {
				const { code, stderr } = run(script, [...args, '--root', root], { PHASEBOOK_TODAY: value });
				expect(stderr, `${script} ${value}`).toBe(`phasebook ${script.replace('.ts', '')}: PHASEBOOK_TODAY is "${value}", expected a calendar day as YYYY-MM-DD, or unset for today\n`);
				expect(code).toBe(1);
			}
		}
		expect(readdirSync(join(root, 'content/phases'))).toEqual(['1.mdx']);
	});

	it('rejects an unknown option without a stack trace', () => {
		const { code, stderr } = run('check.ts', ['--frmat', 'json']);
		expect(stderr).toMatch(/^phasebook check: Unknown option '--frmat'/);
		expect(stderr).not.toMatch(/\n\s+at /);
		expect(code).toBe(1);
	});
});

describe('npm run readiness', () => {
	it('prints the project.yaml finding that stops it, then what to do', () => {
		const root = makeProgram({ 'content/project.yaml': 'name: x\ndescription: y\ngates: []\n' });
		const { code, stdout, stderr } = run('readiness.ts', ['--root', root]);
		expect({ code, stdout }).toEqual({ code: 1, stdout: '' });
		expect(stderr).toMatch(/^content\/project\.yaml:3:1  error  Field "gates": expected at least one gate  frontmatter\/schema\nRun `phasebook check` and fix it first\.\n$/);
	});

	it('rejects an unknown format on one line, without a stack trace', () => {
		const { code, stderr } = run('readiness.ts', ['--root', makeProgram({}), '--format', 'xml']);
		expect(stderr).toBe('phasebook readiness: Unexpected format "xml", expected text or json\n');
		expect(code).toBe(1);
	});
});

describe('npm run new', () => {
	it('creates an RCA from its template with the next id, today and the phase link', () => {
		const root = makeProgram({ 'content/rcas/rca-0007.mdx': rcaDoc('RCA-0007') });
		const { code, stdout } = run('new.ts', ['rca', 'Login "fails"', '--phase', '1', '--root', root], { PHASEBOOK_TODAY: '2026-11-21' }, root);
		expect(stdout.trim()).toBe('content/rcas/rca-0008.mdx');
		expect(code).toBe(0);
		const text = readFileSync(join(root, stdout.trim()), 'utf8');
		expect(text).toContain('id: "RCA-0008"\ntitle: "Login \\"fails\\""\nphase: "1"');
		expect(text).toContain('detected: 2026-11-21');
		expect(text).toContain('status: open');
		expect(text).toContain('## Root cause analysis\n');
		// A fresh scaffold passes the check with warnings for its empty sections.
		const check = run('check.ts', ['--root', root]);
		expect(check.code).toBe(0);
		expect(check.stdout).toMatch(/0 errors, 7 warnings/);
	});

	it('creates a phase with the next numeric id and the four diagram sub-sections', () => {
		const root = makeProgram({ 'content/phases/2.mdx': phaseDoc('2') });
		const { stdout, code } = run('new.ts', ['phase', 'Hardening', '--root', root], {}, root);
		expect(code).toBe(0);
		expect(stdout.trim()).toBe('content/phases/3.mdx');
		const text = readFileSync(join(root, 'content/phases/3.mdx'), 'utf8');
		expect(text.match(/^### (Architecture|Sequence|Data flow|Failure path)$/gm)).toHaveLength(4);
	});

	it('creates a changelog entry without the template\'s optional markers', () => {
		const root = makeProgram({});
		const { stdout, code } = run('new.ts', ['changelog', 'First release', '--phase', '1', '--root', root], {}, root);
		expect(code).toBe(0);
		const text = readFileSync(join(root, stdout.trim()), 'utf8');
		expect(text).toContain('version: "0.1.0"');
		expect(text).toContain('phase: "1"');
		expect(text).not.toContain('optional');
	});

	it('never overwrites an existing file: it passes an unreadable document’s id by, and refuses a version whose file exists', () => {
		const root = makeProgram({});
		writeFileSync(join(root, 'content/phases/2.mdx'), 'not a phase yet');
		const passed = run('new.ts', ['phase', 'Two', '--root', root], {}, root);
		expect([passed.code, passed.stdout]).toEqual([0, 'content/phases/3.mdx\n']);
		expect(readFileSync(join(root, 'content/phases/2.mdx'), 'utf8')).toBe('not a phase yet');
		mkdirSync(join(root, 'content/changelog'), { recursive: true });
		writeFileSync(join(root, 'content/changelog/0.3.0.mdx'), 'not an entry yet');
		const { code, stderr } = run('new.ts', ['changelog', 'Three', '--phase', '1', '--version', '0.3.0', '--root', root]);
		expect(stderr).toContain('content/changelog/0.3.0.mdx already exists; not overwriting it');
		expect(code).toBe(1);
		expect(readFileSync(join(root, 'content/changelog/0.3.0.mdx'), 'utf8')).toBe('not an entry yet');
	});

	it('lists the valid types for an unknown one, and the phases for an unknown phase', () => {
		const root = makeProgram({});
		expect(run('new.ts', ['incident', 'X', '--root', root]).stderr).toContain('Unknown document type "incident", expected one of phase, rca, handoff, review, changelog');
		const unknown = run('new.ts', ['review', 'X', '--phase', '8', '--root', root]);
		expect(unknown.stderr).toContain('Unknown phase "8", expected one of 1');
		expect(unknown.code).toBe(1);
	});

	it('names the document type with its article and its acronyms when --phase is missing', () => {
		const root = makeProgram({});
		const rca = run('new.ts', ['rca', 'X', '--root', root]);
		expect(rca.stderr).toContain('An issue RCA belongs to a phase: add --phase <id> (one of 1)');
		expect(rca.code).toBe(1);
		expect(run('new.ts', ['handoff', 'X', '--root', root]).stderr).toContain('A handoff belongs to a phase');
	});
});
