/**
 * The app's options, validated from the command line's flags. Every bad value is one line that
 * says what is accepted (cli.tsx prints it and exits 2); nothing here touches AWS.
 */
import {scenarioNames, type ScenarioName} from './sim/scenarios/index.js';

export interface AppOptions {
	mode: 'tui' | 'once';
	json: boolean;
	profile: string | undefined;
	region: string | undefined;
	endpointUrl: string | undefined;
	/** Clusters to show (names or ARNs); empty means all. */
	clusters: string[];
	refreshMs: number;
	readOnly: boolean;
	maxFps: number;
	color: boolean;
	/** Run against an in-process simulator of this scenario instead of AWS. */
	demo: {scenario: ScenarioName; seed: number} | undefined;
}

export interface RawAppFlags {
	once?: boolean;
	json?: boolean;
	profile?: string;
	region?: string;
	endpointUrl?: string;
	cluster?: string[];
	refresh?: number;
	readOnly?: boolean;
	maxFps?: number;
	color?: boolean;
	demo?: boolean;
	demoScenario?: string;
	seed?: number;
}

export type Parsed<T> = {ok: true; value: T} | {ok: false; error: string};

const regionPattern = /^[a-z]{2}(-[a-z]+)+-\d+$/;

export function parseAppOptions(
	flags: RawAppFlags,
	env: NodeJS.ProcessEnv = process.env,
): Parsed<AppOptions> {
	if (flags.json && !flags.once)
		return {ok: false, error: '--json goes with --once (ecs-top --once --json)'};
	const refresh = flags.refresh ?? 5;
	if (!(refresh >= 1 && refresh <= 3600)) {
		return {ok: false, error: `--refresh must be seconds from 1 to 3600, not ${flags.refresh}`};
	}
	const maxFps = flags.maxFps ?? 10;
	if (!Number.isInteger(maxFps) || maxFps < 1 || maxFps > 60) {
		return {ok: false, error: `--max-fps must be a whole number from 1 to 60, not ${flags.maxFps}`};
	}
	if (flags.region !== undefined && !regionPattern.test(flags.region)) {
		return {
			ok: false,
			error: `--region ${JSON.stringify(flags.region)} is not an AWS region name (like us-east-1)`,
		};
	}
	if (flags.profile !== undefined && flags.profile.trim() === '') {
		return {ok: false, error: '--profile must name a profile from ~/.aws/config'};
	}
	if (flags.endpointUrl !== undefined) {
		let url: URL;
		try {
			url = new URL(flags.endpointUrl);
		} catch {
			return {
				ok: false,
				error: `--endpoint-url ${JSON.stringify(flags.endpointUrl)} is not a URL (like http://127.0.0.1:4566)`,
			};
		}
		if (url.protocol !== 'http:' && url.protocol !== 'https:') {
			return {ok: false, error: `--endpoint-url must be http:// or https://, not ${url.protocol}`};
		}
	}
	const clusters = (flags.cluster ?? []).map((name) => name.trim());
	if (clusters.some((name) => name === ''))
		return {ok: false, error: '--cluster needs a cluster name or ARN'};

	let demo: AppOptions['demo'];
	if (flags.demo || flags.demoScenario !== undefined) {
		if (flags.endpointUrl !== undefined || flags.profile !== undefined) {
			return {
				ok: false,
				error: '--demo runs against a built-in simulator: leave out --endpoint-url and --profile',
			};
		}
		const scenario = flags.demoScenario ?? 'demo';
		if (!(scenarioNames as readonly string[]).includes(scenario)) {
			return {
				ok: false,
				error: `--demo-scenario must be one of ${scenarioNames.join(', ')}, not ${scenario}`,
			};
		}
		const seed = flags.seed ?? 1;
		if (!Number.isSafeInteger(seed) || seed < 0)
			return {ok: false, error: `--seed must be a whole number of 0 or more, not ${flags.seed}`};
		demo = {scenario: scenario as ScenarioName, seed};
	} else if (flags.seed !== undefined) {
		return {ok: false, error: '--seed goes with --demo'};
	}

	return {
		ok: true,
		value: {
			mode: flags.once ? 'once' : 'tui',
			json: flags.json ?? false,
			profile: flags.profile,
			region: flags.region,
			endpointUrl: flags.endpointUrl,
			clusters,
			refreshMs: refresh * 1000,
			readOnly: flags.readOnly ?? false,
			maxFps,
			// https://no-color.org: any non-empty NO_COLOR turns colour off.
			color: (flags.color ?? true) && !(env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== ''),
			demo,
		},
	};
}
