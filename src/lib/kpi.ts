// Whether a KPI meets its target, from its direction. Pure; a candidate for the core (the CLI could report it).
import type * as z from 'zod';
import type { kpi } from '../core/schemas/index.ts';

export type Kpi = z.output<typeof kpi>;
export type KpiStatus = 'met' | 'missed' | 'unknown';

function numeric(value: number | string | undefined): number | undefined {
	if (typeof value === 'number') return value;
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	const parsed = Number(value.trim());
	return Number.isFinite(parsed) ? parsed : undefined;
}

/**
 * `higher`: the current value must reach the target; `lower`: it must not exceed it.
 * A KPI without a current value, or with a non-numeric target or value, is `unknown`.
 */
export function kpiStatus(k: Pick<Kpi, 'target' | 'current' | 'direction'>): KpiStatus {
	const target = numeric(k.target);
	const current = numeric(k.current);
	if (target === undefined || current === undefined) return 'unknown';
	const met = k.direction === 'lower' ? current <= target : current >= target;
	return met ? 'met' : 'missed';
}

/** "87.4 %", "41 s", "1.4 x baseline": the value and its unit, or an em dash when there is none. */
export function formatKpiValue(value: number | string | undefined, unit: string): string {
	if (value === undefined) return '—';
	return unit ? `${value} ${unit}` : String(value);
}
