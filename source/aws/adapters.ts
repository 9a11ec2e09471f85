import type {AwsClients} from './clients.js';
import {createAutoScalingAdapter, type AutoScalingAdapter} from './autoscaling.js';
import {
	createAutoScalingActionsAdapter,
	type AutoScalingActionsAdapter,
} from './autoscaling-actions.js';
import {createCloudWatchAdapter, type CloudWatchAdapter} from './cloudwatch.js';
import {createLimiter, defaultConcurrency} from './concurrency.js';
import {createEc2Adapter, type Ec2Adapter} from './ec2.js';
import {createEcsAdapter, type EcsAdapter} from './ecs.js';
import {createEcsActionsAdapter, type EcsActionsAdapter} from './ecs-actions.js';
import {createLogsAdapter, type LogsAdapter} from './logs.js';
import {createStsAdapter, type StsAdapter} from './sts.js';

export type AwsAdapters = {
	readonly ecs: EcsAdapter;
	readonly ec2: Ec2Adapter;
	readonly autoScaling: AutoScalingAdapter;
	readonly cloudWatch: CloudWatchAdapter;
	readonly sts: StsAdapter;
	/** The log view's reads (CloudWatch Logs). */
	readonly logs: LogsAdapter;
	/** The writes behind the action keys (source/store/writes), apart from the pollers' reads. */
	readonly ecsActions: EcsActionsAdapter;
	readonly autoScalingActions: AutoScalingActionsAdapter;
};

/** All the adapters over one set of clients, sharing one cap on calls in flight. */
export function createAwsAdapters(
	clients: AwsClients,
	/** `listPagesFirst`: a list's later pages before the calls waiting (Limiter.next). */
	options: {concurrency?: number; listPagesFirst?: boolean} = {},
): AwsAdapters {
	const shared = {
		profile: clients.profile,
		endpointUrl: clients.endpointUrl,
		limit: createLimiter(options.concurrency ?? defaultConcurrency, {
			listPagesFirst: options.listPagesFirst ?? false,
		}),
	};
	return {
		ecs: createEcsAdapter(clients.ecs, shared),
		ec2: createEc2Adapter(clients.ec2, shared),
		autoScaling: createAutoScalingAdapter(clients.autoScaling, shared),
		cloudWatch: createCloudWatchAdapter(clients.cloudWatch, shared),
		sts: createStsAdapter(clients.sts, shared),
		logs: createLogsAdapter(clients.logs, shared),
		ecsActions: createEcsActionsAdapter(clients.ecs, shared),
		autoScalingActions: createAutoScalingActionsAdapter(clients.autoScaling, shared),
	};
}
