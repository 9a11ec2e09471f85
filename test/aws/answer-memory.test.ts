// A long session reads thousands of large answers (20,000 tasks are 200 DescribeTasks of a few
// hundred KB, every refresh). What the transport keeps of them must not pile up: dead answer
// buffers that wait for a full GC grow the C heap they come from, and it does not shrink back, so
// resident memory climbed over a 30-minute session.
import {createServer, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import {ListClustersCommand} from '@aws-sdk/client-ecs';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {appClientsAt} from '../helpers/sim.js';

const MiB = 1024 * 1024;
/** One answer of about 230 KB, the size of a DescribeTasks of 100 tasks. */
const answer = Buffer.from(
	JSON.stringify({
		clusterArns: Array.from(
			{length: 3_000},
			(_, i) => `arn:aws:ecs:us-east-1:123456789012:cluster/a-cluster-with-a-long-name-${i}`,
		),
	}),
);

let server: Server;
let url: string;

beforeAll(async () => {
	// The same bytes for every answer: the server itself allocates no buffer per request, so the
	// process's buffer memory is the client's.
	server = createServer((req, res) => {
		req.resume();
		req.on('end', () => {
			res.writeHead(200, {
				'content-type': 'application/x-amz-json-1.1',
				'content-length': answer.length,
			});
			res.end(answer);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
	server.closeAllConnections();
	await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('answers read through the transport', () => {
	it('do not pile up in buffer memory over 400 answers of 230 KB', async () => {
		expect(answer.length).toBeGreaterThan(200 * 1024);
		const clients = appClientsAt(url, {
			maxAttempts: 1,
		});
		let peak = 0;
		const sample = () => {
			peak = Math.max(peak, process.memoryUsage().arrayBuffers);
		};
		const sampler = setInterval(sample, 5);
		try {
			const before = process.memoryUsage().arrayBuffers;
			// Four at once, as the adapters' limiter sends them.
			for (let round = 0; round < 400 / 4; round++) {
				const answers = await Promise.all(
					Array.from({length: 4}, () => clients.ecs.send(new ListClustersCommand({}))),
				);
				expect(answers.every((page) => page.clusterArns?.length === 3_000)).toBe(true);
				sample();
			}
			// Measured here: at the most ~19 MiB on Node 20 and ~35 MiB on Node 24 (its collector
			// waits longer); ~70 and ~89 MiB when the SDK was handed a stream over the bytes, which
			// it copied again, and the dead copies waited for a full GC.
			expect((peak - before) / MiB).toBeLessThan(52);
		} finally {
			clearInterval(sampler);
			clients.destroy();
		}
	});
});
