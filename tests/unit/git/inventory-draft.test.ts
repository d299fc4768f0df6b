// The drafted inventory names only requirement ids the check accepts in it: the phase's own.
import { describe, expect, it } from 'vitest';
import type { PhaseCode } from '../../../src/core/git/code-facts.ts';
import { draftInventory } from '../../../src/core/inventory/draft.ts';

const code = {
	spec: { paths: [] },
	label: 'v0.1.0..v0.2.0',
	commits: [
		{ sha: 'b'.repeat(40), date: '2026-02-02T10:00:00Z', message: 'Parse dates (REQ-2.1, REQ-9.9)', files: ['src/dates.ts'] },
		{ sha: 'a'.repeat(40), date: '2026-02-01T10:00:00Z', message: 'Tidy the README', files: ['README.md'] },
	],
	changes: [
		{ status: 'M', path: 'src/dates.ts', added: 10, removed: 2 },
		{ status: 'M', path: 'README.md', added: 1, removed: 1 },
	],
	inScope: () => true,
	filesAtEnd: new Set(['src/dates.ts', 'README.md']),
	filesAtStart: new Set(['src/dates.ts', 'README.md']),
	lines: new Map(),
	notCode: () => undefined,
} as unknown as PhaseCode;

const settings = { code: { categories: [{ name: 'source', paths: ['src/**'] }] }, requirementPattern: 'REQ-\\d+(?:\\.\\d+)*' } as Parameters<typeof draftInventory>[2];
const requirementsOf = (requirements: { id: string; title: string }[]) =>
	Object.fromEntries(draftInventory(code, { id: '2', data: { title: 'Dates', requirements } }, settings).rows.map((r) => [r.path, r.requirements]));

describe('inventory draft: requirement ids from commit messages', () => {
	it('keeps the ids of the phase’s own requirements and drops the others', () => {
		expect(requirementsOf([{ id: 'REQ-2.1', title: 'Dates parse' }])).toEqual({ 'src/dates.ts': ['REQ-2.1'], 'README.md': [] });
	});

	it('names none for a phase without requirements: the check would refuse every one', () => {
		expect(requirementsOf([])).toEqual({ 'src/dates.ts': [], 'README.md': [] });
	});
});
