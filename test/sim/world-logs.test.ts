// The awslogs driver of the simulated containers and the log store's bounds: streams appear when
// containers start, under the names ECS gives them, and memory stays bounded however long the
// world runs.
import {describe, expect, it} from 'vitest';
import {
	LogStore,
	maxEndedStreamsPerGroup,
	maxEventsPerStream,
} from '../../source/sim/world/logs/log-store.js';
import type {ContainerDefinition} from '../../source/sim/world/types.js';
import type {World} from '../../source/sim/world/world.js';
import {newWorld, withInstances} from './world-fixtures.js';

const hour = 60 * 60 * 1000;

function register(
	world: World,
	logConfiguration: ContainerDefinition['logConfiguration'],
	env: Array<{name: string; value: string}> = [],
) {
	return world.registerTaskDefinition({
		family: 'web',
		containerDefinitions: [
			{
				name: 'nginx',
				image: 'nginx:1.27-alpine',
				cpu: 128,
				memory: 128,
				environment: env,
				logConfiguration,
			},
		],
	});
}

const awslogs = (options: Record<string, string>) => ({logDriver: 'awslogs', options});

function runningTask(world: World) {
	const cluster = world.resolveCluster('web')!;
	return [...cluster.tasks.values()].find((t) => t.lastStatus === 'RUNNING')!;
}

describe('the awslogs driver', () => {
	it('opens prefix/container/task-id in the configured group when the container starts', () => {
		const {world, clock} = newWorld();
		const cluster = withInstances(world, ['us-east-1a']);
		world.logs.createGroup('/ecs/web');
		register(world, awslogs({'awslogs-group': '/ecs/web', 'awslogs-stream-prefix': 'app'}));
		world.runTask(cluster, {taskDefinition: 'web'});
		expect(world.logs.groups.get('/ecs/web')!.streams.size).toBe(0);
		clock.advance(60_000);
		world.advanceTo(clock.now());
		const task = runningTask(world);
		const stream = world.logs.groups.get('/ecs/web')!.streams.get(`app/nginx/${task.id}`)!;
		expect(stream).toBeDefined();
		world.logs.catchUp(stream);
		expect(stream.at(0).message).toContain('/docker-entrypoint.sh');
		expect(stream.at(0).timestamp).toBeGreaterThanOrEqual(task.startedAt!);
	});

	it('names the stream after the container id when there is no prefix', () => {
		const {world, clock} = newWorld();
		const cluster = withInstances(world, ['us-east-1a']);
		world.logs.createGroup('/ecs/web');
		register(world, awslogs({'awslogs-group': '/ecs/web'}));
		world.runTask(cluster, {taskDefinition: 'web'});
		clock.advance(60_000);
		world.advanceTo(clock.now());
		const task = runningTask(world);
		expect([...world.logs.groups.get('/ecs/web')!.streams.keys()]).toEqual([
			task.containers[0]!.runtimeId,
		]);
	});

	it('creates a missing group only with awslogs-create-group, and the task runs either way', () => {
		const {world, clock} = newWorld();
		const cluster = withInstances(world, ['us-east-1a']);
		register(world, awslogs({'awslogs-group': '/never/created', 'awslogs-stream-prefix': 'x'}));
		world.registerTaskDefinition({
			family: 'made',
			containerDefinitions: [
				{
					name: 'main',
					image: 'acme/app:1',
					cpu: 128,
					memory: 128,
					logConfiguration: awslogs({
						'awslogs-group': '/made/on/demand',
						'awslogs-stream-prefix': 'x',
						'awslogs-create-group': 'true',
					}),
				},
			],
		});
		world.runTask(cluster, {taskDefinition: 'web'});
		world.runTask(cluster, {taskDefinition: 'made'});
		clock.advance(60_000);
		world.advanceTo(clock.now());
		expect([...cluster.tasks.values()].map((t) => t.lastStatus)).toEqual(['RUNNING', 'RUNNING']);
		expect(world.logs.groups.has('/never/created')).toBe(false);
		expect(world.logs.groups.get('/made/on/demand')!.streams.size).toBe(1);
	});

	it('writes no stream for another log driver', () => {
		const {world, clock} = newWorld();
		const cluster = withInstances(world, ['us-east-1a']);
		world.logs.createGroup('/ecs/web');
		register(world, {logDriver: 'json-file', options: {'max-size': '10m'}});
		world.runTask(cluster, {taskDefinition: 'web'});
		clock.advance(60_000);
		world.advanceTo(clock.now());
		expect(runningTask(world)).toBeDefined();
		expect(world.logs.groups.get('/ecs/web')!.streams.size).toBe(0);
	});

	it('keeps memory bounded on a stream followed for ten hours', () => {
		const {world, clock} = newWorld();
		const cluster = withInstances(world, ['us-east-1a']);
		world.logs.createGroup('/ecs/web');
		register(world, awslogs({'awslogs-group': '/ecs/web', 'awslogs-stream-prefix': 'app'}));
		world.runTask(cluster, {taskDefinition: 'web'});
		clock.advance(60_000);
		world.advanceTo(clock.now());
		const stream = [...world.logs.groups.get('/ecs/web')!.streams.values()][0]!;
		for (let i = 0; i < 40; i++) {
			clock.advance(hour / 4);
			world.advanceTo(clock.now());
			world.logs.catchUp(stream);
			expect(stream.size).toBeLessThanOrEqual(maxEventsPerStream);
		}
		expect(stream.size).toBe(maxEventsPerStream);
		// The newest lines are the ones kept.
		expect(stream.lastEventTimestamp!).toBeGreaterThan(clock.now() - 60_000);
	});

	it('bounds a stream first read long after its container started', () => {
		const {world, clock} = newWorld();
		const cluster = withInstances(world, ['us-east-1a']);
		world.logs.createGroup('/ecs/web');
		register(world, awslogs({'awslogs-group': '/ecs/web', 'awslogs-stream-prefix': 'app'}));
		world.runTask(cluster, {taskDefinition: 'web'});
		clock.advance(48 * hour);
		world.advanceTo(clock.now());
		const stream = [...world.logs.groups.get('/ecs/web')!.streams.values()][0]!;
		world.logs.catchUp(stream);
		expect(stream.size).toBeGreaterThan(1000);
		expect(stream.size).toBeLessThanOrEqual(maxEventsPerStream);
		expect(stream.lastEventTimestamp!).toBeGreaterThan(clock.now() - 60_000);
	});
});

describe('the log store', () => {
	it('keeps the newest 10,000 events of a stream, dropping the oldest', () => {
		let now = 1_000_000;
		const store = new LogStore(() => now);
		const stream = store.createGroup('g').createStream('s', now);
		const events = Array.from({length: maxEventsPerStream + 50}, (_, i) => ({
			timestamp: now + i,
			message: `line ${i}`,
		}));
		now += 60_000;
		store.put(stream, events);
		expect(stream.size).toBe(maxEventsPerStream);
		expect(stream.at(0).message).toBe('line 50');
		expect(stream.at(stream.size - 1).message).toBe(`line ${maxEventsPerStream + 49}`);
	});

	it('keeps events in time order when one arrives late', () => {
		let now = 1_000_000;
		const store = new LogStore(() => now);
		const stream = store.createGroup('g').createStream('s', now);
		now += 10_000;
		store.put(stream, [{timestamp: 1_005_000, message: 'b'}]);
		store.put(stream, [{timestamp: 1_001_000, message: 'a'}]);
		expect([stream.at(0).message, stream.at(1).message]).toEqual(['a', 'b']);
	});

	it('drops the oldest streams of ended containers beyond the group’s bound', () => {
		const store = new LogStore(() => 0);
		const group = store.createGroup('g');
		const streams = Array.from({length: maxEndedStreamsPerGroup + 5}, (_, i) =>
			group.createStream(`s${i}`, 0),
		);
		const live = group.createStream('live', 0);
		for (const stream of streams) group.streamEnded(stream);
		expect(group.streams.size).toBe(maxEndedStreamsPerGroup + 1);
		expect(group.streams.has('s4')).toBe(false);
		expect(group.streams.has('s5')).toBe(true);
		expect(group.streams.get('live')).toBe(live);
	});
});
