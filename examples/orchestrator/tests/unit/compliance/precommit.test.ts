import { describe, expect, test } from 'vitest';
import { formatViolation, scanStaged } from '../../../src/compliance/precommit.ts';

describe('pre-commit scan', () => {
	test('REQ-1.5 pre-commit blocks an AWS access key', () => {
		const [v] = scanStaged([{ path: 'deploy.sh', content: 'export KEY=1\nexport AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n' }]);
		expect(v).toEqual({ path: 'deploy.sh', line: 2, column: 26, rule: 'secrets/aws-access-key', message: 'Possible AWS access key id' });
		expect(formatViolation(v!)).toBe('deploy.sh:2:26  Possible AWS access key id  secrets/aws-access-key');
	});

	test('REQ-1.5 pre-commit blocks a private key and a GitHub token', () => {
		const violations = scanStaged([
			{ path: 'id_rsa', content: '-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbn\n' },
			{ path: 'ci.env', content: `TOKEN=ghp_${'a'.repeat(36)}` },
		]);
		expect(violations.map((v) => v.rule)).toEqual(['secrets/github-token', 'secrets/private-key']);
	});

	test('REQ-1.5 pre-commit blocks denylisted imports pickle and telnetlib', () => {
		const content = 'import os\nimport pickle\nfrom telnetlib import Telnet\nimport json, pickle\nfrom pickle.x import y\n';
		const violations = scanStaged([{ path: 'workflows/x.py', content }]);
		expect(violations.map((v) => `${v.line}:${v.column} ${v.message}`)).toEqual([
			'2:1 pickle is denylisted (ci/denylist.txt)',
			'3:1 telnetlib is denylisted (ci/denylist.txt)',
			'4:1 pickle is denylisted (ci/denylist.txt)',
			'5:1 pickle is denylisted (ci/denylist.txt)',
		]);
	});

	test('REQ-1.5 pre-commit blocks yaml.load but allows yaml.safe_load', () => {
		const content = 'import yaml\ncfg = yaml.safe_load(f)\nraw = yaml.load(f)\n';
		const violations = scanStaged([{ path: 'cfg.py', content }]);
		expect(violations).toEqual([{ path: 'cfg.py', line: 3, column: 7, rule: 'denylist/import', message: 'yaml.load is denylisted (ci/denylist.txt)' }]);
	});

	test('REQ-1.5 imports are only checked in Python files, and clean files pass', () => {
		expect(scanStaged([{ path: 'notes.md', content: 'import pickle\n' }])).toEqual([]);
		expect(scanStaged([{ path: 'ok.py', content: 'import pickletools_not\nimport json\n' }])).toEqual([]);
	});
});
