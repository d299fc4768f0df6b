// The element overrides passed to every rendered MDX body: `<Content components={proseComponents} />`.
import H2 from './H2.astro';
import H3 from './H3.astro';
import H4 from './H4.astro';
import H5 from './H5.astro';
import Link from './Link.astro';
import Table from './Table.astro';
import TaskCheckbox from './TaskCheckbox.astro';

import type { ProseElement } from './elements.ts';

// Typed against elements.ts, the elements the MDX compiler leaves as elements: a component for any
// other element would never be called, since the compiler turns that element into HTML.
export const proseComponents = { h2: H2, h3: H3, h4: H4, table: Table, input: TaskCheckbox, a: Link } satisfies Record<ProseElement, unknown>;

/**
 * For a body printed as one part of a longer page under the part's own h2 (the sign-off pack): its
 * headings one level down, so the outline (and a PDF's bookmarks) shows where each document starts.
 */
export const partProseComponents = { ...proseComponents, h2: H3, h3: H4, h4: H5 } satisfies Record<ProseElement, unknown>;
