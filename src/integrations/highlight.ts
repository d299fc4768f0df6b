// Code blocks are highlighted whole on every machine. Shiki stops tokenizing a line after 500 ms
// (`tokenizeTimeLimit`) and leaves the rest of it plain; the first line of a language also pays
// for compiling its grammar, so on a starved machine (a CI runner beside another job) the same
// block came out highlighted in one build and half plain in the next. Astro passes no such option
// through `markdown.shikiConfig`, so a transformer lifts the limit before each block is tokenized.
import type { ShikiTransformer } from 'shiki';

export const completeHighlighting: ShikiTransformer = {
	name: 'phasebook:complete-highlighting',
	preprocess(_code, options) {
		// 0 is "no limit" to the tokenizer; the options object is the one it reads next.
		options.tokenizeTimeLimit = 0;
	},
};
