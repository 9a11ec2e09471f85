// AWS_CA_BUNDLE and the profile's ca_bundle: TLS to the endpoint trusts that CA (a corporate
// proxy that inspects TLS signs with its own), directly and through an HTTPS_PROXY tunnel.
import {execFileSync} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {createServer} from 'node:http';
import type {AddressInfo} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {createProxy, type ProxyServer} from 'proxy';
import {afterAll, afterEach, beforeAll, beforeEach, describe, expect, it} from 'vitest';
import {createAwsAdapters} from '../../source/aws/adapters.js';
import {type AwsClients} from '../../source/aws/clients.js';
import {AwsApiError} from '../../source/aws/errors.js';
import {startSim, type SimServer} from '../../source/sim/index.js';
import {startLoopbackEndpoint, type LoopbackEndpoint} from '../helpers/loopback-endpoint.js';
import {appClientsAt} from '../helpers/sim.js';
import {proxyVariables, savedEnvironment} from '../helpers/environment.js';

// This machine's own environment may name a bundle (the system's), a profile or a proxy.
const environment = savedEnvironment([
	'AWS_CA_BUNDLE',
	'AWS_CONFIG_FILE',
	'AWS_PROFILE',
	...proxyVariables,
]);

let dir: string;
let caPath: string;
let sim: SimServer;
let front: LoopbackEndpoint;
let clients: AwsClients | undefined;

beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), 'ecs-top-ca-'));
	caPath = join(dir, 'ca.pem');
	const keyPath = join(dir, 'key.pem');
	// A self-signed certificate for 127.0.0.1: it is its own CA.
	execFileSync(
		'openssl',
		[
			'req',
			'-x509',
			'-newkey',
			'rsa:2048',
			'-nodes',
			'-keyout',
			keyPath,
			'-out',
			caPath,
			'-days',
			'1',
			'-subj',
			'/CN=127.0.0.1',
			'-addext',
			'subjectAltName=IP:127.0.0.1',
		],
		{stdio: 'ignore'},
	);
	sim = await startSim({scenario: 'demo', seed: 1});
	const {readFileSync} = await import('node:fs');
	front = await startLoopbackEndpoint(sim.url, {
		tls: {key: readFileSync(keyPath, 'utf8'), cert: readFileSync(caPath, 'utf8')},
	});
});
afterAll(async () => {
	await front.close();
	await sim.close();
	rmSync(dir, {recursive: true, force: true});
});
afterEach(() => {
	clients?.destroy();
	clients = undefined;
	environment.restore();
});

function listClusters(profile?: string): Promise<string[]> {
	clients = appClientsAt(front.url, {
		maxAttempts: 1,
		profile,
	});
	return createAwsAdapters(clients).ecs.listClusterArns();
}

describe('the CA bundle', () => {
	// This machine's own environment may name a bundle (the system's) or a proxy.
	beforeEach(() => {
		environment.clear();
	});

	it('without one, a self-signed endpoint is refused, saying why', async () => {
		process.env['AWS_CONFIG_FILE'] = join(dir, 'no-config');
		const error = await listClusters().catch((thrown: unknown) => thrown);
		expect(error).toBeInstanceOf(AwsApiError);
		expect((error as AwsApiError).problem.kind).toBe('network');
		expect((error as AwsApiError).message).toMatch(
			/^Cannot reach AWS: its TLS certificate is not trusted \(self[- ]signed certificate[^)]*\).*AWS_CA_BUNDLE/i,
		);
	});

	it('AWS_CA_BUNDLE is trusted', async () => {
		process.env['AWS_CONFIG_FILE'] = join(dir, 'no-config');
		process.env['AWS_CA_BUNDLE'] = caPath;
		await expect(listClusters()).resolves.toHaveLength(3);
	});

	it("the profile's ca_bundle is trusted, as the SDK's loader reads the profile", async () => {
		const config = join(dir, 'config');
		writeFileSync(
			config,
			`[default]\nregion = us-east-1\n\n[profile corp]\nca_bundle = ${caPath}\n`,
		);
		process.env['AWS_CONFIG_FILE'] = config;
		await expect(listClusters('corp')).resolves.toHaveLength(3);
	});

	it('a bundle that cannot be read fails every call with its path', async () => {
		process.env['AWS_CONFIG_FILE'] = join(dir, 'no-config');
		process.env['AWS_CA_BUNDLE'] = join(dir, 'missing.pem');
		await expect(listClusters()).rejects.toThrow(
			/cannot read the CA bundle .*missing\.pem \(AWS_CA_BUNDLE\): ENOENT/,
		);
	});

	it('is not read for a plain-http endpoint, whose calls need no TLS (the demo simulator)', async () => {
		process.env['AWS_CONFIG_FILE'] = join(dir, 'no-config');
		process.env['AWS_CA_BUNDLE'] = join(dir, 'missing.pem');
		clients = appClientsAt(sim.url, {
			maxAttempts: 1,
		});
		await expect(createAwsAdapters(clients).ecs.listClusterArns()).resolves.toHaveLength(3);
	});

	it('applies inside an HTTPS_PROXY tunnel', async () => {
		const tunnels: string[] = [];
		const proxy: ProxyServer = createProxy(createServer());
		proxy.prependListener('connect', (req) => tunnels.push(req.url ?? ''));
		await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
		try {
			process.env['AWS_CONFIG_FILE'] = join(dir, 'no-config');
			process.env['AWS_CA_BUNDLE'] = caPath;
			process.env['HTTPS_PROXY'] = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
			await expect(listClusters()).resolves.toHaveLength(3);
			expect(tunnels).toEqual([new URL(front.url).host]);
		} finally {
			// Ends the tunnel's kept-alive socket, which the proxy would otherwise wait for.
			clients?.destroy();
			clients = undefined;
			proxy.closeAllConnections();
			await new Promise((resolve) => proxy.close(resolve));
		}
	});
});
