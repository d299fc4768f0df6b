// The diagrams module's public surface for the checker, the CLI and the site.
export { checkDiagrams, isStrictEnv, type CheckDiagramsInput } from './check.ts';
export {
	extractFromDocument,
	extractMermaidBlocks,
	mermaidBlocksIn,
	type MermaidBlock,
} from '../core/mermaid-blocks.ts';
export {
	diagramHtml,
	registerGeneratedDiagrams,
	type DiagramHtmlOptions,
	type GeneratedDiagram,
} from './registry.ts';
