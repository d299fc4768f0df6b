// Diagrams built from frontmatter, not written by authors: the phase timeline and dependency graph.
import { compareIds } from './order.ts';
import type { Program } from './load.ts';
import type { Phase } from './schemas/index.ts';

export interface ProgramDiagram {
	key: string;
	label: string;
	source: string;
}

const byId = (a: { id: string }, b: { id: string }) => compareIds(a.id, b.id);

/** Mermaid gantt task and node labels cannot hold these characters; they are replaced, not escaped. */
function label(text: string): string {
	return text.replace(/[:;#"<>{}[\]]/g, ' ').replace(/\s+/g, ' ').trim();
}

const GANTT_TAG: Record<Phase['status'], string> = {
	done: 'done, ',
	'in-review': 'active, ',
	'in-progress': 'active, ',
	blocked: 'crit, ',
	planned: '',
};

/** Axis ticks whose labels never repeat: days, weeks, months or quarters, by the span shown. */
export function timelineAxis(first: string, last: string): { tickInterval: string; axisFormat: string } {
	const days = (Date.parse(last) - Date.parse(first)) / 86_400_000;
	if (days <= 14) return { tickInterval: '1day', axisFormat: '%e %b' };
	if (days <= 84) return { tickInterval: '1week', axisFormat: '%e %b' };
	if (days <= 550) return { tickInterval: '1month', axisFormat: '%b %Y' };
	return { tickInterval: '3month', axisFormat: '%b %Y' };
}

/**
 * Mermaid's gantt draws its labels at 10-11 px, which a page shows smaller still: 15 px text and
 * taller bars keep them readable at the scale the dashboard shows the chart.
 */
const TIMELINE_CONFIG = [
	'---',
	'config:',
	'  gantt:',
	'    fontSize: 15',
	'    sectionFontSize: 15',
	'    barHeight: 26',
	'    barGap: 6',
	'    leftPadding: 90',
	'  themeCSS: ".tick text { font-size: 15px; }"',
	'---',
];

/**
 * The days a window covers, both ends included: mermaid's gantt ends a task before its end date,
 * so a phase planned for one day (`init` writes start and end as today) drew no bar at all.
 */
function days(start: string, end: string): number {
	return Math.max(1, Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000) + 1);
}

/** A gantt of planned windows, with the actual window beside it where the phase has one. */
export function timelineSource(phases: readonly Pick<Phase, 'id' | 'status' | 'window'>[], today: string): string {
	const sorted = [...phases].sort(byId);
	const dates = sorted.flatMap((p) => [p.window.start, p.window.end, p.window.actualStart ?? p.window.start, p.window.actualEnd ?? p.window.end]);
	if (sorted.some((p) => p.window.actualStart && !p.window.actualEnd)) dates.push(today);
	dates.sort();
	const { tickInterval, axisFormat } = timelineAxis(dates[0] ?? today, dates.at(-1) ?? today);
	// Mermaid's own today marker is where the browser's clock was when the diagram was drawn,
	// and a drawing is cached for as long as its source stays the same: a line at today's date in
	// the source moves with the day (PHASEBOOK_TODAY's when set), and only while it is on the chart.
	const lines = [...TIMELINE_CONFIG, 'gantt', '  dateFormat YYYY-MM-DD', `  axisFormat ${axisFormat}`, `  tickInterval ${tickInterval}`, '  todayMarker off'];
	for (const phase of sorted) {
		const { start, end, actualStart, actualEnd } = phase.window;
		// Long titles overlap the bars: the section says which phase, the graph below says what it is.
		lines.push(`  section Phase ${label(phase.id)}`);
		lines.push(`    Planned :${start}, ${days(start, end)}d`);
		if (actualStart) {
			const finish = actualEnd ?? (today > actualStart ? today : actualStart);
			lines.push(`    Actual${actualEnd ? '' : ' so far'} :${GANTT_TAG[phase.status]}${actualStart}, ${days(actualStart, finish)}d`);
		}
	}
	if (sorted.length > 0 && today >= dates[0]! && today <= dates.at(-1)!) lines.push(`    Today ${today} :vert, ${today}, 0d`);
	return lines.join('\n');
}

const STATUS_CLASS: Record<Phase['status'], string> = {
	done: 'done',
	'in-review': 'review',
	'in-progress': 'progress',
	blocked: 'blocked',
	planned: 'planned',
};

/** A left-to-right graph of `dependsOn`: an arrow from each dependency to the phase that needs it. */
export function dependencySource(phases: readonly Pick<Phase, 'id' | 'title' | 'status' | 'dependsOn'>[]): string {
	const node = (id: string) => `p${id.replace(/[^A-Za-z0-9]/g, '_')}`;
	const sorted = [...phases].sort(byId);
	const known = new Set(sorted.map((p) => p.id));
	const lines = ['flowchart LR'];
	// The status in words as well as in the border's style: a border says nothing without a legend.
	for (const phase of sorted) lines.push(`  ${node(phase.id)}["${label(`${phase.id} · ${phase.title} (${phase.status.replaceAll('-', ' ')})`)}"]:::${STATUS_CLASS[phase.status]}`);
	for (const phase of sorted) {
		for (const dep of phase.dependsOn) if (known.has(dep)) lines.push(`  ${node(dep)} --> ${node(phase.id)}`);
	}
	lines.push(
		'  classDef done stroke-width:3px',
		'  classDef review stroke-dasharray:6 3,stroke-width:2px',
		'  classDef progress stroke-dasharray:2 2,stroke-width:2px',
		'  classDef blocked stroke-width:3px,stroke:#b42318',
		'  classDef planned stroke-width:1px',
	);
	return lines.join('\n');
}

/** The generated diagrams of a program, in the order the dashboard shows them. */
export function programDiagrams(program: Program, today: string): ProgramDiagram[] {
	const phases = program.documents.phase.map((p) => p.data);
	if (phases.length === 0) return [];
	return [
		{ key: 'timeline', label: 'Phase timeline: planned and actual windows', source: timelineSource(phases, today) },
		{ key: 'dependencies', label: 'Phase dependencies', source: dependencySource(phases) },
	];
}
