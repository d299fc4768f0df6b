// Go's coverprofile (go test -coverprofile): statement blocks with their hit counts.
import type { FileCoverage } from '../schemas/index.ts';
import { coverageSummary, totalsOf } from './coverage-figures.ts';
import { EvidenceError } from './errors.ts';
import { repoPath } from './paths.ts';
import { guardText } from './text.ts';
import type { ParsedReport, ParseOptions } from './types.ts';

const BLOCK = /^(.+):(\d+)\.(\d+),(\d+)\.(\d+) (\d+) (\d+)$/;

interface Block {
	file: string;
	from: number;
	to: number;
	statements: number;
	count: number;
}

/**
 * Statements are Go's own figure (`go test -cover` prints "coverage: N% of statements"). Lines
 * follow Codecov's reading of the same blocks: a line is covered when every block touching it ran,
 * so a line whose `if` ran but whose body did not counts as not covered.
 */
function fileOf(path: string, blocks: readonly Block[]): FileCoverage {
	const lines = new Map<number, boolean>();
	let statements = 0;
	let covered = 0;
	for (const b of blocks) {
		statements += b.statements;
		if (b.count > 0) covered += b.statements;
		if (b.statements === 0) continue;
		// A block that ends before it starts comes of a `//line` directive (goyacc, ragel, templ):
		// its two ends count, so its statements are on a line, not on none (a figure of 100 %).
		const spans = b.to >= b.from ? [[b.from, b.to]] : [[b.from, b.from], [b.to, b.to]];
		for (const [first, last] of spans) for (let line = first!; line <= last!; line++) lines.set(line, (lines.get(line) ?? true) && b.count > 0);
	}
	const hit = [...lines.values()].filter(Boolean).length;
	return {
		path,
		lines: { covered: hit, total: lines.size },
		statements: { covered, total: statements },
	};
}

export function readGoCover(text: string, options: ParseOptions): ParsedReport {
	guardText(text, options.file);
	const byKey = new Map<string, Block>();
	text.split('\n').forEach((raw, index) => {
		const line = raw.trim();
		if (line === '' || (index === 0 && line.startsWith('mode:'))) return;
		const at = { file: options.file, line: index + 1, column: 1 };
		const m = BLOCK.exec(line);
		if (!m) throw new EvidenceError(`Unexpected "${line.slice(0, 60)}", expected a coverprofile block such as file.go:12.2,14.3 2 1`, at);
		const [, file, from, , to, , statements, count] = m;
		// -coverpkg lists a block once per test binary; it ran if any of them ran it.
		const key = line.split(' ')[0]!;
		const seen = byKey.get(key);
		if (seen) seen.count += Number(count);
		else
			byKey.set(key, {
				file: file!,
				from: Number(from),
				to: Number(to),
				statements: Number(statements),
				count: Number(count),
			});
	});
	if (byKey.size === 0)
		throw new EvidenceError(
			`${options.file} has no coverage blocks; expected go test -coverprofile output`,
		);
	const byFile = Map.groupBy(byKey.values(), (b) => b.file);
	const files = [...byFile].map(([file, blocks]) => fileOf(repoPath(inModule(file, options.goModules), options.root, options.known), blocks));
	return { format: 'go-cover', tool: 'go test', coverage: coverageSummary(totalsOf(files), files, options.file) };
}

/** An import path (`example.com/checksum/sum.go`) as the repository file of its module, the longest module path first. */
function inModule(file: string, modules: ReadonlyMap<string, string> | undefined): string {
	let best: [string, string] | undefined;
	for (const [module, folder] of modules ?? []) {
		if (file.startsWith(`${module}/`) && (!best || module.length > best[0].length)) best = [module, folder];
	}
	return best ? `${best[1]}${file.slice(best[0].length + 1)}` : file;
}
