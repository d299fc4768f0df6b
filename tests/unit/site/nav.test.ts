// The sidebar stays the same size however large the program grows: a bounded window of phases
// around the page's own, the latest documents of each other type, and a link to each full list.
import { describe, expect, it } from 'vitest';
import { PHASE_LIMIT, SIDEBAR_LIMIT, windowAround } from '../../../src/lib/nav.ts';

const ids = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('windowAround', () => {
	it('lists everything in a program smaller than the limit', () => {
		expect(windowAround(ids(5), 2, PHASE_LIMIT)).toEqual(ids(5));
	});

	it('centres the window on the current item, clamped at either end', () => {
		expect(windowAround(ids(1000), 499, 12)).toEqual(ids(1000).slice(493, 505));
		expect(windowAround(ids(1000), 0, 12)).toEqual(ids(12));
		expect(windowAround(ids(1000), 999, 12)).toEqual(ids(1000).slice(-12));
	});

	it('shows the latest items on pages that are not one of them', () => {
		expect(windowAround(ids(1000), -1, 12)).toEqual(ids(1000).slice(-12));
	});

	it('keeps the limits small enough that a 10,000-document program has a bounded sidebar', () => {
		expect(PHASE_LIMIT).toBeLessThanOrEqual(20);
		expect(SIDEBAR_LIMIT).toBeLessThanOrEqual(20);
	});
});
