/**
 * The simulator as one call: a scenario's world behind the HTTP endpoint that speaks the AWS
 * protocols. Used by `ecs-top sim`, `--demo`, integration tests and benchmarks alike.
 */
import {handlers} from './api/index.js';
import type {FaultSettings} from './faults.js';
import {buildWorld, type ScenarioName} from './scenarios/index.js';
import {startSimServer, type SimServer} from './server.js';
import {systemClock, type Clock} from './world/clock.js';

export interface StartSimOptions {
	scenario?: ScenarioName;
	seed?: number;
	host?: string;
	port?: number;
	/** Real time by default; tests pass a ManualClock and drive the world step by step. */
	clock?: Clock;
	faults?: Partial<FaultSettings>;
}

export async function startSim(options: StartSimOptions = {}): Promise<SimServer> {
	const clock = options.clock ?? systemClock;
	const world = buildWorld({scenario: options.scenario ?? 'demo', seed: options.seed ?? 1, clock});
	return startSimServer({
		world,
		handlers,
		host: options.host ?? '127.0.0.1',
		port: options.port ?? 0,
		faults: options.faults,
		// A real-time world keeps moving between requests; a manual one moves only when told.
		backgroundTickMs: clock === systemClock ? 1000 : false,
	});
}

export type {SimServer} from './server.js';
