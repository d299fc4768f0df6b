// The text of rendered HTML, for a name or a label: the headings' anchor links, the tables' regions.
import { decodeEntities } from '../core/entities.ts';

/** Tags dropped and entities decoded (Astro escapes the text again where it is written), trimmed. */
export const htmlText = (html: string): string => decodeEntities(html.replace(/<[^>]*>/g, '')).trim();
