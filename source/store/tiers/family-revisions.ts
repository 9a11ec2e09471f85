/**
 * One family's revisions, for a revision list (`U`'s picker, a family opened in `:td`): listed
 * with ListTaskDefinitions by family prefix only while such a list is open, and slowly after the
 * first run (a family changes when someone registers a revision). The revisions themselves are
 * described by the task-definitions tier, the newest first (revisionsToDescribe).
 */
import {taskDefinitionName} from '../../model/arn.js';
import type {FleetState} from '../fleet-store.js';
import {schedulerInterval} from '../poll-cadences.js';
import type {FleetTier, TierContext} from './context.js';

/** How many of a family's newest revisions a list describes: the rest load when selected. */
export const DESCRIBED_REVISIONS = 20;

function familyOf(arn: string): string {
	const name = taskDefinitionName(arn);
	const colon = name.lastIndexOf(':');
	return colon === -1 ? name : name.slice(0, colon);
}

export function revisionNumber(arn: string): number {
	const name = taskDefinitionName(arn);
	const revision = Number(name.slice(name.lastIndexOf(':') + 1));
	return Number.isInteger(revision) ? revision : -1;
}

/**
 * The family's own revisions among a prefix listing (`api` also lists `api-gateway`), newest
 * first by number (`web:10` is newer than `web:9`).
 */
export function revisionsOfFamily(arns: readonly string[], family: string): string[] {
	return arns
		.filter((arn) => familyOf(arn) === family)
		.sort((a, b) => revisionNumber(b) - revisionNumber(a));
}

/** What a revision list wants described: the pinned ones, then the newest of the family. */
export function revisionsToDescribe(state: FleetState): string[] {
	if (state.revisionFamily === undefined) return [];
	const listed = state.familyRevisions[state.revisionFamily] ?? [];
	return [...state.pinnedRevisions, ...listed.slice(0, DESCRIBED_REVISIONS)];
}

export function createFamilyRevisionsTier(ctx: TierContext): FleetTier {
	return {
		id: 'family-revisions',
		enabled: (state) => state.revisionFamily !== undefined,
		...schedulerInterval('family-revisions'),
		async run(signal) {
			const family = ctx.read().revisionFamily;
			if (family === undefined) return;
			const listed = await ctx.adapters.ecs.listTaskDefinitionArns({
				familyPrefix: family,
				status: 'ACTIVE',
				sort: 'DESC',
			});
			signal.throwIfAborted();
			const arns = revisionsOfFamily(listed, family);
			ctx.write((state) => {
				const held = state.familyRevisions[family];
				const same =
					held !== undefined &&
					held.length === arns.length &&
					held.every((arn, index) => arn === arns[index]);
				return same ? {} : {familyRevisions: {...state.familyRevisions, [family]: arns}};
			});
		},
	};
}
