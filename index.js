// The phasebook package's entry: the Astro integration, for `integrations: [phasebook()]`.
import { registerTypeScript } from './bin/typescript.js';

registerTypeScript();
const { default: phasebook } = await import('./src/integrations/phasebook.ts');

export default phasebook;
