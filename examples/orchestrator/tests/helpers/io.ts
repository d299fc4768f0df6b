// Captures a command's output for assertions.
import type { Io } from '../../src/cli-core.ts';

export interface CapturedIo extends Io {
	stdout: string;
	stderr: string;
}

export function captureIo(cwd = process.cwd(), env: Record<string, string | undefined> = {}): CapturedIo {
	const io: CapturedIo = {
		stdout: '',
		stderr: '',
		cwd,
		env,
		out: (text) => {
			io.stdout += text;
		},
		err: (text) => {
			io.stderr += text;
		},
	};
	return io;
}
