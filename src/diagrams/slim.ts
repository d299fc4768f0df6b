// Drops what a static diagram never uses from mermaid's SVG: every page carries two per diagram.

const DEFINITION = /<(marker|symbol|filter)\b[^>]*\sid="([^"]+)"[^>]*>[\s\S]*?<\/\1>/g;
const DATA_ATTRIBUTE = /\s(data-[\w-]+)="[^"]*"/g;
const START_TAG = /<[A-Za-z][^>]*>/g;

/**
 * Mermaid emits every arrowhead marker of a diagram type (a flowchart has twelve, uses one or two)
 * and every actor icon of a sequence diagram (14 kB of <symbol>s), used or not,
 * and data attributes only its interactive runtime reads (`data-points` holds each edge's path again
 * as base64). Dropping them leaves screenshots pixel-identical; rounding coordinates would not.
 */
export function slimSvg(svg: string): string {
	const css = svg.match(/<style[^>]*>[\s\S]*?<\/style>/g)?.join('') ?? '';
	const referenced = new Set(
		[...svg.matchAll(/(?:url\((?:\s|&quot;|['"])*|href=")#([^)"'&\s]+)/g)].map((match) => match[1]),
	);
	// Keep the data attributes mermaid's own CSS selects on (data-look="neo" styles nodes).
	const slimTag = (tag: string) =>
		tag.replace(DATA_ATTRIBUTE, (attribute, name: string) => (css.includes(name) ? attribute : ''));
	// Only inside start tags: label text may well contain `data-x="y"`.
	return svg
		.replace(DEFINITION, (definition, _tag: string, id: string) =>
			referenced.has(id) ? definition : '',
		)
		.replace(START_TAG, slimTag);
}
