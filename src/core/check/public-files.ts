// Rule file/symlink and file/special for `public/`: every build copies the program's public/ folder
// into the site as it is, so a link in it that leads out would publish a file of this machine, and
// a FIFO would stop the copy.
import { lstatSync, readdirSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import { fileKind, realPlaceOutside } from '../files.ts';
import { finding, type Finding } from '../findings.ts';

/** The program's own public/ folder, from the project root. */
export const PUBLIC_DIR = 'public';

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
	const folders = [PUBLIC_DIR];
	for (let folder = folders.pop(); folder !== undefined; folder = folders.pop()) {
		let entries: Dirent[];
		try {
			entries = readdirSync(join(root, folder), { withFileTypes: true });
		} catch {
			// A folder that cannot be read: the build's copy says so.
			continue;
		}
		for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
			const path = `${folder}/${entry.name}`;
			if (entry.isDirectory()) folders.push(path);
			else if (entry.isSymbolicLink()) {
				const outside = realPlaceOutside(join(root, path), within.path);
				if (outside) findings.push(finding(path, 1, 'error', `Symbolic link that leads out of the ${within.name} (to ${outside}), which the build would copy into the site; expected a file inside the ${within.name}`, 'file/symlink'));
			} else if (!entry.isFile()) {
				findings.push(finding(path, 1, 'error', `Unexpected ${fileKind(entry)} in public/, which the build copies into the site; expected a regular file`, 'file/special'));
			}
		}
	}
	return findings.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
