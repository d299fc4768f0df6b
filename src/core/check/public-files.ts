// Rule file/symlink and file/special for `public/`: every build copies the program's public/ folder
// into the site as it is, so a link in it that leads out would publish a file of this machine, and
// a FIFO would stop the copy.
import { lstatSync, readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { isAbsolute, join, posix, relative, sep } from 'node:path';
import { fileKind, realPlaceOutside } from '../files.ts';
import { finding, type Finding } from '../findings.ts';

/** The program's own public/ folder, from the project root. */
export const PUBLIC_DIR = 'public';

/**
 * Whether a root-relative address (`/files/spec.pdf`, written without the base path, as a page's
 * is) names a file of the program's public/ folder, which every build copies to the site's root.
 * Its query and fragment are dropped and `%20` read as a space; it cannot climb out of public/.
 */
export function isPublicFile(root: string, href: string): boolean {
	let path = href.replace(/[?#].*$/, '');
	try {
		path = decodeURIComponent(path);
	} catch {
		// A malformed escape names the file as written.
	}
	return statSync(join(root, PUBLIC_DIR, posix.normalize(path)), { throwIfNoEntry: false })?.isFile() === true;
}

/**
 * A located error for each entry of `public/` the build must not copy: a symbolic link whose real
 * place is outside `within` (the repository, or the project), and anything that is neither a file,
 * a folder nor a link. Nothing is opened; a linked folder is judged by where it leads, not walked.
 */
export function checkPublicFolder(root: string, within: { path: string; name: string }): Finding[] {
	const findings: Finding[] = [];
	try {
		if (!lstatSync(join(root, PUBLIC_DIR)).isDirectory()) return findings;
	} catch {
		// No public/ of its own (Phasebook's is used).
		return findings;
	}
	// Walked by hand: readdir's own recursion follows linked folders, round a loop of links too.
	// A linked folder inside is walked as the build's copy walks it, for links round a loop alone:
	// `public/sub/loop -> ..` passed the check, and the copy failed on a path of 452 characters.
	// `through` is the real folders the walk is in, the linked folder's own last.
	const real = (path: string) => {
		try {
			return realpathSync(path);
		} catch {
			return undefined;
		}
	};
	const folders: { folder: string; through: string[]; linked: boolean }[] = [{ folder: PUBLIC_DIR, through: [real(join(root, PUBLIC_DIR))!], linked: false }];
	const realRoot = real(root) ?? root;
	const loops = new Set<string>();
	let budget = MAX_LINKED_FOLDERS;
	for (let next = folders.pop(); next !== undefined; next = folders.pop()) {
		const { folder, through, linked } = next;
		let entries: Dirent[];
		try {
			entries = readdirSync(join(root, folder), { withFileTypes: true });
		} catch {
			// A folder that cannot be read: the build's copy says so.
			continue;
		}
		for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
			const path = `${folder}/${entry.name}`;
			const at = join(root, path);
			if (entry.isDirectory()) folders.push({ folder: path, through: [...through, join(through.at(-1)!, entry.name)], linked });
			else if (entry.isSymbolicLink()) {
				const outside = linked ? undefined : realPlaceOutside(at, within.path);
				if (outside) {
					findings.push(finding(path, 1, 'error', `Symbolic link that leads out of the ${within.name} (to ${outside}), which the build would copy into the site; expected a file inside the ${within.name}`, 'file/symlink'));
					continue;
				}
				const target = real(at);
				// Named where the link really is: a loop found through another link is the same loop.
				const where = relative(realRoot, join(through.at(-1)!, entry.name)).split(sep).join('/');
				const inProject = !where.startsWith('..') && !isAbsolute(where) ? where : path;
				const loopsBack = target === undefined ? statFails(at) === 'ELOOP' : through.includes(target);
				if (loopsBack) {
					if (!loops.has(inProject)) {
						loops.add(inProject);
						findings.push(finding(inProject, 1, 'error', `Symbolic link that leads back to a folder it is in (to ${target ?? 'itself'}), a loop the build's copy of public/ would follow until the path is too long; expected a file or a folder that does not hold the link`, 'file/symlink'));
					}
				} else if (target !== undefined && budget > 0 && statSync(at, { throwIfNoEntry: false })?.isDirectory()) {
					budget--;
					folders.push({ folder: path, through: [...through, target], linked: true });
				}
			} else if (!entry.isFile() && !linked) {
				findings.push(finding(path, 1, 'error', `Unexpected ${fileKind(entry)} in public/, which the build copies into the site; expected a regular file`, 'file/special'));
			}
		}
	}
	return findings.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Linked folders walked at most: enough for any public/ folder, and an end to links that fan out. */
const MAX_LINKED_FOLDERS = 10_000;

/** The error code of following `path`, or undefined when it leads somewhere. */
function statFails(path: string): string | undefined {
	try {
		statSync(path);
		return undefined;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code;
	}
}
