// The dashboard's measured KPIs: coverage is the program's newest measurement, as the gates judge it.
import { describe, expect, it } from 'vitest';
import type { CommitAge } from '../../../src/core/gate-status.ts';
import { measureKpis } from '../../../src/core/kpis.ts';
import { kpi as kpiSchema } from '../../../src/core/schemas/project.ts';
import { storedRun } from '../../helpers/runs.ts';

const kpi = kpiSchema.parse({ name: 'Line coverage', target: 85, current: 80, unit: '%', evidence: 'coverage' });
const covered = (phase: string, at: string, commit: string, lines: number) =>
	storedRun(phase, 'coverage', at, { commit, coverage: { lines } as never });

describe('measureKpis', () => {
	it('keeps the stated value when no run measured coverage', () => {
		expect(measureKpis({ kpis: [kpi] }, [storedRun('1', 'unit', '2026-03-01T10:00:00Z')])).toEqual([{ kpi, current: 80 }]);
	});

	it('measures coverage from the run recorded last, across phases', () => {
		const runs = [covered('2', '2026-03-05T10:00:00Z', 'bbbbbbb', 88), covered('1', '2026-03-01T10:00:00Z', 'aaaaaaa', 81)];
		const [measured] = measureKpis({ kpis: [kpi] }, runs);
		expect(measured!.current).toBe(88);
		expect(measured!.measured!.run.phase).toBe('2');
	});

	// The F5 case of the dashboard: a rerun of a phase's older commit, imported after the run of its
	// newest code, is not what the program's coverage is now; the gate is not judged on it either.
	it('takes, of one gate, the newest code’s run rather than an older commit’s rerun imported after it', () => {
		const newest = covered('2', '2026-03-05T10:00:00Z', 'c2c2c2c', 86);
		const rerun = covered('2', '2026-03-06T10:00:00Z', 'c1c1c1c', 91);
		const age: CommitAge = (_phase, commit) => (commit === 'c2c2c2c' ? 0 : commit === 'c1c1c1c' ? 1 : -1);
		expect(measureKpis({ kpis: [kpi] }, [newest, rerun], age)[0]!.current).toBe(86);
		// Without git, the run imported last is all there is to go by.
		expect(measureKpis({ kpis: [kpi] }, [newest, rerun])[0]!.current).toBe(91);
	});
});
