// Prints a phase's sign-off pack (the built page /phases/<id>/print/) to PDF with headless Chromium.
import { createReadStream } from 'node:fs';
import { lstat, mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, extname, join, normalize, relative, resolve, sep } from 'node:path';
import { UserError } from '../cli/args.ts';
import { findBrowser } from '../diagrams/browser.ts';
import { LAUNCH_TIMEOUT_MS } from '../diagrams/renderer.ts';
import { fileAbove } from '../core/files.ts';
import { loadProgram, missingPhase } from '../core/load.ts';
import { ownPlace, OWN_PLACE_TEXT } from '../core/own-places.ts';
import { slugify } from '../core/routes.ts';

export interface PhasePdfOptions {
	root: string;
	phase: string;
	/** Where to write the PDF; default phase-<id>.pdf in the working directory. */
	out?: string | undefined;
	/** The built site; default <root>/dist. */
	dist?: string | undefined;
	/** The base path the site was built for (PHASEBOOK_BASE); default '/'. */
	base?: string | undefined;
	/** Builds the site into `dist`; called when dist/ is missing or older than its sources. */
	build: () => Promise<void>;
	log?: (message: string) => void;
}

export interface PhasePdfResult {
	out: string;
	bytes: number;
	built: boolean;
}

/** The print page's title ends so (print.astro), and Chromium writes the title into the PDF. */
const PACK_TITLE = ': sign-off pack';
/** Larger files are not read to find out: no sign-off pack is that large. */
const MAX_PACK_BYTES = 256 * 1024 * 1024;

/**
 * Why `out` must not be written, or undefined: it may be a new file, or a sign-off pack this
 * command printed before (a PDF Chromium's Skia wrote, whose title ends in "sign-off pack"), which
 * a new run replaces. Anything else there is the user's: a link, a folder, a template, another PDF.
 */
export async function refusedPdfTarget(out: string): Promise<string | undefined> {
	const above = await fileAbove(out);
	if (above) throw new UserError(`Cannot write ${relative(process.cwd(), out) || out}: ${relative(process.cwd(), above) || above} is a file, not a folder`, 'Choose another file with --out <file>.');
	const info = await lstat(out).catch((error: NodeJS.ErrnoException) => {
		if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return undefined;
		throw new UserError(`Cannot write ${out}: ${error.message}`);
	});
	if (!info) return undefined;
	if (info.isSymbolicLink()) return 'is a symbolic link';
	if (info.isDirectory()) return 'is a folder';
	if (!info.isFile()) return 'is not a regular file';
	if (info.size > MAX_PACK_BYTES) return 'exists and is not a sign-off pack this command printed';
	const bytes = await readFile(out);
	// As text, or in the UTF-16 hex Chromium writes a title with any non-ASCII character in.
	const title = (text: string) => [Buffer.from(text, 'latin1'), Buffer.from([...text].map((c) => c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')).join(''), 'latin1')];
	const ours =
		bytes.subarray(0, 5).toString('latin1') === '%PDF-' &&
		bytes.includes('/Producer (Skia/PDF') &&
		title(PACK_TITLE).some((marker) => bytes.includes(marker));
	return ours ? undefined : 'exists and is not a sign-off pack this command printed';
}

/** What the site is built from: a change to any of them makes dist/ stale. */
const SOURCES = ['content', 'templates', 'src', 'public', 'astro.config.mjs'];

export const LAUNCH_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update'];

const TYPES: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.mjs': 'text/javascript; charset=utf-8',
	'.json': 'application/json',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.jpg': 'image/jpeg',
	'.webp': 'image/webp',
	'.woff2': 'font/woff2',
	'.xml': 'application/xml',
	'.wasm': 'application/wasm',
};

async function newestMtime(path: string): Promise<number> {
	let info;
	try {
		info = await stat(path);
	} catch {
		return 0;
	}
	if (!info.isDirectory()) return info.mtimeMs;
	let newest = info.mtimeMs;
	for (const entry of await readdir(path, { recursive: true })) {
		try {
			newest = Math.max(newest, (await stat(join(path, entry))).mtimeMs);
		} catch {
			// Removed while walking: the next build sees it.
		}
	}
	return newest;
}

/** True when `page` exists and is newer than every source of the site. */
export async function isFresh(root: string, page: string): Promise<boolean> {
	const built = await newestMtime(page);
	if (built === 0) return false;
	const sources = await Promise.all(SOURCES.map((s) => newestMtime(join(root, s))));
	return built >= Math.max(...sources);
}

/** Serves `dir` on 127.0.0.1 at `base` (and at /, for sites built without one). */
export function serveStatic(dir: string, base = '/'): Promise<{ server: Server; url: string }> {
	const prefix = `/${base.replace(/^\/+|\/+$/g, '')}/`.replace('//', '/');
	const server = createServer((request, response) => {
		let path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
		if (prefix !== '/' && path.startsWith(prefix)) path = path.slice(prefix.length - 1);
		if (path.endsWith('/')) path += 'index.html';
		const file = normalize(join(dir, path));
		if (!file.startsWith(dir + sep)) {
			response.writeHead(403).end();
			return;
		}
		const stream = createReadStream(file);
		stream.on('open', () => response.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' }));
		stream.on('error', () => response.headersSent || response.writeHead(404).end('Not found'));
		stream.pipe(response);
	});
	return new Promise((ready) =>
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as AddressInfo;
			ready({ server, url: `http://127.0.0.1:${port}${prefix}` });
		}),
	);
}

/** Chromium's header and footer: document title, and page n of N, in small grey type. */
const FOOTER = `<div style="width:100%;font:8px system-ui,sans-serif;color:#555;padding:0 14mm;display:flex;justify-content:space-between">
<span class="title"></span><span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`;

export async function phasePdf(options: PhasePdfOptions): Promise<PhasePdfResult> {
	const log = options.log ?? (() => {});
	const root = resolve(options.root);
	const { program } = await loadProgram(root);
	if (!program.documents.phase.some((p) => p.id === options.phase)) {
		throw new UserError(missingPhase(program, options.phase));
	}
	const dist = resolve(root, options.dist ?? 'dist');
	const out = resolve(options.out ?? `phase-${slugify(options.phase)}.pdf`);
	// Before anything is built or started: a PDF among the program's own files broke every later
	// check (a NUL byte in content/phases/2.mdx), and one in .git/hooks/ is a file git runs.
	const place = await ownPlace(root, out);
	if (place) throw new UserError(`--out ${options.out ?? out} is in ${OWN_PLACE_TEXT[place]}; no PDF was written`, 'Choose a file outside content/, templates/, public/ and .git/ with --out <file>.');
	// A file that is not an earlier pack is never replaced.
	const refused = await refusedPdfTarget(out);
	if (refused) throw new UserError(`${options.out ?? out} ${refused}; it is left as it is`, 'Choose another file with --out <file>, or move that one away.');
	const route = `phases/${slugify(options.phase)}/print/`;
	const page = join(dist, route, 'index.html');

	// Before building: without a browser there is nothing to print with.
	const browser = await findBrowser();
	if (!browser.path) {
		throw new UserError(
			`No Chromium or Chrome found to print with (tried: ${browser.tried.join(', ') || 'nothing'})`,
			'Install Chromium (apt-get install chromium, or npx playwright install chromium), or set PHASEBOOK_BROWSER to its executable.',
		);
	}

	let built = false;
	if (!(await isFresh(root, page))) {
		log('dist/ is missing or older than the sources; building the site first');
		await options.build();
		built = true;
		if (!(await newestMtime(page))) throw new UserError(`The build wrote no ${route}index.html in ${dist}`);
	}

	const { server, url } = await serveStatic(dist, options.base);
	const partial = `${out}.partial-${process.pid}`;
	try {
		const { chromium } = await import('playwright');
		const chrome = await chromium
			.launch({ executablePath: browser.path, args: LAUNCH_ARGS, timeout: LAUNCH_TIMEOUT_MS })
			.catch((error: Error) => {
				throw new UserError(`The browser ${browser.path} did not start: ${error.message.split('\n')[0]}`, 'Set PHASEBOOK_BROWSER to a Chromium or Chrome executable.');
			});
		try {
			const tab = await chrome.newPage();
			await tab.emulateMedia({ media: 'print', colorScheme: 'light' });
			const response = await tab.goto(`${url}${route}`, { waitUntil: 'networkidle' });
			if (!response?.ok()) throw new Error(`${url}${route} answered ${response?.status() ?? 'nothing'}`);
			// A PDF is printed without the browser's print events: the page opens its folded parts on this one.
			await tab.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
			await tab.evaluate(() => document.fonts.ready);
			await mkdir(dirname(out), { recursive: true });
			await tab.pdf({
				path: partial,
				format: 'A4',
				printBackground: true,
				preferCSSPageSize: true,
				displayHeaderFooter: true,
				headerTemplate: '<span></span>',
				footerTemplate: FOOTER,
				margin: { top: '16mm', bottom: '18mm', left: '14mm', right: '14mm' },
				outline: true,
				tagged: true,
			});
		} finally {
			await chrome.close();
		}
		await rename(partial, out);
	} catch (error) {
		await rm(partial, { force: true });
		throw error;
	} finally {
		server.close();
	}
	return { out, bytes: (await stat(out)).size, built };
}
