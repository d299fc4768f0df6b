// `phasebook dev`: Astro's dev server with live reload.
import { serve } from '../src/cli/serve.ts';

serve('dev');
