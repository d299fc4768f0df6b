// Human labels and colour tones for the enumerated values of every schema, in one table.

/** A badge colour; each has AA-contrast text in both themes (see src/styles/tokens.css). */
export type Tone = 'success' | 'info' | 'warning' | 'danger' | 'critical' | 'neutral';

export type ValueKind =
	| 'phase'
	| 'risk'
	| 'priority'
	| 'severity'
	| 'rca'
	| 'document'
	| 'onTrack'
	| 'coverage'
	| 'findingSeverity'
	| 'finding'
	| 'readiness'
	| 'task'
	| 'kpi'
	| 'gate'
	| 'test';

const tones: Record<ValueKind, Record<string, Tone>> = {
	phase: { planned: 'neutral', 'in-progress': 'info', blocked: 'danger', 'in-review': 'warning', done: 'success' },
	risk: { low: 'success', medium: 'warning', high: 'danger', 'very-high': 'critical' },
	priority: { critical: 'critical', high: 'danger', medium: 'warning', low: 'neutral' },
	severity: { critical: 'critical', high: 'danger', medium: 'warning', low: 'neutral' },
	rca: { open: 'danger', mitigated: 'warning', resolved: 'success' },
	document: { draft: 'neutral', final: 'success', released: 'success', superseded: 'neutral', untagged: 'warning' },
	onTrack: { 'on-track': 'success', 'at-risk': 'warning', 'off-track': 'danger' },
	coverage: { met: 'success', partial: 'warning', 'not-met': 'danger' },
	findingSeverity: { blocking: 'critical', high: 'danger', medium: 'warning', low: 'neutral' },
	finding: { open: 'danger', fixed: 'success', deferred: 'warning', wontfix: 'neutral' },
	readiness: { ready: 'success', 'not-ready': 'danger' },
	task: { open: 'neutral', doing: 'info', blocked: 'danger', done: 'success' },
	kpi: { met: 'success', missed: 'danger', unknown: 'neutral' },
	gate: { pass: 'success', fail: 'danger', missing: 'neutral' },
	test: { passed: 'success', failed: 'danger', skipped: 'warning', missing: 'neutral', ambiguous: 'warning' },
};

const special: Record<string, string> = {
	wontfix: "Won't fix",
	'very-high': 'Very high',
	'not-met': 'Not met',
	'not-ready': 'Not ready',
	met: 'Met',
	missed: 'Missed',
	unknown: 'No data',
	missing: 'No evidence',
};

export function toneOf(kind: ValueKind, value: string): Tone {
	return tones[kind][value] ?? 'neutral';
}

/** "in-progress" → "In progress". */
export function labelOf(value: string): string {
	const known = special[value];
	if (known) return known;
	const spaced = value.replace(/-/g, ' ');
	return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/** "1 RCA", "2 RCAs". */
export function plural(count: number, one: string, many = `${one}s`): string {
	return `${count} ${count === 1 ? one : many}`;
}
