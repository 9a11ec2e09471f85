// HTTP_PROXY / HTTPS_PROXY / NO_PROXY, as curl and the AWS CLI read them: a forward proxy on
// loopback sees every AWS request of the live poller and of a `--once` run, and NO_PROXY lets
// them go direct.
import {createServer} from 'node:http';
import type {AddressInfo} from 'node:net';
import {createProxy, type ProxyServer} from 'proxy';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {createAwsAdapters} from '../../source/aws/adapters.js';
import {type AwsClients} from '../../source/aws/clients.js';
import {startSim, type SimServer} from '../../source/sim/index.js';
import {createFleetPoller, type FleetPoller} from '../../source/store/fleet-poller.js';
import {createFleetStore} from '../../source/store/fleet-store.js';
import {startCli} from '../helpers/cli-process.js';
import {testCredentials, appClientsAt} from '../helpers/sim.js';
import {waitFor} from '../faults/live-fleet.js';
import {proxyVariables, savedEnvironment} from '../helpers/environment.js';

let sim: SimServer;
let proxy: ProxyServer;
let proxyUrl: string;
let proxied: string[];
let clients: AwsClients | undefined;
let poller: FleetPoller | undefined;
const environment = savedEnvironment(proxyVariables);

beforeEach(async () => {
	environment.clear();
	sim = await startSim({scenario: 'demo', seed: 1});
	proxied = [];
	proxy = createProxy(createServer());
	// Every request the proxy forwards (absolute-URI requests) or tunnels (CONNECT).
	proxy.prependListener('request', (req) => proxied.push(`${req.method} ${req.url}`));
	proxy.prependListener('connect', (req) => proxied.push(`CONNECT ${req.url}`));
	await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
	proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});
afterEach(async () => {
	poller?.stop();
	poller = undefined;
	clients?.destroy();
	clients = undefined;
	environment.restore();
	proxy.closeAllConnections();
	await new Promise((resolve) => proxy.close(resolve));
	await sim.close();
});

function startPoller(): {clients: AwsClients; store: ReturnType<typeof createFleetStore>} {
	clients = appClientsAt(sim.url);
	const store = createFleetStore({refreshMs: 1_000});
	poller = createFleetPoller({
		adapters: createAwsAdapters(clients),
		store,
		stats: clients.stats,
		refreshMs: 1_000,
	});
	poller.start();
	return {clients, store};
}

describe('a forward proxy', () => {
	it('sees every request of the live poller (http_proxy, lower case)', async () => {
		process.env['http_proxy'] = proxyUrl;
		const {clients, store} = startPoller();
		const web = await waitFor(
			() => store.getState().clusters.find((c) => c.name === 'web'),
			10_000,
			'web',
		);
		poller!.setFocus({clusterArn: web.arn});
		await waitFor(
			() => store.getState().clusterViews[web.arn]?.services.length,
			10_000,
			'web services',
		);
		await poller!.whenIdle();
		poller!.stop();
		const attempts = clients.stats.total;
		expect(attempts).toBeGreaterThan(5);
		expect(sim.requestLog).toHaveLength(attempts);
		expect(proxied).toHaveLength(attempts);
		expect(proxied.every((line) => line.startsWith(`POST ${sim.url}/`))).toBe(true);
	}, 30_000);

	it('is bypassed for the hosts in NO_PROXY', async () => {
		process.env['HTTP_PROXY'] = proxyUrl;
		process.env['NO_PROXY'] = 'localhost,127.0.0.1';
		const {store} = startPoller();
		await waitFor(() => store.getState().clusters.length > 0, 10_000, 'the clusters');
		expect(sim.requestLog.length).toBeGreaterThan(0);
		expect(proxied).toEqual([]);
	}, 30_000);

	it('sees every request of a --once run', async () => {
		const cli = startCli(['--once', '--json', '--endpoint-url', sim.url, '--region', 'us-east-1'], {
			...process.env,
			HTTP_PROXY: proxyUrl,
			AWS_ACCESS_KEY_ID: testCredentials.accessKeyId,
			AWS_SECRET_ACCESS_KEY: testCredentials.secretAccessKey,
			AWS_CONFIG_FILE: '/nonexistent/config',
			AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials',
		});
		const {code} = await cli.exit();
		expect(cli.stderr()).toBe('');
		expect(code).toBe(0);
		expect(JSON.parse(cli.stdout()).clusters.length).toBe(3);
		expect(sim.requestLog.length).toBeGreaterThan(3);
		expect(proxied).toHaveLength(sim.requestLog.length);
	}, 30_000);
});
