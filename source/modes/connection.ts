/**
 * Where the app's AWS calls go: real AWS through the standard credential chain, or (with --demo)
 * a simulator started inside this process on a free loopback port with throwaway credentials.
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

export async function connect(options: AppOptions): Promise<Connection> {
	if (options.demo !== undefined) {
		// Loaded only for --demo: a real-AWS session never pays for the simulator's code paths.
		const {startSim} = await import('../sim/index.js');
		const sim = await startSim({scenario: options.demo.scenario, seed: options.demo.seed});
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
