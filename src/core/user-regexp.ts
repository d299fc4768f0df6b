// Regular expressions built from what a program's settings write (requirementPattern), and run on
// what reports hold (test names): `(a+)+b` against forty a's backtracks for ever, and the check
// hung with no message. V8 has a second engine that runs in linear time; with the flags below it
// takes over any expression that backtracks too much, provided the expression is one it can run
// (no lookahead, no backreference, and no lookbehind in a global search): the settings' pattern
// is held to that, and the expressions built from it use no look-around of their own.
import { setFlagsFromString } from 'node:v8';

let linear = false;
function linearEngine(): void {
	if (linear) return;
	setFlagsFromString('--enable-experimental-regexp-engine');
	setFlagsFromString('--enable-experimental-regexp-engine-on-excessive-backtracks');
	linear = true;
}

/** Why V8 cannot run `pattern` in linear time as a global search; undefined when it can. */
export function linearTimeProblem(pattern: string): string | undefined {
	linearEngine();
	try {
		new RegExp(`(?:${pattern})`, 'gl');
		return undefined;
	} catch (error) {
		return (error as Error).message;
	}
}

/** A RegExp of a pattern the settings wrote (checked by linearTimeProblem), which never hangs. */
export function userRegExp(source: string, flags = ''): RegExp {
	linearEngine();
	return new RegExp(source, flags);
}
