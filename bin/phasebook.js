#!/usr/bin/env node
// The `phasebook` command: registers the TypeScript loader, then hands over to the CLI.
import { registerTypeScript } from './typescript.js';

registerTypeScript();
await import('../src/cli/main.ts');
