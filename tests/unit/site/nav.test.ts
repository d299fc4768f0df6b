// The sidebar stays the same size however large the program grows: a bounded window of each type's
// documents around the page's own (the latest on other pages), and a link to each full list.
import { describe, expect, it } from 'vitest';
import { loadProgram } from '../../../src/core/load.ts';
import { PHASE_LIMIT, SIDEBAR_LIMIT, sidebarGroups, windowAround } from '../../../src/lib/nav.ts';
import type { SiteProgram } from '../../../src/lib/program.ts';
import { makeProgram, rcaDoc } from '../../helpers/program.ts';

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

describe('sidebarGroups', () => {
	it('lists an RCA among its neighbours on its own page, and the latest RCAs elsewhere', async () => {
		const id = (n: number) => `RCA-${String(n).padStart(4, '0')}`;
		const files = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`content/rcas/${id(i + 1).toLowerCase()}.mdx`, rcaDoc(id(i + 1))]));
		const { program } = await loadProgram(makeProgram(files, { git: false }));
		const rcas = (route: string) => sidebarGroups(program as SiteProgram, route).find((g) => g.label === 'RCAs')!.links.map((l) => l.prefix);
		const first = rcas('/rcas/rca-0001/');
		expect(first).toHaveLength(SIDEBAR_LIMIT);
		expect(first).toContain('RCA-0001');
		expect(rcas('/rcas/rca-0010/')).toContain('RCA-0010');
		const elsewhere = rcas('/');
		expect(elsewhere).toHaveLength(SIDEBAR_LIMIT);
		expect(elsewhere).not.toContain('RCA-0001');
	});
});
