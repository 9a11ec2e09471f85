/**
 * Small loopback servers in front of the simulator, for the transport's tests: one that passes
 * requests through, or misbehaves as a slow or hostile endpoint does (accepts and never answers,
 * dribbles its answer a byte at a time, answers with a huge body).
 */
import {
	request as httpRequest,
	createServer,
	type IncomingMessage,
	type Server,
	type ServerResponse,
} from 'node:http';
import {createServer as createHttpsServer} from 'node:https';
import type {AddressInfo, Socket} from 'node:net';

export type EndpointMode =
	| {kind: 'pass'}
	/** Accepts the connection, reads the request, never answers. */
	| {kind: 'hang'}
	/** Sends the status line and headers, then one body byte every `everyMs`, never finishing. */
	| {kind: 'dribble'; everyMs: number}
	/** Answers 200 with `bytes` of JSON; `announce`: with a content-length (else chunked). */
	| {kind: 'huge'; bytes: number; announce: boolean};

export type LoopbackEndpoint = {
	readonly url: string;
	/** Requests that reached it, by path and AWS target/action. */
	readonly seen: number;
	setMode(mode: EndpointMode): void;
	close(): Promise<void>;
};

/** Forwards a request to `target` (the simulator) and its answer back, as is. */
function forward(target: URL, req: IncomingMessage, res: ServerResponse): void {
	const upstream = httpRequest(
		{
			host: target.hostname,
			port: target.port,
			method: req.method,
			path: req.url,
			headers: {...req.headers, host: target.host},
		},
		(answer) => {
			res.writeHead(answer.statusCode ?? 502, answer.headers);
			answer.pipe(res);
		},
	);
	upstream.on('error', () => res.destroy());
	req.pipe(upstream);
}

const hugeArn = '"arn:aws:ecs:us-east-1:123456789012:cluster/c-0000000000"';
const hugeHead = '{"clusterArns":[';
const hugeTail = `${hugeArn}]}`;
// 1,000 ARNs a chunk, so a body of hundreds of MB is written without ever being held whole.
const hugeChunk = Buffer.from(`${hugeArn},`.repeat(1_000));

/** The exact length of the ListClusters answer `writeHugeListClusters` sends for `bytes`. */
function hugeLength(bytes: number): {chunks: number; length: number} {
	const chunks = Math.max(
		0,
		Math.floor((bytes - hugeHead.length - hugeTail.length) / hugeChunk.length),
	);
	return {chunks, length: hugeHead.length + chunks * hugeChunk.length + hugeTail.length};
}

/** Streams a ListClusters answer of about `bytes` bytes, honouring back-pressure. */
async function writeHugeListClusters(res: ServerResponse, chunks: number): Promise<void> {
	res.write(hugeHead);
	for (let index = 0; index < chunks; index++) {
		if (res.destroyed) return;
		if (!res.write(hugeChunk)) await new Promise((resolve) => res.once('drain', resolve));
	}
	res.end(hugeTail);
}

export async function startLoopbackEndpoint(
	simUrl: string,
	options: {tls?: {key: string; cert: string}} = {},
): Promise<LoopbackEndpoint> {
	const target = new URL(simUrl);
	let mode: EndpointMode = {kind: 'pass'};
	let seen = 0;
	const sockets = new Set<Socket>();
	const timers = new Set<NodeJS.Timeout>();
	const listener = (req: IncomingMessage, res: ServerResponse) => {
		seen++;
		const current = mode;
		if (current.kind === 'pass') return forward(target, req, res);
		req.resume();
		if (current.kind === 'hang') return;
		if (current.kind === 'huge') {
			const {chunks, length} = hugeLength(current.bytes);
			const headers: Record<string, string> = {'content-type': 'application/x-amz-json-1.1'};
			if (current.announce) headers['content-length'] = String(length);
			res.writeHead(200, headers);
			// A client that refuses the answer closes the socket: nothing more to write then.
			res.on('error', () => {});
			void writeHugeListClusters(res, chunks);
			return;
		}
		res.writeHead(200, {'content-type': 'application/x-amz-json-1.1', 'content-length': '100000'});
		res.write('{');
		const timer = setInterval(() => res.write(' '), current.everyMs);
		timers.add(timer);
		res.on('close', () => {
			clearInterval(timer);
			timers.delete(timer);
		});
	};
	const server: Server =
		options.tls === undefined ? createServer(listener) : createHttpsServer(options.tls, listener);
	server.on('connection', (socket: Socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as AddressInfo;
	return {
		url: `${options.tls === undefined ? 'http' : 'https'}://127.0.0.1:${port}`,
		get seen() {
			return seen;
		},
		setMode(next) {
			mode = next;
		},
		async close() {
			for (const timer of timers) clearInterval(timer);
			for (const socket of sockets) socket.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
