// Names a mermaid diagram's type from its source, for text alternatives and captions.

const KINDS: Array<[RegExp, string]> = [
	[/^(?:graph|flowchart(?:-elk)?)\b/, 'Flowchart'],
	[/^sequenceDiagram\b/, 'Sequence diagram'],
	[/^classDiagram(?:-v2)?\b/, 'Class diagram'],
	[/^stateDiagram(?:-v2)?\b/, 'State diagram'],
	[/^erDiagram\b/, 'Entity relationship diagram'],
	[/^gantt\b/, 'Gantt chart'],
	[/^pie\b/, 'Pie chart'],
	[/^journey\b/, 'User journey'],
	[/^gitGraph\b/, 'Git graph'],
	[/^mindmap\b/, 'Mind map'],
	[/^timeline\b/, 'Timeline'],
	[/^quadrantChart\b/, 'Quadrant chart'],
	[/^requirementDiagram\b/, 'Requirement diagram'],
	[/^C4\w*\b/, 'C4 diagram'],
	[/^sankey(?:-beta)?\b/, 'Sankey diagram'],
	[/^xychart(?:-beta)?\b/, 'XY chart'],
	[/^block(?:-beta)?\b/, 'Block diagram'],
	[/^packet(?:-beta)?\b/, 'Packet diagram'],
	[/^architecture(?:-beta)?\b/, 'Architecture diagram'],
	[/^kanban\b/, 'Kanban board'],
	[/^radar(?:-beta)?\b/, 'Radar chart'],
	[/^treemap(?:-beta)?\b/, 'Treemap'],
];

/** "Flowchart", "Sequence diagram", …; "Diagram" for types this list does not know. */
export function diagramKind(source: string): string {
	const first = firstStatement(source);
	for (const [pattern, name] of KINDS) if (pattern.test(first)) return name;
	return 'Diagram';
}

/** The first line mermaid reads as the diagram header: after frontmatter, directives and comments. */
function firstStatement(source: string): string {
	const lines = source.replace(/\r\n?/g, '\n').split('\n');
	let index = 0;
	if (lines[0]?.trim() === '---') {
		const end = lines.findIndex((line, at) => at > 0 && line.trim() === '---');
		index = end === -1 ? lines.length : end + 1;
	}
	for (; index < lines.length; index++) {
		const line = (lines[index] ?? '').trim();
		if (line === '' || line.startsWith('%%')) continue;
		return line;
	}
	return '';
}

/** The text alternative for a diagram with no accTitle: its type and the section it illustrates. */
export function altText(source: string, context: { label?: string; heading?: string }): string {
	const kind = diagramKind(source);
	if (context.label) return `${kind}: ${context.label}`;
	if (context.heading) return `${kind}: ${context.heading}`;
	return kind;
}
