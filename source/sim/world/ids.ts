/**
 * Ids and ARNs shaped as AWS makes them, all drawn from the world's seeded Random so that the same
 * seed and the same sequence of calls give the same ids.
 */
import type {Random} from './random.js';

export class Ids {
	constructor(
		private readonly random: Random,
		readonly region: string,
		readonly accountId: string,
	) {}

	ecsArn(resource: string): string {
		return `arn:aws:ecs:${this.region}:${this.accountId}:${resource}`;
	}

	clusterArn(name: string): string {
		return this.ecsArn(`cluster/${name}`);
	}

	serviceArn(cluster: string, name: string): string {
		return this.ecsArn(`service/${cluster}/${name}`);
	}

	taskArn(cluster: string, id: string): string {
		return this.ecsArn(`task/${cluster}/${id}`);
	}

	containerInstanceArn(cluster: string, id: string): string {
		return this.ecsArn(`container-instance/${cluster}/${id}`);
	}

	taskDefinitionArn(family: string, revision: number): string {
		return this.ecsArn(`task-definition/${family}:${revision}`);
	}

	capacityProviderArn(name: string): string {
		return this.ecsArn(`capacity-provider/${name}`);
	}

	containerArn(cluster: string, taskId: string): string {
		return this.ecsArn(`container/${cluster}/${taskId}/${this.random.uuid()}`);
	}

	autoScalingGroupArn(name: string): string {
		return `arn:aws:autoscaling:${this.region}:${this.accountId}:autoScalingGroup:${this.random.uuid()}:autoScalingGroupName/${name}`;
	}

	/** 32 hex digits: tasks and container instances. */
	ecsId(): string {
		return this.random.hex(32);
	}

	ec2InstanceId(): string {
		return `i-${this.random.hex(17)}`;
	}

	reservationId(): string {
		return `r-${this.random.hex(17)}`;
	}

	/** `ecs-svc/` and 19 decimal digits, as service deployment ids are. */
	deploymentId(): string {
		let digits = String(this.random.int(1, 9));
		while (digits.length < 19) digits += String(this.random.int(0, 9));
		return `ecs-svc/${digits}`;
	}

	uuid(): string {
		return this.random.uuid();
	}

	/** A private address in the default VPC's 172.31.0.0/16, as a fresh account has. */
	privateIp(): string {
		return `172.31.${this.random.int(0, 255)}.${this.random.int(1, 254)}`;
	}

	runtimeId(taskId: string): string {
		return `${taskId}-${this.random.int(100_000_000, 4_294_967_295)}`;
	}

	imageDigest(): string {
		return `sha256:${this.random.hex(64)}`;
	}
}

/** The last path segment of an ARN or a plain name: `arn:...:task/c/abc` -> `abc`. */
export function lastSegment(ref: string): string {
	const slash = ref.lastIndexOf('/');
	return slash >= 0 ? ref.slice(slash + 1) : ref;
}
