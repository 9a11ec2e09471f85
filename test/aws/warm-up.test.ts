// The AWS thread's warm-up (source/aws/remote/warm-up.ts): it runs a poll's first calls through
// the SDK before the thread has its options, and must reach nothing a user would see: no proxy,
// no socket or server left open.
import {createServer} from 'node:http';
import type {AddressInfo} from 'node:net';
import {createProxy, type ProxyServer} from 'proxy';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {warmUp} from '../../source/aws/remote/warm-up.js';
import {proxyVariables, savedEnvironment} from '../helpers/environment.js';

const environment = savedEnvironment(proxyVariables);

/** The network handles open in this process, by kind (TCP servers and sockets among them). */
function openNetworkHandles(): string[] {
	return process.getActiveResourcesInfo().filter((kind) => /TCP|Pipe/.test(kind));
}

beforeEach(() => {
	environment.clear();
});
afterEach(() => {
	environment.restore();
});

describe('the AWS thread warm-up', () => {
	it('answers its own calls on loopback and leaves no server or socket open', async () => {
		const before = openNetworkHandles();
		await expect(warmUp()).resolves.toBe('loopback');
		// A closed server or socket leaves the active list once its close has been processed.
		await expect.poll(openNetworkHandles, {timeout: 5_000}).toEqual(before);
	});

	it('never sends anything to a proxy in the environment: it answers itself instead', async () => {
		const seen: string[] = [];
		const proxy: ProxyServer = createProxy(createServer());
		proxy.prependListener('request', (req) => seen.push(`${req.method} ${req.url}`));
		proxy.prependListener('connect', (req) => seen.push(`CONNECT ${req.url}`));
		await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
		try {
			const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
			process.env['HTTP_PROXY'] = proxyUrl;
			process.env['HTTPS_PROXY'] = proxyUrl;
			await expect(warmUp()).resolves.toBe('in-thread');
			expect(seen).toEqual([]);
		} finally {
			proxy.closeAllConnections();
			await new Promise((resolve) => proxy.close(resolve));
		}
	});
});
