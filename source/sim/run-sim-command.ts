/**
 * `ecs-top sim`: serve until SIGINT/SIGTERM. The one line printed is a contract with scripts and
 * tests that start the simulator and read its address, so nothing else goes to stdout.
 */
import {startSim} from './index.js';
import type {SimCommandOptions} from './options.js';

export async function runSimCommand(options: SimCommandOptions): Promise<number> {
	// Listening for the stop signals before the address is printed: a script that reads the line
	// and stops the simulator at once must find it ready to close, not killed by the signal's
	// default action.
	const stopped = new Promise<void>((resolve) => {
		process.once('SIGINT', () => resolve());
		process.once('SIGTERM', () => resolve());
	});
	let server;
	try {
		server = await startSim(options);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		const reason =
			code === 'EADDRINUSE'
				? `port ${options.port} is already in use`
				: code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND'
					? `cannot listen on ${options.host}`
					: (error as Error).message;
		process.stderr.write(`ecs-top sim: ${reason}\n`);
		return 1;
	}
	process.stdout.write(`ecs-top sim listening on ${server.url}\n`);
	await stopped;
	await server.close();
	return 0;
}
