/**
 * The focused cluster's services. Every refresh, the services on screen: one DescribeServices
 * call (10 services) with the selected service and, in turn, the others in view, so each row on
 * screen is at most a few refreshes old and the selected one (whose tasks are shown) one.
 *
 * The whole list is read on the first load of a cluster and on the user's refresh. Otherwise it
 * is swept a call at a time beside those: a ListServices page, then the services not on screen,
 * 10 a call, at most SWEEP_CALLS_PER_MINUTE on average and never more than one call a refresh,
 * starting again SERVICES_SWEEP_EVERY refreshes after the last sweep began at the soonest. A
 * small cluster is swept every minute; 2,000 services (220 calls) in about half an hour, where
 * reading them every refresh would be 2,640 calls a minute, far past what AWS lets an account
 * spend, and sweeping them all at once 220 calls in one minute.
 *
 * The calls are made through cluster-fetch.ts, as `--once` makes them; this tier decides which
 * are due, and keeps the list sorted and its unchanged services the same objects.
 */
import type {Described} from '../../model/failure.js';
import type {Service} from '../../model/service.js';
import type {ClusterView, FleetState} from '../fleet-store.js';
import {schedulerInterval, SERVICES_SWEEP_EVERY, SWEEP_CALLS_PER_MINUTE} from '../poll-cadences.js';
import {fetchServicePage, fetchServices, fetchServicesByArn} from '../cluster-fetch.js';
import {type FleetTier, type TierContext} from './context.js';
import {describeCounted} from './first-load.js';
import {emptyClusterView} from './instances.js';
import {reuseList, sortedBy} from './reuse.js';

/** Services counted in on a first load this many at a time (10 calls). */
const progressPart = 100;

/** DescribeServices takes 10 services a call: the services on screen described per refresh. */
export const SERVICES_ON_SCREEN_PER_RUN = 10;
/** A sweep of the whole list begins at least this many refreshes after the last one began. */
export {SERVICES_SWEEP_EVERY};
/** And spends at most this many calls a minute, however large the cluster. */
export {SWEEP_CALLS_PER_MINUTE};

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

/** A sweep of one cluster's list, a call at a time. */
type Sweep = {
	readonly clusterArn: string;
	/** When the sweep began (its listing's first page). */
	startedAt: number;
	/** The listing: the next page's token and what the pages so far held; done once undefined. */
	listing: {token: string | undefined; found: string[]} | undefined;
	/** Services still to describe in this sweep. */
	pending: string[];
	/** Sweep calls that may be made now (a token bucket filled at SWEEP_CALLS_PER_MINUTE). */
	allowance: number;
	allowanceAt: number;
	refreshRequests: number;
};

/** The most sweep calls saved up: a sweep never bursts. */
const maxAllowance = 1;

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
	const others =
		inView.length > 0 ? inView : held.map((s) => s.arn).filter((arn) => arn !== selected);
	const first = selected !== undefined && heldArns.has(selected) ? [selected] : [];
	const room = SERVICES_ON_SCREEN_PER_RUN - first.length;
	if (others.length <= room) return [...first, ...others];
	const start = (turn * room) % others.length;
	const picked = others.slice(start, start + room);
	if (picked.length < room) picked.push(...others.slice(0, room - picked.length));
	return [...first, ...picked];
}

export function createClusterTier(ctx: TierContext): FleetTier {
	const {ecs} = ctx.adapters;
	let sweep: Sweep | undefined;
	let turn = 0;

	/** The whole list is read now: a new cluster, or the user asked. */
	function wholeListDue(state: FleetState, clusterArn: string): boolean {
		const held = state.clusterViews[clusterArn];
		if (held === undefined || held.services.length === 0) return true;
		return (
			sweep === undefined ||
			sweep.clusterArn !== clusterArn ||
			sweep.refreshRequests !== state.refreshRequests
		);
	}

	async function fetchAll(clusterArn: string, signal: AbortSignal): Promise<Service[]> {
		const held = ctx.read().clusterViews[clusterArn];
		const options = {
			firstLoad: held === undefined || held.services.length === 0,
			part: progressPart,
			signal,
		};
		const fetched = await fetchServices(ecs, clusterArn, {
			hadItems: (held?.services.length ?? 0) > 0,
			signal,
			describe: (arns, describe) => describeCounted(ctx, 'services', arns, options, describe),
		});
		return [...fetched.items];
	}

	/** The held list with `described` in it; MISSING ones dropped, and with a listing, unlisted. */
	function merged(
		held: readonly Service[],
		described: Described<Service>,
		listed: ReadonlySet<string> | undefined,
	): Service[] {
		const fresh = new Map(described.items.map((service) => [service.arn, service]));
		const gone = new Set(
			described.failures.filter((f) => f.reason === 'MISSING').map((f) => f.arn ?? ''),
		);
		const kept = held.flatMap((service) =>
			gone.has(service.arn) || (listed !== undefined && !listed.has(service.arn))
				? []
				: [fresh.get(service.arn) ?? service],
		);
		const heldArns = new Set(held.map((service) => service.arn));
		for (const service of described.items) if (!heldArns.has(service.arn)) kept.push(service);
		return kept;
	}

	/** One call of the sweep, if its allowance has one: a list page or a describe of 10. */
	async function sweepStep(
		clusterArn: string,
		state: FleetState,
		now: number,
		onScreen: readonly string[],
		signal: AbortSignal,
	): Promise<{described?: Described<Service>; listed?: ReadonlySet<string>} | undefined> {
		const current = sweep!;
		current.allowance = Math.min(
			maxAllowance,
			current.allowance + ((now - current.allowanceAt) / 60_000) * SWEEP_CALLS_PER_MINUTE,
		);
		current.allowanceAt = now;
		if (current.allowance < 1) return undefined;
		const sweepEvery = SERVICES_SWEEP_EVERY * state.refreshMs;
		if (current.listing === undefined && current.pending.length === 0) {
			if (now - current.startedAt < sweepEvery) return undefined;
			current.startedAt = now;
			current.listing = {token: undefined, found: []};
		}
		current.allowance -= 1;
		if (current.listing !== undefined) {
			const page = await fetchServicePage(ecs, clusterArn, current.listing.token, {signal});
			current.listing.found.push(...page.arns);
			if (page.next !== undefined) {
				current.listing.token = page.next;
				return undefined;
			}
			const found = current.listing.found;
			current.listing = undefined;
			const held = state.clusterViews[clusterArn]?.services ?? [];
			// An empty listing where there were services is not believed (first-load.ts): the next
			// sweep asks again.
			if (found.length === 0 && held.length > 0) return undefined;
			const heldArns = new Set(held.map((service) => service.arn));
			const skip = new Set(onScreen);
			// New services first: they are not on screen at all yet.
			current.pending = [
				...found.filter((arn) => !heldArns.has(arn)),
				...found.filter((arn) => heldArns.has(arn) && !skip.has(arn)),
			];
			return {listed: new Set(found)};
		}
		const batch = current.pending.splice(0, SERVICES_ON_SCREEN_PER_RUN);
		return {described: await fetchServicesByArn(ecs, clusterArn, batch, {signal})};
	}

	return {
		id: 'cluster',
		...schedulerInterval('cluster'),
		enabled: (state) => state.focus.clusterArn !== undefined,
		async run(signal) {
			const state = ctx.read();
			const clusterArn = state.focus.clusterArn;
			if (clusterArn === undefined) return;
			const now = ctx.now();
			const apply = (update: (held: readonly Service[]) => Service[]) =>
				ctx.write((current) => {
					const before = current.clusterViews[clusterArn] ?? emptyClusterView;
					const next = reuseList(
						before.services,
						sortedBy(update(before.services), (s) => s.name),
						(s) => s.arn,
					);
					if (next === before.services && current.clusterViews[clusterArn] !== undefined) return {};
					const view: ClusterView = {...before, services: next};
					return {clusterViews: {...current.clusterViews, [clusterArn]: view}};
				});
			if (wholeListDue(state, clusterArn)) {
				const services = await fetchAll(clusterArn, signal);
				signal.throwIfAborted();
				sweep = {
					clusterArn,
					startedAt: now,
					listing: undefined,
					pending: [],
					allowance: 0,
					allowanceAt: now,
					refreshRequests: state.refreshRequests,
				};
				apply(() => services);
			} else {
				const held = state.clusterViews[clusterArn]?.services ?? [];
				const onScreen = servicesOnScreen(state, held, turn++);
				const [screen, step] = await Promise.all([
					onScreen.length === 0
						? undefined
						: fetchServicesByArn(ecs, clusterArn, onScreen, {signal}),
					sweepStep(clusterArn, state, now, onScreen, signal),
				]);
				signal.throwIfAborted();
				apply((current) => {
					let next = [...current];
					if (screen !== undefined) next = merged(next, screen, undefined);
					if (step?.described !== undefined) next = merged(next, step.described, undefined);
					if (step?.listed !== undefined)
						next = merged(next, {items: [], failures: []}, step.listed);
					return next;
				});
			}
			// Same refresh, not one interval later: task definitions of what is new.
			ctx.wake('task-definitions');
			// A service that just began to fail: its stopped tasks say why, this refresh.
			ctx.wake('problem-tasks');
		},
	};
}
