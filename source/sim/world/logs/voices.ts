/**
 * What the programs in the simulated containers print, so a log view shows what it would show on
 * a real account: nginx's access log, Redis's own format, a collector, a JSON-logging HTTP API, a
 * queue worker, a batch job reporting progress. Each voice says its start-up lines, one line of
 * steady work (drawn from a seeded Random), and its last lines when it is stopped, finishes, or
 * crashes (error, stack trace and the exit code, one event per line as the awslogs driver sends).
 */
import type {Random} from '../random.js';
import {accessLogTime, errorLogTime, isoTime, redisTime} from './log-time.js';

export interface VoiceContext {
	container: string;
	/** The image tag, e.g. `1.42.0`. */
	version: string;
	/** The first container port, if any. */
	port?: number;
	/** `family:revision`: a broken release fails the same way every time. */
	release: string;
	startedAt: number;
	/** When a job means to finish by itself (batch progress is measured against it). */
	plannedExitAt?: number;
}

export type EndingKind = 'stopped' | 'finished' | 'crashed';

export interface Voice {
	/** Mean steady lines per second. */
	rate: number;
	/** Each start-up line, given the moment it is printed. */
	startup(ctx: VoiceContext): Array<(at: number) => string>;
	line(ctx: VoiceContext, random: Random, at: number): string;
	ending(ctx: VoiceContext, kind: EndingKind, exitCode: number, at: number): string[];
}

const paths = [
	'/v1/orders',
	'/v1/orders/{id}',
	'/v1/products',
	'/v1/products/{id}',
	'/v1/cart',
	'/v1/users/{id}',
	'/v1/search?q=shoes',
	'/v1/inventory/{id}',
];
const agents = [
	'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
	'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
	'okhttp/4.12.0',
	'python-requests/2.32.3',
];

function pathOf(random: Random): string {
	return random.pick(paths).replace('{id}', String(random.int(1000, 99_999)));
}

function statusOf(random: Random): number {
	const draw = random.next();
	if (draw < 0.9) return 200;
	if (draw < 0.95) return 201;
	if (draw < 0.985) return 404;
	if (draw < 0.995) return 400;
	return 503;
}

function clientIp(random: Random): string {
	return `10.0.${random.int(0, 63)}.${random.int(2, 254)}`;
}

const nginx: Voice = {
	rate: 0.6,
	startup: (ctx) => [
		() =>
			'/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
		() => '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
		() => '/docker-entrypoint.sh: Configuration complete; ready for start up',
		(at) => `${errorLogTime(at)} [notice] 1#1: using the "epoll" event method`,
		(at) => `${errorLogTime(at)} [notice] 1#1: nginx/${ctx.version.replace(/-.*$/, '')}`,
		(at) => `${errorLogTime(at)} [notice] 1#1: start worker processes`,
	],
	line(_ctx, random, at) {
		if (random.chance(0.15))
			return `${clientIp(random)} - - [${accessLogTime(at)}] "GET / HTTP/1.1" 200 615 "-" "ELB-HealthChecker/2.0" "-"`;
		const status = statusOf(random);
		const method = status === 201 ? 'POST' : 'GET';
		const bytes = status >= 400 ? random.int(150, 560) : random.int(400, 48_000);
		return `${clientIp(random)} - - [${accessLogTime(at)}] "${method} ${pathOf(random)} HTTP/1.1" ${status} ${bytes} "-" "${random.pick(agents)}" "-"`;
	},
	ending(_ctx, kind, _exitCode, at) {
		if (kind === 'crashed')
			return [
				`${errorLogTime(at)} [emerg] 1#1: host not found in upstream "api.internal:8080" in /etc/nginx/conf.d/default.conf:14`,
				'nginx: [emerg] host not found in upstream "api.internal:8080" in /etc/nginx/conf.d/default.conf:14',
			];
		return [
			`${errorLogTime(at)} [notice] 1#1: signal 15 (SIGTERM) received from 0, exiting`,
			`${errorLogTime(at)} [notice] 29#29: gracefully shutting down`,
			`${errorLogTime(at)} [notice] 29#29: exiting`,
			`${errorLogTime(at)} [notice] 29#29: exit`,
			`${errorLogTime(at)} [notice] 1#1: signal 17 (SIGCHLD) received from 29`,
			`${errorLogTime(at)} [notice] 1#1: exit`,
		];
	},
};

const redis: Voice = {
	rate: 1 / 90,
	startup: (ctx) => [
		(at) => `1:C ${redisTime(at)} # oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo`,
		(at) =>
			`1:C ${redisTime(at)} # Redis version=${ctx.version.replace(/-.*$/, '')}.4, bits=64, commit=00000000, modified=0, pid=1, just started`,
		(at) => `1:M ${redisTime(at)} * monotonic clock: POSIX clock_gettime`,
		(at) => `1:M ${redisTime(at)} * Running mode=standalone, port=${ctx.port ?? 6379}.`,
		(at) => `1:M ${redisTime(at)} * Server initialized`,
		(at) => `1:M ${redisTime(at)} * Ready to accept connections tcp`,
	],
	line: (_ctx, random, at) =>
		`1:M ${redisTime(at)} * ${random.pick([
			`${random.int(10, 900)} changes in 60 seconds. Saving...`,
			`Background saving started by pid ${random.int(20, 9000)}`,
			'DB saved on disk',
			'Background saving terminated with success',
			`Fork CoW for RDB: current ${random.int(0, 4)} MB, peak ${random.int(1, 8)} MB, average 0 MB`,
		])}`,
	ending(_ctx, kind, _exitCode, at) {
		if (kind === 'crashed')
			return [
				`1:M ${redisTime(at)} # Can't open the append-only file appendonly.aof.1.incr.aof: Permission denied`,
				`1:M ${redisTime(at)} # Redis is now ready to exit, bye bye...`,
			];
		return [
			`1:signal-handler (${Math.floor(at / 1000)}) Received SIGTERM scheduling shutdown...`,
			`1:M ${redisTime(at)} # User requested shutdown...`,
			`1:M ${redisTime(at)} * Saving the final RDB snapshot before exiting.`,
			`1:M ${redisTime(at)} * DB saved on disk`,
			`1:M ${redisTime(at)} # Redis is now ready to exit, bye bye...`,
		];
	},
};

const collector: Voice = {
	rate: 1 / 30,
	startup: (ctx) => [
		(at) =>
			`${isoTime(at)}\tinfo\tservice@${ctx.version}/service.go:113\tStarting aws-otel-collector...\t{"Version": "${ctx.version}", "NumCPU": 2}`,
		(at) => `${isoTime(at)}\tinfo\textensions/extensions.go:34\tStarting extensions...`,
		(at) =>
			`${isoTime(at)}\tinfo\totlpreceiver@${ctx.version}/otlp.go:102\tStarting GRPC server\t{"kind": "receiver", "name": "otlp", "endpoint": "0.0.0.0:4317"}`,
		(at) =>
			`${isoTime(at)}\tinfo\tservice@${ctx.version}/service.go:139\tEverything is ready. Begin running and processing data.`,
	],
	line: (_ctx, random, at) =>
		`${isoTime(at)}\tinfo\tMetricsExporter\t{"kind": "exporter", "data_type": "metrics", "name": "awsemf", "resource metrics": 1, "metrics": ${random.int(20, 90)}, "data points": ${random.int(60, 400)}}`,
	ending: (_ctx, _kind, _exitCode, at) => [
		`${isoTime(at)}\tinfo\totelcol/collector.go:318\tReceived signal from OS\t{"signal": "terminated"}`,
		`${isoTime(at)}\tinfo\tservice@v0.40.0/service.go:177\tStarting shutdown...`,
		`${isoTime(at)}\tinfo\tservice@v0.40.0/service.go:191\tShutdown complete.`,
	],
};

/** An HTTP service logging JSON, one object per line, as pino or zap do. */
const httpApi: Voice = {
	rate: 0.4,
	startup: (ctx) => [
		(at) => json(at, 'info', `starting ${ctx.container} ${ctx.version}`, {pid: 1}),
		(at) => json(at, 'info', 'configuration loaded', {source: 'environment'}),
		(at) => json(at, 'info', 'connected to database', {host: 'db.internal', pool: 10}),
		(at) => json(at, 'info', `listening on :${ctx.port ?? 8080}`),
	],
	line(_ctx, random, at) {
		if (random.chance(0.1)) {
			return json(at, 'debug', 'health check', {url: '/health', statusCode: 200});
		}
		const statusCode = statusOf(random);
		const level = statusCode >= 500 ? 'error' : statusCode >= 400 ? 'warn' : 'info';
		return json(at, level, 'request completed', {
			method: statusCode === 201 ? 'POST' : 'GET',
			url: pathOf(random),
			statusCode,
			responseTime: random.int(2, statusCode >= 500 ? 3000 : 180),
			reqId: random.hex(16),
		});
	},
	ending(ctx, kind, exitCode, at) {
		if (kind === 'crashed') return nodeCrash(ctx, exitCode, at);
		return [
			json(at, 'info', 'received SIGTERM, closing server'),
			json(at, 'info', 'server closed, exiting'),
		];
	},
};

/** A queue consumer with plain text lines. */
const worker: Voice = {
	rate: 0.25,
	startup: (ctx) => [
		(at) => `${isoTime(at)} INFO  [${ctx.container}] starting ${ctx.container} ${ctx.version}`,
		(at) => `${isoTime(at)} INFO  [${ctx.container}] connecting to queue`,
		(at) => `${isoTime(at)} INFO  [${ctx.container}] polling for messages (concurrency 8)`,
	],
	line(ctx, random, at) {
		const draw = random.next();
		const id = random.hex(8);
		if (draw < 0.05)
			return `${isoTime(at)} WARN  [${ctx.container}] message ${id} failed (attempt ${random.int(1, 4)}/5), retrying: upstream timed out after 3000 ms`;
		if (draw < 0.12)
			return `${isoTime(at)} INFO  [${ctx.container}] queue depth ${random.int(0, 60)}, ${random.int(0, 8)} in flight`;
		return `${isoTime(at)} INFO  [${ctx.container}] processed message ${id} in ${random.int(4, 400)} ms`;
	},
	ending(ctx, kind, exitCode, at) {
		if (kind === 'crashed') return nodeCrash(ctx, exitCode, at);
		return [
			`${isoTime(at)} INFO  [${ctx.container}] received SIGTERM, finishing ${exitCode === 0 ? 2 : 0} messages in flight`,
			`${isoTime(at)} INFO  [${ctx.container}] stopped`,
		];
	},
};

/** A job that reads a batch, reports progress, and exits 0 when done. */
const batchJob: Voice = {
	rate: 0.1,
	startup: (ctx) => [
		(at) => `${isoTime(at)} INFO starting job ${ctx.container} ${ctx.version}`,
		(at) =>
			`${isoTime(at)} INFO reading manifest s3://acme-analytics-input/${ctx.container}/manifest.json`,
		(at) => `${isoTime(at)} INFO ${recordsOf(ctx)} records to process`,
	],
	line(ctx, random, at) {
		const total = recordsOf(ctx);
		const share =
			ctx.plannedExitAt === undefined
				? random.next()
				: (at - ctx.startedAt) / Math.max(1, ctx.plannedExitAt - ctx.startedAt);
		const done = Math.min(total, Math.floor(total * Math.min(1, Math.max(0, share))));
		return `${isoTime(at)} INFO progress ${Math.floor((100 * done) / total)}% (${done}/${total} records), ${random.int(150, 900)} records/s`;
	},
	ending(ctx, kind, exitCode, at) {
		if (kind === 'crashed') return nodeCrash(ctx, exitCode, at);
		if (kind === 'stopped')
			return [`${isoTime(at)} WARN received SIGTERM, abandoning job; it will be retried`];
		const seconds = Math.round((at - ctx.startedAt) / 1000);
		return [
			`${isoTime(at)} INFO wrote ${recordsOf(ctx)} records to s3://acme-analytics-results/${ctx.container}/`,
			`${isoTime(at)} INFO job finished in ${Math.floor(seconds / 60)}m${seconds % 60}s, exiting with code ${exitCode}`,
		];
	},
};

function recordsOf(ctx: VoiceContext): number {
	return 10_000 * (1 + (hashText(ctx.release) % 9));
}

function json(
	at: number,
	level: string,
	msg: string,
	fields: Record<string, unknown> = {},
): string {
	return JSON.stringify({level, time: isoTime(at), msg, ...fields});
}

/** The three ways the simulated Node programs break; a release always breaks the same way. */
const crashes = [
	{
		error: 'Error: connect ECONNREFUSED 10.0.12.7:5432',
		stack: [
			'    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1607:16)',
			'    at Pool.connect (/app/node_modules/pg-pool/index.js:45:11)',
			'    at Repository.reserve (/app/dist/repository.js:88:23)',
			'    at processMessage (/app/dist/worker.js:41:5)',
		],
		origin: '/app/dist/worker.js:41',
	},
	{
		error: "TypeError: Cannot read properties of undefined (reading 'id')",
		stack: [
			'    at handleMessage (/app/dist/handlers/order.js:57:31)',
			'    at Consumer.processMessage (/app/node_modules/sqs-consumer/dist/consumer.js:217:13)',
			'    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
		],
		origin: '/app/dist/handlers/order.js:57',
	},
	{
		error: 'Error: missing required environment variable PAYMENT_PROVIDER_URL',
		stack: [
			'    at requireEnv (/app/dist/config.js:18:11)',
			'    at loadConfig (/app/dist/config.js:31:19)',
			'    at Object.<anonymous> (/app/dist/main.js:9:16)',
			'    at Module._compile (node:internal/modules/cjs/loader:1469:14)',
		],
		origin: '/app/dist/config.js:18',
	},
];

/** An uncaught error as Node prints it, then npm's report of the exit code. */
function nodeCrash(ctx: VoiceContext, exitCode: number, at: number): string[] {
	const crash = crashes[hashText(ctx.release) % crashes.length]!;
	return [
		`${isoTime(at)} ERROR [${ctx.container}] unrecoverable error, shutting down: ${crash.error}`,
		crash.origin,
		'        throw error;',
		'        ^',
		crash.error,
		...crash.stack,
		'Node.js v20.18.1',
		`npm error code ${exitCode}`,
		'npm error path /app',
		'npm error command failed',
		`npm error command sh -c node dist/main.js`,
	];
}

export function hashText(text: string): number {
	let h = 2_166_136_261;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 16_777_619);
	}
	return h >>> 0;
}

export interface VoiceChoice {
	image: string;
	hasPorts: boolean;
	/** The container exits 0 by itself after a while (a batch job). */
	finishesByItself: boolean;
}

/** Which program the container runs, from what its definition says about it. */
export function voiceFor(choice: VoiceChoice): Voice {
	const image = choice.image.toLowerCase();
	if (image.includes('nginx')) return nginx;
	if (image.includes('redis')) return redis;
	if (image.includes('otel') || image.includes('collector')) return collector;
	if (choice.finishesByItself) return batchJob;
	return choice.hasPorts ? httpApi : worker;
}
