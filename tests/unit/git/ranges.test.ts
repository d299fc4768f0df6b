// Where each phase's git range starts: after the nearest earlier release, or, for a phase limited
// to range.paths (work side by side), after the nearest release of a phase it depends on (an
// adopter's attack: phases 3 and 4 both depended on 2; once 3 was released, 4's range began at
// v0.3.0 and its own commit of 12 Oct dropped out, its inventory row "unchanged").
import { describe, expect, it } from 'vitest';
import { rangeSpecs, type PhaseLike } from '../../../src/core/git/ranges.ts';

const phase = (id: string, data: PhaseLike['data'] = {}): PhaseLike => ({ id, data });
const starts = (phases: PhaseLike[]) => Object.fromEntries([...rangeSpecs(phases, { tag: 'v{version}' })].map(([id, spec]) => [id, spec.from?.ref ?? '(first commit)']));

const released = [phase('1', { release: '0.1.0' }), phase('2', { release: '0.2.0', dependsOn: ['1'] }), phase('3', { release: '0.3.0', dependsOn: ['2'], range: { paths: ['a/'] } })];

describe('rangeSpecs', () => {
	it('starts a phase of range.paths after the newest release among the phases it depends on', () => {
		expect(starts([...released, phase('4', { dependsOn: ['2'], range: { paths: ['b/'] } })])['4']).toBe('v0.2.0');
		// Through a phase not released yet to the one it depends on.
		expect(starts([...released, phase('4', { dependsOn: ['2'], range: { paths: ['b/'] } }), phase('5', { dependsOn: ['4'], range: { paths: ['c/'] } })])['5']).toBe('v0.2.0');
		// A dependency on the released sibling starts after it.
		expect(starts([...released, phase('4', { dependsOn: ['3'], range: { paths: ['b/'] } })])['4']).toBe('v0.3.0');
	});

	it('starts any other phase after the nearest earlier release, as before', () => {
		expect(starts([...released, phase('4', { dependsOn: ['2'] })])).toEqual({ '1': '(first commit)', '2': 'v0.1.0', '3': 'v0.2.0', '4': 'v0.3.0' });
		// range.paths with no released dependency: the nearest earlier release.
		expect(starts([...released, phase('4', { range: { paths: ['b/'] } })])['4']).toBe('v0.3.0');
		// A pinned start wins.
		expect(starts([...released, phase('4', { dependsOn: ['2'], range: { from: 'abc1234', paths: ['b/'] } })])['4']).toBe('abc1234');
	});
});
