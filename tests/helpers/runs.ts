// Evidence runs for unit tests: a stored run of one phase and gate with only what a test sets.
import type { StoredRun } from '../../src/core/gate-status.ts';

export function storedRun(phase: string, gate: string, recordedAt: string, extra: Partial<StoredRun> = {}): StoredRun {
	return {
		schemaVersion: 1,
		phase,
		gate,
		status: 'pass',
		recordedAt,
		source: { format: 'junit', tool: 'vitest', file: 'junit.xml' },
		reasons: [],
		path: `content/evidence/${phase}/${gate}/${recordedAt}.json`,
		...extra,
	};
}
