/**
 * The `:td` view's list: the account's ACTIVE task definition revisions, newest first. Listed
 * only while the view is open, and slowly (the list changes when someone registers one).
 */
import {schedulerInterval} from '../poll-cadences.js';
import type {FleetTier, TierContext} from './context.js';

export function createTaskDefinitionListTier(ctx: TierContext): FleetTier {
	return {
		id: 'task-definition-list',
		enabled: (state) => state.taskDefinitionListWanted,
		...schedulerInterval('task-definition-list'),
		async run(signal) {
			const arns = await ctx.adapters.ecs.listTaskDefinitionArns({status: 'ACTIVE', sort: 'DESC'});
			signal.throwIfAborted();
			ctx.write((state) => {
				const same =
					state.taskDefinitionArns !== undefined &&
					state.taskDefinitionArns.length === arns.length &&
					state.taskDefinitionArns.every((arn, index) => arn === arns[index]);
				return same ? {} : {taskDefinitionArns: arns};
			});
		},
	};
}
