// The build log: Astro's messages collected, warnings grouped once at the end, colour only on a terminal.
import { describe, expect, it } from 'vitest';
import { BuildLog, type LogMessage } from '../../../src/cli/build-log.ts';
import { isKnownWarning } from '../../../src/integrations/known-warnings.ts';

function stream(isTTY: boolean) {
	const chunks: string[] = [];
	return { chunks, isTTY, write: (text: string) => chunks.push(text), text: () => chunks.join('') };
}

const message = (level: LogMessage['level'], label: string | null, text: string): LogMessage => ({ level, label, message: text, newLine: true });
const YELLOW = '\u001b[33m[SOME_CODE] \u001b[0mSomething to look at';

describe('BuildLog', () => {
	it('prints no page list or progress, and takes the page count from Astro', () => {
		const out = stream(false);
		const log = new BuildLog(out, stream(false));
		log.write(message('info', 'build', 'Building static entrypoints...'));
		log.write({ level: 'info', label: null, message: '  ├─ /index.html', newLine: false });
		log.write(message('info', 'build', '71 page(s) built in 18.55s'));
		expect(out.text()).toBe('');
		expect(log.pages).toBe(71);
	});

	it('groups warnings at the end, counts repeats and strips colour when not on a terminal', () => {
		const err = stream(false);
		const log = new BuildLog(stream(false), err);
		log.write(message('warn', 'vite', YELLOW));
		log.write(message('warn', 'vite', YELLOW));
		log.warn('No site address');
		expect(err.text()).toBe('');
		log.flushWarnings();
		expect(err.text()).toBe('\n3 build warnings:\n- [vite] [SOME_CODE] Something to look at (2 times)\n- No site address\n');
		log.flushWarnings();
		expect(err.chunks).toHaveLength(1);
	});

	it('once detached after a failed build, drops what Astro reports of the pages still rendering', () => {
		const err = stream(false);
		const log = new BuildLog(stream(false), err);
		log.write(message('error', 'build', 'Caught error rendering /phases/1/: Error: the cause'));
		log.detach();
		log.write(message('error', 'build', "Caught error rendering /search: Error [ERR_MODULE_NOT_FOUND]: Cannot find module '/p/.phasebook/build-1/.prerender/chunks/search.mjs'"));
		log.write(message('warn', 'vite', 'late'));
		log.warn('The build itself still warns');
		log.flushWarnings();
		expect(err.text()).toBe('[build] Caught error rendering /phases/1/: Error: the cause\n\n1 build warning:\n- The build itself still warns\n');
	});

	it('keeps colour on a terminal unless NO_COLOR is set', () => {
		const saved = process.env['NO_COLOR'];
		try {
			delete process.env['NO_COLOR'];
			const err = stream(true);
			new BuildLog(stream(true), err).write(message('error', 'build', '\u001b[31mfailed\u001b[39m'));
			expect(err.text()).toBe('[build] \u001b[31mfailed\u001b[39m\n');
			process.env['NO_COLOR'] = '1';
			const plain = stream(true);
			new BuildLog(stream(true), plain).write(message('error', 'build', '\u001b[31mfailed\u001b[39m'));
			expect(plain.text()).toBe('[build] failed\n');
		} finally {
			if (saved === undefined) delete process.env['NO_COLOR'];
			else process.env['NO_COLOR'] = saved;
		}
	});

	it('prints errors at once', () => {
		const err = stream(false);
		new BuildLog(stream(false), err).write(message('error', 'build', '\u001b[31mfailed\u001b[39m'));
		expect(err.text()).toBe('[build] failed\n');
	});
});

describe('isKnownWarning', () => {
	it('drops only the bundler warning about Astro\'s head-inject directive', () => {
		const text = 'The semantics of the module level directive "use astro:head-inject" in "content/phases/1.mdx?astroPropagatedAssets" may not be preserved when bundling.';
		expect(isKnownWarning({ code: 'MODULE_LEVEL_DIRECTIVE', message: text })).toBe(true);
		expect(isKnownWarning({ code: 'MODULE_LEVEL_DIRECTIVE', message: text.replace('astro:head-inject', 'client') })).toBe(false);
		expect(isKnownWarning({ code: 'CIRCULAR_DEPENDENCY', message: text })).toBe(false);
	});
});
