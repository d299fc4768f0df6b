// Special files and links: only regular files inside the project are read, the size limit is
// checked before reading, and a link out of the project is refused without printing its target.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../../src/cli/run-check.ts';
import { FindingError } from '../../../src/core/findings.ts';
import { readRegularFile, readTextFile, readTextFiles } from '../../../src/core/files.ts';
import { formatFailure } from '../../../src/core/findings-format.ts';
import { loadTemplates } from '../../../src/core/templates.ts';
import { makeProgram, phaseDoc } from '../../helpers/program.ts';

const fifo = (path: string) => execFileSync('mkfifo', [path]);

async function check(root: string) {
	const { findings } = await runCheck(root, { diagrams: false });
	return findings.map((f) => `${f.path}:${f.line}:${f.column} ${f.severity} ${f.ruleId} ${f.message}`);
}

/** A file outside the project whose content must never be printed. */
function secretOutside(): string {
	const dir = mkdtempSync(join(tmpdir(), 'phasebook-outside-'));
	const secret = join(dir, 'passwd');
	writeFileSync(secret, 'root:x:0:0:SECRET-CONTENT:/root:/bin/sh\n');
	return secret;
}

describe('special files', () => {
	it('not ok: a FIFO as tasks.yaml, as a document and as an evidence run: located, and the check ends', async () => {
		const root = makeProgram({});
		rmSync(join(root, 'content/tasks.yaml'));
		fifo(join(root, 'content/tasks.yaml'));
		fifo(join(root, 'content/phases/2.mdx'));
		mkdirSync(join(root, 'content/evidence/1/unit'), { recursive: true });
		fifo(join(root, 'content/evidence/1/unit/run.json'));
		const out = await check(root);
		expect(out).toEqual(expect.arrayContaining([
			'content/evidence/1/unit/run.json:1:1 error file/special Unexpected named pipe (FIFO), expected a regular file',
			'content/phases/2.mdx:1:1 error file/special Unexpected named pipe (FIFO), expected a regular file',
			'content/tasks.yaml:1:1 error file/special Unexpected named pipe (FIFO), expected a regular file',
		]));
	});

	// An attack: each of these passed the check, and the FIFO image then broke the build with a
	// line of generated code; the README promises file/special in content/, templates/ and the
	// evidence. (A link out is refused where something reads through it.)
	it('not ok: a FIFO anywhere in content/, templates/ or the evidence, and an image that is no file', async () => {
		const root = makeProgram({});
		mkdirSync(join(root, 'content/evidence/1/unit'), { recursive: true });
		mkdirSync(join(root, 'content/assets/dir.png'), { recursive: true });
		for (const path of ['templates/notes.mdx', 'content/fifo', 'content/evidence/1/fifo', 'content/evidence/1/unit/fifo', 'content/assets/fifo.png']) fifo(join(root, path));
		const phase = join(root, 'content/phases/1.mdx');
		writeFileSync(phase, `${readFileSync(phase, 'utf8')}\n![a pipe](../assets/fifo.png)\n\n![a folder](../assets/dir.png)\n`);
		const errors = (await check(root)).filter((line) => line.includes(' error '));
		const lines = readFileSync(phase, 'utf8').split('\n').length;
		expect(errors).toEqual([
			'content/assets/fifo.png:1:1 error file/special Unexpected named pipe (FIFO), expected a regular file or a folder',
			'content/evidence/1/fifo:1:1 error file/special Unexpected named pipe (FIFO), expected a regular file or a folder',
			'content/evidence/1/unit/fifo:1:1 error file/special Unexpected named pipe (FIFO), expected a regular file or a folder',
			'content/fifo:1:1 error file/special Unexpected named pipe (FIFO), expected a regular file or a folder',
			`content/phases/1.mdx:${lines - 3}:2 error references/link Image "../assets/fifo.png" is a named pipe (FIFO), not a file, so the build cannot publish it; expected an image file`,
			`content/phases/1.mdx:${lines - 1}:2 error references/link Image "../assets/dir.png" is a folder, not a file, so the build cannot publish it; expected an image file`,
			'templates/notes.mdx:1:1 error file/special Unexpected named pipe (FIFO), expected a regular file or a folder',
		]);
	});

	// An attack: a document whose name is not UTF-8 was reported as "No such file".
	it('not ok: a document whose name is not UTF-8 is named as such, not as missing', async () => {
		const root = makeProgram({});
		writeFileSync(Buffer.concat([Buffer.from(join(root, 'content/phases/bad')), Buffer.from([0xff]), Buffer.from('name.mdx')]), phaseDoc('2'));
		expect((await check(root)).filter((line) => line.includes(' error '))).toEqual([
			'content/phases/bad\ufffdname.mdx:1:1 error file/unreadable The file name is not valid UTF-8 (shown here with \ufffd in place of its bytes), so it cannot be opened by that name; rename it',
		]);
	});

	// An author's attack: a folder where a document belongs was left out without a word.
	it('not ok: a folder named as a document, which the site would leave out', async () => {
		const root = makeProgram({});
		mkdirSync(join(root, 'content/rcas/rca-0005.mdx'), { recursive: true });
		mkdirSync(join(root, 'content/rcas/2026'), { recursive: true });
		expect((await check(root)).filter((f) => f.includes('file/'))).toEqual(['content/rcas/rca-0005.mdx:1:1 error file/special Unexpected folder, expected a regular file']);
	});

	// A document named with a leading dot was left out without a word.
	it('warns of a hidden document, and leaves an editor\'s lock file alone', async () => {
		const root = makeProgram({});
		mkdirSync(join(root, 'content/rcas'), { recursive: true });
		writeFileSync(join(root, 'content/rcas/.rca-0005.mdx'), '---\nid: RCA-0005\n---\n');
		symlinkSync('ana@host.1234', join(root, 'content/rcas/.#rca-0001.mdx'));
		expect((await check(root)).filter((f) => f.includes('file/'))).toEqual(['content/rcas/.rca-0005.mdx:1:1 warning file/hidden .rca-0005.mdx is hidden (its name starts with a dot), so neither the check nor the site reads it; rename it without the dot to publish it']);
	});

	it('not ok: a link to nothing, and a link to itself, each said as what it is', async () => {
		const root = makeProgram({});
		symlinkSync('9.mdx', join(root, 'content/phases/7.mdx'));
		symlinkSync('8.mdx', join(root, 'content/phases/8.mdx'));
		expect((await check(root)).filter((f) => f.includes('file/'))).toEqual([
			'content/phases/7.mdx:1:1 error file/symlink Symbolic link to a file that does not exist',
			'content/phases/8.mdx:1:1 error file/symlink Symbolic link that leads back to itself (a loop of links), expected a file',
		]);
	});

	it('not ok: tasks.yaml linked to /dev/zero is refused unread', async () => {
		const root = makeProgram({});
		rmSync(join(root, 'content/tasks.yaml'));
		symlinkSync('/dev/zero', join(root, 'content/tasks.yaml'));
		expect(await check(root)).toEqual([
			'content/tasks.yaml:1:1 error file/symlink Symbolic link that leads out of the project (to /dev/zero), expected a file inside it',
		]);
	});

	it('not ok: a document linked out of the project is refused, and none of its content is printed', async () => {
		const secret = secretOutside();
		const root = makeProgram({});
		symlinkSync(secret, join(root, 'content/phases/2.mdx'));
		rmSync(join(root, 'content/project.yaml'));
		symlinkSync(secret, join(root, 'content/project.yaml'));
		const out = await check(root);
		expect(out).toEqual([
			`content/phases/2.mdx:1:1 error file/symlink Symbolic link that leads out of the project (to ${secret}), expected a file inside it`,
			`content/project.yaml:1:1 error file/symlink Symbolic link that leads out of the project (to ${secret}), expected a file inside it`,
		]);
		expect(out.join('\n')).not.toContain('SECRET');
	});

	// An author's attack: an image linked out of the repository passed the check, and the build
	// published the file (or, for a file that is no image, printed it in its error).
	it('not ok: an image the build would read from outside the repository, by a link or a path that climbs out', async () => {
		const secret = secretOutside();
		const outsidePng = `${secret}.png`;
		writeFileSync(outsidePng, 'SECRET-CONTENT');
		const root = makeProgram({});
		mkdirSync(join(root, 'content/assets'));
		symlinkSync(outsidePng, join(root, 'content/assets/leak.png'));
		symlinkSync(outsidePng, join(root, 'content/phases/leak2.png'));
		symlinkSync(outsidePng, join(root, 'content/phases/leak3.png'));
		writeFileSync(join(root, 'content/assets/ok.png'), 'png');
		symlinkSync('../assets/ok.png', join(root, 'content/phases/ok-link.png'));
		const climb = relative(join(root, 'content/phases'), outsidePng);
		const body = `\n![a](../assets/leak.png) ![b](./leak2.png) ![c][d] ![e](${climb}) ![fine](../assets/ok.png) ![also fine](./ok-link.png)\n\n[d]: ./leak3.png\n`;
		writeFileSync(join(root, 'content/phases/1.mdx'), `${readFileSync(join(root, 'content/phases/1.mdx'), 'utf8')}${body}`);
		const out = (await check(root)).filter((f) => f.includes('error'));
		const line = readFileSync(join(root, 'content/phases/1.mdx'), 'utf8').split('\n').indexOf(body.split('\n')[1]!) + 1;
		expect(out).toEqual([
			`content/phases/1.mdx:${line}:2 error references/link Image "../assets/leak.png" leads out of the repository (to ${outsidePng}), so the build would publish a file of this machine; expected a file inside the repository`,
			`content/phases/1.mdx:${line}:27 error references/link Image "./leak2.png" leads out of the repository (to ${outsidePng}), so the build would publish a file of this machine; expected a file inside the repository`,
			`content/phases/1.mdx:${line}:53 error references/link Image "${climb}" leads out of the repository (to ${outsidePng}), so the build would publish a file of this machine; expected a file inside the repository`,
			`content/phases/1.mdx:${line + 2}:1 error references/link Link "./leak3.png" is a symbolic link that leads out of the repository (to ${outsidePng}), which no reader has, and an image that uses it would publish that file of this machine; expected a file inside the repository`,
		]);
		expect(out.join('\n')).not.toContain('SECRET');
	});

	// An author's attack: public/ is copied into the site as it is, links out of the repository and all.
	// A loop of links was left alone, and the build's copy of public/ failed on it with a raw ELOOP
	// of a 452-character path: the check names each link that closes a loop, once.
	it('not ok: a link in public/ that leads out of the repository, a FIFO there, or a link round a loop', async () => {
		const secret = secretOutside();
		const root = makeProgram({ 'public/robots.txt': 'User-agent: *\n' });
		mkdirSync(join(root, 'public/nested/deeper'), { recursive: true });
		symlinkSync(secret, join(root, 'public/leak.txt'));
		symlinkSync(dirname(secret), join(root, 'public/nested/leakdir'));
		symlinkSync('../..', join(root, 'public/nested/deeper/loop'));
		symlinkSync('../robots.txt', join(root, 'public/nested/robots.txt'));
		// Two links that lead to each other's folder, a link to itself, and a link to a sibling folder (no loop).
		mkdirSync(join(root, 'public/a'));
		mkdirSync(join(root, 'public/b'));
		symlinkSync('../b', join(root, 'public/a/to-b'));
		symlinkSync('../a', join(root, 'public/b/to-a'));
		symlinkSync('self', join(root, 'public/self'));
		symlinkSync('../nested/deeper', join(root, 'public/b/deeper'));
		fifo(join(root, 'public/nested/pipe'));
		const out = (await check(root)).filter((f) => f.includes(' error '));
		const real = realpathSync(root);
		const loop = (path: string, to: string) => `${path}:1:1 error file/symlink Symbolic link that leads back to a folder it is in (to ${to}), a loop the build's copy of public/ would follow until the path is too long; expected a file or a folder that does not hold the link`;
		expect(out).toEqual([
			loop('public/a/to-b', join(real, 'public/b')),
			loop('public/b/to-a', join(real, 'public/a')),
			`public/leak.txt:1:1 error file/symlink Symbolic link that leads out of the repository (to ${secret}), which the build would copy into the site; expected a file inside the repository`,
			loop('public/nested/deeper/loop', join(real, 'public')),
			`public/nested/leakdir:1:1 error file/symlink Symbolic link that leads out of the repository (to ${dirname(secret)}), which the build would copy into the site; expected a file inside the repository`,
			'public/nested/pipe:1:1 error file/special Unexpected named pipe (FIFO) in public/, which the build copies into the site; expected a regular file',
			loop('public/self', 'itself'),
		]);
		expect(out.join('\n')).not.toContain('SECRET');
	});

	it('ok: a link to a file inside the project is read like the file', async () => {
		const root = makeProgram({ 'content/shared/2.mdx': phaseDoc('2') });
		symlinkSync('../shared/2.mdx', join(root, 'content/phases/2.mdx'));
		expect(await check(root)).toEqual([]);
	});

	it('not ok: a 20 GB file is refused by its size, before a byte is read', async () => {
		const root = makeProgram({ 'content/phases/2.mdx': '' });
		truncateSync(join(root, 'content/phases/2.mdx'), 20 * 1024 ** 3);
		expect(await check(root)).toEqual([
			'content/phases/2.mdx:1:1 error file/too-large File is 20480.0 MB, over the 10 MB limit for a document',
		]);
	});

	it('a file that reports no size is held to the limit by what reading it yields', async () => {
		const root = mkdtempSync(join(tmpdir(), 'phasebook-files-'));
		// /proc files report a size of 0.
		expect((await readRegularFile('/proc/self/status', { maxBytes: 16 })).problem?.ruleId).toBe('file/too-large');
		expect((await readRegularFile('/proc/self/status', { maxBytes: 1 << 20 })).bytes?.toString()).toMatch(/^Name:/);
		expect(await readRegularFile(join(root, 'none'), { maxBytes: 16 })).toEqual({ problem: { message: 'No such file', ruleId: 'file/missing' } });
	});

	it('a file that reports no size and reads a page at a time is read to its end', async () => {
		// /proc/crypto reports a size of 0, holds about 11 KB and hands it out a page per read.
		const whole = readFileSync('/proc/crypto');
		expect(whole.length).toBeGreaterThan(8192);
		expect((await readRegularFile('/proc/crypto', { maxBytes: 1 << 20 })).bytes?.equals(whole)).toBe(true);
	});

	it('a template that is a FIFO stops the command with one line naming it', async () => {
		const root = makeProgram({});
		rmSync(join(root, 'templates/rca.mdx'));
		fifo(join(root, 'templates/rca.mdx'));
		const error = await loadTemplates(root).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(FindingError);
		expect(formatFailure((error as FindingError).finding)).toBe(
			'templates/rca.mdx:1:1  error  Unexpected named pipe (FIFO), expected a regular file  file/special\ntemplates/ holds the scaffold and required sections of each document type (phase, rca, handoff, review, changelog)',
		);
	});
});

describe('readTextFiles: many documents decoded together', () => {
	it('gives each file exactly what readTextFile gives it, across batches and whatever the bytes', () => {
		const root = mkdtempSync(join(tmpdir(), 'phasebook-texts-'));
		const outside = secretOutside();
		const bytes: Record<string, Buffer | string> = {
			'ascii.mdx': '---\ntitle: A\n---\n\n## One\n\nPlain text.\n',
			'typographic.mdx': 'It’s “quoted” — Sätteri, 😀 and ﬁ.\n',
			'latin1-only.mdx': 'Café au lait, naïve.\n',
			'bom.mdx': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('---\ntitle: B\n---\n')]),
			'two-boms.mdx': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf]), Buffer.from('x\n')]),
			'empty.mdx': '',
			'nul.mdx': Buffer.from('line 1\nline 2 \0 here\n'),
			'latin1-bytes.mdx': Buffer.from([0x61, 0x0a, 0x62, 0xe9, 0x0a]),
			'overlong.mdx': Buffer.from([0x0a, 0x0a, 0xc0, 0xaf]),
			'large.mdx': `${'A line of a long report, over a batch of its own.\n'.repeat(50_000)}end ’\n`,
		};
		for (let i = 0; i < 60; i++) bytes[`many-${String(i).padStart(2, '0')}.mdx`] = `${i % 3 ? 'plain' : 'typographic ’'} ${'x'.repeat(40_000 + i)}\n`;
		for (const [name, content] of Object.entries(bytes)) writeFileSync(join(root, name), content);
		fifo(join(root, 'pipe.mdx'));
		symlinkSync(outside, join(root, 'out.mdx'));
		const names = [...Object.keys(bytes), 'pipe.mdx', 'out.mdx', 'missing.mdx'].sort();
		const files = names.map((name) => ({ absolute: join(root, name), path: `content/rcas/${name}` }));
		const together = readTextFiles(files, root);
		const alone = files.map(({ absolute, path }) => readTextFile(absolute, path, root));
		expect(together).toEqual(alone);
		// The cases are what they claim to be.
		const byName = Object.fromEntries(names.map((name, i) => [name, together[i]!]));
		expect(byName['typographic.mdx']!.text).toBe(bytes['typographic.mdx']);
		expect(byName['two-boms.mdx']!.text).toBe('\uFEFFx\n');
		expect(byName['bom.mdx']!.text).toBe('---\ntitle: B\n---\n');
		expect(byName['empty.mdx']!.text).toBe('');
		expect(byName['large.mdx']!.text).toBe(bytes['large.mdx']);
		expect(byName['nul.mdx']!.findings.map((f) => `${f.line} ${f.ruleId}`)).toEqual(['2 file/encoding']);
		expect(byName['latin1-bytes.mdx']!.findings.map((f) => `${f.line} ${f.ruleId}`)).toEqual(['2 file/encoding']);
		expect(byName['overlong.mdx']!.findings.map((f) => `${f.line} ${f.ruleId}`)).toEqual(['3 file/encoding']);
		expect(byName['pipe.mdx']!.findings.map((f) => f.ruleId)).toEqual(['file/special']);
		expect(byName['out.mdx']!.findings.map((f) => f.ruleId)).toEqual(['file/symlink']);
		expect(byName['missing.mdx']!.findings.map((f) => f.ruleId)).toEqual(['file/missing']);
		expect(names.filter((name) => name.startsWith('many-')).every((name) => byName[name]!.text === bytes[name])).toBe(true);
	});
});
