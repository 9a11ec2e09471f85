/**
 * Stand-ins for the `aws` CLI and the `session-manager-plugin`, for the keys that hand the
 * terminal to them (`e`, `F`): small scripts in a temporary directory put first on PATH. Each
 * appends its arguments, as one JSON line, to a file beside it, so a test reads exactly what ran
 * and how many times. `aws --version` answers as the CLI v2 does (or v1, if asked), without a
 * record. With STAND_IN_WAIT set, the stand-in prints a line and waits for Enter, as an
 * interactive session holds the terminal until it ends.
 */
import {chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

export type StandIns = {
	readonly dir: string;
	/** The environment the stand-ins are found with: PATH with their directory first. */
	readonly env: NodeJS.ProcessEnv;
	/** The argument lists `aws` was run with (`--version` aside), oldest first. */
	awsCalls(): string[][];
	remove(): void;
};

function script(name: string, version: string): string {
	// Node, not sh: arguments are recorded exactly, whatever characters they hold.
	return `#!${process.execPath}
const {appendFileSync} = require('node:fs');
const {join} = require('node:path');
const args = process.argv.slice(2);
if (args[0] === '--version') {
	process.stdout.write(${JSON.stringify(version)} + '\\n');
	process.exit(0);
}
appendFileSync(join(__dirname, ${JSON.stringify(`${name}.calls`)}), JSON.stringify(args) + '\\n');
if (process.env.STAND_IN_WAIT) {
	process.stdout.write('stand-in ${name} has the terminal: press Enter to end\\n');
	process.stdin.once('data', () => process.exit(Number(process.env.STAND_IN_EXIT ?? '0')));
} else process.exit(Number(process.env.STAND_IN_EXIT ?? '0'));
`;
}

export function createStandIns(
	options: {awsVersion?: string; plugin?: boolean; aws?: boolean} = {},
): StandIns {
	const dir = mkdtempSync(join(tmpdir(), 'ecs-top-stand-in-'));
	// The scripts use require(): a package.json anywhere above the temporary directory (one in
	// /tmp saying "type": "module" has been seen) would make node load them as ES modules, and
	// every stand-in would fail as if it were not installed. Their own one settles it.
	writeFileSync(join(dir, 'package.json'), '{"type": "commonjs"}\n');
	const write = (name: string, version: string) => {
		const path = join(dir, name);
		writeFileSync(path, script(name, version));
		chmodSync(path, 0o755);
	};
	if (options.aws !== false) {
		write('aws', options.awsVersion ?? 'aws-cli/2.15.30 Python/3.11.8 Linux/6.1 exe/x86_64');
	}
	if (options.plugin !== false) write('session-manager-plugin', '1.2.553.0');
	// Only the stand-ins' directory (their first line names node itself): a real `aws` elsewhere
	// on PATH must neither run nor stand in for a missing one.
	return {
		dir,
		env: {...process.env, PATH: dir},
		awsCalls() {
			const file = join(dir, 'aws.calls');
			if (!existsSync(file)) return [];
			return readFileSync(file, 'utf8')
				.split('\n')
				.filter((line) => line !== '')
				.map((line) => JSON.parse(line) as string[]);
		},
		remove() {
			rmSync(dir, {recursive: true, force: true});
		},
	};
}
