// `phasebook evidence`: record a CI report as gate evidence.
import { isAbsolute, relative, resolve } from 'node:path';
import { parseCliArgs, UserError } from '../src/cli/args.ts';
import { today } from '../src/core/dates.ts';
import { onCi, reportCommit, uncommittedCode } from '../src/core/evidence/commit.ts';
import { describeIgnoreRule, ignoreRule } from '../src/core/git/ignored.ts';
import { locateRepository } from '../src/core/git/repository.ts';
import { describeRun, EvidenceError, importEvidence } from '../src/core/evidence/index.ts';
import { FindingError, type Finding } from '../src/core/findings.ts';
import { formatFinding, formatGithub, printableLine } from '../src/core/findings-format.ts';
import { loadProgram, PROJECT_FILE } from '../src/core/load.ts';
import { evidenceFormatGroups, evidenceFormats, type Project } from '../src/core/schemas/index.ts';

const usage = `Usage: phasebook evidence import <report-file>... --phase <id> --gate <id> [options]

Reads a test, coverage, security or k6 report written by CI, evaluates the gate's
rule on it and records it as a new run under content/evidence/<phase>/<gate>/.
Several reports (reports/TEST-*.xml: one per class, shard or package) make one
run together, so a failure in any of them fails the gate.

Options:
  --phase <id>      phase the evidence belongs to (the id: in content/phases/*.mdx)
  --gate <id>       gate it is evidence for (an id from content/project.yaml gates)
  --format <name>   the report's format (default: detected from the content):
${Object.entries(evidenceFormatGroups)
	.map(([group, names]) => `                      ${group}: ${names.join(', ')}`)
	.join('\n')}
  --commit <sha>    commit the report was produced from (default: the CI job's
                    commit: $GITHUB_SHA, $CI_COMMIT_SHA and the like, or HEAD
                    when CI is set; none on a developer's machine)
  --env <name>      environment the tests ran in (e.g. ci, staging)
  --ran-in <dir>    folder the tool ran in, which the reports' relative paths are
                    relative to (default: the report's folder or one above it
                    holding the file)
  --out <file>      write exactly this file instead of a new file under content/evidence
  --root <dir>      project root (default: the current folder)
  -h, --help        show this help

Exit code 0 when the run was recorded (whether the gate passed or failed), 1 when
nothing was written because of a problem with the report or the arguments.`;

/** The project settings and phase ids, from the shared loader; invalid settings stop the import. */
async function loadProgramContext(root: string): Promise<{ project: Project; phaseIds: string[]; invalidPhases: { id: string; path: string }[] }> {
	const { program, findings } = await loadProgram(root);
	if (!program.project) {
		const problem = findings.find((f) => f.path === PROJECT_FILE);
		// A project.yaml that is there but wrong is the file's to fix, not the folder's.
		const hint = problem && problem.ruleId !== 'file/missing' ? 'Run `phasebook check` and fix it first.' : 'Run this from the project root or pass --root.';
		if (problem) throw new FindingError({ ...problem, hint });
		throw new EvidenceError(`${PROJECT_FILE} is invalid; ${hint}`);
	}
	const invalidPhases = (program.invalid ?? []).filter((d) => d.type === 'phase').map((d) => ({ id: d.id, path: d.path }));
	return { project: program.project, phaseIds: program.documents.phase.map((p) => p.id), invalidPhases };
}

function report(f: Finding, withHint = true): void {
	// As every command names itself: `phasebook evidence: <message>`, or the located finding.
	console.error(formatFinding(f, 'phasebook evidence'));
	if (withHint && f.hint) console.error(f.hint);
	if (process.env.GITHUB_ACTIONS === 'true') console.error(formatGithub([f]));
}

async function main(): Promise<number> {
	const { values, positionals } = parseCliArgs(
		{
			allowPositionals: true,
			options: {
				phase: { type: 'string' },
				gate: { type: 'string' },
				format: { type: 'string' },
				commit: { type: 'string' },
				env: { type: 'string' },
				'ran-in': { type: 'string' },
				out: { type: 'string' },
				root: { type: 'string', default: '.' },
				help: { type: 'boolean', short: 'h' },
			},
		},
		usage,
	);
	if (values.help) {
		console.log(usage);
		return 0;
	}
	const [command, ...files] = positionals;
	// A mistake in the command line itself is followed by the usage, as every command does.
	if (command !== 'import')
		throw new UserError(command ? `Unknown command "${command}", expected import` : 'Missing command: expected import <report-file>...', usage);
	if (!files.length) throw new UserError('Missing the report file: import <report-file>... --phase <id> --gate <id>', usage);
	if (!values.phase) throw new UserError('Missing --phase <id>', usage);
	if (!values.gate) throw new UserError('Missing --gate <id>', usage);
	const format = values.format;
	if (format !== undefined && !(evidenceFormats as readonly string[]).includes(format)) {
		throw new EvidenceError(`Unknown format "${format}", expected one of: ${evidenceFormats.join(', ')}`);
	}

	const cwd = process.cwd();
	const root = resolve(values.root);
	const now = new Date();
	const { project, phaseIds, invalidPhases } = await loadProgramContext(root);
	const reported = await reportCommit(values.commit, root);
	if (reported.refused) throw new EvidenceError(reported.refused);
	// Asked before the run is written: the run records it, for the check to say.
	const reports = files.map((file) => resolve(cwd, file));
	const uncommitted = reported.commit ? await uncommittedCode(reported.commit, root, { path: project?.code.path, categories: project?.code.categories, reports }) : [];
	const { path, run, leftOut } = await importEvidence({
		root,
		files: reports,
		phase: values.phase,
		gate: values.gate,
		format: format as (typeof evidenceFormats)[number] | undefined,
		commit: reported.commit,
		uncommitted,
		env: values.env,
		out: values.out === undefined ? undefined : resolve(cwd, values.out),
		ranIn: values['ran-in'] === undefined ? undefined : resolve(cwd, values['ran-in']),
		project,
		phaseIds,
		invalidPhases,
		now,
		today: today(now),
	});
	// Test names in the reasons come from the report: one line each, whatever they hold.
	console.log(printableLine(relative(cwd, path) || path));
	console.log(printableLine(describeRun(run)));
	for (const reason of run.reasons) console.log(`  - ${printableLine(reason)}`);
	if (leftOut.length) {
		const named = leftOut.slice(0, 3).join(', ') + (leftOut.length > 3 ? ` and ${leftOut.length - 3} more` : '');
		console.log(printableLine(`  (coverage of ${leftOut.length === 1 ? '1 file' : `${leftOut.length} files`} of the Phasebook program's own folder left out: ${named})`));
	}
	if (reported.missing) console.error(`phasebook evidence: ${reported.missing}`);
	if (uncommitted.length) {
		const named = uncommitted.slice(0, 3).join(', ') + (uncommitted.length > 3 ? ` and ${uncommitted.length - 3} more` : '');
		console.error(printableLine(`phasebook evidence: the code has changes not committed (${named}), so the report may be of them and not of commit ${reported.commit!.slice(0, 7)}, which the run is recorded against (the run says so, and the check warns of it); commit them and run the tool again${onCi() ? '' : ', or import from CI'}`));
	}
	const ignored = await ignoredRun(root, path);
	if (ignored) console.error(printableLine(`phasebook evidence: ${ignored}`));
	return 0;
}

/**
 * Why git would leave the run just written out of the repository, if it would: a `coverage/` line
 * in the repository's .gitignore matches `content/evidence/<phase>/coverage/`, so the workflow's
 * `git add` skips the run and no clone has it.
 */
async function ignoredRun(root: string, path: string): Promise<string | undefined> {
	const inProject = relative(root, path);
	if (inProject.startsWith('..') || isAbsolute(inProject)) return undefined;
	// A shallow clone (CI's checkout) has no history, but its prefix and .gitignore hold.
	const { prefix } = await locateRepository(root);
	if (prefix === undefined) return undefined;
	const rule = await ignoreRule(root, inProject, prefix);
	if (!rule) return undefined;
	const { where, fix } = describeIgnoreRule(rule);
	return `git ignores ${inProject} (${where}), so \`git add\` leaves the run out and no clone will have it; ${fix}`;
}

main().then(
	(code) => {
		process.exitCode = code;
	},
	(error: unknown) => {
		// A finding's hint follows it: for a mistake in the command line, the usage.
		if (error instanceof FindingError) report(error.finding);
		else {
			// Not the user's mistake: say so, keep the stack for whoever debugs it.
			console.error(
				`phasebook evidence: unexpected internal error: ${(error as Error)?.message ?? String(error)}`,
			);
			if (process.env.PHASEBOOK_DEBUG) console.error((error as Error)?.stack);
			process.exitCode = 2;
			return;
		}
		process.exitCode = 1;
	},
);
