import { describe, expect, test } from 'vitest';
import { runCli, UsageError, usage, type Command } from '../../../src/cli-core.ts';
import { commands } from '../../../src/commands.ts';
import { captureIo } from '../../helpers/io.ts';

const boom: Command = {
	name: 'boom',
	summary: 'throws',
	async run(args) {
		if (args[0] === 'usage') throw new UsageError('bad usage');
		throw new Error('unexpected');
	},
};

describe('cli', () => {
	test('prints the version and the usage', async () => {
		const io = captureIo();
		expect(await runCli(['--version'], commands, io, '1.2.3')).toBe(0);
		expect(io.stdout).toBe('1.2.3\n');
		const help = captureIo();
		expect(await runCli(['--help'], commands, help, '1.2.3')).toBe(0);
		expect(help.stdout).toContain('Usage: orchestrator <command> [options]');
		expect(help.stdout).toContain('  serve ');
		expect(await runCli([], commands, captureIo(), '1')).toBe(2);
	});

	test('an unknown command or a bad option is a usage error with exit 2', async () => {
		const io = captureIo();
		expect(await runCli(['deploy'], commands, io, '1')).toBe(2);
		expect(io.stderr).toMatch(/^Unknown command "deploy"/);
		const opt = captureIo();
		expect(await runCli(['validate-compliance', '--nope'], commands, opt, '1')).toBe(2);
		expect(opt.stderr).toContain("orchestrator validate-compliance: Unknown option '--nope'");
	});

	test('usage errors are printed, other errors propagate', async () => {
		const io = captureIo();
		expect(await runCli(['boom', 'usage'], [boom], io, '1')).toBe(2);
		expect(io.stderr).toBe('orchestrator boom: bad usage\n');
		await expect(runCli(['boom'], [boom], captureIo(), '1')).rejects.toThrow('unexpected');
		expect(usage([boom])).toBe('Usage: orchestrator <command> [options]\n\nCommands:\n  boom  throws\n');
	});

	test('serve listens until SIGTERM and rejects a bad port', async () => {
		const io = captureIo(process.cwd(), {});
		const serve = commands.find((c) => c.name === 'serve')!;
		const running = serve.run(['--port', '0'], io);
		await expect.poll(() => io.stdout).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+\n$/);
		const url = io.stdout.trim().split(' ').at(-1)!;
		expect((await fetch(`${url}/healthz`)).status).toBe(200);
		process.emit('SIGTERM');
		expect(await running).toBe(0);
		expect(await runCli(['serve', '--port', '70000'], commands, captureIo(), '1')).toBe(2);
	});
});
