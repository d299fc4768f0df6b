// What the traceability views share: the test layers shown as columns, a requirement's status
// badge and the counts of the cases that cover it.
import type { Gate } from '../core/schemas/index.ts';
import type { CaseRef, Traceability, TraceRow } from '../core/traceability.ts';

export interface TraceLayer {
	layer: string;
	title: string;
	/** Several gates share the layer: each case names its gate. */
	shared: boolean;
}

/**
 * Layers whose gates only judge coverage or scan findings hold no test cases: no column for them.
 * Nor for a layer none of `rows` has a case in (a build gate), so a matrix fits a 1280 px screen.
 */
export function traceLayers(traceability: Traceability, gates: readonly Gate[], rows: readonly TraceRow[]): TraceLayer[] {
	const testGates = (layer: string) => gates.filter((g) => g.layer === layer && g.rule === 'tests');
	const testLayers = traceability.layers.filter((l) => testGates(l).length > 0);
	const linked = testLayers.filter((l) => rows.some((r) => (r.cells[l]?.length ?? 0) > 0));
	return (linked.length > 0 ? linked : testLayers).map((layer) => {
		const titles = testGates(layer).map((g) => g.title);
		return {
			layer,
			title: titles.length === 1 ? titles[0]! : layer.charAt(0).toUpperCase() + layer.slice(1),
			shared: titles.length > 1,
		};
	});
}

/** A requirement's status as a test badge: passing, failing or untested. */
export const traceBadge = {
	passing: { value: 'passed', label: 'Passing' },
	failing: { value: 'failed', label: 'Failing' },
	untested: { value: 'skipped', label: 'Untested' },
} as const;

/** "4 passing, 2 failing", "3 skipped": the cases of one layer, in words; '' when there are none. */
export function caseSummary(cases: readonly CaseRef[]): { passed: number; failed: number; text: string } {
	const passed = cases.filter((c) => c.status === 'passed').length;
	const failed = cases.filter((c) => c.status === 'failed').length;
	const parts = [passed > 0 && `${passed} passing`, failed > 0 && `${failed} failing`].filter(Boolean);
	const text = cases.length === 0 ? '' : parts.length ? parts.join(', ') : `${cases.length} skipped`;
	return { passed, failed, text };
}
