// The render page's speed-ups must not change a byte of what mermaid draws.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { mermaidBundlePath } from '../../../src/diagrams/keys.ts';
import {
	configCopies,
	FAST_ASSIGN_GLOBAL,
	fastAssignWithDepth,
	GET_CONFIG_GLOBAL,
	prepareMermaidBundle,
	type AssignWithDepth,
} from '../../../src/diagrams/page-runtime.ts';
import { batchOrder, hurry, renderDiagrams, type RenderJob } from '../../../src/diagrams/renderer.ts';
import { unsafeSvg } from '../../../src/diagrams/svg-safety.ts';
import { requireBrowser } from './browser-required.ts';

const REPO = join(import.meta.dirname, '../../..');
const bundle = readFileSync(mermaidBundlePath(REPO), 'utf8');

/** Mermaid's own assignWithDepth, taken from the installed bundle and run in Node. */
function mermaidAssign(): AssignWithDepth {
	const { script } = prepareMermaidBundle(bundle);
	const open = script.indexOf(`globalThis.${FAST_ASSIGN_GLOBAL}(`);
	const close = script.indexOf('),"assignWithDepth")', open);
	const name = /([\w$]+)=[\w$]+\($/.exec(script.slice(open - 40, open))?.[1];
	if (open < 0 || close < 0 || !name) throw new Error('assignWithDepth not found in the bundle');
	const source = script.slice(open + `globalThis.${FAST_ASSIGN_GLOBAL}(`.length, close);
	return new Function(`const ${name} = ${source}; return ${name};`)() as AssignWithDepth;
}

/** Everything a caller can observe of a copy: values, key order, and which objects are shared. */
function describeValue(value: unknown, shared: Map<object, string>, path = '$'): unknown {
	if (typeof value === 'function') return `function ${value.name}`;
	if (value === null || typeof value !== 'object') return value;
	const seen = shared.get(value);
	if (seen) return `shared with ${seen}`;
	shared.set(value, path);
	const proto = Object.getPrototypeOf(value) === Object.prototype ? 'Object' : 'other';
	const entries = Reflect.ownKeys(value).map((key) => {
		const descriptor = Object.getOwnPropertyDescriptor(value, key)!;
		return [String(key), describeValue(descriptor.value, shared, `${path}.${String(key)}`)];
	});
	return { proto, array: Array.isArray(value), entries };
}

function sameAs(actual: unknown, expected: unknown, sources: unknown[]) {
	// Objects shared with the source must be shared in both, and nothing else.
	const prime = (map: Map<object, string>) => {
		for (const [index, source] of sources.entries()) {
			const walk = (value: unknown, path: string, depth: number) => {
				if (value === null || typeof value !== 'object' || depth > 6) return;
				map.set(value, `source${index}${path}`);
				for (const key of Object.keys(value)) {
					walk((value as Record<string, unknown>)[key], `${path}.${key}`, depth + 1);
				}
			};
			walk(source, '', 0);
		}
		return map;
	};
	expect(describeValue(actual, prime(new Map()))).toEqual(
		describeValue(expected, prime(new Map())),
	);
}

const CONFIG_LIKE = () => ({
	theme: 'default',
	fontSize: 16,
	securityLevel: 'strict',
	nothing: null,
	undefinedValue: undefined,
	callback() {
		return 1;
	},
	secure: ['secure', 'securityLevel', 'secure'],
	flowchart: {
		htmlLabels: true,
		curve: 'basis',
		padding: 15,
		empty: null,
		nested: { deep: { deeper: { deepest: 1 } }, list: [1, 1, 2] },
		arrays: [[1], [1]],
	},
	themeVariables: Object.fromEntries(
		Array.from({ length: 300 }, (_, index) => [`colour${index}`, `#${index}`]),
	),
	'10': 'integer-like key',
	'2': 'another',
});

describe('fastAssignWithDepth', () => {
	const original = mermaidAssign();
	const fast = fastAssignWithDepth(original);

	const cases: [string, () => [unknown, unknown, { depth?: number }?]][] = [
		['a configuration into a fresh object', () => [{}, CONFIG_LIKE()]],
		['depth 1', () => [{}, CONFIG_LIKE(), { depth: 1 }]],
		['depth 0', () => [{}, CONFIG_LIKE(), { depth: 0 }]],
		['depth 4', () => [{}, CONFIG_LIKE(), { depth: 4 }]],
		[
			'into an object that has keys',
			() => [{ theme: 'dark', flowchart: { padding: 1 } }, CONFIG_LIKE()],
		],
		['an array into an object', () => [{}, [CONFIG_LIKE(), { theme: 'forest' }]]],
		[
			'an array into an array',
			() => [
				[1, 2],
				[2, 3, 3],
			],
		],
		['into undefined', () => [undefined, CONFIG_LIKE()]],
		['a primitive', () => [{}, 'text']],
		['a JSON __proto__ key', () => [{}, JSON.parse('{"__proto__": {"polluted": true}, "a": 1}')]],
		['a symbol key', () => [{}, { [Symbol('s')]: 1, a: { b: 2 } }]],
		[
			'into an object with another prototype',
			() => [Object.create({ inherited: 1 }), CONFIG_LIKE()],
		],
		['into a frozen empty object', () => [Object.freeze({}), { a: 1 }]],
	];

	it.each(cases)('gives what mermaid gives for %s', (_, make) => {
		const [dstA, src, options] = make();
		const [dstB] = make();
		let expected: unknown;
		let actual: unknown;
		let expectedError: unknown;
		let actualError: unknown;
		try {
			expected = original(dstA, src, options);
		} catch (error) {
			expectedError = error;
		}
		try {
			actual = fast(dstB, src, options);
		} catch (error) {
			actualError = error;
		}
		expect(String(actualError)).toBe(String(expectedError));
		sameAs(actual, expected, [src]);
		// The destination itself is filled in, as callers that ignore the result rely on.
		sameAs(dstB, dstA, [src]);
		expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
	});
});

describe('configCopies', () => {
	const assign = fastAssignWithDepth(mermaidAssign());

	it('gives a fresh copy each call, equal to a copy made by mermaid', () => {
		const copies = configCopies();
		const current = CONFIG_LIKE();
		const first = copies(current, assign) as ReturnType<typeof CONFIG_LIKE>;
		sameAs(first, mermaidAssign()({}, current), [current]);
		// A caller changing its copy changes neither the configuration nor the next copy.
		first.flowchart.padding = 99;
		first.themeVariables['colour0'] = 'red';
		first.secure.push('more');
		const second = copies(current, assign) as ReturnType<typeof CONFIG_LIKE>;
		expect(second).not.toBe(first);
		expect(second.flowchart.padding).toBe(15);
		expect(second.themeVariables['colour0']).toBe('#0');
		expect(second.secure).toEqual(['secure', 'securityLevel']);
		sameAs(second, mermaidAssign()({}, current), [current]);
		// Below the depth mermaid copies, objects are shared with the configuration, as in mermaid.
		expect(second.flowchart.nested.deep).toBe(current.flowchart.nested.deep);
	});

	it('follows the configuration when mermaid replaces it', () => {
		const copies = configCopies();
		const before = CONFIG_LIKE();
		copies(before, assign);
		const after = { ...CONFIG_LIKE(), theme: 'dark', extra: { added: true } };
		sameAs(copies(after, assign), mermaidAssign()({}, after), [after]);
	});

	it('keeps a __proto__ key an own property', () => {
		const copies = configCopies();
		const current = JSON.parse('{"a": {"__proto__": {"polluted": true}, "b": 1}}');
		const copy = copies(current, assign) as { a: object };
		expect(Object.getPrototypeOf(copy.a)).toBe(Object.prototype);
		sameAs(copy, mermaidAssign()({}, current), [current]);
	});
});

describe('prepareMermaidBundle', () => {
	it('finds both places in the installed mermaid', () => {
		const prepared = prepareMermaidBundle(bundle);
		// If mermaid's build changes, this fails: renders still work, but check the speed-ups again.
		expect(prepared).toMatchObject({ fastAssign: true, configCopies: true });
		expect(prepared.script.split(`globalThis.${FAST_ASSIGN_GLOBAL}(`)).toHaveLength(2);
		expect(prepared.script.split(`globalThis.${GET_CONFIG_GLOBAL}(`)).toHaveLength(2);
		expect(prepared.script.length - bundle.length).toBeLessThan(200);
	});

	it('leaves a bundle it does not recognise unchanged', () => {
		const other = 'var a=n(()=>b({},c,d),"getConfig"),x=n((r,t)=>r,"assignWithDepth");';
		expect(prepareMermaidBundle(other)).toEqual({
			script: other,
			fastAssign: false,
			configCopies: false,
		});
		const twice = 'a=n(()=>b({},c),"getConfig");d=n(()=>b({},e),"getConfig");';
		expect(prepareMermaidBundle(twice).configCopies).toBe(false);
	});
});

describe('batchOrder', () => {
	it('keeps the order of sources and puts light before dark within each batch', () => {
		const jobs: RenderJob[] = ['a', 'b', 'c'].flatMap((source) =>
			(['default', 'dark'] as const).map((theme) => ({ key: `${source}-${theme}`, source, theme })),
		);
		expect(batchOrder(jobs, 4).map((job) => job.key)).toEqual([
			'a-default',
			'b-default',
			'a-dark',
			'b-dark',
			'c-default',
			'c-dark',
		]);
	});
});

describe('hurry', () => {
	it('moves the jobs of the sources a page waits for to the front, light before dark, and leaves the rest in order', () => {
		const queue: RenderJob[] = batchOrder(
			['a', 'b', 'c', 'd'].flatMap((source) => (['default', 'dark'] as const).map((theme) => ({ key: `${source}-${theme}`, source, theme }))),
			4,
		);
		expect(hurry(queue, new Set(['d', 'b']))).toBe(4);
		expect(queue.map((job) => job.key)).toEqual(['b-default', 'd-default', 'b-dark', 'd-dark', 'a-default', 'a-dark', 'c-default', 'c-dark']);
		// A source a page has taken already (rendering now) is no longer queued: nothing moves.
		expect(hurry(queue, new Set(['x']))).toBe(0);
		expect(queue).toHaveLength(8);
	});
});

/** One of each diagram type, and the features that reach the configuration. */
const CORPUS = [
	'flowchart LR\n  A[Start] --> B{Ok?}\n  B -->|yes| C[(DB)]\n  B -.->|no| D((End))\n  classDef hot fill:#f96\n  class C hot\n  style D fill:#9cf\n  linkStyle 0 stroke:red\n  subgraph S [Group]\n    E --> F\n  end',
	'flowchart TD\n  accTitle: Retry\n  accDescr: Calls again on failure\n  Call[Call payment API] --> Ok{2xx?}\n  Ok -->|yes| Done[Confirm order]\n  Ok -->|no| Retry{Retries left?}\n  Retry -->|yes| Call',
	'---\nconfig:\n  layout: dagre\n  flowchart:\n    curve: linear\n---\nflowchart LR\n  A --> B --> C',
	'%%{init: {"theme": "forest", "themeVariables": {"primaryColor": "#ffcc00"}}}%%\nflowchart LR\n  A --> B',
	'sequenceDiagram\n  participant A\n  actor U\n  U->>A: hi\n  A-->>U: ok\n  loop every\n    A->>A: tick\n  end\n  alt x\n    U->>A: y\n  else z\n    U->>A: w\n  end\n  Note right of A: note\n  rect rgb(200,200,255)\n    A->>U: boxed\n  end',
	'classDiagram\n  class Animal {\n    +String name\n    +eat() void\n  }\n  Animal <|-- Dog\n  Animal *-- Leg\n  note for Dog "woof"',
	'stateDiagram-v2\n  [*] --> Idle\n  Idle --> Busy: go\n  Busy --> [*]\n  state Busy {\n    [*] --> A\n    A --> B\n  }\n  state fork <<fork>>\n  Idle --> fork',
	'erDiagram\n  CUSTOMER ||--o{ ORDER : places\n  ORDER {\n    string id PK\n    int qty\n  }',
	'gantt\n  dateFormat YYYY-MM-DD\n  title Plan\n  section A\n  Task one :done, a1, 2026-01-01, 10d\n  Task two :active, after a1, 5d\n  section B\n  Crit :crit, 2026-01-05, 3d',
	'pie title Pets\n  "Dogs": 40\n  "Cats": 30',
	'mindmap\n  root((R))\n    A\n      A1\n    B',
	'timeline\n  title T\n  2024 : a : b\n  2025 : c',
	'journey\n  title J\n  section S\n    Do: 5: Me\n    Go: 3: Me, You',
	'gitGraph\n  commit\n  branch dev\n  commit\n  checkout main\n  merge dev',
	'quadrantChart\n  title Q\n  x-axis Low --> High\n  y-axis Low --> High\n  A: [0.3, 0.6]',
	'xychart-beta\n  x-axis [a, b]\n  bar [1, 2]',
	'requirementDiagram\n  requirement r {\n    id: 1\n    text: t\n    risk: high\n    verifymethod: test\n  }\n  element e {\n    type: sim\n  }\n  e - satisfies -> r',
	'block-beta\n  columns 2\n  a b c',
	'C4Context\n  Person(a, "A")\n  System(b, "B")\n  Rel(a, b, "uses")',
	'sankey-beta\n  a,b,10\n  b,c,5',
	'kanban\n  todo[Todo]\n    a[Task A]\n  done[Done]\n    b[Task B]',
	'packet-beta\n  0-15: "Src"\n  16-31: "Dst"',
	'architecture-beta\n  group api(cloud)[API]\n  service db(database)[Database] in api\n  service server(server)[Server] in api\n  db:L -- R:server',
	'radar-beta\n  axis A, B, C\n  curve c1{1,2,3}',
	'treemap-beta\n"Root"\n  "A": 10\n  "B": 20',
	// Labels: markdown, HTML, a KaTeX formula, a link.
	'flowchart LR\n  A["`**bold** _it_`"] --> B["<b>html</b> <i>x</i><br/>next"]\n  B --> C["$$x^2$$"]\n  click A "https://example.com" "tip"',
	'sequenceDiagram\n  participant A as Alice<br/>Smith\n  A->>B: <b>x</b> & y',
	'flowchart LR\n  A --> B\n  B -->> C',
];

describe('the render page, with and without its speed-ups (Chromium)', () => {
	let executablePath = '';
	beforeAll(async () => {
		executablePath = await requireBrowser();
	});

	it('renders every diagram type byte for byte the same', async () => {
		const jobs: RenderJob[] = CORPUS.flatMap((source, index) =>
			(['default', 'dark'] as const).map((theme) => ({ key: `${index}-${theme}`, source, theme })),
		);
		// One page each, same order: mermaid numbers some elements across renders.
		const render = (runtime: boolean) =>
			renderDiagrams(jobs, {
				executablePath,
				mermaidScript: mermaidBundlePath(REPO),
				pages: 1,
				runtime,
			});
		const published = await render(false);
		const optimised = await render(true);
		expect(published.filter((outcome) => 'error' in outcome).map((outcome) => outcome.key)).toEqual(
			[`${CORPUS.length - 1}-default`, `${CORPUS.length - 1}-dark`],
		);
		expect(optimised).toEqual(published);
		// What mermaid draws is what the cache and the page accept (the allow-list of svg-safety).
		const refused = published.flatMap((outcome) => {
			const problem = 'svg' in outcome ? unsafeSvg(outcome.svg) : undefined;
			return problem ? [`${outcome.key}: ${problem}`] : [];
		});
		expect(refused).toEqual([]);
	}, 120_000);

	it('renders a diagram drawn with random numbers the same every time', async () => {
		const gitGraph = CORPUS.find((source) => source.startsWith('gitGraph'))!;
		const architecture = CORPUS.find((source) => source.startsWith('architecture'))!;
		const classes = CORPUS.find((source) => source.startsWith('classDiagram'))!;
		const render = async (sources: string[]) => {
			const outcomes = await renderDiagrams(
				sources.map((source, index) => ({ key: String(index), source, theme: 'default' })),
				{ executablePath, mermaidScript: mermaidBundlePath(REPO), pages: 1 },
			);
			return outcomes.map((outcome) => ('svg' in outcome ? outcome.svg : outcome.error.message));
		};
		// Commit ids are random unless given, the class boxes' edges jitter, and an architecture
		// diagram's icon ids hold the time and the number of icons drawn before.
		const [alone, classesAlone, architectureAlone] = await render([gitGraph, classes, architecture]);
		const after = await render([CORPUS[0]!, classes, gitGraph, gitGraph, architecture, architecture]);
		expect(after[2]).toBe(alone);
		expect(after[3]).toBe(alone);
		expect(after[1]).toBe(classesAlone);
		expect(architectureAlone).toContain('id="pbicon0"');
		expect(after[4]).toBe(architectureAlone);
		expect(after[5]).toBe(architectureAlone);
	}, 60_000);
});
