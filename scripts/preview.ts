// `phasebook preview`: serves the site in dist/.
import { serve } from '../src/cli/serve.ts';

serve('preview');
