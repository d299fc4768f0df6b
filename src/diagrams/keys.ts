// Cache keys for rendered diagrams: sha256 of source, mermaid version, theme and render options.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** The two variants every diagram is rendered in, following the site's light and dark themes. */
export const THEMES = ['default', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

/** Mermaid configuration other than the theme (e.g. `{ layout: 'dagre' }`); part of the key. */
export type RenderOptions = Readonly<Record<string, unknown>>;

/**
 * Bumped when how we render or what we do to mermaid's SVG before caching changes (seeded randomness,
 * slimming, id templating, 5: an integrity record in each entry, 6: dark text on light gantt bars),
 * so old cache entries are not reused with a different pipeline.
 */
export const PIPELINE_VERSION = 6;

/**
 * Theme variables laid over mermaid's own themes. Mermaid's dark theme draws edge labels on a
 * translucent grey that fails WCAG AA contrast (axe: color-contrast), so dark labels get an opaque
 * background matching the site's dark surface. Its default theme writes white labels on light
 * violet gantt bars (2.95:1), so they are dark instead (5.7:1). Part of every key through
 * PIPELINE_VERSION.
 */
export const THEME_VARIABLES: Readonly<Record<Theme, Readonly<Record<string, string>>>> = {
	default: { taskTextLightColor: '#1a1d23' },
	dark: { edgeLabelBackground: '#1b1f24', textColor: '#e6edf3' },
};

export interface KeyInput {
	source: string;
	theme: Theme;
	mermaidVersion: string;
	options?: RenderOptions;
}

export function diagramKey(input: KeyInput): string {
	const payload = JSON.stringify([
		input.source,
		input.mermaidVersion,
		input.theme,
		canonical({ ...input.options, pipeline: PIPELINE_VERSION }),
	]);
	return createHash('sha256').update(payload).digest('hex');
}

/** A short stable hash of a diagram's source, used to derive element id prefixes. */
export function sourceHash(source: string): string {
	return createHash('sha256').update(source).digest('hex').slice(0, 8);
}

/** JSON with object keys sorted, so `{a, b}` and `{b, a}` give the same key. */
export function canonical(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
	if (value && typeof value === 'object') {
		const entries = Object.entries(value)
			.filter(([, item]) => item !== undefined)
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

/**
 * Where mermaid's browser bundle lives: the project's own mermaid when it has one, else the one
 * Phasebook depends on (a content folder checked on its own has no node_modules).
 */
export function mermaidPackageDir(root?: string): string {
	for (const from of root ? [join(root, 'package.json'), import.meta.url] : [import.meta.url]) {
		try {
			return join(createRequire(from).resolve('mermaid/package.json'), '..');
		} catch {
			// try the next place
		}
	}
	throw new Error('mermaid is not installed: run npm install');
}

export function mermaidBundlePath(root?: string): string {
	return join(mermaidPackageDir(root), 'dist', 'mermaid.min.js');
}

export function readMermaidVersion(root?: string): string {
	const pkg = JSON.parse(readFileSync(join(mermaidPackageDir(root), 'package.json'), 'utf8'));
	return String(pkg.version);
}
