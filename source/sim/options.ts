/**
 * Validation of `ecs-top sim` flags: a bad value is one clear line and exit code 2, never a
 * stack trace or a simulator that silently ignores what was asked.
 */
import type {FaultSettings} from './faults.js';
import {scenarioNames, type ScenarioName} from './scenarios/names.js';

export interface SimCommandOptions {
	host: string;
	port: number;
	scenario: ScenarioName;
	seed: number;
	faults: Partial<FaultSettings>;
}

export interface RawSimFlags {
	host?: string;
	port?: number;
	scenario?: string;
	seed?: number;
	throttleRate?: number;
	errorRate?: number;
	latency?: number;
}

export type Parsed<T> = {ok: true; value: T} | {ok: false; error: string};

export function parseSimOptions(flags: RawSimFlags): Parsed<SimCommandOptions> {
	const port = flags.port ?? 0;
	if (!Number.isInteger(port) || port < 0 || port > 65_535) {
		return {
			ok: false,
			error: `--port must be a whole number from 0 to 65535 (0 picks a free port), not ${flags.port}`,
		};
	}
	const host = flags.host ?? '127.0.0.1';
	if (host.trim() === '') return {ok: false, error: '--host must not be empty'};
	const scenario = flags.scenario ?? 'demo';
	if (!(scenarioNames as readonly string[]).includes(scenario)) {
		return {
			ok: false,
			error: `--scenario must be one of ${scenarioNames.join(', ')}, not ${scenario}`,
		};
	}
	const seed = flags.seed ?? 1;
	if (!Number.isSafeInteger(seed) || seed < 0) {
		return {ok: false, error: `--seed must be a whole number of 0 or more, not ${flags.seed}`};
	}
	for (const [name, value] of [
		['--throttle-rate', flags.throttleRate],
		['--error-rate', flags.errorRate],
	] as const) {
		if (value !== undefined && !(value >= 0 && value <= 1)) {
			return {
				ok: false,
				error: `${name} must be a fraction from 0 to 1 (0.5 = half of all calls), not ${value}`,
			};
		}
	}
	if (flags.latency !== undefined && !(flags.latency >= 0 && flags.latency <= 600_000)) {
		return {
			ok: false,
			error: `--latency must be milliseconds from 0 to 600000, not ${flags.latency}`,
		};
	}
	const faults: Partial<FaultSettings> = {};
	if (flags.throttleRate !== undefined) faults.throttleRate = flags.throttleRate;
	if (flags.errorRate !== undefined) faults.errorRate = flags.errorRate;
	if (flags.latency !== undefined) faults.latencyMs = flags.latency;
	return {ok: true, value: {host, port, scenario: scenario as ScenarioName, seed, faults}};
}
