// What the render page runs besides mermaid: speed-ups that leave mermaid's output byte-identical,
// and seeded randomness that makes it reproducible.
//
// Profiling mermaid 12 in the render page (Chrome's CPU profile and trace of a flowchart) showed
// two costs that are not drawing at all:
// - About a third of each render goes to mermaid's `assignWithDepth`: every `getConfig()` call
//   deep-copies the whole configuration (about 1,000 keys, 272 of them theme variables), and a
//   flowchart calls it about 70 times, adding each key through Object.defineProperty.
// - About a tenth is the page sitting idle: the ELK layout posts its work with setTimeout(0), which
//   the browser delays (clamped to 4 ms once nested), several times per diagram.
// The page therefore gets copies of the configuration rebuilt from a compiled plan while it has not
// changed, a faster copy for the common case of copying into a fresh object, and zero-delay timers
// that run as soon as the event loop is free. All three are checked by rendering the same diagrams
// with and without them and comparing the SVGs (tests/unit/diagrams/runtime.test.ts).

type AssignOptions = { depth?: number } | undefined;
export type AssignWithDepth = (dst: unknown, src: unknown, options?: AssignOptions) => unknown;

/** The page globals the patched bundle calls instead of its own assignWithDepth and getConfig. */
export const FAST_ASSIGN_GLOBAL = '__phasebookFastAssign';
export const GET_CONFIG_GLOBAL = '__phasebookGetConfig';

/**
 * Wraps mermaid's `assignWithDepth(dst, src, { depth = 2 })`. When `dst` is a fresh, empty plain
 * object (what `getConfig` and the recursion pass), the result is built with one Object.assign and a
 * pass over the object-valued keys, instead of key by key. Everything else goes to mermaid's own.
 *
 * Same result as mermaid's for a fresh destination: own enumerable string keys in the same order,
 * primitives and functions copied, `null` values left out, objects and arrays copied one level
 * shallower (arrays through mermaid's own de-duplicating merge). Sources with a `__proto__` or symbol
 * key, and destinations with a prototype other than Object.prototype, go to mermaid's own.
 *
 * Self-contained: it is also serialised into the render page.
 */
export function fastAssignWithDepth(slow: AssignWithDepth): AssignWithDepth {
	const fast: AssignWithDepth = (dst, src, options) => {
		const depth = options?.depth ?? 2;
		if (
			depth > 0 &&
			dst !== null &&
			typeof dst === 'object' &&
			!Array.isArray(dst) &&
			Object.getPrototypeOf(dst) === Object.prototype &&
			Object.isExtensible(dst) &&
			Reflect.ownKeys(dst).length === 0 &&
			src !== null &&
			typeof src === 'object' &&
			!Array.isArray(src) &&
			!Object.hasOwn(src, '__proto__') &&
			Object.getOwnPropertySymbols(src).length === 0
		) {
			const target = dst as Record<string, unknown>;
			Object.assign(target, src);
			for (const key of Object.keys(target)) {
				const value = target[key];
				if (typeof value !== 'object') continue;
				if (value === null) delete target[key];
				else
					target[key] = fast(Array.isArray(value) ? [] : {}, value, {
						depth: depth - 1,
					});
			}
			return target;
		}
		return slow(dst, src, options);
	};
	return fast;
}

export type GetConfig = (current: object, assign: AssignWithDepth) => unknown;
type Cloner = (from: Record<string, unknown>) => Record<string, unknown>;

/**
 * Mermaid's `getConfig()` is `assignWithDepth({}, currentConfig)`: a new copy on every call, which
 * the caller may change. mermaid's config.ts never changes `currentConfig` in place: it builds each
 * new one aside, then assigns it, and never hands it out. So while it is the same object, every copy
 * has the same content. The first call after it changes copies it with mermaid's own function into
 * a private template, noting which objects that copy made and which it shares with currentConfig
 * (mermaid copies three levels deep); each call then rebuilds the made ones, each from an object
 * literal compiled once per set of keys, and shares the rest, exactly as a fresh copy would.
 *
 * Self-contained: it is also serialised into the render page.
 */
export function configCopies(): GetConfig {
	const cloners = new Map<string, Cloner>();
	let source: object | undefined;
	let build: (() => unknown) | undefined;

	const clonerFor = (keys: string[]): Cloner => {
		const shape = keys.join('\u0000');
		let clone = cloners.get(shape);
		if (clone) return clone;
		if (keys.includes('__proto__')) {
			// In a literal, "__proto__" would set the prototype; mermaid defines an own property.
			clone = (from) => {
				const to = {};
				for (const key of keys) {
					Object.defineProperty(to, key, {
						value: from[key],
						writable: true,
						enumerable: true,
						configurable: true,
					});
				}
				return to;
			};
		} else {
			const fields = keys.map((key) => `${JSON.stringify(key)}:f[${JSON.stringify(key)}]`);
			clone = new Function('f', `return {${fields.join(',')}}`) as Cloner;
		}
		cloners.set(shape, clone);
		return clone;
	};

	/** How to rebuild `made` (an object or array the copy made from `original`). */
	const planFor = (made: unknown, original: unknown): (() => unknown) => {
		// Arrays are merged element by element (with duplicates dropped): elements are shared.
		if (Array.isArray(made)) return () => made.slice();
		const node = made as Record<string, unknown>;
		const from = original as Record<string, unknown>;
		const keys = Object.keys(node);
		const parts: [string, () => unknown][] = [];
		for (const key of keys) {
			const value = node[key];
			if (value !== null && typeof value === 'object' && value !== from[key]) {
				parts.push([key, planFor(value, from[key])]);
			}
		}
		const clone = clonerFor(keys);
		return () => {
			const copy = clone(node);
			for (const [key, part] of parts) copy[key] = part();
			return copy;
		};
	};

	return (current, assign) => {
		if (current !== source || !build) {
			build = planFor(assign({}, current), current);
			source = current;
		}
		return build();
	};
}

/**
 * Runs in the page before mermaid loads: installs the two replacements and zero-delay timers.
 * Self-contained: serialised with Function.prototype.toString.
 */
function installPageRuntime(
	names: { assign: string; getConfig: string },
	makeFastAssign: typeof fastAssignWithDepth,
	makeConfigCopies: typeof configCopies,
): void {
	const page = globalThis as unknown as Record<string, unknown>;
	page[names.assign] = makeFastAssign;
	page[names.getConfig] = makeConfigCopies();
	// setTimeout(fn) and setTimeout(fn, 0) become message-channel tasks: still a new task after the
	// current one, in the order they were asked for, but without the browser's minimum delay.
	const nativeSet = globalThis.setTimeout;
	const nativeClear = globalThis.clearTimeout;
	const channel = new MessageChannel();
	const due = new Map<number, () => void>();
	let last = 0;
	channel.port1.onmessage = (event: MessageEvent<number>) => {
		const run = due.get(event.data);
		if (!run) return;
		due.delete(event.data);
		run();
	};
	const setZero = (handler: unknown, delay?: unknown, ...args: unknown[]) => {
		if (typeof handler !== 'function' || Number(delay) > 0) {
			return nativeSet(handler as TimerHandler, delay as number, ...args);
		}
		// Negative ids never collide with the browser's own, which count up from 1.
		const id = --last;
		due.set(id, () => handler.apply(globalThis, args));
		channel.port2.postMessage(id);
		return id;
	};
	const clear = (id?: number) => {
		if (id === undefined || !due.delete(id)) nativeClear(id);
	};
	page['setTimeout'] = setZero;
	page['clearTimeout'] = clear;
}

/** The page global that restarts Math.random's sequence; called before each render. */
export const RESEED_GLOBAL = '__phasebookReseed';

/**
 * Runs in the page before mermaid loads, with or without the speed-ups: Math.random becomes a
 * seeded generator (mulberry32) that restarts before each render. Mermaid draws some diagrams
 * with random numbers (a gitGraph's commit ids, the hand-drawn look's jitter), so without this the
 * same source renders differently each time and a cold build is not reproducible.
 * Self-contained: serialised with Function.prototype.toString.
 */
function installDeterminism(globalName: string): void {
	let state = 0;
	Math.random = () => {
		state = (state + 0x6d2b79f5) | 0;
		let t = Math.imul(state ^ (state >>> 15), 1 | state);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	(globalThis as unknown as Record<string, () => void>)[globalName] = () => {
		state = 0x9e3779b9;
	};
}

/** The script that makes renders reproducible, to run before mermaid's bundle. */
export function determinismScript(): string {
	return `(${installDeterminism.toString()})(${JSON.stringify(RESEED_GLOBAL)});`;
}

/** The script that installs the runtime, to run before mermaid's bundle. */
export function pageRuntimeScript(): string {
	const names = { assign: FAST_ASSIGN_GLOBAL, getConfig: GET_CONFIG_GLOBAL };
	return `(${installPageRuntime.toString()})(${JSON.stringify(names)}, ${fastAssignWithDepth.toString()}, ${configCopies.toString()});`;
}

/** Where mermaid's minified bundle defines assignWithDepth: `name=wrap((a,b,{depth:c=2}={})=>{`. */
const ASSIGN_START = /([\w$]+)=([\w$]+)\(\([\w$]+,[\w$]+,\{depth:[\w$]+=2\}=\{\}\)=>\{/g;
const ASSIGN_END = '},"assignWithDepth")';
/** And getConfig: `name=wrap(()=>assign({},currentConfig),"getConfig")`. */
const GET_CONFIG = /\(\)=>([\w$]+)\(\{\},([\w$]+)\)$/;
const GET_CONFIG_END = '),"getConfig")';

export interface PreparedBundle {
	script: string;
	/** Whether each replacement was applied; a mermaid build where one is not found runs unchanged. */
	fastAssign: boolean;
	configCopies: boolean;
}

interface Edit {
	at: number;
	/** Characters replaced at `at`. */
	length: number;
	text: string;
}

/**
 * Routes mermaid's assignWithDepth through {@link fastAssignWithDepth} and its getConfig through
 * {@link configCopies}, by editing the minified bundle:
 * - `X=n(fn,"assignWithDepth")` becomes `X=n(globalThis.wrap(fn),"assignWithDepth")`, so mermaid's
 *   own recursion goes through the wrapper too;
 * - `Y=n(()=>X({},C),"getConfig")` becomes `Y=n(()=>globalThis.copies(C,X),"getConfig")`.
 * Each is applied only when its text is found exactly once; otherwise that part of mermaid runs
 * unchanged, only slower.
 */
export function prepareMermaidBundle(bundle: string): PreparedBundle {
	const edits: Edit[] = [];
	const assign = findAssign(bundle);
	if (assign) {
		edits.push({ at: assign.open, length: 0, text: `globalThis.${FAST_ASSIGN_GLOBAL}(` });
		edits.push({ at: assign.close, length: 0, text: ')' });
	}
	const getConfig = findGetConfig(bundle);
	if (getConfig) {
		const call = `()=>globalThis.${GET_CONFIG_GLOBAL}(${getConfig.current},${getConfig.assign})`;
		edits.push({ at: getConfig.at, length: getConfig.length, text: call });
	}
	let script = bundle;
	for (const edit of edits.sort((a, b) => b.at - a.at)) {
		script = script.slice(0, edit.at) + edit.text + script.slice(edit.at + edit.length);
	}
	return { script, fastAssign: assign !== undefined, configCopies: getConfig !== undefined };
}

function findAssign(bundle: string): { open: number; close: number } | undefined {
	const end = bundle.indexOf(ASSIGN_END);
	if (end < 0 || bundle.indexOf(ASSIGN_END, end + 1) >= 0) return undefined;
	// The definition is one short function: its start is the last one within reach of its end.
	const from = Math.max(0, end - 4000);
	const start = [...bundle.slice(from, end).matchAll(ASSIGN_START)].at(-1);
	if (!start) return undefined;
	const open = from + start.index + start[1]!.length + 1 + start[2]!.length + 1;
	// Nothing else is defined in between: no other `fn,"name")` wrapper ends inside the span.
	if (/,"[\w$]+"\)/.test(bundle.slice(open, end))) return undefined;
	return { open, close: end + 1 };
}

function findGetConfig(
	bundle: string,
): { at: number; length: number; assign: string; current: string } | undefined {
	const found = [];
	// Every diagram has a getConfig of its own; mermaid's config module's is the one that copies.
	for (let end = bundle.indexOf(GET_CONFIG_END); end >= 0;) {
		const head = bundle.slice(Math.max(0, end - 80), end + 1);
		const match = GET_CONFIG.exec(head);
		if (match) found.push({ match, at: end + 1 - match[0].length });
		end = bundle.indexOf(GET_CONFIG_END, end + 1);
	}
	if (found.length !== 1) return undefined;
	const [{ match, at }] = found as [(typeof found)[number]];
	return { at, length: match[0].length, assign: match[1]!, current: match[2]! };
}
