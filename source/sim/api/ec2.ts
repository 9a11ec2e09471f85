/**
 * The EC2 operations ecs-top needs (ec2 query protocol): DescribeInstances and
 * DescribeInstanceStatus, with EC2's id checks, filters and MaxResults/NextToken paging.
 */
import type {OperationTable, RequestContext} from '../handler.js';
import type {Ec2InstanceState} from '../world/types.js';
import type {World} from '../world/world.js';
import {compileFilters, readFilters, type FilterFields} from './ec2-filters.js';
import {instanceNotFound, optionalBoolean, readInstanceIds, readMaxResults} from './ec2-input.js';
import {instanceShape, instanceStateShape, stateCodes, tagsOf} from './ec2-instance-shape.js';
import {paginate} from './pagination.js';

/** EC2 keeps terminated instances visible for about an hour. */
const terminatedVisibleMs = 60 * 60 * 1000;
/** A running instance's status checks stay `initializing` for its first minutes. */
const statusChecksInitializingMs = 3 * 60 * 1000;
/** With no MaxResults EC2 returns everything; a page of 1000 keeps any one answer bounded. */
const defaultPageSize = 1000;

const instanceFilterFields = (world: World): FilterFields<Ec2InstanceState> => ({
	'instance-id': (i) => [i.instanceId],
	'instance-state-name': (i) => [i.state],
	'instance-state-code': (i) => [String(stateCodes[i.state])],
	'instance-type': (i) => [i.instanceType],
	'availability-zone': (i) => [i.availabilityZone],
	'private-ip-address': (i) => [i.privateIpAddress],
	'private-dns-name': (i) => [i.privateDnsName],
	'image-id': (i) => [i.imageId],
	'reservation-id': (i) => [i.reservationId],
	'subnet-id': (i) => [i.subnetId],
	'vpc-id': (i) => [i.vpcId],
	'instance-lifecycle': (i) => [i.instanceLifecycle],
	'owner-id': () => [world.accountId],
});

function visibleInstances(world: World): Ec2InstanceState[] {
	const now = world.now();
	const visible: Ec2InstanceState[] = [];
	for (const instance of world.ec2Instances.values()) {
		const gone =
			instance.state === 'terminated' &&
			(instance.terminateAt ?? instance.launchTime) + terminatedVisibleMs <= now;
		if (!gone) visible.push(instance);
	}
	return visible;
}

/** Instances named by `InstanceId.N` (all must exist), or every visible one. */
function selectInstances(world: World, ids: string[]): Ec2InstanceState[] {
	const visible = visibleInstances(world);
	if (ids.length === 0) return visible;
	const wanted = new Set(ids);
	const found = visible.filter((instance) => wanted.has(instance.instanceId));
	if (found.length < wanted.size) {
		const foundIds = new Set(found.map((instance) => instance.instanceId));
		throw instanceNotFound(ids.filter((id) => !foundIds.has(id)));
	}
	return found;
}

function describeInstances(input: Record<string, unknown>, {world}: RequestContext): unknown {
	const ids = readInstanceIds(input);
	const maxResults = readMaxResults(input, ids.length > 0, 'instancesSet');
	const matches = compileFilters(readFilters(input), instanceFilterFields(world), tagsOf);
	const page = paginate(
		selectInstances(world, ids).filter(matches),
		{
			operation: 'DescribeInstances',
			maxResults,
			defaultSize: defaultPageSize,
			maxSize: 1000,
			nextToken: typeof input['NextToken'] === 'string' ? input['NextToken'] : undefined,
		},
		'InvalidPaginationToken',
	);
	return {reservationSet: groupIntoReservations(page.items, world), nextToken: page.nextToken};
}

/** Instances launched together share a reservation; the page keeps launch order. */
function groupIntoReservations(instances: Ec2InstanceState[], world: World): unknown[] {
	const reservations: Array<{reservationId: string; items: Ec2InstanceState[]}> = [];
	for (const instance of instances) {
		const last = reservations.at(-1);
		if (last?.reservationId === instance.reservationId) last.items.push(instance);
		else reservations.push({reservationId: instance.reservationId, items: [instance]});
	}
	return reservations.map(({reservationId, items}) => ({
		reservationId,
		ownerId: world.accountId,
		groupSet: [],
		instancesSet: items.map((instance) => instanceShape(instance, world)),
	}));
}

type CheckStatus = 'ok' | 'initializing' | 'not-applicable';

function checkStatus(instance: Ec2InstanceState, now: number): CheckStatus {
	if (instance.state !== 'running') return 'not-applicable';
	return now - instance.launchTime < statusChecksInitializingMs ? 'initializing' : 'ok';
}

function statusSummary(status: CheckStatus): Record<string, unknown> {
	return {
		status,
		details:
			status === 'not-applicable' ? [] : [{name: 'reachability', status: reachabilityOf(status)}],
	};
}

function describeInstanceStatus(input: Record<string, unknown>, {world}: RequestContext): unknown {
	const ids = readInstanceIds(input);
	const maxResults = readMaxResults(input, ids.length > 0, 'instancesSet');
	const includeAll = optionalBoolean(input['IncludeAllInstances'], 'IncludeAllInstances') ?? false;
	const now = world.now();
	const fields: FilterFields<Ec2InstanceState> = {
		'availability-zone': (i) => [i.availabilityZone],
		'instance-state-name': (i) => [i.state],
		'instance-state-code': (i) => [String(stateCodes[i.state])],
		'instance-status.status': (i) => [checkStatus(i, now)],
		'system-status.status': (i) => [checkStatus(i, now)],
		'instance-status.reachability': (i) => [reachabilityOf(checkStatus(i, now))],
		'system-status.reachability': (i) => [reachabilityOf(checkStatus(i, now))],
	};
	const matches = compileFilters(readFilters(input), fields, () => []);
	const selected = selectInstances(world, ids).filter(
		(instance) => (includeAll || instance.state === 'running') && matches(instance),
	);
	const page = paginate(
		selected,
		{
			operation: 'DescribeInstanceStatus',
			maxResults,
			defaultSize: defaultPageSize,
			maxSize: 1000,
			nextToken: typeof input['NextToken'] === 'string' ? input['NextToken'] : undefined,
		},
		'InvalidPaginationToken',
	);
	return {
		instanceStatusSet: page.items.map((instance) => {
			const status = checkStatus(instance, now);
			return {
				instanceId: instance.instanceId,
				availabilityZone: instance.availabilityZone,
				eventsSet: [],
				instanceState: instanceStateShape(instance.state),
				instanceStatus: statusSummary(status),
				systemStatus: statusSummary(status),
			};
		}),
		nextToken: page.nextToken,
	};
}

function reachabilityOf(status: CheckStatus): string {
	return status === 'ok' ? 'passed' : status;
}

export const ec2Handlers: OperationTable = {
	DescribeInstances: describeInstances,
	DescribeInstanceStatus: describeInstanceStatus,
};
