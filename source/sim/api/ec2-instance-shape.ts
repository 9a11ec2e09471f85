/**
 * An `Ec2InstanceState` as EC2's XML names it (`instancesSet` > `item`): the element names are
 * the `xmlName`s in @aws-sdk/client-ec2's Instance schema, so the real SDK fills `Instance` from it.
 */
import type {World} from '../world/world.js';
import type {Ec2InstanceState, Ec2State, Tag} from '../world/types.js';

export const stateCodes: Record<Ec2State, number> = {
	pending: 0,
	running: 16,
	'shutting-down': 32,
	terminated: 48,
	stopping: 64,
	stopped: 80,
};

/** Graviton families (m6g, c7gn, t4g...) report arm64; EC2 derives this from the AMI. */
export function architectureOf(instanceType: string): string {
	return /^[a-z]+\d+g/.test(instanceType) ? 'arm64' : 'x86_64';
}

/** EC2 tags instances launched by an Auto Scaling group; scenarios need not remember to. */
export function tagsOf(instance: Ec2InstanceState): Tag[] {
	const group = instance.autoScalingGroupName;
	if (group === undefined || instance.tags.some((t) => t.key === 'aws:autoscaling:groupName')) {
		return instance.tags;
	}
	return [...instance.tags, {key: 'aws:autoscaling:groupName', value: group}];
}

export function instanceStateShape(state: Ec2State): {code: number; name: string} {
	return {code: stateCodes[state], name: state};
}

export function instanceShape(instance: Ec2InstanceState, world: World): Record<string, unknown> {
	const gone = instance.state === 'shutting-down' || instance.state === 'terminated';
	const shape: Record<string, unknown> = {
		instanceId: instance.instanceId,
		imageId: instance.imageId,
		instanceState: instanceStateShape(instance.state),
		// EC2 blanks the DNS name and addresses once an instance is terminated.
		privateDnsName: instance.state === 'terminated' ? '' : instance.privateDnsName,
		dnsName: '',
		reason: gone ? 'User initiated' : '',
		amiLaunchIndex: 0,
		productCodes: [],
		instanceType: instance.instanceType,
		launchTime: new Date(instance.launchTime),
		placement: {availabilityZone: instance.availabilityZone, groupName: '', tenancy: 'default'},
		monitoring: {state: 'disabled'},
		subnetId: instance.subnetId,
		vpcId: instance.vpcId,
		privateIpAddress: instance.state === 'terminated' ? undefined : instance.privateIpAddress,
		sourceDestCheck: true,
		groupSet: [],
		architecture: architectureOf(instance.instanceType),
		rootDeviceType: 'ebs',
		rootDeviceName: '/dev/xvda',
		blockDeviceMapping: [],
		virtualizationType: 'hvm',
		clientToken: '',
		tagSet: tagsOf(instance).map((tag) => ({key: tag.key, value: tag.value})),
		hypervisor: 'xen',
		iamInstanceProfile: {
			arn: `arn:aws:iam::${world.accountId}:instance-profile/ecsInstanceRole`,
			id: 'AIPA' + instance.instanceId.slice(2, 19).toUpperCase().padEnd(17, '0'),
		},
		ebsOptimized: false,
		enaSupport: true,
		metadataOptions: {
			state: 'applied',
			httpTokens: 'required',
			httpPutResponseHopLimit: 2,
			httpEndpoint: 'enabled',
			httpProtocolIpv6: 'disabled',
			instanceMetadataTags: 'disabled',
		},
		platformDetails: 'Linux/UNIX',
		usageOperation: 'RunInstances',
		bootMode: 'uefi-preferred',
		currentInstanceBootMode: 'legacy-bios',
	};
	if (instance.instanceLifecycle === 'spot') shape['instanceLifecycle'] = 'spot';
	if (gone) {
		shape['stateReason'] = {
			code: 'Client.UserInitiatedShutdown',
			message: 'Client.UserInitiatedShutdown: User initiated shutdown',
		};
	}
	if (shape['privateIpAddress'] === undefined) delete shape['privateIpAddress'];
	return shape;
}
