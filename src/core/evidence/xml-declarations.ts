// Which markup declarations a report may carry: one DOCTYPE naming an external DTD, nothing else.
import { errorAt } from './errors.ts';

/** `<!DOCTYPE name SYSTEM "…">` or `PUBLIC "…" "…"`: names an external DTD, declares nothing. */
const EXTERNAL_DOCTYPE =
	/<!DOCTYPE\s+[^\s>[]+(?:\s+(?:SYSTEM\s+(?:"[^"]*"|'[^']*')|PUBLIC\s+(?:"[^"]*"|'[^']*')\s+(?:"[^"]*"|'[^']*')))?\s*>/y;

/** Whether an element starts in `prolog` (comments and processing instructions aside). */
function hasElement(prolog: string): boolean {
	return /<[A-Za-z_:]/.test(prolog.replace(/<!--[\s\S]*?-->|<\?[\s\S]*?\?>/g, ''));
}

/**
 * Refuses every markup declaration outside comments and CDATA (`<!ENTITY`, an internal DTD subset,
 * a second DOCTYPE), except one DOCTYPE before the root that only names an external DTD, as
 * Cobertura and JaCoCo write. That one is returned, to be blanked out: it is never fetched.
 */
export function checkDeclarations(
	text: string,
	file: string,
): { start: number; end: number } | undefined {
	let doctype: { start: number; end: number } | undefined;
	for (let i = text.indexOf('<!'); i !== -1; i = text.indexOf('<!', i + 2)) {
		if (text.startsWith('<!--', i)) {
			const end = text.indexOf('-->', i + 4);
			if (end === -1) return doctype; // the validator reports the unclosed comment
			i = end + 1;
		} else if (text.startsWith('<![CDATA[', i)) {
			const end = text.indexOf(']]>', i + 9);
			if (end === -1) return doctype;
			i = end + 1;
		} else {
			EXTERNAL_DOCTYPE.lastIndex = i;
			const external = EXTERNAL_DOCTYPE.exec(text);
			if (external && !doctype && !hasElement(text.slice(0, i))) {
				doctype = { start: i, end: i + external[0].length };
				i = doctype.end - 2;
				continue;
			}
			const what = /^<!([A-Za-z]*)/.exec(text.slice(i, i + 20))?.[1] || 'markup';
			throw errorAt(
				file,
				text,
				i,
				`Unexpected <!${what} declaration: DTDs and entity declarations are not allowed in a report (they can make an XML parser read local files or fetch URLs)`,
			);
		}
	}
	return doctype;
}
