#!/usr/bin/env node
// The `phasebook` command. The Node.js version is checked first, in a module any Node can load;
// then start.js turns on the compile cache, registers the TypeScript loader and runs the CLI.
import { tooOld } from './node-version.js';

const problem = tooOld(process.versions.node);
if (problem) {
	console.error(`phasebook: ${problem}`);
	process.exit(1);
}
await import('./start.js');
