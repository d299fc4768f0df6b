// The build's log: Astro's messages are collected rather than streamed, so a clean build prints a
// short summary, every warning is grouped at the end, and colour reaches only a terminal.
//
// Astro loads this module as its logger (`logger.entrypoint`) twice: by its file URL for the build
// (the URL the build script imports), and bundled into the pages for `Astro.logger`. The collector
// is kept on globalThis so both copies, and the build script, write to the same one.
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import { wantsColor } from '../core/findings-format.ts';
import { relayedToTerminal } from './build-process.ts';

/** What Astro hands a logger destination (AstroLoggerMessage). */
export interface LogMessage {
	label: string | null;
	level: 'debug' | 'info' | 'warn' | 'error' | 'silent';
	message: string;
	newLine: boolean;
}

interface Output {
	write(text: string): unknown;
	isTTY?: boolean;
}

/** Astro's count of the pages it generated: "71 page(s) built in 18.55s". */
const PAGES_BUILT = /^(\d+) page\(s\) built in /;

export class BuildLog {
	readonly #out: Output;
	readonly #err: Output;
	/** Warning text → how many times it was logged. */
	readonly #warnings = new Map<string, number>();
	#pages = 0;
	#detached = false;

	constructor(out: Output = process.stdout, err: Output = errorOutput()) {
		this.#out = out;
		this.#err = err;
	}

	/** The number of pages Astro reported generating. */
	get pages(): number {
		return this.#pages;
	}

	#plain(text: string, stream: Output): string {
		return wantsColor(stream, process.env) ? text : stripVTControlCharacters(text);
	}

	/**
	 * Drops Astro's messages from now on. Once a build has failed, the pages Astro was still
	 * rendering fail too, as their chunks are removed with the staging folder: errors such as
	 * ERR_MODULE_NOT_FOUND that only hide the one that failed the build.
	 */
	detach(): void {
		this.#detached = true;
	}

	/** Takes one of Astro's messages: errors now, warnings for the end, the rest counted or dropped. */
	write(chunk: LogMessage): void {
		if (this.#detached) return;
		if (chunk.level === 'error') {
			// A page that throws while rendering reaches here with its stack, whose frames point into
			// Astro's temporary chunks: the message says what failed, and the build's failure where.
			this.#err.write(`${this.#plain(withoutFrames(prefixed(chunk)), this.#err)}\n`);
		} else if (chunk.level === 'warn') {
			this.warn(prefixed(chunk));
		} else if (chunk.level === 'info') {
			const built = PAGES_BUILT.exec(chunk.message);
			if (built) this.#pages = Number(built[1]);
		}
	}

	/** A warning of the build itself, printed with Astro's at the end; repeats are counted, not printed. */
	warn(message: string): void {
		const text = message.trimEnd();
		this.#warnings.set(text, (this.#warnings.get(text) ?? 0) + 1);
	}

	/** A line of the summary, printed now. */
	info(message: string): void {
		this.#out.write(`${this.#plain(message, this.#out)}\n`);
	}

	/** Prints the warnings gathered so far, once, under one heading; nothing when there are none. */
	flushWarnings(): void {
		if (this.#warnings.size === 0) return;
		const count = [...this.#warnings.values()].reduce((n, times) => n + times, 0);
		const lines = [`\n${count === 1 ? '1 build warning' : `${count} build warnings`}:`];
		for (const [text, times] of this.#warnings) {
			lines.push(`- ${text.replace(/\n/g, '\n  ')}${times > 1 ? ` (${times} times)` : ''}`);
		}
		this.#err.write(`${this.#plain(lines.join('\n'), this.#err)}\n`);
		this.#warnings.clear();
	}
}

/** Where errors go: in a child build, a pipe its parent relays, to a terminal or not (src/cli/build-process.ts). */
function errorOutput(): Output {
	return relayedToTerminal() ? { write: (text) => process.stderr.write(text), isTTY: true } : process.stderr;
}

/** The text without the `    at …` lines of a stack trace. */
export function withoutFrames(text: string): string {
	return text.replace(/^[ \t]+at .*(?:\r?\n|$)/gm, '').trimEnd();
}

function prefixed({ label, message }: LogMessage): string {
	return label && label !== 'SKIP_FORMAT' ? `[${label}] ${message}` : message;
}

/** The one log of this process's build, shared by the build script and Astro's logger. */
export const buildLog: BuildLog = ((globalThis as Record<symbol, BuildLog | undefined>)[
	Symbol.for('phasebook.build-log')
] ??= new BuildLog());

/** Astro's logger entrypoint: `{ logger: { entrypoint: BUILD_LOG_ENTRYPOINT } }`. */
export const BUILD_LOG_ENTRYPOINT = fileURLToPath(import.meta.url);

export default function destination(): { write(chunk: LogMessage): void } {
	return { write: (chunk) => buildLog.write(chunk) };
}
