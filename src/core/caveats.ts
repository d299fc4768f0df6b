// What the check says against a phase's claims beside its verdict. Its warnings (a gate that
// judged older code, coverage of an older checkout, a release shipped before its approval) are
// not errors, so the site builds; published without them, a "Ready" would say more than the check.
import type { Finding } from './findings.ts';
import type { Program } from './load.ts';
import { documentAt } from './relations.ts';

/** The rule families whose warnings are about a claim against git or the evidence, not the prose. */
const CLAIM_FAMILIES = new Set(['artifacts', 'claims', 'consistency', 'evidence', 'inventory', 'release', 'reviews']);
const EVIDENCE_FOLDER = /^content\/evidence\/([^/]+)\//;

/** The phase a finding's file belongs to: the phase report, a document of the phase, or its evidence. */
function phaseOfPath(program: Program, path: string): string | undefined {
	const evidence = EVIDENCE_FOLDER.exec(path);
	if (evidence) return evidence[1];
	const doc = documentAt(program, path);
	if (!doc) return undefined;
	if (doc.type === 'phase') return doc.id;
	const phase = doc.data['phase'];
	return typeof phase === 'string' ? phase : undefined;
}

/** Each phase's claim warnings, in the check's order. */
export function phaseCaveats(program: Program, findings: readonly Finding[]): Map<string, Finding[]> {
	const byPhase = new Map<string, Finding[]>();
	for (const f of findings) {
		if (f.severity !== 'warning' || !CLAIM_FAMILIES.has(f.ruleId.slice(0, f.ruleId.indexOf('/')))) continue;
		const phase = phaseOfPath(program, f.path);
		if (phase === undefined) continue;
		const list = byPhase.get(phase);
		if (list) list.push(f);
		else byPhase.set(phase, [f]);
	}
	return byPhase;
}
