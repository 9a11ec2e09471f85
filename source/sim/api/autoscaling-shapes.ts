/**
 * Auto Scaling groups, instances and activities as the query protocol names them (the member
 * names of @aws-sdk/client-auto-scaling's AutoScalingGroup, Instance and Activity schemas).
 */
import type {AsgInstance, AutoScalingGroupState} from '../world/types.js';
import type {World} from '../world/world.js';

function launchTemplateShape(group: AutoScalingGroupState): Record<string, unknown> {
	return {
		LaunchTemplateId: group.launchTemplate.launchTemplateId,
		LaunchTemplateName: group.launchTemplate.launchTemplateName,
		Version: group.launchTemplate.version,
	};
}

/** Type and AZ live on the EC2 instance; the group's own values cover one not yet in EC2. */
export function groupInstanceShape(
	group: AutoScalingGroupState,
	instance: AsgInstance,
	world: World,
): Record<string, unknown> {
	const ec2 = world.ec2Instances.get(instance.instanceId);
	return {
		InstanceId: instance.instanceId,
		InstanceType: ec2?.instanceType ?? group.instanceType,
		AvailabilityZone: ec2?.availabilityZone ?? group.availabilityZones[0] ?? '',
		LifecycleState: instance.lifecycleState,
		HealthStatus: instance.healthStatus,
		LaunchTemplate: launchTemplateShape(group),
		ProtectedFromScaleIn: instance.protectedFromScaleIn,
	};
}

export function groupShape(
	group: AutoScalingGroupState,
	world: World,
	includeInstances: boolean,
): Record<string, unknown> {
	const subnets = new Set<string>();
	for (const instance of group.instances) {
		const subnet = world.ec2Instances.get(instance.instanceId)?.subnetId;
		if (subnet) subnets.add(subnet);
	}
	return {
		AutoScalingGroupName: group.name,
		AutoScalingGroupARN: group.arn,
		LaunchTemplate: launchTemplateShape(group),
		MinSize: group.minSize,
		MaxSize: group.maxSize,
		DesiredCapacity: group.desiredCapacity,
		DefaultCooldown: group.defaultCooldown,
		AvailabilityZones: group.availabilityZones,
		LoadBalancerNames: [],
		TargetGroupARNs: [],
		HealthCheckType: group.healthCheckType,
		HealthCheckGracePeriod: group.healthCheckGracePeriod,
		Instances: includeInstances
			? group.instances.map((instance) => groupInstanceShape(group, instance, world))
			: undefined,
		CreatedTime: new Date(group.createdAt),
		SuspendedProcesses: [],
		VPCZoneIdentifier: [...subnets].sort().join(','),
		EnabledMetrics: [],
		Tags: group.tags.map((tag) => ({
			ResourceId: group.name,
			ResourceType: 'auto-scaling-group',
			Key: tag.key,
			Value: tag.value,
			PropagateAtLaunch: true,
		})),
		TerminationPolicies: ['Default'],
		NewInstancesProtectedFromScaleIn: group.newInstancesProtectedFromScaleIn,
		ServiceLinkedRoleARN: `arn:aws:iam::${world.accountId}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`,
		CapacityRebalance: false,
		TrafficSources: [],
		AvailabilityZoneDistribution: {CapacityDistributionStrategy: 'balanced-best-effort'},
	};
}

export function activityShape(
	group: AutoScalingGroupState,
	activity: AutoScalingGroupState['activities'][number],
): Record<string, unknown> {
	return {
		ActivityId: activity.id,
		AutoScalingGroupName: group.name,
		AutoScalingGroupARN: group.arn,
		Description: activity.description,
		Cause: activity.cause,
		StartTime: new Date(activity.startTime),
		EndTime: activity.endTime === undefined ? undefined : new Date(activity.endTime),
		StatusCode: activity.statusCode,
		Progress: activity.endTime === undefined ? 50 : 100,
		Details: '{}',
	};
}
