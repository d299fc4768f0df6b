// `phasebook readiness`: each phase's verdict and blockers; exit 1 when the named phase is not ready.
import { compareIds } from '../src/core/order.ts';
import { resolve } from 'node:path';
import { analyse } from '../src/core/analysis.ts';
import { parseCliArgs, runCli, UserError } from '../src/cli/args.ts';
import { phaseCaveats } from '../src/core/caveats.ts';
import { countBySeverity, FindingError, type Finding } from '../src/core/findings.ts';
import { plural } from '../src/lib/labels.ts';
import { printableLine } from '../src/core/findings-format.ts';
import { missingPhase, PROJECT_FILE } from '../src/core/load.ts';
import type { Readiness } from '../src/core/readiness.ts';

const usage = `Usage: phasebook readiness [--phase <id>] [--format text|json] [--root <dir>]

Prints whether each phase may pass its gate and, if not, the ordered blockers
with their owners. With --phase it exits 1 when that phase is not ready, so a
pipeline can gate a phase transition on it.`;

function describe(r: Readiness, title: string, status: string, caveats: readonly Finding[]): string {
	// Titles, owners and failing test names come from files and reports: printed one line each.
	const head = `Phase ${r.phase}  ${printableLine(title)}  (${status})  ${r.ready ? 'READY' : `NOT READY: ${r.blockers.length} blocker${r.blockers.length === 1 ? '' : 's'}`}`;
	const gates = r.gates.map((g) => `${g.gate.id} ${g.status}`).join(', ');
	const lines = r.blockers.map((b, i) => `  ${i + 1}. ${printableLine(b.message)}\n     owner: ${printableLine(b.owner)}  see: ${printableLine(b.href)}`);
	// The check's warnings about the evidence behind the verdict, as the site shows them beside it.
	const warned = caveats.map((f) => `  warning: ${printableLine(f.message)}  ${f.ruleId}`);
	return [head, `  gates: ${gates || '(none required)'}`, ...lines, ...warned].join('\n');
}

runCli('phasebook readiness', async () => {
	const { values } = parseCliArgs(
		{
			options: {
				phase: { type: 'string' },
				format: { type: 'string', default: 'text' },
				root: { type: 'string', default: '.' },
				help: { type: 'boolean' },
			},
		},
		usage,
	);
	if (values.help) {
		console.log(usage);
		return 0;
	}
	if (values.format !== 'text' && values.format !== 'json') throw new UserError(`Unexpected format "${values.format}", expected text or json`);
	const analysis = await analyse(resolve(values.root));
	if (!analysis.project) {
		const hint = 'Run `phasebook check` and fix it first.';
		const problem = analysis.findings.find((f) => f.path === PROJECT_FILE);
		throw problem ? new FindingError({ ...problem, hint }) : new UserError(`${PROJECT_FILE} is invalid; ${hint}`);
	}
	const phases = [...analysis.program.documents.phase].sort((a, b) => compareIds(a.id, b.id));
	const selected = values.phase === undefined ? phases : phases.filter((p) => p.id === values.phase);
	const broken = values.phase === undefined ? undefined : analysis.program.invalid?.find((d) => d.type === 'phase' && d.id === values.phase);
	if (selected.length === 0 && broken) {
		throw new UserError(`Phase ${values.phase} (${broken.path}) has errors, so its readiness cannot be judged; run \`phasebook check\` and fix them first`);
	}
	if (selected.length === 0) {
		throw new UserError(missingPhase(analysis.program, values.phase!));
	}
	const caveats = phaseCaveats(analysis.program, analysis.findings);
	const verdicts = selected.map((p) => ({ doc: p, verdict: analysis.readiness.get(p.id)!, caveats: caveats.get(p.id) ?? [] }));
	if (values.format === 'json') {
		console.log(JSON.stringify(verdicts.map(({ verdict: v, caveats: warned }) => ({
			phase: v.phase,
			ready: v.ready,
			blockers: v.blockers,
			warnings: warned.map(({ path, line, message, ruleId }) => ({ path, line, message, ruleId })),
			gates: v.gates.map((g) => ({ gate: g.gate.id, status: g.status, reasons: g.reasons, runs: g.runs.length })),
		})), null, 2));
	} else {
		console.log(verdicts.map(({ doc, verdict, caveats: warned }) => describe(verdict, doc.data.title, doc.data.status, warned)).join('\n\n'));
	}
	// A file the check cannot read is a blocker of its phase; other errors (tasks.yaml, a broken
	// reference) may still change a verdict, so they are never passed over in silence.
	const { errors } = countBySeverity(analysis.findings);
	if (errors) console.error(`phasebook readiness: \`phasebook check\` finds ${plural(errors, 'error')} in the content; these verdicts may change once they are fixed`);
	return values.phase !== undefined && !verdicts[0]!.verdict.ready ? 1 : 0;
});
