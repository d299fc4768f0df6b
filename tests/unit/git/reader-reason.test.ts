// Why git was not read, as a published page says it: no machine folder, no instruction to the author.
import { describe, expect, it } from 'vitest';
import { readerReason } from '../../../src/core/git/repository.ts';

describe('readerReason', () => {
	it.each([
		['/home/ci/app is not inside a git repository', 'the site was built outside the git repository'],
		['the repository is a shallow clone (fetch its full history, e.g. fetch-depth: 0)', 'the site was built from a shallow clone, without the history'],
		['git is not installed', 'git was not installed where the site was built'],
		['code.path "../x" is outside the git repository at /home/ci/app', 'code.path "../x" is outside the git repository'],
		['code.path "examples/o" is not a folder of the repository at /home/ci/app', 'code.path "examples/o" is not a folder of the repository'],
		["tag v1.0.0 (phase 2's release) is not in the repository", "tag v1.0.0 (phase 2's release) is not in the repository"],
	])('%s reads "%s" on the site', (reason, shown) => {
		expect(readerReason(reason)).toBe(shown);
	});
});
