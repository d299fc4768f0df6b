// Lets Node run Phasebook's TypeScript sources when the package is installed. Node strips types
// itself, but never for files under node_modules, so for this package's own .ts files a load hook
// strips them with amaro (the library Node's own type stripping uses). Plain JavaScript on purpose.
import { readFileSync } from 'node:fs';
import { createRequire, registerHooks } from 'node:module';
import { fileURLToPath } from 'node:url';

const packageRoot = new URL('../', import.meta.url).href;
let registered = false;

/** Whether this is the package npm installed (under node_modules), not a checkout of Phasebook. */
export function isInstalled() {
	return packageRoot.includes('/node_modules/');
}

export function registerTypeScript() {
	// In a checkout of Phasebook itself (not under node_modules), Node strips the types on its own.
	if (registered || !isInstalled()) return;
	registered = true;
	let strip;
	registerHooks({
		load(url, context, nextLoad) {
			const own = url.startsWith(packageRoot) && !url.slice(packageRoot.length).includes('node_modules/');
			if (!own || !url.endsWith('.ts')) return nextLoad(url, context);
			strip ??= createStripper();
			return { format: 'module', source: strip(readFileSync(fileURLToPath(url), 'utf8')), shortCircuit: true };
		},
	});
}

function createStripper() {
	// Loaded on first use: a checkout never needs it.
	const { transformSync } = createRequire(import.meta.url)('amaro');
	return (source) => transformSync(source, { mode: 'strip-only' }).code;
}
