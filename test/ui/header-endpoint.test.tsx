// The header names the endpoint whenever the calls do not go to AWS's own: a LocalStack, an
// `ecs-top sim`, a proxy. Without it, nothing on screen said that the account shown was not AWS.
import {cleanup} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import {endpointBeforeConnecting} from '../../source/modes/connection-target.js';
import {parseAppOptions, type AppOptions} from '../../source/options.js';
import {endpointLabel} from '../../source/ui/header.js';
import {fleetState, fleetStore, region, renderApp} from './app-fixture.js';

afterEach(cleanup);

async function headerWith(endpoint: string | undefined, columns = 200, readOnly = false) {
	const store = fleetStore({...fleetState(), connection: {region, profile: 'local', endpoint}});
	const app = await renderApp({store, columns, readOnly});
	return app.lines()[0]!;
}

describe('the endpoint in the header', () => {
	it('shows an endpoint that is not AWS, beside the profile', async () => {
		const header = await headerWith('http://127.0.0.1:4566');
		expect(header).toMatch(/ {2}local {2}via http:\/\/127\.0\.0\.1:4566 {2}live {2}/);
	});

	it('shows nothing for AWS itself or when no endpoint is set', async () => {
		for (const endpoint of [
			undefined,
			'https://ecs.us-east-1.amazonaws.com',
			'https://ecs-fips.us-gov-west-1.amazonaws.com/',
			'https://vpce-0a1b2c3d-ecs.ecs.eu-west-1.vpce.amazonaws.com',
			'https://ecs.cn-north-1.amazonaws.com.cn',
		]) {
			expect(await headerWith(endpoint)).not.toContain('via');
		}
	});

	it('keeps a long endpoint short: the state and READ-ONLY stay on the line', async () => {
		const endpoint = `https://proxy.example.com/${'very-long-path/'.repeat(10)}ecs`;
		const header = await headerWith(endpoint, 100, true);
		expect(header).toMatch(
			// The API rate keeps room for up to 9999/min, so the endpoint gets the rest.
			/ {2}via https:\/\/pr\S*…\S*\/ecs {2}live {2}API 40\/min {2}READ-ONLY$/,
		);
		expect(header).toContain('READ-ONLY');
		expect(endpointLabel(endpoint)!.length).toBeLessThanOrEqual('via '.length + 40);
	});
});

describe('the endpoint known before connecting', () => {
	const options = (flags: Parameters<typeof parseAppOptions>[0]): AppOptions => {
		const parsed = parseAppOptions(flags, {});
		if (!parsed.ok) throw new Error(parsed.error);
		return parsed.value;
	};

	it('--endpoint-url, else AWS_ENDPOINT_URL_ECS, else AWS_ENDPOINT_URL', () => {
		const env = {AWS_ENDPOINT_URL: 'http://all:1', AWS_ENDPOINT_URL_ECS: 'http://ecs:2'};
		expect(endpointBeforeConnecting(options({endpointUrl: 'http://flag:3'}), env)).toBe(
			'http://flag:3',
		);
		expect(endpointBeforeConnecting(options({}), env)).toBe('http://ecs:2');
		expect(endpointBeforeConnecting(options({}), {AWS_ENDPOINT_URL: 'http://all:1'})).toBe(
			'http://all:1',
		);
		expect(endpointBeforeConnecting(options({}), {})).toBeUndefined();
	});

	it('none when configured endpoints are to be ignored, and none for --demo', () => {
		expect(
			endpointBeforeConnecting(options({}), {
				AWS_ENDPOINT_URL: 'http://all:1',
				AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true',
			}),
		).toBeUndefined();
		expect(
			endpointBeforeConnecting(options({demo: true}), {AWS_ENDPOINT_URL: 'http://all:1'}),
		).toBeUndefined();
	});
});
