import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DiagramCache, diagramCacheDir } from '../../../src/diagrams/cache.ts';
import {
	canonical,
	diagramKey,
	readMermaidVersion,
	type KeyInput,
} from '../../../src/diagrams/keys.ts';
import { DiagramStore } from '../../../src/diagrams/store.ts';

const REPO = join(import.meta.dirname, '../../..');
const base: KeyInput = {
	source: 'flowchart LR\n  A --> B',
	theme: 'default',
	mermaidVersion: '12.3.0',
	options: {},
};

describe('diagramKey', () => {
	it('is a sha256 hex digest, stable for the same input', () => {
		expect(diagramKey(base)).toMatch(/^[0-9a-f]{64}$/);
		expect(diagramKey({ ...base })).toBe(diagramKey(base));
	});

	it.each([
		['source', { source: 'flowchart LR\n  A --> C' }],
		['mermaid version', { mermaidVersion: '12.3.1' }],
		['theme', { theme: 'dark' as const }],
		['render options', { options: { layout: 'dagre' } }],
	])('changes when the %s changes', (_, change) => {
		expect(diagramKey({ ...base, ...change })).not.toBe(diagramKey(base));
	});

	it('does not depend on the order of option keys', () => {
		const a = diagramKey({ ...base, options: { layout: 'elk', look: 'classic' } });
		const b = diagramKey({ ...base, options: { look: 'classic', layout: 'elk' } });
		expect(a).toBe(b);
		expect(canonical({ b: 1, a: [2, { d: 3, c: undefined }] })).toBe('{"a":[2,{"d":3}],"b":1}');
	});
});

describe('DiagramStore keys', () => {
	it('uses the installed mermaid version and keys light and dark apart', () => {
		const store = new DiagramStore({
			root: REPO,
			cacheDir: mkdtempSync(join(tmpdir(), 'pb-keys-')),
		});
		expect(store.mermaidVersion).toBe(readMermaidVersion(REPO));
		expect(store.key('pie', 'default')).not.toBe(store.key('pie', 'dark'));
		const other = new DiagramStore({
			root: REPO,
			cacheDir: store.cache.dir,
			mermaidConfig: { layout: 'dagre' },
		});
		expect(other.key('pie', 'default')).not.toBe(store.key('pie', 'default'));
	});

	it('counts a diagram as cached only when both variants are on disk', () => {
		const store = new DiagramStore({
			root: REPO,
			cacheDir: mkdtempSync(join(tmpdir(), 'pb-keys-')),
		});
		store.cache.set(store.key('pie', 'default'), '<svg/>');
		expect(store.isCached('pie')).toBe(false);
		store.cache.set(store.key('pie', 'dark'), '<svg/>');
		expect(store.isCached('pie')).toBe(true);
	});
});

describe('DiagramCache', () => {
	it('lives in .phasebook/cache/diagrams, or under PHASEBOOK_CACHE_DIR', () => {
		expect(diagramCacheDir('/repo', {})).toBe('/repo/.phasebook/cache/diagrams');
		expect(diagramCacheDir('/repo', { PHASEBOOK_CACHE_DIR: 'tmp/c' })).toBe('/repo/tmp/c/diagrams');
	});

	it('writes through a temporary file, leaving only the final file, readable by a new instance', () => {
		const dir = join(mkdtempSync(join(tmpdir(), 'pb-cache-')), 'diagrams');
		new DiagramCache(dir).set('abc', '<svg>1</svg>');
		expect(readdirSync(dir)).toEqual(['abc.svg']);
		const fresh = new DiagramCache(dir);
		expect(fresh.has('abc')).toBe(true);
		expect(fresh.get('abc')).toBe('<svg>1</svg>');
		expect(fresh.get('missing')).toBeUndefined();
	});

	it('replaces an entry atomically when written again', () => {
		const dir = mkdtempSync(join(tmpdir(), 'pb-cache-'));
		const cache = new DiagramCache(dir);
		cache.set('k', 'old');
		cache.set('k', 'new');
		expect(new DiagramCache(dir).get('k')).toBe('new');
		expect(readdirSync(dir)).toEqual(['k.svg']);
	});
});
