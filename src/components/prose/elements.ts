// The HTML elements whose rendering the prose components replace (index.ts). The MDX compiler turns
// every other static part of a body into one HTML string (phasebook.ts), and leaves these as
// elements so the components still render them. A plain module: the integration reads it too.
export const PROSE_ELEMENTS = ['h2', 'h3', 'h4', 'table', 'input', 'a'] as const;

export type ProseElement = (typeof PROSE_ELEMENTS)[number];
