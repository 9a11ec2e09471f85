/**
 * The AWS thread's warm-up: one poll's worth of calls (list the clusters, describe them) through
 * clients and adapters like the real ones, to an HTTP endpoint on this thread that answers with
 * canned bytes.
 *
 * The thread loads the SDK sooner than it is told where to call (the UI thread sends its options
 * once the first frame is drawn and, for --demo, the simulator listens), and V8 compiles each
 * function the first time it runs: the SDK's client set-up, middleware, signing and parsing, and
 * Node's own HTTP client, cost the first real call ~50-80 ms more than the second. Run in that
 * idle gap, the warm-up pays for that compiling while nobody waits, and the first frame with data
 * comes that much sooner.
 *
 * It reaches nothing outside the thread: its endpoint listens on loopback only for the warm-up
 * (where a proxy would be used for it, the answers come from a transport of its own instead, so
 * the proxy never sees it), the credentials and region are fixed (no credential chain, no STS),
 * its RequestStats are its own (no attempts reach the header's count) and there is no debug
 * log. The SDK may read the shared config files for its optional settings, as the first real call
 * does; their paths were checked on the UI thread before this thread was started (cli.tsx), and
 * the files' checked text, once the options bring it, overrides anything read here
 * (aws-config-files.ts).
 */
import {createServer, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import {createAwsAdapters} from '../adapters.js';
import {runDigested} from '../answer-digest.js';
import {createAwsClients} from '../clients.js';
import {runAsPoll} from '../request-counter.js';
import {RequestStats} from '../request-stats.js';
import type {Transport} from '../http-handler.js';
import {proxyFor} from '../http-proxy.js';

const clusterArn = 'arn:aws:ecs:us-east-1:000000000000:cluster/warm-up';

/** The answers, by the JSON protocol's target operation. */
const answers: Readonly<Record<string, unknown>> = {
	ListClusters: {clusterArns: [clusterArn]},
	DescribeClusters: {
		clusters: [{clusterArn, clusterName: 'warm-up', status: 'ACTIVE', runningTasksCount: 0}],
		failures: [],
	},
};

type Handle = Transport['handle'];

/** The canned answer to a JSON-protocol request, by its X-Amz-Target header. */
function answerTo(target: string | undefined): {status: number; body: Buffer} {
	const operation = String(target ?? '')
		.split('.')
		.pop()!;
	const answer = answers[operation];
	return {
		status: answer === undefined ? 400 : 200,
		body: Buffer.from(
			JSON.stringify(answer ?? {__type: 'UnknownOperationException', message: operation}),
		),
	};
}

const answerHeaders = (body: Buffer) => ({
	'content-type': 'application/x-amz-json-1.1',
	'content-length': String(body.length),
	'x-amzn-requestid': '00000000-0000-0000-0000-000000000000',
});

/** An endpoint on loopback, for as long as the warm-up runs. */
async function loopbackEndpoint(): Promise<{url: string; server: Server}> {
	const server = createServer((request, response) => {
		request.resume();
		request.on('end', () => {
			const {status, body} = answerTo(request.headers['x-amz-target'] as string | undefined);
			response.writeHead(status, answerHeaders(body)).end(body);
		});
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', resolve);
	});
	return {url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server};
}

/** Answers at once, without a socket: where the loopback endpoint is not to be used. */
function cannedTransport(): Transport {
	const handle: Handle = async (request) => {
		const {status, body} = answerTo(request.headers['x-amz-target']);
		return {
			response: {statusCode: status, headers: answerHeaders(body), body} as Awaited<
				ReturnType<Handle>
			>['response'],
		};
	};
	return {
		metadata: {handlerProtocol: 'http/1.1'},
		handle,
		updateHttpClientConfig() {},
		httpHandlerConfigs: () => ({}),
		destroy() {},
	};
}

/** How the warm-up's calls were answered: on loopback, by its own transport, or not at all. */
export type WarmUpRoute = 'loopback' | 'in-thread' | 'failed';

/**
 * Runs the warm-up. It never throws: a failed warm-up only leaves the first real call slower, and
 * that call says what is wrong, if anything is.
 */
export async function warmUp(): Promise<WarmUpRoute> {
	let endpoint: {url: string; server: Server} | undefined;
	try {
		endpoint = await loopbackEndpoint().catch(() => undefined);
		const direct = endpoint !== undefined && proxyFor(endpoint.url) === '';
		const clients = createAwsClients({
			region: 'us-east-1',
			endpointUrl: direct ? endpoint!.url : 'http://warm-up.invalid',
			credentials: {accessKeyId: 'WARMUP', secretAccessKey: 'warm-up'},
			maxAttempts: 1,
			stats: new RequestStats(),
			answerDigests: true,
			...(direct ? {} : {requestHandler: cannedTransport()}),
		});
		try {
			const {ecs} = createAwsAdapters(clients);
			// As the poller's first calls arrive on the thread: inside a poll, answers hashed.
			const arns = await runAsPoll(() => runDigested(undefined, () => ecs.listClusterArns()));
			await runAsPoll(() => runDigested(undefined, () => ecs.describeClusters(arns.value)));
		} finally {
			clients.destroy();
		}
		return direct ? 'loopback' : 'in-thread';
	} catch {
		return 'failed';
	} finally {
		endpoint?.server.closeAllConnections();
		endpoint?.server.close();
	}
}
