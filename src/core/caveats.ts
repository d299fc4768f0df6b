// What the check says against a phase's claims beside its verdict. Its warnings (a gate that
// judged older code, coverage of an older checkout, a release shipped before its approval) are
// not errors, so the site builds; published without them, a "Ready" would say more than the check.
import { GIT_SKIPPED } from './check/code-inventory.ts';
import type { Finding } from './findings.ts';
import { readerReason } from './git/repository.ts';
import { PROJECT_FILE, type Program } from './load.ts';
import { documentAt, patchedPhase } from './relations.ts';

/** The rule families whose warnings are about a claim against git or the evidence, not the prose. */
const CLAIM_FAMILIES = new Set(['artifacts', 'claims', 'consistency', 'evidence', 'inventory', 'release', 'reviews', 'schedule']);
/** Rules of other families that say a phase is judged on less than it seems: a required gate it leaves out. */
const CLAIM_RULES = new Set(['references/gate-dropped']);
/**
 * Warnings on the settings that weaken every phase's verdict: the git checks skipped (a shallow
 * clone, no git), a threshold written as a fraction (0.85 read as 0.85 %).
 */
const PROGRAM_RULES = new Set(['git/unavailable', 'frontmatter/schema']);
const EVIDENCE_FOLDER = /^content\/evidence\/([^/]+)\//;

/** The phase a finding's file belongs to: the phase report, a document of the phase, or its evidence. */
function phaseOfPath(program: Program, path: string): string | undefined {
	const evidence = EVIDENCE_FOLDER.exec(path);
	if (evidence) return evidence[1];
	const doc = documentAt(program, path);
	if (!doc) return undefined;
	if (doc.type === 'phase') return doc.id;
	const phase = doc.data['phase'];
	if (typeof phase === 'string') return phase;
	// A patch that names no phase is judged as the patch of the phase whose release it follows.
	return doc.type === 'changelog' ? patchedPhase(program, String(doc.data['version'])) : undefined;
}

/** Why git was not read, as a published page says it: without the machine's folders (readerReason). */
function published(f: Finding): Finding {
	if (f.ruleId !== 'git/unavailable' || !f.message.startsWith(GIT_SKIPPED)) return f;
	return { ...f, message: GIT_SKIPPED + readerReason(f.message.slice(GIT_SKIPPED.length)) };
}

const family = (f: Finding) => f.ruleId.slice(0, f.ruleId.indexOf('/'));

/**
 * Each phase's claim warnings, in the check's order: the program's own first, then the phase's.
 * `forSite` words them for a published page, which names no folder of the machine that built it.
 */
export function phaseCaveats(program: Program, findings: readonly Finding[], forSite = false): Map<string, Finding[]> {
	const warnings = findings.filter((f) => f.severity === 'warning');
	const everyPhase = warnings.filter((f) => f.path === PROJECT_FILE && PROGRAM_RULES.has(f.ruleId)).map((f) => (forSite ? published(f) : f));
	const byPhase = new Map<string, Finding[]>(everyPhase.length ? program.documents.phase.map((p) => [p.id, [...everyPhase]]) : []);
	for (const f of warnings) {
		if (!CLAIM_FAMILIES.has(family(f)) && !CLAIM_RULES.has(f.ruleId)) continue;
		const phase = phaseOfPath(program, f.path);
		if (phase === undefined) continue;
		const list = byPhase.get(phase);
		if (list) list.push(f);
		else byPhase.set(phase, [f]);
	}
	return byPhase;
}
