// The Node.js versions Phasebook runs on, checked before anything else is loaded: on an older Node,
// the first import of an API it lacks fails at link time with a SyntaxError and a stack trace.
// Plain JavaScript that any Node can load, on purpose.

/** The oldest Node.js Phasebook runs on, as in package.json's engines. */
export const MINIMUM = [22, 15, 0];

/** Why `version` (process.versions.node) cannot run Phasebook, or undefined when it can. */
export function tooOld(version) {
	const parts = version.split('.').map(Number);
	for (let i = 0; i < MINIMUM.length; i++) {
		if ((parts[i] ?? 0) > MINIMUM[i]) return undefined;
		if ((parts[i] ?? 0) < MINIMUM[i]) {
			return `Node.js ${version} is too old: Phasebook needs Node.js ${MINIMUM.join('.')} or later (24, the current LTS, is best); install it from https://nodejs.org or with your version manager, then run the command again`;
		}
	}
	return undefined;
}
