import {describe, expect, it} from 'vitest';
import {knownTask, receivedTasks} from '../../source/aws/remote/task-transfer.js';
import type {Task} from '../../source/model/task.js';
import {modelBuilders} from '../helpers/model-builders.js';

const build = modelBuilders({now: 1_700_000_600_000});

/** A fleet-main task with one container bound to `ports`. */
function task(id: string, ports: number[], version = 1): Task {
	return build.task({
		id,
		arn: build.arn(`task/fleet-main/${id}`),
		clusterArn: build.arn('cluster/fleet-main'),
		version,
		containers: [
			build.container({
				networkBindings: ports.map((port) => ({
					containerPort: port,
					hostPort: port,
					protocol: 'tcp',
				})),
				runtimeId: `${id}-1234567890`,
				execAgentStatus: 'RUNNING',
			}),
		],
		enableExecuteCommand: true,
	});
}

/** What crosses the thread boundary: a structured clone, as postMessage makes. */
const crossed = <T>(value: T): T => structuredClone(value);

describe('tasks received from the AWS thread', () => {
	it('keeps every field of a new task as the thread sent it', () => {
		const sent = [task('a1b2c3d4e5f60718293a4b5c6d7e8f90', [8080]), task('ffff', [])];
		const asked = sent.map((t) => t.arn);
		expect(receivedTasks(crossed(sent), undefined, asked)).toEqual(sent);
		expect(receivedTasks(crossed(sent), undefined)).toEqual(sent);
	});

	it('gives tasks that bind the same ports one shared list, and no ports one empty list', () => {
		const [first, second, third, fourth] = receivedTasks(
			crossed([task('t1', [80, 443]), task('t2', [80, 443]), task('t3', []), task('t4', [])]),
			undefined,
		);
		expect(first!.containers[0]!.networkBindings).toEqual([
			{containerPort: 80, hostPort: 80, protocol: 'tcp'},
			{containerPort: 443, hostPort: 443, protocol: 'tcp'},
		]);
		expect(second!.containers[0]!.networkBindings).toBe(first!.containers[0]!.networkBindings);
		expect(fourth!.containers[0]!.networkBindings).toBe(third!.containers[0]!.networkBindings);
		expect(third!.containers[0]!.networkBindings).toEqual([]);
		// Shared, so no holder may change it for the others.
		expect(Object.isFrozen(first!.containers[0]!.networkBindings)).toBe(true);
	});

	it('hands back the held object for a task the thread reported unchanged', () => {
		const held = task('t1', [80]);
		const [received] = receivedTasks([knownTask(held)], new Map([[held.arn, held]]));
		expect(received).toBe(held);
	});

	it('refuses an "unchanged" task it does not hold', () => {
		const held = task('t1', [80]);
		expect(() => receivedTasks([knownTask(held)], new Map())).toThrow(/not held/u);
	});
});
