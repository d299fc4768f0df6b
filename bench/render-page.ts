// Benchmark: one mermaid render in the render page, with and without its speed-ups (page-runtime.ts).
// Usage: node bench/render-page.ts [renders per kind, default 30]
import { findBrowser } from '../src/diagrams/browser.ts';
import { mermaidBundlePath, THEMES } from '../src/diagrams/keys.ts';
import { renderDiagrams, type RenderJob } from '../src/diagrams/renderer.ts';
import { DIAGRAMS } from './diagram-kinds.ts';

const PER_KIND = Number(process.argv[2] ?? 30);
const { path: executablePath, tried } = await findBrowser();
if (!executablePath) throw new Error(`No Chromium found (looked at: ${tried.join(', ')})`);

const jobs: RenderJob[] = DIAGRAMS.flatMap((diagram, kind) =>
	Array.from({ length: PER_KIND }, (_, n) => diagram(n)).flatMap((source, n) =>
		THEMES.map((theme) => ({ key: `${kind}-${n}-${theme}`, source, theme })),
	),
);

/** Milliseconds per render between the first batch and the last: the steady state, one page. */
async function perRender(runtime: boolean): Promise<number> {
	const arrivals: number[] = [];
	await renderDiagrams(jobs, {
		executablePath: executablePath!,
		mermaidScript: mermaidBundlePath(),
		pages: 1,
		runtime,
		onOutcome: () => arrivals.push(performance.now()),
	});
	const first = 20; // the first batch includes compiling mermaid's code paths
	return (arrivals.at(-1)! - arrivals[first - 1]!) / (arrivals.length - first);
}

console.log(
	`${jobs.length} renders (${DIAGRAMS.length} kinds × ${PER_KIND} × light and dark), one page`,
);
const published = await perRender(false);
const optimised = await perRender(true);
console.log(`mermaid as published: ${published.toFixed(1)} ms per render`);
console.log(
	`with page-runtime.ts: ${optimised.toFixed(1)} ms per render (${(published / optimised).toFixed(2)}x faster)`,
);
