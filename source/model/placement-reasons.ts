/**
 * Why a service's task cannot be placed: for each container instance of the cluster, the rules
 * that keep the task off it (too little CPU or memory left, a host port already bound, a
 * placement constraint, the instance draining or its agent disconnected), worked out from data
 * the screen already has. Instances that fail for the same reasons are one group, so a cluster
 * of 300 alike instances reads as one line.
 *
 * ECS decides placement itself and says little more than "no container instance met all of its
 * requirements"; this answers the operator's next question, "which requirement, where?". It is an
 * estimate from the last refresh, not ECS's own verdict.
 */
import type {ContainerInstance} from './container-instance.js';
import type {PlacementConstraint, Service} from './service.js';
import type {Task} from './task.js';
import type {TaskDefinition} from './task-definition.js';

/** What one task of the service asks of an instance. */
export type TaskNeeds = {
	/** CPU units (1024 per vCPU). */
	readonly cpu: number;
	/** MiB ECS reserves for the task. */
	readonly memory: number;
	/** Host ports the task binds itself (fixed ones; dynamic ports never conflict). */
	readonly tcpPorts: readonly number[];
	readonly udpPorts: readonly number[];
};

/** One reason an instance cannot take the task. */
export type Blocker =
	| {readonly kind: 'not-active'; readonly status: string}
	| {readonly kind: 'disconnected'}
	| {readonly kind: 'capacity-provider'; readonly wanted: readonly string[]}
	| {readonly kind: 'cpu'; readonly short: number}
	| {readonly kind: 'memory'; readonly short: number}
	| {readonly kind: 'ports'; readonly protocol: 'tcp' | 'udp'; readonly ports: readonly number[]}
	| {readonly kind: 'distinct-instance'}
	| {readonly kind: 'member-of'; readonly expression: string};

export type InstanceVerdict = {
	readonly instance: ContainerInstance;
	/** Empty when the task fits as far as the data shows. */
	readonly blockers: readonly Blocker[];
};

/** Instances kept off for the same kinds of reason, with the reasons as they read for the group. */
export type VerdictGroup = {
	readonly instances: readonly ContainerInstance[];
	/** One phrase per blocker kind, amounts as a range over the group (`CPU short by 64-256 units`). */
	readonly reasons: readonly string[];
	readonly fits: boolean;
};

export type PlacementReport =
	| {readonly kind: 'not-ec2'; readonly why: string}
	| {readonly kind: 'no-instances'}
	| {
			readonly kind: 'report';
			readonly needs: TaskNeeds;
			readonly groups: readonly VerdictGroup[];
			/** memberOf expressions this code cannot evaluate: named, never guessed. */
			readonly unchecked: readonly string[];
	  };

/** The AWS-chosen infrastructure: Fargate has no instances to reason about. */
function fargateWhy(service: Service): string | undefined {
	if (service.launchType === 'FARGATE') return 'the service runs on Fargate: AWS places its tasks';
	if (service.launchType === 'EXTERNAL') return undefined;
	const providers = service.capacityProviderStrategy.map((item) => item.capacityProvider);
	if (providers.length > 0 && providers.every((name) => name.startsWith('FARGATE')))
		return 'the service runs on Fargate capacity providers: AWS places its tasks';
	return undefined;
}

function positive(value: number | undefined): number {
	return value !== undefined && Number.isFinite(value) && value > 0 ? value : 0;
}

/**
 * What one task needs: the task-level size when the definition has one (that is what ECS
 * reserves on EC2), else the sum of its containers (memory: the soft reservation when set, as
 * ECS reserves that, else the hard limit).
 */
export function taskNeeds(definition: TaskDefinition): TaskNeeds {
	const taskCpu = positive(Number(definition.cpu));
	const taskMemory = positive(Number(definition.memory));
	let cpu = 0;
	let memory = 0;
	const tcpPorts = new Set<number>();
	const udpPorts = new Set<number>();
	for (const container of definition.containers) {
		cpu += positive(container.cpu);
		memory += positive(container.memoryReservation ?? container.memory);
		for (const mapping of container.portMappings) {
			const port = hostPortOf(mapping, definition.networkMode);
			if (port === undefined) continue;
			(mapping.protocol === 'udp' ? udpPorts : tcpPorts).add(port);
		}
	}
	return {
		cpu: taskCpu || cpu,
		memory: taskMemory || memory,
		tcpPorts: [...tcpPorts].sort((a, b) => a - b),
		udpPorts: [...udpPorts].sort((a, b) => a - b),
	};
}

/** The fixed host port a mapping binds, if any: awsvpc tasks have their own network interface. */
function hostPortOf(
	mapping: TaskDefinition['containers'][number]['portMappings'][number],
	networkMode: string | undefined,
): number | undefined {
	if (networkMode === 'awsvpc') return undefined;
	const port =
		networkMode === 'host' ? (mapping.hostPort ?? mapping.containerPort) : mapping.hostPort;
	return port !== undefined && port > 0 ? port : undefined;
}

/** Host ports taken on an instance: what ECS reports as reserved, and what its tasks bind. */
function takenPorts(
	instance: ContainerInstance,
	tasks: readonly Task[],
	protocol: 'tcp' | 'udp',
): Set<number> {
	const taken = new Set<number>(
		(protocol === 'tcp' ? instance.reservedTcpPorts : instance.reservedUdpPorts) ?? [],
	);
	for (const task of tasks) {
		if (task.containerInstanceArn !== instance.arn || task.lastStatus === 'STOPPED') continue;
		for (const container of task.containers)
			for (const binding of container.networkBindings)
				if ((binding.protocol ?? 'tcp') === protocol && binding.hostPort !== undefined)
					taken.add(binding.hostPort);
	}
	return taken;
}

type Attribute = string | undefined;

/** What a cluster-query-language name reads on an instance; undefined when we do not know it. */
function instanceValue(instance: ContainerInstance, name: string): Attribute | null {
	if (name === 'ec2InstanceId') return instance.ec2InstanceId;
	if (name === 'agentConnected') return String(instance.agentConnected);
	if (name === 'attribute:ecs.instance-type') return instance.instanceType;
	if (name === 'attribute:ecs.availability-zone') return instance.availabilityZone;
	if (name.startsWith('attribute:')) {
		const attributes = instance.attributes;
		if (attributes === undefined) return null;
		return attributes[name.slice('attribute:'.length)];
	}
	// task:group, registeredAt, runningTasksCount ... are not worth guessing at.
	return null;
}

/** `t3.*` as ECS matches it: `*` any run of characters, the rest literally. */
function wildcard(pattern: string): RegExp {
	const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
	return new RegExp(`^${escaped}$`);
}

function listOf(text: string): string[] | undefined {
	const match = /^\[(.*)\]$/.exec(text.trim());
	if (!match) return undefined;
	return match[1]!
		.split(',')
		.map((item) => item.trim())
		.filter((item) => item !== '');
}

/**
 * One comparison of the cluster query language (`attribute:ecs.instance-type == t3.medium`,
 * `... in [a, b]`, `... =~ t3.*`, `... exists`): true, false, or undefined when it cannot be
 * told from the data (an unknown name, a form this does not read).
 */
function comparison(expression: string, instance: ContainerInstance): boolean | undefined {
	const match =
		/^\s*([\w.:-]+)\s+(==|!=|=~|!~|>=|<=|>|<|not\s+in|in|not\s+exists|exists)\s*(.*?)\s*$/i.exec(
			expression,
		);
	if (!match) return undefined;
	const [, name, rawOperator, operand = ''] = match;
	const value = instanceValue(instance, name!);
	if (value === null) return undefined;
	const operator = rawOperator!.toLowerCase().replace(/\s+/, ' ');
	const unquoted = operand.replace(/^["']|["']$/g, '');
	switch (operator) {
		case 'exists':
			return value !== undefined;
		case 'not exists':
			return value === undefined;
		case '==':
			return value === unquoted;
		case '!=':
			return value !== unquoted;
		case '=~':
			return value !== undefined && wildcard(unquoted).test(value);
		case '!~':
			return value === undefined || !wildcard(unquoted).test(value);
		case 'in':
		case 'not in': {
			const items = listOf(operand);
			if (items === undefined) return undefined;
			const found = value !== undefined && items.includes(value);
			return operator === 'in' ? found : !found;
		}
		default:
			// Numeric comparisons apply to values we do not keep.
			return undefined;
	}
}

/** An expression of comparisons joined by `and` or `or` (not both, no parentheses). */
export function matchesExpression(
	expression: string,
	instance: ContainerInstance,
): boolean | undefined {
	if (/[()]/.test(expression)) return undefined;
	const hasAnd = /\s(and|&&)\s/i.test(expression);
	const hasOr = /\s(or|\|\|)\s/i.test(expression);
	if (hasAnd && hasOr) return undefined;
	const parts = expression.split(/\s(?:and|&&|or|\|\|)\s/i);
	const results = parts.map((part) => comparison(part, instance));
	if (results.some((result) => result === undefined)) return undefined;
	return hasOr ? results.some(Boolean) : results.every(Boolean);
}

function memberOfBlockers(
	constraints: readonly PlacementConstraint[],
	instance: ContainerInstance,
	unchecked: Set<string>,
): Blocker[] {
	const blockers: Blocker[] = [];
	for (const constraint of constraints) {
		if (constraint.type !== 'memberOf' || constraint.expression === undefined) continue;
		const result = matchesExpression(constraint.expression, instance);
		if (result === undefined) unchecked.add(constraint.expression);
		else if (!result) blockers.push({kind: 'member-of', expression: constraint.expression});
	}
	return blockers;
}

function providersOf(service: Service): readonly string[] {
	return service.capacityProviderStrategy.map((item) => item.capacityProvider);
}

export type PlacementInput = {
	readonly service: Service;
	readonly taskDefinition: TaskDefinition;
	readonly instances: readonly ContainerInstance[];
	/** Tasks known in the cluster (or at least the service's): ports they bind, distinctInstance. */
	readonly tasks: readonly Task[];
};

/** Every reason one instance cannot take one more task of the service, in a fixed order. */
export function instanceBlockers(
	input: PlacementInput,
	instance: ContainerInstance,
	needs: TaskNeeds,
	unchecked: Set<string> = new Set(),
): Blocker[] {
	const {service, tasks} = input;
	const blockers: Blocker[] = [];
	if (instance.status !== 'ACTIVE') blockers.push({kind: 'not-active', status: instance.status});
	if (!instance.agentConnected) blockers.push({kind: 'disconnected'});
	const providers = providersOf(service);
	if (
		providers.length > 0 &&
		instance.capacityProviderName !== undefined &&
		!providers.includes(instance.capacityProviderName)
	)
		blockers.push({kind: 'capacity-provider', wanted: providers});
	if (needs.cpu > instance.cpuRemaining)
		blockers.push({kind: 'cpu', short: needs.cpu - instance.cpuRemaining});
	if (needs.memory > instance.memoryRemaining)
		blockers.push({kind: 'memory', short: needs.memory - instance.memoryRemaining});
	for (const protocol of ['tcp', 'udp'] as const) {
		const wanted = protocol === 'tcp' ? needs.tcpPorts : needs.udpPorts;
		if (wanted.length === 0) continue;
		const taken = takenPorts(instance, tasks, protocol);
		const clash = wanted.filter((port) => taken.has(port));
		if (clash.length > 0) blockers.push({kind: 'ports', protocol, ports: clash});
	}
	const constraints = service.placementConstraints;
	if (constraints.some((constraint) => constraint.type === 'distinctInstance')) {
		const group = `service:${service.name}`;
		const hasOne = tasks.some(
			(task) =>
				task.containerInstanceArn === instance.arn &&
				task.lastStatus !== 'STOPPED' &&
				task.desiredStatus !== 'STOPPED' &&
				(task.group === group || task.serviceName === service.name),
		);
		if (hasOne) blockers.push({kind: 'distinct-instance'});
	}
	blockers.push(...memberOfBlockers(constraints, instance, unchecked));
	return blockers;
}

/** Blockers of one kind read the same for the group whatever their amounts: the grouping key. */
function blockerKey(blocker: Blocker): string {
	switch (blocker.kind) {
		case 'not-active':
			return `status ${blocker.status}`;
		case 'ports':
			return `ports ${blocker.protocol} ${blocker.ports.join(',')}`;
		case 'member-of':
			return `memberOf ${blocker.expression}`;
		case 'capacity-provider':
			return 'capacity-provider';
		default:
			return blocker.kind;
	}
}

function range(values: readonly number[]): string {
	const low = Math.min(...values);
	const high = Math.max(...values);
	return low === high ? String(low) : `${low}-${high}`;
}

/** A blocker as people read it, amounts over all the group's instances. */
function describeBlockers(kind: Blocker, all: readonly Blocker[]): string {
	const amounts = () => all.map((blocker) => ('short' in blocker ? blocker.short : 0));
	switch (kind.kind) {
		case 'not-active':
			return `instance ${kind.status}`;
		case 'disconnected':
			return 'agent disconnected';
		case 'capacity-provider':
			return `not in capacity provider ${kind.wanted.join(' or ')}`;
		case 'cpu':
			return `CPU short by ${range(amounts())} units`;
		case 'memory':
			return `memory short by ${range(amounts())} MiB`;
		case 'ports':
			return `host port ${kind.ports.join(', ')}${kind.protocol === 'udp' ? '/udp' : ''} taken`;
		case 'distinct-instance':
			return 'distinctInstance: already runs a task of the service';
		case 'member-of':
			return `memberOf not met: ${kind.expression}`;
	}
}

/** Verdicts with the same blocker kinds as one group; the biggest group of blocked instances first. */
export function groupVerdicts(verdicts: readonly InstanceVerdict[]): VerdictGroup[] {
	const groups = new Map<string, InstanceVerdict[]>();
	for (const verdict of verdicts) {
		const key = verdict.blockers.map(blockerKey).join('|');
		const group = groups.get(key);
		if (group) group.push(verdict);
		else groups.set(key, [verdict]);
	}
	const out = [...groups.values()].map((members): VerdictGroup => {
		const first = members[0]!;
		const reasons = first.blockers.map((blocker, index) =>
			describeBlockers(
				blocker,
				members.map((member) => member.blockers[index]!),
			),
		);
		return {
			instances: members.map((member) => member.instance),
			reasons,
			fits: first.blockers.length === 0,
		};
	});
	// Blocked groups before the ones that fit, then by size: the common case reads first.
	return out.sort(
		(a, b) => Number(a.fits) - Number(b.fits) || b.instances.length - a.instances.length,
	);
}

/** Why the service's next task cannot be placed, instance by instance, grouped. */
export function placementReport(input: PlacementInput): PlacementReport {
	const why = fargateWhy(input.service);
	if (why !== undefined) return {kind: 'not-ec2', why};
	if (input.instances.length === 0) return {kind: 'no-instances'};
	const needs = taskNeeds(input.taskDefinition);
	const unchecked = new Set<string>();
	const verdicts = input.instances.map((instance) => ({
		instance,
		blockers: instanceBlockers(input, instance, needs, unchecked),
	}));
	return {kind: 'report', needs, groups: groupVerdicts(verdicts), unchecked: [...unchecked]};
}

/**
 * Whether the service has tasks waiting to be placed: fewer running and pending than desired,
 * or ECS's newest event says it could not place one.
 */
export function hasUnplacedTasks(service: Service): boolean {
	if (service.runningCount + service.pendingCount < service.desiredCount) return true;
	const newest = service.events[0]?.message ?? '';
	return /unable to place a task/i.test(newest);
}
