import { describe, expect, it } from 'vitest';
import type { Program } from '../../src/core/load.ts';
import { compareIds, compareSemver } from '../../src/core/order.ts';
import { nextId } from '../../src/core/scaffold.ts';

describe('orderings', () => {
	it('sorts ids naturally: digit runs by value', () => {
		expect(['10', '2', '2b', '1', 'A'].sort(compareIds)).toEqual(['1', '2', '2b', '10', 'A']);
		expect(['RCA-0010', 'RCA-0002', 'REQ-1.10', 'REQ-1.2'].sort(compareIds)).toEqual(['RCA-0002', 'RCA-0010', 'REQ-1.2', 'REQ-1.10']);
	});

	it('orders versions by semver precedence, pre-releases before their release', () => {
		expect(['0.3.0', '0.10.0', '0.3.0-rc.1', '0.2.1', 'v0.2.0'].sort(compareSemver)).toEqual([
			'v0.2.0',
			'0.2.1',
			'0.3.0-rc.1',
			'0.3.0',
			'0.10.0',
		]);
	});
});

describe('nextId', () => {
	const program = (type: string, ids: string[]) =>
		({ documents: { phase: [], rca: [], handoff: [], review: [], changelog: [], [type]: ids.map((id) => ({ id })) } }) as unknown as Program;

	it('gives the next minor version after the highest release', () => {
		expect(nextId('changelog', program('changelog', ['0.9.0', '0.10.0-rc.1', '0.2.0']))).toBe('0.11.0');
	});

	it('gives the next number with the type\'s prefix and width', () => {
		expect(nextId('rca', program('rca', ['RCA-0009', 'RCA-0010']))).toBe('RCA-0011');
		expect(nextId('phase', program('phase', ['2', '10', '2b']))).toBe('11');
	});
});
