/**
 * The one Auto Scaling write ecs-top makes: a cluster's instance count is the desired capacity
 * of the group behind its capacity provider.
 */
import {SetDesiredCapacityCommand, type AutoScalingClient} from '@aws-sdk/client-auto-scaling';
import {adapterContext, type AdapterOptions} from './call.js';

export type AutoScalingActionsAdapter = ReturnType<typeof createAutoScalingActionsAdapter>;

export function createAutoScalingActionsAdapter(
	client: AutoScalingClient,
	options: AdapterOptions = {},
) {
	const {call, limit} = adapterContext('autoscaling', options);
	return {
		/**
		 * HonorCooldown false: the user asked for this number now, and a cooldown left by an
		 * earlier scaling activity would otherwise refuse it. Outside MinSize..MaxSize AWS answers
		 * ValidationError.
		 */
		async setDesiredCapacity(autoScalingGroupName: string, desiredCapacity: number): Promise<void> {
			await call('SetDesiredCapacity', () =>
				limit(() =>
					client.send(
						new SetDesiredCapacityCommand({
							AutoScalingGroupName: autoScalingGroupName,
							DesiredCapacity: desiredCapacity,
							HonorCooldown: false,
						}),
					),
				),
			);
		},
	};
}
