/**
 * The focused cluster's services. Every refresh, the services on screen: one DescribeServices
 * call (10 services) with the selected service and, in turn, the others in view, so each row on
 * screen is at most a few refreshes old and the selected one (whose tasks are shown) one. The
 * whole list (ListServices 100 a page, DescribeServices 10 a call) is swept on the first load of
 * a cluster, on the user's refresh, and otherwise every SERVICES_SWEEP_EVERY refreshes, or slower
 * for a cluster so large that its sweep would cost more than SWEEP_CALLS_PER_MINUTE: 2,000
 * services are 220 calls, which every minute would be most of what AWS lets an account spend.
 */
import type {Service} from '../../model/service.js';
import type {ClusterView, FleetState} from '../fleet-store.js';
import {type FleetTier, type TierContext} from './context.js';
import {confirmedList, describeCounted} from './first-load.js';
import {emptyClusterView} from './instances.js';
import {reuseList, sortedBy} from './reuse.js';

/** Services counted in on a first load this many at a time (10 calls). */
const progressPart = 100;

/** DescribeServices takes 10 services a call: the services on screen described per refresh. */
export const SERVICES_ON_SCREEN_PER_RUN = 10;
/** The whole list is swept at least this many refreshes apart. */
export const SERVICES_SWEEP_EVERY = 12;
/** And at most this many calls a minute on average, however large the cluster. */
export const SWEEP_CALLS_PER_MINUTE = 8;

/** Task definition ARNs a service shows: the current one and any still rolling out or draining. */
export function serviceTaskDefinitions(service: Service): string[] {
	return [service.taskDefinition, ...service.deployments.map((d) => d.taskDefinition)].filter(
		(arn) => arn !== '',
	);
}

/** ListServices pages plus DescribeServices calls for `count` services. */
export function serviceSweepCalls(count: number): number {
	return Math.max(1, Math.ceil(count / 100)) + Math.ceil(count / 10);
}

/** The last sweep of a cluster's whole list. */
type Sweep = {clusterArn: string; at: number; calls: number; refreshRequests: number};

/**
 * The services on screen to describe now: the selected one first, then the next of the others
 * in view, taking turns (`turn` counts the runs), up to one call's worth.
 */
export function servicesOnScreen(
	state: FleetState,
	held: readonly Service[],
	turn: number,
): string[] {
	const heldArns = new Set(held.map((service) => service.arn));
	const selected = state.focus.serviceArn;
	const inView = state.visibleMetrics.serviceArns.filter(
		(arn) => heldArns.has(arn) && arn !== selected,
	);
	// No services pane on screen: the list itself takes turns, so none goes unrefreshed.
	const others = inView.length > 0 ? inView : held.map((s) => s.arn).filter((a) => a !== selected);
	const first = selected !== undefined && heldArns.has(selected) ? [selected] : [];
	const room = SERVICES_ON_SCREEN_PER_RUN - first.length;
	if (others.length <= room) return [...first, ...others];
	const start = (turn * room) % others.length;
	const picked = [...others.slice(start, start + room)];
	if (picked.length < room) picked.push(...others.slice(0, room - picked.length));
	return [...first, ...picked];
}

export function createClusterTier(ctx: TierContext): FleetTier {
	const {ecs} = ctx.adapters;
	let sweep: Sweep | undefined;
	let turn = 0;

	function sweepDue(state: FleetState, clusterArn: string, now: number): boolean {
		const held = state.clusterViews[clusterArn];
		if (held === undefined || sweep === undefined || sweep.clusterArn !== clusterArn) return true;
		if (sweep.refreshRequests !== state.refreshRequests) return true;
		const everyMs = Math.max(
			SERVICES_SWEEP_EVERY * state.refreshMs,
			(sweep.calls / SWEEP_CALLS_PER_MINUTE) * 60_000,
		);
		return now - sweep.at >= everyMs;
	}

	async function fetchAll(clusterArn: string, signal: AbortSignal): Promise<Service[]> {
		const held = ctx.read().clusterViews[clusterArn];
		const arns = await confirmedList(
			() => ecs.listServiceArns(clusterArn),
			(held?.services.length ?? 0) > 0,
			signal,
		);
		signal.throwIfAborted();
		if (arns.length === 0) return [];
		const options = {
			firstLoad: held === undefined || held.services.length === 0,
			part: progressPart,
			signal,
		};
		const described = await describeCounted(ctx, 'services', arns, options, (part) =>
			ecs.describeServices(clusterArn, part),
		);
		return [...described.items];
	}

	/** The held list with the services on screen as just described; a MISSING one dropped. */
	async function fetchOnScreen(
		clusterArn: string,
		held: readonly Service[],
		signal: AbortSignal,
	): Promise<Service[]> {
		const arns = servicesOnScreen(ctx.read(), held, turn++);
		if (arns.length === 0) return [...held];
		const described = await ecs.describeServices(clusterArn, arns);
		signal.throwIfAborted();
		const fresh = new Map(described.items.map((service) => [service.arn, service]));
		const gone = new Set(
			described.failures.filter((f) => f.reason === 'MISSING').map((f) => f.arn ?? ''),
		);
		return held.flatMap((service) =>
			gone.has(service.arn) ? [] : [fresh.get(service.arn) ?? service],
		);
	}

	return {
		id: 'cluster',
		enabled: (state) => state.focus.clusterArn !== undefined,
		async run(signal) {
			const state = ctx.read();
			const clusterArn = state.focus.clusterArn;
			if (clusterArn === undefined) return;
			const now = ctx.now();
			let services: Service[];
			if (sweepDue(state, clusterArn, now)) {
				services = await fetchAll(clusterArn, signal);
				sweep = {
					clusterArn,
					at: now,
					calls: serviceSweepCalls(services.length),
					refreshRequests: state.refreshRequests,
				};
			} else {
				const held = state.clusterViews[clusterArn]?.services ?? [];
				services = await fetchOnScreen(clusterArn, held, signal);
			}
			signal.throwIfAborted();
			ctx.write((current) => {
				const before = current.clusterViews[clusterArn] ?? emptyClusterView;
				const next = reuseList(
					before.services,
					sortedBy(services, (s) => s.name),
					(s) => s.arn,
				);
				if (next === before.services && current.clusterViews[clusterArn] !== undefined) return {};
				const view: ClusterView = {...before, services: next};
				return {clusterViews: {...current.clusterViews, [clusterArn]: view}};
			});
			// Same refresh, not one interval later: task definitions of what is new.
			ctx.wake('task-definitions');
		},
	};
}
