// Which TypeScript modules a Node process imports: a module for `node --import` that names each
// on stderr. A resolve hook, because the installed package's own load hook answers .ts files
// before a load hook registered earlier would see them.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const MARK = 'probe: imported ';

/** Writes the probe into `dir`; returns the value for `--import`. */
export function writeTypeScriptProbe(dir: string): string {
	const path = join(dir, 'typescript-probe.mjs');
	writeFileSync(
		path,
		`import { registerHooks } from 'node:module';
registerHooks({ resolve(specifier, context, next) { const resolved = next(specifier, context); if (resolved.url.endsWith('.ts')) process.stderr.write(${JSON.stringify(MARK)} + resolved.url + '\\n'); return resolved; } });
`,
	);
	return pathToFileURL(path).href;
}

/** The modules the probe named in `stderr`, and `stderr` without its lines. */
export function probed(stderr: string): { imported: string[]; stderr: string } {
	const lines = stderr.split('\n');
	return {
		imported: lines.filter((line) => line.startsWith(MARK)).map((line) => line.slice(MARK.length)),
		stderr: lines.filter((line) => !line.startsWith(MARK)).join('\n'),
	};
}
