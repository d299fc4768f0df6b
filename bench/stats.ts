// The benchmarks' one summary of repeated timings: median, min and max, and how many runs.

export function stats(xs: number[], digits = 2, unit = ' s'): string {
	const sorted = [...xs].sort((a, b) => a - b);
	const f = (x: number) => x.toFixed(digits);
	return `median ${f(sorted[Math.floor(sorted.length / 2)]!)}${unit} (min ${f(sorted[0]!)}, max ${f(sorted.at(-1)!)}; ${xs.length} runs)`;
}
