/**
 * What the problem feed costs in AWS calls: the live view left open at the default refresh on
 * `large`, with the problem-tasks tier (the stopped tasks of services that show failures) and
 * without it, on the user's first screen and on messaging-prod (the cluster of `large` with the most failing
 * services: three).
 * The difference is the feed's cost; its bound is PROBLEM_TASKS_CALLS_PER_MINUTE (a run takes
 * PROBLEM_SERVICES_PER_RUN services, a ListTasks each and one DescribeTasks for them all, every
 * PROBLEM_TASKS_EVERY refreshes, and only what the tier's allowance has room for).
 *
 *   npm run bench:problems [-- --minutes 10]
 */
import {loadavg} from 'node:os';
import {
	PROBLEM_SERVICES_PER_RUN,
	PROBLEM_TASKS_CALLS_PER_MINUTE,
	PROBLEM_TASKS_EVERY,
} from '../source/store/tiers/problem-tasks.js';
import {measureLiveCalls} from './live-calls.js';

const minutes = Number(process.argv[process.argv.indexOf('--minutes') + 1]) || 10;
const load = () =>
	loadavg()
		.map((value) => value.toFixed(2))
		.join(' ');

console.log(
	`bound: ${PROBLEM_TASKS_CALLS_PER_MINUTE} calls a minute (${PROBLEM_SERVICES_PER_RUN} services a run, ` +
		`a list each and one describe, every ${PROBLEM_TASKS_EVERY} refreshes)`,
);
for (const cluster of [undefined, 'messaging-prod']) {
	console.log(`\nlarge, ${cluster ?? 'first screen'}, ${minutes} minutes (load average ${load()})`);
	const options = {minutes, ...(cluster === undefined ? {} : {cluster})};
	const withFeed = await measureLiveCalls('large', options);
	const without = await measureLiveCalls('large', {...options, disabledTiers: ['problem-tasks']});
	console.log(`on screen: ${withFeed.view}`);
	const extra = withFeed.perMinute - without.perMinute;
	console.log(
		`calls a minute: ${withFeed.perMinute.toFixed(1)} with the problem tier, ` +
			`${without.perMinute.toFixed(1)} without: ${extra.toFixed(1)} for the feed ` +
			`(busiest minute ${withFeed.peakMinute} vs ${without.peakMinute}; load average ${load()})`,
	);
	for (const operation of ['ECS.ListTasks', 'ECS.DescribeTasks'])
		console.log(
			`  ${operation}: ${(withFeed.byOperation[operation] ?? 0).toFixed(1)} vs ` +
				`${(without.byOperation[operation] ?? 0).toFixed(1)}/min`,
		);
}
