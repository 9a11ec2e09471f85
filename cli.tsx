/**
 * Flags and subcommands only: parse, validate, hand over to a mode. Everything else lives in
 * source/ so tests never go through the command line.
 *
 * Each mode is imported only once it is chosen (the build splits them into chunks): `--help`, a
 * bad flag or `sim` do not load Ink, React or the AWS SDK, and `--once` does not load Ink.
 */
import {existsSync} from 'node:fs';
import meow from 'meow';
import {printableLine} from './source/text/printable.js';
import {booleanFlagGiven, helpOrVersion} from './source/cli/help-or-version.js';
import {readConfigFile} from './source/config/config-file.js';
import {configFilePath} from './source/config/config-path.js';
import {printConfig} from './source/config/print-config.js';
import {defaults} from './source/config/settings.js';
import {numberFromText} from './source/config/values.js';
import {logFilePath} from './source/modes/log-file.js';
import {awsConfigSources, checkAwsConfig, parseAppOptions} from './source/options.js';
import {parseSimOptions, type RawSimFlags} from './source/sim/options.js';
import {defaultAuditLogPath} from './source/store/writes/audit-log.js';
import {prestartAwsThread} from './source/aws/remote/prestart.js';
import {demoThreadOptions} from './source/modes/connection.js';
import {favourSmallHeapOnceStarted} from './source/modes/heap-tuning.js';
import {quietSdkVersionWarning} from './source/cli/quiet-sdk.js';

// Also here for a run that does not start with launch.ts (from source, `node dist/main.js`).
quietSdkVersionWarning();

const mainHelp = `
	Usage
	  $ ecs-top [options]              live view of your ECS clusters (the default)
	  $ ecs-top --once [--json]        print one snapshot and exit
	  $ ecs-top sim [options]          serve a simulated AWS account on loopback

	Options
	  --profile NAME        AWS profile (else AWS_PROFILE, else the config file's, else default)
	  --region NAME         AWS region (else AWS_REGION, AWS_DEFAULT_REGION, the config file's,
	                        the profile's)
	  --endpoint-url URL    send every AWS call here (LocalStack, ecs-top sim)
	  --cluster NAME        only this cluster (repeat for more)
	  --service NAME        start on this service (in --cluster, or whichever cluster has it)
	  --once                one snapshot, then exit: a summary, or with --json a document
	  --json                with --once: the snapshot as JSON (see README for the fields)
	  --refresh S           seconds between refreshes (default ${defaults.refresh})
	  --read-only           change nothing: no scale, stop, run, drain, deploy, roll back,
	                        exec, port forward or undo (their keys, and Space marks, are off)
	  --max-fps N           redraw at most N times a second (default ${defaults.maxFps})
	  --no-color            no colours (also NO_COLOR=1)
	  --demo                run against a built-in simulated account: no AWS needed
	  --demo-scenario NAME  demo (default), large, wide or empty
	  --seed N              with --demo: the same seed builds the same world
	  --debug               log each AWS call (operation, time, status, attempts, request id)
	  --print-config        print the settings in effect and where each came from, then exit
	  -h, --help            this help
	  -v, --version         the version

	Settings come from a flag, else the environment, else the config file, else the default.

	Files
	  config  ${configFilePath()}
	  log     ${logFilePath()}
	  audit   ${defaultAuditLogPath()}

	Exit codes: 0 ok; 1 AWS trouble (credentials refused or expired, endpoint unreachable,
	unknown cluster); 2 bad flags or configuration (a bad config file, unknown profile, no or
	malformed region, unreadable ~/.aws/config or ~/.aws/credentials).
	Run "ecs-top sim --help" for the simulator's options.
`;

const simHelp = `
	Usage
	  $ ecs-top sim [options]

	Serves ECS, EC2, CloudWatch, CloudWatch Logs, Auto Scaling and STS over HTTP, as AWS does,
	for any AWS client:
	  aws --endpoint-url http://127.0.0.1:PORT ecs list-clusters

	Options
	  --port N              port to listen on (default 0: a free one)
	  --host ADDR           address to bind (default 127.0.0.1; loopback only unless you say)
	  --scenario NAME       demo (default), large (200 clusters, 20,000+ tasks), wide (one
	                        cluster, 2,000 services) or empty
	  --seed N              the same seed builds the same world (default 1)
	  --throttle-rate R     fraction of calls answered with the API's throttling error (0..1)
	  --error-rate R        fraction of calls answered with a 500/503 (0..1)
	  --latency MS          added delay on every answer

	  -h, --help            this help

	Faults can be changed while it runs: POST /__sim/faults with a JSON patch, e.g.
	  curl -X POST -d '{"throttleRate":0.5}' http://127.0.0.1:PORT/__sim/faults
`;

/** One line on stderr; it may echo a flag's value, so it is made terminal-safe (and unsecret). */
function fail(message: string): never {
	process.stderr.write(`ecs-top: ${printableLine(message)}\n`);
	process.exit(2);
}

/**
 * meow reports an unknown flag itself ("Unknown flag", then one flag a line) and exits 2: keep
 * its check, but say it in ecs-top's one line.
 */
function parseFlags<T>(parse: () => T, help: string): T {
	const {error: consoleError, log: consoleLog} = console;
	let reported = false;
	console.error = (...parts: unknown[]) => {
		// An unknown command comes with a list of the known ones and the whole help: one line.
		if (reported) return;
		reported = true;
		const [title = '', ...rest] = parts.map(String).join(' ').split('\n');
		const what = [title.replace(/^\w/, (c) => c.toLowerCase()).replace(/:$/, ''), ...rest];
		process.stderr.write(`ecs-top: ${printableLine(what.join(' ').trim())} (see ${help})\n`);
	};
	console.log = (...parts: unknown[]) => {
		if (!reported) consoleLog(...parts);
	};
	try {
		return parse();
	} finally {
		console.error = consoleError;
		console.log = consoleLog;
	}
}

// --help and --version win wherever they are, before any flag is checked; they read nothing else.
const argv = process.argv.slice(2);
const early = helpOrVersion(argv);
if (early !== undefined) {
	const helper = meow(argv[0] === 'sim' ? simHelp : mainHelp, {
		importMeta: import.meta,
		argv: [],
		autoHelp: false,
		autoVersion: false,
	});
	if (early === 'help') helper.showHelp(0);
	else helper.showVersion();
}

/** Number flags are read as text and parsed here: `--port abc` is echoed, not turned into NaN. */
function numbersFromText<K extends string>(
	flags: Partial<Record<K, string>>,
	names: Record<K, string>,
): {[P in K]?: number} {
	const numbers: {[P in K]?: number} = {};
	for (const key of Object.keys(names) as K[]) {
		const text = flags[key];
		if (text === undefined) continue;
		const value = numberFromText(text);
		if (value === undefined) fail(`${names[key]} ${text}: not a number`);
		numbers[key] = value;
	}
	return numbers;
}

const cli = parseFlags(
	() =>
		meow(mainHelp, {
			importMeta: import.meta,
			commands: ['sim'],
			allowUnknownFlags: false,
			flags: {
				profile: {type: 'string'},
				region: {type: 'string'},
				endpointUrl: {type: 'string'},
				cluster: {type: 'string', isMultiple: true},
				service: {type: 'string'},
				once: {type: 'boolean'},
				json: {type: 'boolean'},
				// Numbers as typed: options.ts parses them, and echoes them when refused.
				refresh: {type: 'string'},
				readOnly: {type: 'boolean'},
				maxFps: {type: 'string'},
				// No default: an unset --color leaves NO_COLOR and the config file their say.
				color: {type: 'boolean'},
				demo: {type: 'boolean'},
				demoScenario: {type: 'string'},
				seed: {type: 'string'},
				debug: {type: 'boolean'},
				printConfig: {type: 'boolean'},
			},
		}),
	'ecs-top --help',
);

if (cli.command === 'sim') {
	const sim = parseFlags(
		() =>
			meow(simHelp, {
				importMeta: import.meta,
				argv: cli.input,
				allowUnknownFlags: false,
				flags: {
					port: {type: 'string'},
					host: {type: 'string'},
					scenario: {type: 'string'},
					seed: {type: 'string'},
					throttleRate: {type: 'string'},
					errorRate: {type: 'string'},
					latency: {type: 'string'},
				},
			}),
		'ecs-top sim --help',
	);
	if (sim.input.length > 0) fail(`sim takes no arguments, got: ${sim.input.join(' ')}`);
	const {port, seed, throttleRate, errorRate, latency, ...texts} = sim.flags;
	const simFlags: RawSimFlags = {
		...texts,
		...numbersFromText(
			{port, seed, throttleRate, errorRate, latency},
			{
				port: '--port',
				seed: '--seed',
				throttleRate: '--throttle-rate',
				errorRate: '--error-rate',
				latency: '--latency',
			},
		),
	};
	const parsed = parseSimOptions(simFlags);
	if (!parsed.ok) fail(parsed.error);
	const {runSimCommand} = await import('./source/sim/run-sim-command.js');
	process.exitCode = await runSimCommand(parsed.value);
	process.exit();
} else {
	if (cli.input.length > 0) fail(`unknown command ${cli.input[0]} (see ecs-top --help)`);
	const {printConfig: wantsPrintConfig, color, readOnly, ...given} = cli.flags;
	const flags = {
		...given,
		color: booleanFlagGiven(argv, 'color') ? color : undefined,
		readOnly: booleanFlagGiven(argv, 'read-only') ? readOnly : undefined,
	};
	const configPath = configFilePath();
	const config = await readConfigFile(configPath);
	if (!config.ok) fail(config.error);
	const parsed = parseAppOptions(flags, process.env, config.value);
	if (!parsed.ok) fail(parsed.error);
	if (wantsPrintConfig) {
		process.stdout.write(
			printConfig(parsed.value.settings!, {path: configPath, exists: config.value !== undefined}),
		);
		process.exit(0);
	}
	const configProblem = await checkAwsConfig(
		parsed.value,
		process.env,
		awsConfigSources(parsed.value),
	);
	if (configProblem !== undefined) fail(configProblem);
	if (parsed.value.mode === 'once') {
		try {
			const {runOnce, endQuietlyWhenTheReaderLeaves} = await import('./source/modes/once.js');
			endQuietlyWhenTheReaderLeaves(process.stdout, process.stderr);
			process.exitCode = await runOnce(parsed.value, process.stdout, process.stderr);
		} catch (error) {
			process.stderr.write(
				`ecs-top: unexpected error: ${printableLine((error as Error).message)}\n`,
			);
			if (process.env['ECS_TOP_DEBUG']) process.stderr.write(`${(error as Error).stack}\n`);
			process.exitCode = 1;
		}
	} else {
		if (!process.stdout.isTTY)
			fail('the live view needs a terminal; use --once (and --json) for scripts');
		// The AWS SDK runs on a thread of its own (the build's dist/aws-thread.js), started now so
		// it loads while this thread loads Ink: reading AWS's answers never holds a key press.
		// With --demo, the simulator runs on that thread too, and starts at once: its world is built
		// while this thread loads Ink and draws the first frame. Run from source, the SDK (and the
		// simulator) run in this process.
		const builtAwsThread = new URL('./aws-thread.js', import.meta.url);
		const awsThread = existsSync(builtAwsThread) ? builtAwsThread : undefined;
		if (awsThread !== undefined) prestartAwsThread(awsThread, demoThreadOptions(parsed.value));
		favourSmallHeapOnceStarted();
		const {runTui} = await import('./source/modes/tui.js');
		process.exitCode = await runTui(parsed.value, awsThread === undefined ? {} : {awsThread});
		process.exit();
	}
}
