// How large a diagram must be shown, on screen and on paper, for its text to stay readable.
import type { SvgMetrics } from './svg.ts';

/** The smallest text a page shows, in CSS px: below it a diagram scrolls sideways instead. */
export const SCREEN_TEXT_PX = 11;
/** A4 with Phasebook's print margins (14 mm each side), in CSS px (96 per inch). */
export const PAGE_WIDTH_PX = { portrait: Math.floor(((210 - 28) / 25.4) * 96), landscape: Math.floor(((297 - 28) / 25.4) * 96) };
/** Paper's smallest text, in points: a diagram that would print smaller goes on a landscape page. */
export const PRINT_TEXT_PT = 7;
/** The narrowest column a diagram sits in (a 390 px phone less the page's padding). */
const NARROWEST_COLUMN_PX = 358;

export interface DiagramLayout {
	/** The width below which the diagram is not shrunk, in CSS px; its frame scrolls instead. */
	minWidth: number;
	/** Wider than the narrowest column: its frame may scroll, so it takes keyboard focus. */
	mayScroll: boolean;
	/** Printed on a landscape page, because portrait would shrink its text below PRINT_TEXT_PT. */
	landscape: boolean;
	/** The size of its smallest text on paper, in points (one decimal). */
	printedTextPt: number;
	/** Its printed size against its natural size, in per cent. */
	printedPercent: number;
}

const pt = (px: number) => px * 0.75;
const oneDecimal = (n: number) => Math.round(n * 10) / 10;

/**
 * A diagram is never shrunk so far that its smallest text falls under {@link SCREEN_TEXT_PX} (nor
 * drawn larger than its natural size); on paper it is scaled to the page width, on a landscape
 * page when a portrait one would print its text under {@link PRINT_TEXT_PT}.
 */
export function diagramLayout({ width, smallestText }: SvgMetrics): DiagramLayout {
	const minWidth = Math.ceil(width * Math.min(1, SCREEN_TEXT_PX / smallestText));
	const portrait = Math.min(1, PAGE_WIDTH_PX.portrait / width);
	const landscape = pt(smallestText * portrait) < PRINT_TEXT_PT && width > PAGE_WIDTH_PX.portrait;
	const scale = landscape ? Math.min(1, PAGE_WIDTH_PX.landscape / width) : portrait;
	return {
		minWidth,
		mayScroll: minWidth > NARROWEST_COLUMN_PX,
		landscape,
		printedTextPt: oneDecimal(pt(smallestText * scale)),
		printedPercent: Math.round(scale * 100),
	};
}
