/**
 * The one Auto Scaling write ecs-top makes: a cluster's instance count is the desired capacity
 * of the group behind its capacity provider.
 */
import {SetDesiredCapacityCommand, type AutoScalingClient} from '@aws-sdk/client-auto-scaling';
import {adapterContext, type AdapterOptions} from './call.js';
import {deadlineSignal, sendOnce, unwrapWriteError, type WriteOptions} from './write-once.js';

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
		 * ValidationError. Sent once, within the caller's deadline (write-once.ts).
		 */
		async setDesiredCapacity(
			autoScalingGroupName: string,
			desiredCapacity: number,
			options?: WriteOptions,
		): Promise<void> {
			const abortSignal = deadlineSignal(options);
			await call('SetDesiredCapacity', () =>
				limit(() =>
					client.send(
						sendOnce(
							new SetDesiredCapacityCommand({
								AutoScalingGroupName: autoScalingGroupName,
								DesiredCapacity: desiredCapacity,
								HonorCooldown: false,
							}),
						),
						{abortSignal},
					),
				).catch((error: unknown) => {
					throw unwrapWriteError(error);
				}),
			);
		},
	};
}
