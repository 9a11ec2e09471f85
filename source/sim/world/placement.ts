/**
 * Task placement on EC2 container instances, shared by RunTask and the service scheduler: filter the
 * instances a task fits on (status, capacity provider, constraints, CPU, memory, ports), then narrow
 * them with the strategies in order, as ECS does. When nothing fits, say why the closest instance
 * was refused, in the words ECS uses.
 */
import type {Random} from './random.js';
import type {TaskRequirement} from './task-requirements.js';
import type {
	ContainerInstanceState,
	PlacementConstraint,
	PlacementStrategy,
	TaskState,
} from './types.js';

export type PlacementRefusal = 'memberOf' | 'distinctInstance' | 'cpu' | 'memory' | 'ports';

export type PlacementResult =
	| {ok: true; instance: ContainerInstanceState}
	| {ok: false; refusal: 'noInstances'}
	| {ok: false; refusal: PlacementRefusal; closest: ContainerInstanceState};

export interface PlacementRequest {
	instances: readonly ContainerInstanceState[];
	/** Every zone the instances are in: lets a spread stop at the first instance that cannot be beaten. */
	zones?: readonly string[];
	requirement: TaskRequirement;
	/** Only instances of these capacity providers; undefined: any instance. */
	capacityProviders?: ReadonlySet<string>;
	constraints: readonly PlacementConstraint[];
	strategies: readonly PlacementStrategy[];
	/** The live (not STOPPED) tasks of the same task group, for spread and distinctInstance. */
	/**
	 * The live (not STOPPED) tasks of the same task group. A caller placing several tasks may push
	 * each new one onto the same array: the counts derived from it are then updated, not redone.
	 */
	groupTasks: readonly TaskState[];
	random: Random;
}

/** The default for services: "AZ balanced spread" in the console. */
export const defaultServiceStrategy: PlacementStrategy[] = [
	{type: 'spread', field: 'attribute:ecs.availability-zone'},
	{type: 'spread', field: 'instanceId'},
];

const checkOrder: PlacementRefusal[] = ['memberOf', 'distinctInstance', 'cpu', 'memory', 'ports'];

export function placeTask(request: PlacementRequest): PlacementResult {
	const counts = groupCounts(request.groupTasks);
	const memberOf = request.constraints.filter((c) => c.type === 'memberOf' && c.expression);
	const distinct = request.constraints.some((c) => c.type === 'distinctInstance');
	// A task definition that maps one host port twice fits nowhere.
	const selfConflict = new Set(request.requirement.ports).size !== request.requirement.ports.length;

	// Strategies rank instances lexicographically (each one only breaks the previous one's ties);
	// a `random` strategy, or the end of the list, leaves the remaining ties to chance. One pass
	// over the instances, no per-instance allocation: fleets have a thousand instances.
	const scorers: Array<(instance: ContainerInstanceState) => number> = [];
	/** No instance can score below these; reaching them all ends the search. */
	const floors: number[] = [];
	for (const strategy of request.strategies) {
		if (strategy.type === 'random') break;
		const score = scorer(strategy, counts);
		if (!score) continue;
		scorers.push(score);
		floors.push(scoreFloor(strategy, counts, request.zones));
	}
	const best = new Float64Array(scorers.length).fill(Infinity);
	const current = new Float64Array(scorers.length);
	const ties: ContainerInstanceState[] = [];
	let closest: ContainerInstanceState | undefined;
	let closestScore = -1;
	// Start at a random instance so that when the first unbeatable one is taken, it is a fair pick.
	const all = request.instances;
	const offset = all.length > 1 ? request.random.int(0, all.length - 1) : 0;
	for (let n = 0; n < all.length; n++) {
		const instance = all[(offset + n) % all.length]!;
		if (instance.status !== 'ACTIVE' || !instance.agentConnected) continue;
		if (
			request.capacityProviders &&
			!request.capacityProviders.has(instance.capacityProviderName ?? '')
		)
			continue;
		const refusal = selfConflict
			? 'ports'
			: firstRefusal(instance, request.requirement, memberOf, distinct, counts.perInstance);
		if (refusal === undefined) {
			let order = ties.length === 0 ? -1 : 0;
			for (let k = 0; k < scorers.length; k++) {
				const value = scorers[k]!(instance);
				current[k] = value;
				if (order === 0) {
					if (value < best[k]!) order = -1;
					else if (value > best[k]!) {
						order = 1;
						break;
					}
				}
			}
			if (order === -1) {
				best.set(current);
				ties.length = 0;
				ties.push(instance);
				if (floors.every((floor, k) => best[k] === floor)) return {ok: true, instance};
			} else if (order === 0) ties.push(instance);
			continue;
		}
		const score = checkOrder.indexOf(refusal);
		if (
			score > closestScore ||
			(score === closestScore &&
				closest !== undefined &&
				instance.remainingResources.cpu > closest.remainingResources.cpu)
		) {
			closest = instance;
			closestScore = score;
		}
	}
	if (ties.length === 0) {
		return closest
			? {ok: false, refusal: checkOrder[closestScore]!, closest}
			: {ok: false, refusal: 'noInstances'};
	}
	return {ok: true, instance: ties.length === 1 ? ties[0]! : request.random.pick(ties)};
}

function firstRefusal(
	instance: ContainerInstanceState,
	need: TaskRequirement,
	memberOf: readonly PlacementConstraint[],
	distinct: boolean,
	groupInstances: ReadonlyMap<string, number>,
): PlacementRefusal | undefined {
	if (memberOf.some((c) => !matchesExpression(instance, c.expression ?? ''))) return 'memberOf';
	if (distinct && groupInstances.has(instance.id)) return 'distinctInstance';
	const remaining = instance.remainingResources;
	if (remaining.cpu < need.cpu) return 'cpu';
	if (remaining.memory < need.memory) return 'memory';
	if (need.ports.length && need.ports.some((p) => remaining.ports.includes(p))) return 'ports';
	return undefined;
}

function scoreFloor(
	strategy: PlacementStrategy,
	counts: GroupCounts,
	zones: readonly string[] | undefined,
): number {
	const field = (strategy.field ?? '').toLowerCase();
	if (strategy.type === 'spread' && (field === 'instanceid' || field === 'host')) return 0;
	if (strategy.type === 'spread' && field === 'attribute:ecs.availability-zone' && zones) {
		return Math.min(...zones.map((z) => counts.perZone.get(z) ?? 0));
	}
	// binpack and anything else: only a full scan can tell.
	return -Infinity;
}

/** Lower is better. */
function scorer(
	strategy: PlacementStrategy,
	counts: GroupCounts,
): ((instance: ContainerInstanceState) => number) | undefined {
	const field = (strategy.field ?? '').toLowerCase();
	if (strategy.type === 'binpack') {
		return field === 'memory'
			? (i) => i.remainingResources.memory
			: (i) => i.remainingResources.cpu;
	}
	if (field === 'instanceid' || field === 'host') {
		const perInstance = counts.perInstance;
		return (i) => perInstance.get(i.id) ?? 0;
	}
	if (field.startsWith('attribute:')) {
		const name = strategy.field!.slice('attribute:'.length);
		if (name === 'ecs.availability-zone') {
			const perZone = counts.perZone;
			return (i) => perZone.get(zoneOf(i)) ?? 0;
		}
		// Spread over any other attribute: count the group's tasks on instances sharing its value.
		return undefined;
	}
	return undefined;
}

interface GroupCounts {
	counted: number;
	perZone: Map<string, number>;
	perInstance: Map<string, number>;
}

const groupCountCache = new WeakMap<readonly TaskState[], GroupCounts>();

/** How many of the group's tasks each zone and instance has, kept up as the array grows. */
function groupCounts(tasks: readonly TaskState[]): GroupCounts {
	let counts = groupCountCache.get(tasks);
	if (!counts || counts.counted > tasks.length) {
		counts = {counted: 0, perZone: new Map(), perInstance: new Map()};
		groupCountCache.set(tasks, counts);
	}
	for (; counts.counted < tasks.length; counts.counted++) {
		const task = tasks[counts.counted]!;
		counts.perZone.set(task.availabilityZone, (counts.perZone.get(task.availabilityZone) ?? 0) + 1);
		if (task.containerInstanceId)
			counts.perInstance.set(
				task.containerInstanceId,
				(counts.perInstance.get(task.containerInstanceId) ?? 0) + 1,
			);
	}
	return counts;
}

const zones = new WeakMap<ContainerInstanceState, string>();

/** An instance's zone never changes: looked up once, not per placement (fleets have thousands). */
function zoneOf(instance: ContainerInstanceState): string {
	let zone = zones.get(instance);
	if (zone === undefined) {
		zone = attribute(instance, 'ecs.availability-zone') ?? '';
		zones.set(instance, zone);
	}
	return zone;
}

export function attribute(instance: ContainerInstanceState, name: string): string | undefined {
	return instance.attributes.find((a) => a.name === name)?.value;
}

/**
 * The cluster query language, the parts services use: `attribute:NAME == v`, `!=`, `=~ glob`,
 * `!~`, `in [a, b]`, `not_in [...]`, `exists`, with `ec2InstanceId` and `agentConnected` as
 * built-in attributes, joined by `and` / `or` (no parentheses).
 */
export function matchesExpression(instance: ContainerInstanceState, expression: string): boolean {
	return expression
		.split(/\s+or\s+/i)
		.some((alternative) =>
			alternative.split(/\s+and\s+/i).every((term) => matchesTerm(instance, term.trim())),
		);
}

function matchesTerm(instance: ContainerInstanceState, term: string): boolean {
	const match = /^(\S+)\s*(==|!=|=~|!~|not_in|in|exists)\s*(.*)$/i.exec(term);
	if (!match) return false;
	const [, subject = '', op = '', rawValue = ''] = match;
	const actual = subjectValue(instance, subject);
	const value = rawValue.trim();
	switch (op.toLowerCase()) {
		case 'exists':
			return actual !== undefined;
		case '==':
			return actual === value;
		case '!=':
			return actual !== value;
		case '=~':
			return actual !== undefined && glob(value).test(actual);
		case '!~':
			return actual === undefined || !glob(value).test(actual);
		case 'in':
			return actual !== undefined && list(value).includes(actual);
		case 'not_in':
			return actual === undefined || !list(value).includes(actual);
		default:
			return false;
	}
}

function subjectValue(instance: ContainerInstanceState, subject: string): string | undefined {
	if (subject === 'ec2InstanceId') return instance.ec2InstanceId;
	if (subject === 'agentConnected') return String(instance.agentConnected);
	if (subject.startsWith('attribute:')) return attribute(instance, subject.slice(10));
	return undefined;
}

function list(raw: string): string[] {
	return raw
		.replace(/^\[|\]$/g, '')
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean);
}

function glob(pattern: string): RegExp {
	const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
	return new RegExp(`^${escaped}$`);
}
