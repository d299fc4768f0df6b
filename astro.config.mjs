// @ts-check
// The sample program's site: what `phasebook init` writes for every program.
import phasebook from 'phasebook';
import { defineConfig } from 'astro/config';

export default defineConfig({ integrations: [phasebook()] });
