// `phasebook check`: validates every document under content/ and exits 1 on any error.
import { resolve } from 'node:path';
import { parseCliArgs, runCli, UserError } from '../src/cli/args.ts';
import { changedFiles, changesFindings, NOTHING_CHANGED, type ChangedFiles } from '../src/core/changed-files.ts';
import { countBySeverity } from '../src/core/findings.ts';
import { formatReport, wantsColor } from '../src/core/findings-format.ts';
import { assertProjectRoot } from '../src/core/project-root.ts';

const usage = `Usage: phasebook check [--format text|json] [--root <dir>] [--strict] [--changed]

Checks frontmatter, required sections, references and consistency of every
document under content/. Exits 1 when there is an error; warnings alone pass.
With GITHUB_ACTIONS=true it also prints GitHub workflow annotations.
--strict makes a release whose tag is missing from git an error, and git checks
that could not run at all (a shallow clone, say).
--changed checks only the documents that differ from git HEAD (staged, unstaged
or new) and those that depend on them: the documents of their phases, phases
that depend on theirs, their releases' changelog entries. A change to
project.yaml, tasks.yaml, templates/ or the evidence checks everything.`;

runCli('phasebook check', async () => {
	const { values } = parseCliArgs(
		{ options: { format: { type: 'string', default: 'text' }, root: { type: 'string', default: '.' }, strict: { type: 'boolean' }, changed: { type: 'boolean' }, help: { type: 'boolean' } } },
		usage,
	);
	if (values.help) {
		console.log(usage);
		return 0;
	}
	if (values.format !== 'text' && values.format !== 'json') {
		throw new UserError(`Unexpected format "${values.format}", expected text or json`, usage);
	}
	const started = performance.now();
	const root = resolve(values.root);
	const format = values.format;
	const color = wantsColor(process.stdout, process.env);
	const github = process.env.GITHUB_ACTIONS === 'true';
	let changes: ChangedFiles | undefined;
	if (values.changed) {
		// A pre-commit hook's commit often touches only code: git is asked before the program, the
		// schemas and the rules are loaded, and when nothing a document's findings read has changed,
		// the answer is the one the whole check would give, in less than half the time.
		await assertProjectRoot(root);
		changes = await changedFiles(root);
		if (changes.files && !changesFindings(changes)) {
			console.error(`phasebook check --changed: ${NOTHING_CHANGED}`);
			console.log(formatReport([], { format, documents: 0, color, github }));
			if (format === 'text' && process.env.PHASEBOOK_TIMING) console.log(`(${Math.round(performance.now() - started)} ms)`);
			return 0;
		}
	}
	const { runCheck } = await import('../src/cli/run-check.ts');
	const { findings, documents, scope, analysis } = await runCheck(root, { ...(values.strict && { strict: true }), ...(changes && { changed: true, changes }) });
	// On stderr, so --format json stays one JSON document.
	if (scope) console.error(`phasebook check --changed: ${scope}`);
	console.log(formatReport(findings, { format, documents, color, github, repositoryPrefix: analysis.projectPrefix }));
	if (format === 'text' && process.env.PHASEBOOK_TIMING) {
		const kept = analysis.cached;
		const cache = kept ? `; ${kept.reused} of ${kept.reused + kept.read} documents unchanged since the last check, ${kept.textsRead} of them read again` : '';
		console.log(`(${Math.round(performance.now() - started)} ms${cache})`);
	}
	return countBySeverity(findings).errors > 0 ? 1 : 0;
});
