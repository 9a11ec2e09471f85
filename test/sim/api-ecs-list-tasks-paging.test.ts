/**
 * ListTasks paging: each page carries on from the previous page's walk when nothing moved, and
 * the pages are always the ones a walk from the first task would give, whatever happened between
 * them (tasks stopped, started, a token used twice).
 */
import {describe, expect, it} from 'vitest';
import {paginateWhere} from '../../source/sim/api/pagination.js';
import {taskListWalks} from '../../source/sim/api/ecs-task-walks.js';
import type {ClusterState, TaskState} from '../../source/sim/world/types.js';
import type {World} from '../../source/sim/world/world.js';
import {buildEcsFixture, type EcsFixture} from './api-ecs-fixture.js';

function pageOf(
	fixture: EcsFixture,
	input: Record<string, unknown>,
): {taskArns: string[]; nextToken?: string} {
	return fixture.call('ListTasks', {cluster: 'batch', ...input}) as {
		taskArns: string[];
		nextToken?: string;
	};
}

/** What a walk from the first task gives: the running tasks in the cluster's order. */
function runningArns(fixture: EcsFixture): string[] {
	return [...fixture.cluster.tasks.values()]
		.filter((task) => task.desiredStatus === 'RUNNING')
		.map((task) => task.arn);
}

function allPages(fixture: EcsFixture, maxResults: number): string[] {
	const arns: string[] = [];
	let nextToken: string | undefined;
	do {
		const page = pageOf(fixture, {maxResults, nextToken});
		arns.push(...page.taskArns);
		nextToken = page.nextToken;
	} while (nextToken !== undefined);
	return arns;
}

describe('ListTasks paging', () => {
	it('gives every running task once, in the cluster order', () => {
		const fixture = buildEcsFixture({desiredCount: 40});
		const expected = runningArns(fixture);
		expect(expected).toHaveLength(40);
		expect(allPages(fixture, 7)).toEqual(expected);
		// Again, and with another page size: the walks kept by the first paging do not leak.
		expect(allPages(fixture, 10)).toEqual(expected);
	});

	it('pages as a walk from the start would after a task before the page stops', () => {
		const fixture = buildEcsFixture({desiredCount: 40});
		const first = pageOf(fixture, {maxResults: 10});
		const before = runningArns(fixture);
		fixture.call('StopTask', {cluster: 'batch', task: first.taskArns[2]!});
		const after = runningArns(fixture);
		expect(after).toHaveLength(before.length - 1);
		// The token names an offset: a walk from the start skips one task the stop moved up.
		const second = pageOf(fixture, {maxResults: 10, nextToken: first.nextToken});
		expect(second.taskArns).toEqual(after.slice(10, 20));
		expect(second.taskArns[0]).toBe(before[11]);
	});

	it('pages as a walk from the start would after the world moved on and started tasks', () => {
		const fixture = buildEcsFixture({desiredCount: 20});
		const first = pageOf(fixture, {maxResults: 15});
		fixture.call('UpdateService', {cluster: 'batch', service: 'sim-runner', desiredCount: 30});
		fixture.advance(60_000);
		expect(runningArns(fixture)).toHaveLength(30);
		const second = pageOf(fixture, {maxResults: 15, nextToken: first.nextToken});
		expect(second.taskArns).toEqual(runningArns(fixture).slice(15, 30));
	});

	it('answers a token used twice with the same page both times', () => {
		const fixture = buildEcsFixture({desiredCount: 30});
		const first = pageOf(fixture, {maxResults: 10});
		const again = pageOf(fixture, {maxResults: 10, nextToken: first.nextToken});
		const once = pageOf(fixture, {maxResults: 10, nextToken: first.nextToken});
		expect(once).toEqual(again);
		expect(again.taskArns).toEqual(runningArns(fixture).slice(10, 20));
	});

	it('keeps the walks of different filters apart', () => {
		const fixture = buildEcsFixture({desiredCount: 30});
		const stopped = pageOf(fixture, {maxResults: 2});
		for (const arn of stopped.taskArns) fixture.call('StopTask', {cluster: 'batch', task: arn});
		const running = pageOf(fixture, {maxResults: 10});
		const stoppedPage = pageOf(fixture, {desiredStatus: 'STOPPED', maxResults: 1});
		expect(stoppedPage.taskArns).toHaveLength(1);
		const stoppedNext = pageOf(fixture, {
			desiredStatus: 'STOPPED',
			maxResults: 1,
			nextToken: stoppedPage.nextToken,
		});
		const runningNext = pageOf(fixture, {maxResults: 10, nextToken: running.nextToken});
		const stoppedArns = [...fixture.cluster.tasks.values()]
			.filter((task) => task.desiredStatus === 'STOPPED')
			.map((task) => task.arn);
		expect([...stoppedPage.taskArns, ...stoppedNext.taskArns]).toEqual(stoppedArns.slice(0, 2));
		expect(runningNext.taskArns).toEqual(runningArns(fixture).slice(10, 20));
	});

	it('walks a 20,000-task list about once across its 200 pages', () => {
		let revision = 0;
		const world = {taskListRevision: () => revision} as unknown as World;
		const tasks = new Map<string, TaskState>();
		for (let i = 0; i < 20_000; i++)
			tasks.set(`t${i}`, {id: `t${i}`, desiredStatus: 'RUNNING'} as TaskState);
		const cluster = {tasks} as unknown as ClusterState;
		let visited = 0;
		const keep = (task: TaskState): boolean => {
			visited++;
			return task.desiredStatus === 'RUNNING';
		};
		const page = (nextToken: string | undefined) =>
			paginateWhere(
				cluster.tasks.values(),
				keep,
				{operation: 'ListTasks', nextToken, defaultSize: 100, maxSize: 100},
				undefined,
				taskListWalks(world, cluster, 'running'),
			);
		const ids: string[] = [];
		let nextToken: string | undefined;
		do {
			const result = page(nextToken);
			ids.push(...result.items.map((task) => task.id));
			nextToken = result.nextToken;
		} while (nextToken !== undefined);
		expect(ids).toEqual([...tasks.keys()]);
		expect(visited).toBeLessThanOrEqual(20_000 + 200);

		// Once the list moves, a page walks from the start again, and still gives the right tasks.
		const second = page(undefined);
		revision++;
		visited = 0;
		expect(page(second.nextToken).items.map((task) => task.id)).toEqual(ids.slice(100, 200));
		expect(visited).toBeGreaterThan(100);
	});
});
