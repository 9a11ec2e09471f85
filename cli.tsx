/**
 * Flags and subcommands only: parse, validate, hand over to a mode. Everything else lives in
 * source/ so tests never go through the command line.
 */
import meow from 'meow';
import {parseSimOptions} from './source/sim/options.js';
import {runSimCommand} from './source/sim/run-sim-command.js';

const mainHelp = `
	Usage
	  $ ecs-top [options]          live view of your ECS clusters (coming with the TUI)
	  $ ecs-top sim [options]      serve a simulated AWS account on loopback

	Run "ecs-top sim --help" for the simulator's options.
`;

const simHelp = `
	Usage
	  $ ecs-top sim [options]

	Serves ECS, EC2, CloudWatch, Auto Scaling and STS over HTTP, as AWS does, for any AWS client:
	  aws --endpoint-url http://127.0.0.1:PORT ecs list-clusters

	Options
	  --port N              port to listen on (default 0: a free one)
	  --host ADDR           address to bind (default 127.0.0.1; loopback only unless you say)
	  --scenario NAME       demo (default), large (200 clusters, 20,000+ tasks) or empty
	  --seed N              the same seed builds the same world (default 1)
	  --throttle-rate R     fraction of calls answered with the API's throttling error (0..1)
	  --error-rate R        fraction of calls answered with a 500/503 (0..1)
	  --latency MS          added delay on every answer

	Faults can be changed while it runs: POST /__sim/faults with a JSON patch, e.g.
	  curl -X POST -d '{"throttleRate":0.5}' http://127.0.0.1:PORT/__sim/faults
`;

function fail(message: string): never {
	process.stderr.write(`ecs-top: ${message}\n`);
	process.exit(2);
}

const cli = meow(mainHelp, {
	importMeta: import.meta,
	commands: ['sim'],
	allowUnknownFlags: false,
	flags: {},
});

if (cli.command === 'sim') {
	const sim = meow(simHelp, {
		importMeta: import.meta,
		argv: cli.input,
		allowUnknownFlags: false,
		flags: {
			port: {type: 'number'},
			host: {type: 'string'},
			scenario: {type: 'string'},
			seed: {type: 'number'},
			throttleRate: {type: 'number'},
			errorRate: {type: 'number'},
			latency: {type: 'number'},
		},
	});
	if (sim.input.length > 0) fail(`sim takes no arguments, got: ${sim.input.join(' ')}`);
	const parsed = parseSimOptions(sim.flags);
	if (!parsed.ok) fail(parsed.error);
	process.exitCode = await runSimCommand(parsed.value);
	process.exit();
} else {
	process.stderr.write('ecs-top: the live view is not built yet; try "ecs-top sim" (see --help)\n');
	process.exitCode = 2;
}
