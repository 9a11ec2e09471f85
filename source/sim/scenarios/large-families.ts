/**
 * Task definition families of the `large` fleet, registered the first time a service needs one and
 * shared by every cluster running that service (as `payments-api` runs in prod and staging alike).
 * A family gets one to three revisions with older image tags; services always deploy an explicit
 * `family:revision`, so a later revision (a broken release) never leaks into other clusters.
 */
import type {Random} from '../world/random.js';
import type {World} from '../world/world.js';
import {
	awslogs,
	ecrImage,
	httpHealthCheck,
	roleArn,
	simEnvironment,
	tags,
	type SimBehaviour,
} from './container-kit.js';
import {httpRoles} from './large-names.js';

export interface FamilyShape {
	cpu: number;
	memory: number;
	/** The team owning it, for tags and the awslogs group. */
	team: string;
	role: string;
	batch: boolean;
}

export interface RegisteredFamily extends FamilyShape {
	/** `family:revision` of the healthy release. */
	current: string;
	/** `family:revision` of a release that crash-loops, registered on demand. */
	broken?: string;
}

export class LargeFamilies {
	private readonly families = new Map<string, RegisteredFamily>();

	constructor(
		private readonly world: World,
		private readonly random: Random,
	) {}

	/** The family named `name`, registered with `shape` if it is new (an existing one keeps its own). */
	ensure(name: string, shape: () => FamilyShape): RegisteredFamily {
		const known = this.families.get(name);
		if (known) return known;
		const resolved = shape();
		const revisions = this.random.int(1, 3);
		let major = this.random.int(1, 4);
		let minor = this.random.int(0, 30);
		let current = '';
		for (let i = 0; i < revisions; i++) {
			minor += this.random.int(1, 3);
			if (this.random.chance(0.1)) major++;
			const definition = this.register(
				name,
				resolved,
				`${major}.${minor}.${this.random.int(0, 9)}`,
				{
					...this.load(resolved),
				},
			);
			current = `${name}:${definition.revision}`;
		}
		const family = {...resolved, current};
		this.families.set(name, family);
		return family;
	}

	/** A newer release of the family whose essential container exits 1 about 20 s after starting. */
	broken(name: string): string {
		const family = this.families.get(name);
		if (!family) throw new Error(`large scenario: unknown family ${name}`);
		if (!family.broken) {
			const definition = this.register(name, family, `${this.random.int(5, 9)}.0.0-rc.1`, {
				exitAfterSeconds: this.random.int(12, 30),
				exitCode: 1,
				cpu: 0.5,
				memory: 0.3,
			});
			family.broken = `${name}:${definition.revision}`;
		}
		return family.broken;
	}

	private load(shape: FamilyShape): SimBehaviour {
		const cpu = 0.05 + this.random.next() * 0.75;
		const memory = 0.2 + this.random.next() * 0.6;
		if (!shape.batch) return {cpu, memory};
		return {cpu, memory, exitAfterSeconds: this.random.int(3, 12) * 60, exitCode: 0};
	}

	private register(name: string, shape: FamilyShape, version: string, behaviour: SimBehaviour) {
		const world = this.world;
		const http = httpRoles.has(shape.role);
		const logGroup = `/ecs/${shape.team}/${name}`;
		if (!world.logs.groups.has(logGroup)) world.logs.createGroup(logGroup);
		return world.registerTaskDefinition({
			family: name,
			networkMode: 'bridge',
			taskRoleArn: roleArn(world, `${name}-task`),
			executionRoleArn: roleArn(world, 'ecsTaskExecutionRole'),
			containerDefinitions: [
				{
					name: shape.role,
					image: ecrImage(world, name, version),
					cpu: shape.cpu,
					memory: shape.memory,
					essential: true,
					portMappings: http ? [{containerPort: 8080, hostPort: 0, protocol: 'tcp'}] : [],
					healthCheck: http ? httpHealthCheck(8080) : undefined,
					environment: [{name: 'SERVICE_NAME', value: name}, ...simEnvironment(behaviour)],
					logConfiguration: awslogs(world, logGroup),
				},
			],
			tags: tags({team: shape.team}),
		});
	}
}
