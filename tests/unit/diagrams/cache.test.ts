import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EntryStore } from '../../../src/core/cache-store.ts';
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
		cache.set('k', '<svg>old</svg>');
		cache.set('k', '<svg>new</svg>');
		expect(new DiagramCache(dir).get('k')).toBe('<svg>new</svg>');
		expect(readdirSync(dir)).toEqual(['k.svg']);
	});
});

describe('DiagramCache entries are untrusted input', () => {
	const SVG = '<svg xmlns="http://www.w3.org/2000/svg"><g><foreignObject><div><p>Start</p></div></foreignObject></g></svg>';
	const KEY = 'a'.repeat(64);

	/** A cache holding one good entry, and a fresh reader of it that records what it refuses. */
	function written(options: { secret?: string } = {}) {
		const dir = mkdtempSync(join(tmpdir(), 'pb-cache-'));
		new DiagramCache(dir, options).set(KEY, SVG);
		const discarded: string[] = [];
		const reader = () => new DiagramCache(dir, { ...options, onDiscard: (path, reason) => discarded.push(`${basename(path)}: ${reason}`) });
		return { dir, file: join(dir, `${KEY}.svg`), discarded, reader };
	}

	/** What someone who can write the cache but knows no secret can do: a correct plain digest. */
	const forged = (key: string, svg: string) => `<!--phasebook-cache sha256:${createHash('sha256').update(`${key}\0${svg}`).digest('hex')}-->\n${svg}`;

	it('ok: an entry reads back as written, with its digest on the first line', () => {
		const { file, reader, discarded } = written();
		expect(readFileSync(file, 'utf8')).toMatch(/^<!--phasebook-cache sha256:[0-9a-f]{64}-->\n<svg /);
		expect(reader().get(KEY)).toBe(SVG);
		expect(discarded).toEqual([]);
	});

	it.each([
		['truncated', (text: string) => text.slice(0, -20), 'its digest does not match its key and content (truncated, edited or misplaced)'],
		['emptied', () => '', 'it has no integrity record'],
		['garbage', () => '\u0000\u00ff garbage', 'it has no integrity record'],
		['edited to carry a script', (text: string) => text.replace('<g>', '<g><script>alert(1)</script>'), 'its digest does not match its key and content (truncated, edited or misplaced)'],
		['forged with a script and a matching digest', () => forged(KEY, SVG.replace('<g>', '<g><script>alert(document.domain)</script>')), 'it holds a <script> element'],
		['forged with an onerror image', () => forged(KEY, SVG.replace('<p>Start</p>', '<img src="#a" onerror="alert(1)">')), 'it holds an event-handler attribute (onerror)'],
	])('not ok: an entry %s is refused and reported once', (_, change, reason) => {
		const { file, reader, discarded } = written();
		writeFileSync(file, change(readFileSync(file, 'utf8')));
		const cache = reader();
		expect(cache.get(KEY)).toBeUndefined();
		expect(cache.has(KEY)).toBe(false);
		expect(discarded).toEqual([`${KEY}.svg: ${reason}`]);
	});

	it('the check, which publishes nothing, counts a forged entry as rendered; a reader that publishes refuses it', () => {
		const { file, dir } = written();
		writeFileSync(file, forged(KEY, SVG.replace('<g>', '<g><script>alert(1)</script>')));
		expect(new DiagramCache(dir, { scanMarkup: false, onDiscard: () => {} }).has(KEY)).toBe(true);
		expect(new DiagramCache(dir, { onDiscard: () => {} }).get(KEY)).toBeUndefined();
		// A truncated entry fails its digest even without the scan.
		writeFileSync(file, readFileSync(file, 'utf8').slice(0, -20));
		expect(new DiagramCache(dir, { scanMarkup: false, onDiscard: () => {} }).has(KEY)).toBe(false);
	});

	it('not ok: an entry copied under another key', () => {
		const { dir, file, reader, discarded } = written();
		const other = 'b'.repeat(64);
		copyFileSync(file, join(dir, `${other}.svg`));
		expect(reader().get(other)).toBeUndefined();
		expect(discarded).toEqual([`${other}.svg: its digest does not match its key and content (truncated, edited or misplaced)`]);
	});

	it('not ok: a FIFO or a link to a device, never opened', () => {
		const { file, reader, discarded } = written();
		rmSync(file);
		execFileSync('mkfifo', [file]);
		expect(reader().get(KEY)).toBeUndefined();
		rmSync(file);
		symlinkSync('/dev/zero', file);
		expect(reader().get(KEY)).toBeUndefined();
		expect(discarded).toEqual([`${KEY}.svg: it is not a regular file`, `${KEY}.svg: it is not a regular file`]);
	});

	it('with a secret (PHASEBOOK_CACHE_SECRET), a forged plain digest is refused too', () => {
		const { file, reader, discarded } = written({ secret: 'ci-only' });
		expect(readFileSync(file, 'utf8')).toMatch(/^<!--phasebook-cache hmac-sha256:/);
		expect(reader().get(KEY)).toBe(SVG);
		writeFileSync(file, forged(KEY, SVG));
		expect(reader().get(KEY)).toBeUndefined();
		expect(discarded).toEqual([`${KEY}.svg: its digest does not match its key and content (truncated, edited or misplaced)`]);
	});
});

describe("the check's index of entries found good (EntryStore statuses)", () => {
	/** An entry written less than two seconds ago is never taken for unchanged by its status. */
	const settle = () => new Promise((done) => setTimeout(done, 2100));
	const KEY = 'a'.repeat(64);

	/** A store like the check's diagram cache, counting the entries it reads and verifies. */
	function store(dir: string) {
		const seen = { verified: 0, discarded: [] as string[] };
		const entries = new EntryStore(dir, {
			extension: 'svg',
			maxBytes: 1 << 20,
			statuses: true,
			onDiscard: (_, reason) => seen.discarded.push(reason),
			refuse: () => {
				seen.verified++;
				return undefined;
			},
		});
		return { entries, seen };
	}

	it('passes an entry unchanged since it was found good, unread, and reads one changed since', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'pb-statuses-'));
		store(dir).entries.set(KEY, '<svg>one</svg>');
		await settle();
		const first = store(dir);
		expect(first.entries.has(KEY)).toBe(true);
		expect(first.seen.verified).toBe(1);
		first.entries.saveStatuses();
		expect(readdirSync(dir).sort()).toEqual([`${KEY}.svg`, 'statuses.json']);

		const second = store(dir);
		expect(second.entries.has(KEY)).toBe(true);
		expect(second.seen.verified).toBe(0);

		// The same size and modification time: only the change time tells.
		const path = join(dir, `${KEY}.svg`);
		const { atime, mtime } = statSync(path);
		writeFileSync(path, readFileSync(path, 'utf8').replace('one', 'two'));
		utimesSync(path, atime, mtime);
		const third = store(dir);
		expect(third.entries.has(KEY)).toBe(false);
		expect(third.seen.discarded).toEqual(['its digest does not match its key and content (truncated, edited or misplaced)']);
	});

	it('does not record an entry written just now, and ignores an index whose digest fails', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'pb-statuses-'));
		const writer = store(dir);
		writer.entries.set(KEY, '<svg>one</svg>');
		const fresh = store(dir);
		expect(fresh.entries.has(KEY)).toBe(true);
		fresh.entries.saveStatuses();
		expect(readdirSync(dir)).toEqual([`${KEY}.svg`]);

		await settle();
		const good = store(dir);
		good.entries.has(KEY);
		good.entries.saveStatuses();
		const index = join(dir, 'statuses.json');
		writeFileSync(index, readFileSync(index, 'utf8').replace(':', ';'));
		const forged = store(dir);
		expect(forged.entries.has(KEY)).toBe(true);
		expect(forged.seen.verified).toBe(1);
	});
});
