// Answers with the wrong types in them, through the real SDK and the ECS adapter, then drawn as
// the panes and detail views draw them: a wrong field reads as missing, a resource that cannot be
// named is dropped with a failure saying why, and nothing throws but a classified AwsApiError.
import {ECSClient} from '@aws-sdk/client-ecs';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {isAnswerFailure} from '../../source/aws/answer-items.js';
import {createEcsAdapter, type EcsAdapter} from '../../source/aws/ecs.js';
import {AwsApiError} from '../../source/aws/errors.js';
import type {Described} from '../../source/model/failure.js';
import {instanceDetailLines} from '../../source/ui/details/instance-detail.js';
import {serviceDetailLines} from '../../source/ui/details/service-detail.js';
import {taskDefinitionDetailLines} from '../../source/ui/details/task-definition-detail.js';
import {taskDetailLines} from '../../source/ui/details/task-detail.js';
import {rowOf} from '../../source/ui/panes/pane-list.js';
import {
	clustersPane,
	instancesPane,
	servicesPane,
	tasksPane,
	type PaneDefinition,
	type RowContext,
} from '../../source/ui/panes/pane-rows.js';
import {fieldTypeFuzz, startMutatingProxy, type Mutation} from '../helpers/mutating-proxy.js';
import {startTestSim, testCredentials, type TestSim} from '../helpers/sim.js';

let sim: TestSim;
beforeAll(async () => {
	sim = await startTestSim({scenario: 'demo', seed: 3});
});
afterAll(async () => {
	await sim.close();
});

async function withProxy<T>(mutate: Mutation, read: (ecs: EcsAdapter) => Promise<T>): Promise<T> {
	const proxy = await startMutatingProxy(sim.server.url, mutate);
	const client = new ECSClient({
		endpoint: proxy.url,
		region: 'us-east-1',
		credentials: testCredentials,
		maxAttempts: 1,
	});
	try {
		return await read(createEcsAdapter(client));
	} finally {
		client.destroy();
		await proxy.close();
	}
}

const context: RowContext = {
	now: Date.now(),
	sparklineRamp: [' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'],
	meterGlyphs: {filled: '#', empty: '-'},
	metric: () => undefined,
	ec2InstanceId: () => undefined,
	textKey: {},
};

/** Draws what the user would see of each item: its pane row and its detail view. */
function draw<T>(pane: PaneDefinition<T>, items: readonly T[], detail: (item: T) => unknown) {
	for (const item of items) {
		const row = rowOf(pane, item, context);
		for (const cell of Object.values(row.cells)) expect(typeof cell).toBe('string');
		detail(item);
	}
}

/** Every field holds the type its model says (wrong ones became undefined or a default). */
function expectPlainTypes(item: object, label: string): void {
	for (const [key, value] of Object.entries(item)) {
		const type = value === null ? 'null' : typeof value;
		expect(['string', 'number', 'boolean', 'undefined', 'object'], `${label}.${key}`).toContain(
			type,
		);
		if (type === 'number') expect(Number.isFinite(value), `${label}.${key}`).toBe(true);
	}
}

/** A call's outcome: its value, or an AwsApiError. Anything else thrown fails the test. */
async function settle<T>(call: () => Promise<T>): Promise<T | undefined> {
	try {
		return await call();
	} catch (error) {
		if (!(error instanceof AwsApiError)) throw error;
		expect(error.message.length).toBeGreaterThan(0);
		return undefined;
	}
}

/** Everything the panes read from ECS for one cluster, drawn; returns the failures met. */
async function readAndDraw(ecs: EcsAdapter): Promise<{failures: string[]; errors: number}> {
	const failures: string[] = [];
	let errors = 0;
	const note = <T>(described: Described<T> | undefined): readonly T[] => {
		if (described === undefined) {
			errors++;
			return [];
		}
		for (const failure of described.failures)
			if (isAnswerFailure(failure)) failures.push(failure.detail ?? '');
		return described.items;
	};
	const clusterArns = (await settle(() => ecs.listClusterArns())) ?? [];
	const clusters = note(await settle(() => ecs.describeClusters(clusterArns)));
	for (const cluster of clusters) expectPlainTypes(cluster, 'cluster');
	draw(clustersPane, clusters, () => undefined);
	const cluster = clusterArns[0];
	if (cluster === undefined) return {failures, errors};
	const serviceArns = (await settle(() => ecs.listServiceArns(cluster))) ?? [];
	const services = note(
		serviceArns.length === 0
			? {items: [], failures: []}
			: await settle(() => ecs.describeServices(cluster, serviceArns)),
	);
	draw(servicesPane, services, (service) => {
		expectPlainTypes(service, 'service');
		serviceDetailLines({service}, {width: 100, now: context.now});
	});
	const instanceArns = (await settle(() => ecs.listContainerInstanceArns(cluster))) ?? [];
	const instances = note(
		instanceArns.length === 0
			? {items: [], failures: []}
			: await settle(() => ecs.describeContainerInstances(cluster, instanceArns)),
	);
	const taskArns = (await settle(() => ecs.listTaskArns(cluster))) ?? [];
	const tasks = note(
		taskArns.length === 0
			? {items: [], failures: []}
			: await settle(() => ecs.describeTasks(cluster, taskArns)),
	);
	draw(instancesPane, instances, (instance) => {
		expectPlainTypes(instance, 'instance');
		instanceDetailLines({instance, tasks}, {width: 100, now: context.now});
	});
	draw(tasksPane, tasks, (task) => {
		expectPlainTypes(task, 'task');
		for (const container of task.containers) expectPlainTypes(container, 'container');
		taskDetailLines({task}, {width: 100, now: context.now});
	});
	const definitionArn = tasks[0]?.taskDefinitionArn;
	if (definitionArn) {
		const taskDefinition = await settle(() => ecs.describeTaskDefinition(definitionArn));
		if (taskDefinition === undefined) errors++;
		else {
			expectPlainTypes(taskDefinition, 'task definition');
			taskDefinitionDetailLines({taskDefinition}, {width: 100, now: context.now});
		}
	}
	return {failures, errors};
}

describe('answers of the wrong shape', () => {
	it('draws a cluster whose clusterName is a number under the name in its ARN', async () => {
		const mutate: Mutation = (body, operation) => {
			if (operation !== 'DescribeClusters') return body;
			const answer = body as {clusters: {clusterName: unknown; runningTasksCount: unknown}[]};
			answer.clusters[0]!.clusterName = 7;
			answer.clusters[0]!.runningTasksCount = 'many';
			return answer;
		};
		await withProxy(mutate, async (ecs) => {
			const arns = await ecs.listClusterArns();
			const {items} = await ecs.describeClusters(arns);
			const first = items.find((cluster) => cluster.arn === arns[0])!;
			expect(first.name).toBe(arns[0]!.split('/').pop());
			expect(first.runningTasksCount).toBe(0);
			expect(rowOf(clustersPane, first, context).cells['name']).toBe(first.name);
		});
	});

	it('drops a task with no usable ARN, and one not asked for, each with a failure saying why', async () => {
		const mutate: Mutation = (body, operation) => {
			if (operation !== 'DescribeTasks') return body;
			const answer = body as {tasks: Record<string, unknown>[]};
			const [first, second] = answer.tasks;
			first!['taskArn'] = {not: 'an arn'};
			answer.tasks.push({...second, taskArn: 'arn:aws:ecs:us-east-1:123456789012:task/other/abc'});
			answer.tasks.push(null as unknown as Record<string, unknown>);
			return answer;
		};
		await withProxy(mutate, async (ecs) => {
			const [cluster] = await ecs.listClusterArns();
			const arns = await ecs.listTaskArns(cluster!);
			const described = await ecs.describeTasks(cluster!, arns);
			expect(described.items).toHaveLength(arns.length - 1);
			const ours = described.failures.filter(isAnswerFailure).map((failure) => failure.detail);
			expect(ours).toEqual([
				"a task's taskArn is an object, not a name",
				'the answer holds a task that was not asked for',
				'a task in the answer is null, not an object',
			]);
		});
	});

	it('takes an empty 200 answer for an error, not for "no clusters"', async () => {
		await withProxy(
			() => undefined,
			async (ecs) => {
				const error = await ecs.listClusterArns().catch((thrown: unknown) => thrown);
				expect(error).toBeInstanceOf(AwsApiError);
				expect((error as AwsApiError).message).toMatch(
					/ListClusters answered without a clusterArns list/,
				);
			},
		);
	});

	it('survives a seeded fuzz of field types across every ECS read the panes make', async () => {
		let failures = 0;
		let errors = 0;
		for (let seed = 1; seed <= 40; seed++) {
			const outcome = await withProxy(fieldTypeFuzz(seed, 0.04), readAndDraw).catch(
				(error: unknown) => {
					throw new Error(`seed ${seed}: ${(error as Error).stack ?? String(error)}`);
				},
			);
			failures += outcome.failures.length;
			errors += outcome.errors;
		}
		// The fuzz did reach the checks: resources were dropped and whole answers refused.
		expect(failures).toBeGreaterThan(0);
		expect(errors).toBeGreaterThan(0);
	}, 120_000);
});
