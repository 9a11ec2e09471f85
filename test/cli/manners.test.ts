// The command line's manners, through the built CLI as a user types it: -h and -v, help and
// version that answer wherever they are on the line, help that names the files ecs-top writes
// and reads, and bad values echoed as typed.
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {afterAll, describe, expect, it} from 'vitest';
import packageJson from '../../package.json' with {type: 'json'};
import {startCli} from '../helpers/cli-process.js';

const home = mkdtempSync(join(tmpdir(), 'ecs-top-manners-'));
afterAll(() => rmSync(home, {recursive: true, force: true}));

const env = {
	PATH: process.env['PATH'],
	HOME: home,
	XDG_STATE_HOME: join(home, 'state'),
	XDG_CONFIG_HOME: join(home, 'conf'),
};

async function run(args: string[], extraEnv: NodeJS.ProcessEnv = {}) {
	const cli = startCli(args, {...env, ...extraEnv});
	const {code} = await cli.exit();
	return {code, stdout: cli.stdout(), stderr: cli.stderr()};
}

describe('help and version', () => {
	it.each([
		[['-h']],
		[['--help']],
		// They win over what would otherwise be refused: no region, an unknown flag, a bad value.
		[['--once', '--help']],
		[['--once', '--bogus', '--refresh', 'abc', '-h']],
		[['frobnicate', '--help']],
	])('%j prints the help and exits 0', async (args) => {
		const result = await run(args);
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(/Usage\n\s+\$ ecs-top \[options\]/);
		expect(result.stdout).toMatch(/--print-config/);
	});

	it('names the config, log and audit files where they are for this user', async () => {
		const {stdout} = await run(['--help']);
		expect(stdout).toContain(`config  ${join(home, 'conf', 'ecs-top', 'config')}`);
		expect(stdout).toContain(`log     ${join(home, 'state', 'ecs-top', 'ecs-top.log')}`);
		expect(stdout).toContain(`audit   ${join(home, 'state', 'ecs-top', 'audit.jsonl')}`);
	});

	it('sim -h prints the simulator help', async () => {
		const result = await run(['sim', '-h', '--port', 'x']);
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(/\$ ecs-top sim \[options\]/);
		expect(result.stdout).not.toMatch(/--print-config/);
	});

	it.each([[['-v']], [['--version']], [['--demo', '--seed', 'x', '--version']]])(
		'%j prints the version and exits 0',
		async (args) => {
			const result = await run(args);
			expect(result).toEqual({code: 0, stdout: `${packageJson.version}\n`, stderr: ''});
		},
	);

	it('the first of help and version wins; after -- neither counts', async () => {
		expect((await run(['-v', '--help'])).stdout).toBe(`${packageJson.version}\n`);
		expect((await run(['--help', '-v'])).stdout).toMatch(/Usage/);
		const after = await run(['--once', '--', '--help']);
		expect(after.stdout).toBe('');
		expect(after.code).toBe(2);
	});

	it('--help loads neither Ink, React nor the AWS SDK', async () => {
		// A module hook records every file the process loads.
		const dir = mkdtempSync(join(home, 'hook-'));
		const log = join(dir, 'loaded.txt');
		writeFileSync(
			join(dir, 'hooks.mjs'),
			`import {appendFileSync} from 'node:fs';
export async function load(url, context, next) {
	if (url.startsWith('file:')) appendFileSync(${JSON.stringify(log)}, url + '\\n');
	return next(url, context);
}`,
		);
		writeFileSync(
			join(dir, 'register.mjs'),
			`import {register} from 'node:module';\nregister(${JSON.stringify(pathToFileURL(join(dir, 'hooks.mjs')).href)});`,
		);
		const cli = startCli(['--once', '--help'], {
			...env,
			NODE_OPTIONS: `--import ${pathToFileURL(join(dir, 'register.mjs')).href}`,
		});
		expect((await cli.exit()).code).toBe(0);
		const loaded = readFileSync(log, 'utf8').trim().split('\n');
		expect(loaded.some((url) => url.endsWith('/dist/cli.js'))).toBe(true);
		for (const url of loaded) {
			const code = readFileSync(fileURLToPath(url), 'utf8');
			expect(code, url).not.toContain('react.transitional.element'); // React 19
			expect(code, url).not.toMatch(/yoga/i); // Ink's layout engine
			expect(code, url).not.toContain('x-amz-'); // the SDK's headers
		}
	});
});

describe('a bad value is echoed as typed', () => {
	it.each([
		[['--refresh', 'abc'], '--refresh abc: not a number of seconds'],
		[['--refresh', '0x10'], '--refresh 0x10: not a number of seconds'],
		[['--refresh', '0'], '--refresh 0: seconds must be from 1 to 3600'],
		[['--max-fps', '2.5'], '--max-fps 2.5: not a whole number of frames a second'],
		[['--max-fps', '1e3'], '--max-fps 1e3: not a whole number'],
		[['--demo', '--seed', 'soon'], '--seed soon: not a whole number of 0 or more'],
		[['sim', '--port', 'abc'], '--port abc: not a number'],
		[['sim', '--latency', '5ms'], '--latency 5ms: not a number'],
		[['--once', '--service', 'api'], '--service starts the live view on a service; --once shows'],
		[['--service', ' '], '--service needs a service name or ARN'],
	])('%j', async (args, message) => {
		const result = await run(args);
		expect(result.stderr).toMatch(/^ecs-top: [^\n]+\n$/);
		expect(result.stderr).toContain(message);
		expect(result.stderr).not.toContain('NaN');
		expect(result.code).toBe(2);
	});
});
