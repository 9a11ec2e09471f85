// CloudWatch Logs served by the simulator, through the SDK client the app uses, over HTTP: what
// the demo's containers write, how a reader pages and follows, and AWS's errors.
import {
	AccessDeniedException,
	CloudWatchLogsClient,
	CreateLogGroupCommand,
	CreateLogStreamCommand,
	DescribeLogGroupsCommand,
	DescribeLogStreamsCommand,
	FilterLogEventsCommand,
	GetLogEventsCommand,
	InvalidParameterException,
	PutLogEventsCommand,
	ResourceAlreadyExistsException,
	ResourceNotFoundException,
	ThrottlingException,
	type FilteredLogEvent,
	type OutputLogEvent,
} from '@aws-sdk/client-cloudwatch-logs';
import {DescribeTasksCommand, ECSClient, ListTasksCommand} from '@aws-sdk/client-ecs';
import {afterAll, beforeAll, beforeEach, describe, expect, it} from 'vitest';
import {startSim, type SimServer} from '../../source/sim/index.js';
import {ManualClock} from '../../source/sim/world/clock.js';

const credentials = {accessKeyId: 'AKIDLOGSTEST', secretAccessKey: 'test'};
const second = 1000;
const minute = 60 * second;

interface Sim {
	server: SimServer;
	clock: ManualClock;
	logs: CloudWatchLogsClient;
	ecs: ECSClient;
	close(): Promise<void>;
}

async function startDemo(seed = 1): Promise<Sim> {
	const clock = new ManualClock();
	const server = await startSim({scenario: 'demo', seed, clock, port: 0});
	const config = {endpoint: server.url, region: 'us-east-1', credentials, maxAttempts: 1};
	const logs = new CloudWatchLogsClient(config);
	const ecs = new ECSClient(config);
	return {
		server,
		clock,
		logs,
		ecs,
		async close() {
			logs.destroy();
			ecs.destroy();
			await server.close();
		},
	};
}

let sim: Sim;
beforeAll(async () => {
	sim = await startDemo();
}, 60_000);
afterAll(async () => sim.close());
beforeEach(() => sim.server.faults.reset());

async function taskIds(service: string, desiredStatus: 'RUNNING' | 'STOPPED'): Promise<string[]> {
	const {taskArns = []} = await sim.ecs.send(
		new ListTasksCommand({cluster: 'web', serviceName: service, desiredStatus}),
	);
	return taskArns.map((arn) => arn.slice(arn.lastIndexOf('/') + 1));
}

async function allEvents(group: string, stream: string): Promise<OutputLogEvent[]> {
	const {events = []} = await sim.logs.send(
		new GetLogEventsCommand({logGroupName: group, logStreamName: stream, startFromHead: true}),
	);
	return events;
}

describe('log groups and streams of the demo account', () => {
	it('has a group for every awslogs definition, and none for the one that logs to json-file', async () => {
		const {logGroups = []} = await sim.logs.send(new DescribeLogGroupsCommand({}));
		const names = logGroups.map((g) => g.logGroupName);
		expect(names).toEqual([
			'/ecs/batch/report-job',
			'/ecs/batch/sim-runner',
			'/ecs/web/api',
			'/ecs/web/checkout-worker',
			'/ecs/web/frontend',
			'/ecs/web/otel',
			'/ecs/web/redis',
		]);
		expect(names).not.toContain('/ecs/staging/frontend');
		expect(logGroups[0]!.arn).toBe(
			'arn:aws:logs:us-east-1:123456789012:log-group:/ecs/batch/report-job:*',
		);
	});

	it('filters groups by prefix and pages them with limit and nextToken', async () => {
		const web = await sim.logs.send(
			new DescribeLogGroupsCommand({logGroupNamePrefix: '/ecs/web/'}),
		);
		expect(web.logGroups).toHaveLength(5);
		const seen: string[] = [];
		let nextToken: string | undefined;
		do {
			const page = await sim.logs.send(new DescribeLogGroupsCommand({limit: 2, nextToken}));
			expect(page.logGroups!.length).toBeLessThanOrEqual(2);
			seen.push(...page.logGroups!.map((g) => g.logGroupName!));
			nextToken = page.nextToken;
		} while (nextToken);
		expect(seen).toHaveLength(7);
		expect(new Set(seen).size).toBe(7);
	});

	it('names each running container’s stream prefix/container/task-id, as ECS does', async () => {
		const running = await taskIds('frontend', 'RUNNING');
		expect(running.length).toBeGreaterThan(0);
		const {logStreams = []} = await sim.logs.send(
			new DescribeLogStreamsCommand({logGroupName: '/ecs/web/frontend'}),
		);
		const names = logStreams.map((s) => s.logStreamName);
		for (const id of running) expect(names).toContain(`ecs/nginx/${id}`);
		const stream = logStreams.find((s) => s.logStreamName === `ecs/nginx/${running[0]}`)!;
		expect(stream.firstEventTimestamp).toBeGreaterThan(0);
		expect(stream.lastEventTimestamp).toBeGreaterThanOrEqual(stream.firstEventTimestamp!);
		expect(stream.arn).toMatch(/:log-group:\/ecs\/web\/frontend:log-stream:ecs\/nginx\//);
	});

	it('orders streams by last event time, newest first when asked', async () => {
		const {logStreams = []} = await sim.logs.send(
			new DescribeLogStreamsCommand({
				logGroupName: '/ecs/web/checkout-worker',
				orderBy: 'LastEventTime',
				descending: true,
			}),
		);
		const times = logStreams.map((s) => s.lastEventTimestamp ?? s.creationTime!);
		expect(times.length).toBeGreaterThan(2);
		expect([...times].sort((a, b) => b - a)).toEqual(times);
	});

	it('refuses orderBy LastEventTime with a prefix, and an unknown group', async () => {
		await expect(
			sim.logs.send(
				new DescribeLogStreamsCommand({
					logGroupName: '/ecs/web/api',
					orderBy: 'LastEventTime',
					logStreamNamePrefix: 'ecs/',
				}),
			),
		).rejects.toBeInstanceOf(InvalidParameterException);
		await expect(
			sim.logs.send(new DescribeLogStreamsCommand({logGroupName: '/ecs/nope'})),
		).rejects.toBeInstanceOf(ResourceNotFoundException);
	});
});

describe('what the containers write', () => {
	it('starts with the program’s start-up lines, then steady request lines', async () => {
		const [id] = await taskIds('api', 'RUNNING');
		const events = await allEvents('/ecs/web/api', `ecs/api/${id}`);
		expect(events.length).toBeGreaterThan(20);
		expect(events[0]!.message).toContain('starting api');
		expect(events.some((e) => e.message!.includes('listening on :8080'))).toBe(true);
		const requests = events.filter((e) => e.message!.includes('"request completed"'));
		expect(requests.length).toBeGreaterThan(10);
		expect(JSON.parse(requests[0]!.message!)).toMatchObject({level: expect.any(String)});
		const times = events.map((e) => e.timestamp!);
		expect([...times].sort((a, b) => a - b)).toEqual(times);
		for (const e of events) expect(e.ingestionTime!).toBeGreaterThanOrEqual(e.timestamp!);
	});

	it('ends each crash of the crash loop with the error, its stack trace and the exit code', async () => {
		const stopped = await taskIds('checkout-worker', 'STOPPED');
		expect(stopped.length).toBeGreaterThan(0);
		const {tasks = []} = await sim.ecs.send(
			new DescribeTasksCommand({cluster: 'web', tasks: stopped}),
		);
		const crashed = tasks.find((t) => t.containers?.[0]?.exitCode === 1 && t.stoppedAt)!;
		expect(crashed).toBeDefined();
		const id = crashed.taskArn!.slice(crashed.taskArn!.lastIndexOf('/') + 1);
		const events = await allEvents('/ecs/web/checkout-worker', `ecs/checkout/${id}`);
		const messages = events.map((e) => e.message!);
		const error = messages.findIndex((m) => m.includes('ERROR') && m.includes('shutting down'));
		expect(error).toBeGreaterThan(0);
		expect(messages.slice(error).some((m) => m.startsWith('    at '))).toBe(true);
		expect(messages).toContain('npm error code 1');
		// The last lines come before ECS reports the task stopped.
		expect(events[events.length - 1]!.timestamp!).toBeLessThanOrEqual(crashed.stoppedAt!.getTime());
	});

	it('writes nothing more to a stream once its container has stopped', async () => {
		const [id] = await taskIds('checkout-worker', 'STOPPED');
		const before = await allEvents('/ecs/web/checkout-worker', `ecs/checkout/${id}`);
		sim.clock.advance(2 * minute);
		const after = await allEvents('/ecs/web/checkout-worker', `ecs/checkout/${id}`);
		expect(after).toEqual(before);
	});
});

describe('GetLogEvents', () => {
	let stream: string;
	beforeAll(async () => {
		const [id] = await taskIds('frontend', 'RUNNING');
		stream = `ecs/nginx/${id}`;
	});
	const get = (input: Partial<ConstructorParameters<typeof GetLogEventsCommand>[0]>) =>
		sim.logs.send(
			new GetLogEventsCommand({logGroupName: '/ecs/web/frontend', logStreamName: stream, ...input}),
		);

	it('follows with the forward token: new lines as the clock moves, the same token when none', async () => {
		const tail = await get({});
		expect(tail.events!.length).toBeGreaterThan(0);
		const token = tail.nextForwardToken!;
		expect(token).toMatch(/^f\/\d{56}\/s$/);

		const nothingNew = await get({nextToken: token, startFromHead: true});
		expect(nothingNew.events).toEqual([]);
		expect(nothingNew.nextForwardToken).toBe(token);

		sim.clock.advance(30 * second);
		const fresh = await get({nextToken: token, startFromHead: true});
		expect(fresh.events!.length).toBeGreaterThan(0);
		expect(fresh.events![0]!.timestamp!).toBeGreaterThanOrEqual(
			tail.events![tail.events!.length - 1]!.timestamp!,
		);
		expect(fresh.nextForwardToken).not.toBe(token);
		// No event is returned twice.
		const tailMessages = new Set(tail.events!.map((e) => `${e.timestamp} ${e.message}`));
		for (const e of fresh.events!)
			expect(tailMessages.has(`${e.timestamp} ${e.message}`)).toBe(false);
	});

	it('pages back from the tail with backward tokens to the head, then returns the same token', async () => {
		const whole = await get({startFromHead: true});
		let page = await get({limit: 7});
		const collected: OutputLogEvent[] = [...page.events!];
		for (let i = 0; i < 1000; i++) {
			const back = await get({nextToken: page.nextBackwardToken, limit: 7});
			if (back.events!.length === 0) {
				expect(back.nextBackwardToken).toBe(page.nextBackwardToken);
				break;
			}
			expect(back.events!.length).toBeLessThanOrEqual(7);
			collected.unshift(...back.events!);
			page = back;
		}
		// The world may have moved on since `whole`; it is a prefix of what paging found.
		expect(collected.slice(0, whole.events!.length)).toEqual(whole.events);
	});

	it('reads from the head when asked, within startTime and endTime', async () => {
		const head = await get({startFromHead: true, limit: 3});
		expect(head.events).toHaveLength(3);
		expect(head.events![0]!.message).toContain('/docker-entrypoint.sh');
		const t = head.events![1]!.timestamp!;
		const windowed = await get({startFromHead: true, startTime: t, endTime: t + 1});
		expect(windowed.events!.map((e) => e.timestamp)).toEqual([t]);
	});

	it('answers a made-up token, a missing stream and a bad limit as AWS does', async () => {
		await expect(get({nextToken: 'f/123'})).rejects.toBeInstanceOf(InvalidParameterException);
		await expect(get({logStreamName: 'ecs/nginx/nope'})).rejects.toThrow(
			'The specified log stream does not exist.',
		);
		await expect(get({limit: 0})).rejects.toBeInstanceOf(InvalidParameterException);
	});
});

describe('FilterLogEvents', () => {
	it('interleaves the streams of a group by time', async () => {
		const {events = []} = await sim.logs.send(
			new FilterLogEventsCommand({logGroupName: '/ecs/web/api', limit: 500}),
		);
		expect(events).toHaveLength(500);
		const times = events.map((e) => e.timestamp!);
		expect([...times].sort((a, b) => a - b)).toEqual(times);
		expect(new Set(events.map((e) => e.logStreamName)).size).toBeGreaterThan(1);
		expect(new Set(events.map((e) => e.eventId)).size).toBe(500);
	});

	it('pages with nextToken to exactly the events of one big answer', async () => {
		const input = {
			logGroupName: '/ecs/web/frontend',
			startTime: sim.clock.now() - 20 * minute,
			endTime: sim.clock.now() - 10 * minute,
		};
		const whole = await sim.logs.send(new FilterLogEventsCommand(input));
		expect(whole.nextToken).toBeUndefined();
		const paged: FilteredLogEvent[] = [];
		let nextToken: string | undefined;
		do {
			const page = await sim.logs.send(
				new FilterLogEventsCommand({...input, limit: 50, nextToken}),
			);
			paged.push(...page.events!);
			nextToken = page.nextToken;
		} while (nextToken);
		expect(paged.map((e) => e.eventId)).toEqual(whole.events!.map((e) => e.eventId));
		for (const e of paged) {
			expect(e.timestamp!).toBeGreaterThanOrEqual(input.startTime);
			expect(e.timestamp!).toBeLessThanOrEqual(input.endTime);
		}
	});

	it('matches terms, quoted phrases, alternatives and exclusions', async () => {
		const filter = async (filterPattern: string) =>
			(
				await sim.logs.send(
					new FilterLogEventsCommand({logGroupName: '/ecs/web/frontend', filterPattern}),
				)
			).events!.map((e) => e.message!);
		const health = await filter('"ELB-HealthChecker/2.0"');
		expect(health.length).toBeGreaterThan(0);
		for (const m of health) expect(m).toContain('ELB-HealthChecker/2.0');
		const notHealth = await filter('GET -ELB-HealthChecker');
		expect(notHealth.length).toBeGreaterThan(0);
		for (const m of notHealth) expect(m).not.toContain('ELB-HealthChecker');
		const either = await filter('?" 404 " ?" 503 "');
		for (const m of either) expect(m.includes(' 404 ') || m.includes(' 503 ')).toBe(true);
		expect(await filter('no-such-term-anywhere')).toEqual([]);
		await expect(filter('{ $.level = "error" }')).rejects.toThrow(/not JSON/);
	});

	it('reads only the streams named, or those with a prefix', async () => {
		const [id] = await taskIds('api', 'RUNNING');
		const named = await sim.logs.send(
			new FilterLogEventsCommand({logGroupName: '/ecs/web/api', logStreamNames: [`ecs/api/${id}`]}),
		);
		expect(new Set(named.events!.map((e) => e.logStreamName))).toEqual(new Set([`ecs/api/${id}`]));
		const sidecars = await sim.logs.send(
			new FilterLogEventsCommand({logGroupName: '/ecs/web/otel', logStreamNamePrefix: 'ecs/otel'}),
		);
		expect(sidecars.events!.length).toBeGreaterThan(0);
		await expect(
			sim.logs.send(
				new FilterLogEventsCommand({
					logGroupName: '/ecs/web/api',
					logStreamNames: ['a'],
					logStreamNamePrefix: 'a',
				}),
			),
		).rejects.toBeInstanceOf(InvalidParameterException);
	});
});

describe('writing logs', () => {
	it('creates a group and a stream, and reads back what was put', async () => {
		await sim.logs.send(new CreateLogGroupCommand({logGroupName: '/test/writes'}));
		await sim.logs.send(
			new CreateLogStreamCommand({logGroupName: '/test/writes', logStreamName: 'one'}),
		);
		const now = sim.clock.now();
		const put = await sim.logs.send(
			new PutLogEventsCommand({
				logGroupName: '/test/writes',
				logStreamName: 'one',
				logEvents: [
					{timestamp: now - 2000, message: 'first'},
					{timestamp: now - 1000, message: 'second'},
					{timestamp: now + 3 * 60 * minute, message: 'from the future'},
				],
			}),
		);
		expect(put.rejectedLogEventsInfo?.tooNewLogEventStartIndex).toBe(2);
		const {events = []} = await sim.logs.send(
			new GetLogEventsCommand({logGroupName: '/test/writes', logStreamName: 'one'}),
		);
		expect(events.map((e) => e.message)).toEqual(['first', 'second']);
	});

	it('refuses duplicates, missing targets and events out of order', async () => {
		await expect(
			sim.logs.send(new CreateLogGroupCommand({logGroupName: '/ecs/web/api'})),
		).rejects.toBeInstanceOf(ResourceAlreadyExistsException);
		await expect(
			sim.logs.send(new CreateLogGroupCommand({logGroupName: 'bad name!'})),
		).rejects.toBeInstanceOf(InvalidParameterException);
		await expect(
			sim.logs.send(new CreateLogStreamCommand({logGroupName: '/nope', logStreamName: 'x'})),
		).rejects.toThrow('The specified log group does not exist.');
		await expect(
			sim.logs.send(
				new PutLogEventsCommand({
					logGroupName: '/test/writes',
					logStreamName: 'one',
					logEvents: [
						{timestamp: 2000, message: 'b'},
						{timestamp: 1000, message: 'a'},
					],
				}),
			),
		).rejects.toThrow(/chronological order/);
	});
});

describe('faults', () => {
	it('denies logs with IAM’s message for the logs: action, and leaves ECS alone', async () => {
		sim.server.faults.set({denied: ['logs']});
		const error = await sim.logs
			.send(new FilterLogEventsCommand({logGroupName: '/ecs/web/api'}))
			.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(AccessDeniedException);
		expect((error as Error).message).toContain('logs:FilterLogEvents');
		await expect(sim.ecs.send(new ListTasksCommand({cluster: 'web'}))).resolves.toBeDefined();
	});

	it('throttles with ThrottlingException', async () => {
		sim.server.faults.set({throttleRate: 1, services: ['logs']});
		await expect(sim.logs.send(new DescribeLogGroupsCommand({}))).rejects.toBeInstanceOf(
			ThrottlingException,
		);
	});
});

describe('determinism', () => {
	it('gives the same lines for a seed, whenever they are first read', async () => {
		const other = await startDemo(1);
		try {
			const [id] = await taskIds('frontend', 'RUNNING');
			const endTime = sim.clock.now() - 5 * minute;
			const read = (s: Sim) =>
				s.logs.send(
					new GetLogEventsCommand({
						logGroupName: '/ecs/web/frontend',
						logStreamName: `ecs/nginx/${id}`,
						startFromHead: true,
						endTime,
					}),
				);
			// The other world is read for the first time ten minutes later than this one.
			other.clock.set(sim.clock.now() + 10 * minute);
			const mine = await read(sim);
			const theirs = await read(other);
			expect(mine.events!.length).toBeGreaterThan(10);
			expect(theirs.events).toEqual(mine.events);
		} finally {
			await other.close();
		}
	}, 60_000);
});
