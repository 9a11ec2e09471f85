/**
 * Where the app's AWS calls go: real AWS through the standard credential chain, or (with --demo)
 * a simulator on a free loopback port with throwaway credentials: inside this process, or
 * wherever the caller started one (the TUI runs it on its own thread).
 */
import {createAwsAdapters, type AwsAdapters} from '../aws/adapters.js';
import {createAwsClients, type AwsClients} from '../aws/clients.js';
import type {AppOptions} from '../options.js';
import {connectionLabel, demoRegion} from './connection-target.js';

export interface Connection {
	clients: AwsClients;
	adapters: AwsAdapters;
	/** What the header shows as the profile: the profile name, `demo`, or undefined. */
	label: string | undefined;
	close(): Promise<void>;
}

/** A demo's simulator, as a connection needs it: where it listens, and how to end it. */
export interface DemoSim {
	url: string;
	close(): Promise<void>;
}

export type DemoSimStarter = (demo: NonNullable<AppOptions['demo']>) => Promise<DemoSim>;

/** The simulator in this process (--once: nothing else to run beside it). */
export const startDemoSimInProcess: DemoSimStarter = async (demo) => {
	// Loaded only for --demo: a real-AWS session never pays for the simulator's code paths.
	const {startSim} = await import('../sim/index.js');
	return startSim({scenario: demo.scenario, seed: demo.seed});
};

export async function connect(
	options: AppOptions,
	startDemoSim: DemoSimStarter = startDemoSimInProcess,
): Promise<Connection> {
	if (options.demo !== undefined) {
		const sim = await startDemoSim(options.demo);
		const clients = createAwsClients({
			region: options.region ?? demoRegion,
			endpointUrl: sim.url,
			credentials: {accessKeyId: 'ECSTOPDEMO', secretAccessKey: 'ecs-top-demo-not-a-secret'},
		});
		return {
			clients,
			adapters: createAwsAdapters(clients),
			label: connectionLabel(options),
			async close() {
				clients.destroy();
				await sim.close();
			},
		};
	}
	const clients = createAwsClients({
		region: options.region,
		profile: options.profile,
		endpointUrl: options.endpointUrl,
	});
	return {
		clients,
		adapters: createAwsAdapters(clients),
		label: connectionLabel(options),
		async close() {
			clients.destroy();
		},
	};
}
