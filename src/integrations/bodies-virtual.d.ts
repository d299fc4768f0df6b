// The type of `virtual:phasebook/bodies` (bodies.ts, virtualBodies): the documents whose bodies are
// Vite modules, keyed by their path under the project root with a leading slash.
import type { MDXInstance } from 'astro';

declare const bodies: Record<string, () => Promise<MDXInstance<Record<string, unknown>>>>;
export default bodies;
