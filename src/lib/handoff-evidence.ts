// The evidence a handoff is read with: its phase's as of the handoff's date (core: phaseEvidenceAt).
import { phaseEvidenceAt, type PhaseEvidence } from '../core/evidence-at.ts';
import type { SourceDocument } from '../core/load.ts';
import type { Handoff } from '../core/schemas/index.ts';
import { getAnalysis } from './program.ts';
import { sortedPhases } from '../core/relations.ts';

/** Undefined when the handoff names no phase of the program (the check reports that). */
export async function handoffEvidence(handoff: SourceDocument<Handoff>): Promise<PhaseEvidence | undefined> {
	const { program, project, runs, commitAge } = await getAnalysis();
	const phases = sortedPhases(program);
	const index = phases.findIndex((p) => p.id === handoff.data.phase);
	const phase = phases[index];
	if (!phase) return undefined;
	return phaseEvidenceAt({ program, project, runs, phase, previousPhase: phases[index - 1]?.id, date: handoff.data.date, commitAge });
}
