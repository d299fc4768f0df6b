// Character entities of XML and HTML text: what a report's XML and a rendered page's HTML escape.

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const ENTITY = /&(?:#x([0-9a-fA-F]+)|#(\d+)|(lt|gt|amp|quot|apos));/g;

/** Decodes the predefined XML entities and character references; any other `&name;` stays literal. */
export function decodeEntities(value: string): string {
	if (!value.includes('&')) return value;
	return value.replace(
		ENTITY,
		(whole, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
			if (name) return PREDEFINED[name]!;
			const code = hex ? Number.parseInt(hex, 16) : Number(dec);
			return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
		},
	);
}
