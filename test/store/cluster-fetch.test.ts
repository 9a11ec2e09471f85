// A service in a crash loop for hours has thousands of stopped tasks; why it fails is in the
// newest. Both the live view's problem feed and `--once` read them through fetchTasks.
import {DescribeTasksCommand, ECSClient, ListTasksCommand} from '@aws-sdk/client-ecs';
import {mockClient} from 'aws-sdk-client-mock';
import {describe, expect, it} from 'vitest';
import {createEcsAdapter} from '../../source/aws/ecs.js';
import {fetchTasks} from '../../source/store/cluster-fetch.js';

const taskArn = (index: number) =>
	`arn:aws:ecs:us-east-1:123456789012:task/web/${index.toString(16).padStart(32, '0')}`;

describe('fetchTasks', () => {
	it('describes only the newest ones asked for, in one call, and says how many were listed', async () => {
		const client = new ECSClient({
			region: 'us-east-1',
			credentials: {accessKeyId: 'a', secretAccessKey: 'b'},
		});
		const ecsMock = mockClient(client);
		const listed = Array.from({length: 250}, (_, index) => taskArn(index));
		ecsMock
			.on(ListTasksCommand)
			.callsFake((input: {nextToken?: string}) => {
				const start = Number(input.nextToken ?? 0);
				const next = start + 100 < listed.length ? String(start + 100) : undefined;
				return {taskArns: listed.slice(start, start + 100), nextToken: next};
			})
			.on(DescribeTasksCommand)
			.callsFake((input: {tasks?: string[]}) => ({
				tasks: (input.tasks ?? []).map((arn) => ({taskArn: arn, lastStatus: 'STOPPED'})),
			}));

		const fetched = await fetchTasks(createEcsAdapter(client), 'web', {
			serviceName: 'checkout-worker',
			desiredStatus: 'STOPPED',
			newest: 100,
		});

		expect(fetched.listed).toBe(250);
		expect(fetched.items.map((task) => task.arn)).toEqual(listed.slice(0, 100));
		const describes = ecsMock.commandCalls(DescribeTasksCommand);
		expect(describes).toHaveLength(1);
		const lists = ecsMock.commandCalls(ListTasksCommand);
		expect(lists[0]!.args[0].input).toMatchObject({
			serviceName: 'checkout-worker',
			desiredStatus: 'STOPPED',
		});
	});
});
